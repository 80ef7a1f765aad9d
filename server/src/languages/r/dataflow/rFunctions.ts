/**
 * The script's own R functions, followed where they are called: `read_year <- function(yy) dbGetQuery(con, …)`
 * called as `read_year(17)` runs its body with `yy` bound to the argument, so the frame it returns, the tables it
 * makes and the files it writes are those of that call. The iterating calls (`walk`, `map`, `map_dfr`, `lapply`,
 * `sapply`, `Map`) run the function they are given once, with its parameters unknown, as a loop body is read once.
 *
 * A function is a value in the variables (`{ kind: 'function' }`), bound where its definition runs, so a call
 * before the definition is not followed (R would fail there too) and the re-use of statements after an edit sees
 * a changed definition as a changed variable. Calls are followed at most `MAX_DEPTH` deep, never into a function
 * already running, and all calls together read at most `MAX_INLINED_NODES` nodes of bodies; past that a call's
 * value is unknown and one note says so. The body's own variables do not outlive the call.
 */
import type { RState, RValue } from './rState';
import { UNKNOWN } from './rState';
import type { RecordingLog } from './rReuse';
import { argsOf, callName, named, operatorOf, textOf, unparen, type RArg, type RNode } from './rTree';

const MAX_DEPTH = 4;
/** The deepest body followed, in tree levels. */
const MAX_BODY_DEPTH = 80;
export const MAX_INLINED_NODES = 200_000;

/** How far calls of the script's functions have been followed in this extraction. */
export interface RInlining {
  /** The functions running, innermost last. */
  readonly active: RNode[];
  /** Body nodes read so far, against `MAX_INLINED_NODES`. */
  nodes: number;
  /** True once a call was refused for the budget (its note is then in the model). */
  exhausted: boolean;
}

export function newInlining(): RInlining {
  return { active: [], nodes: 0, exhausted: false };
}

/** What the inliner needs of the extractor (passed in to avoid an import cycle). */
export interface RFunctionRunner {
  statement(node: RNode): void;
  evaluate(node: RNode | undefined): RValue;
}

/**
 * The functions R calls once per element of their data, where each takes its function: by name, or as the
 * positional argument `at` places after the data (`walk(xs, f)`: 0, `walk2(xs, ys, f)`: 1). `Map` and `mapply`
 * take the function first, where the caller reads the data argument, so for them it is that argument's value.
 */
interface Iterator {
  readonly fn: string;
  readonly at: number | 'data';
  readonly returnsInput?: boolean;
}
const PURRR = (at: number, returnsInput = false): Iterator => ({ fn: '.f', at, ...(returnsInput ? { returnsInput } : {}) });
const ITERATORS: Readonly<Record<string, Iterator>> = {
  walk: PURRR(0, true), walk2: PURRR(1, true), iwalk: PURRR(0, true), pwalk: PURRR(0, true),
  map: PURRR(0), map_dfr: PURRR(0), map_df: PURRR(0), map_dfc: PURRR(0), map2: PURRR(1), map2_dfr: PURRR(1), imap: PURRR(0), imap_dfr: PURRR(0),
  pmap: PURRR(0), pmap_dfr: PURRR(0), future_map: PURRR(0), future_map_dfr: PURRR(0),
  lapply: { fn: 'FUN', at: 0 }, sapply: { fn: 'FUN', at: 0 }, vapply: { fn: 'FUN', at: 0 }, Map: { fn: 'f', at: 'data' }, mapply: { fn: 'FUN', at: 'data' },
};

export function isIterator(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(ITERATORS, name);
}

/**
 * The value of `f(args)` for a function the script defined and bound to `f`, or undefined when it is not followed.
 * `data` is the first argument (or the piped value) as the caller already evaluated it, with the argument it came
 * from; the other arguments are evaluated here, in the caller's variables.
 */
export function callScriptFunction(
  state: RState,
  runner: RFunctionRunner,
  definition: RNode,
  data: { readonly value: RValue; readonly from?: RArg },
  args: readonly RArg[],
): RValue | undefined {
  const values = new Map<string, RValue>();
  const parameters = parametersOf(state, definition);
  if (parameters === undefined) return undefined;
  const open = parameters.filter((p) => p.name !== '...');
  const bind = (name: string, value: RValue): void => {
    if (!values.has(name)) values.set(name, value);
  };
  if (data.from?.name !== undefined) bind(data.from.name, data.value);
  else if (data.from !== undefined || data.value.kind !== 'unknown') {
    const first = open.find((p) => !values.has(p.name));
    if (first !== undefined) bind(first.name, data.value);
  }
  for (const arg of args) {
    if (arg.value === undefined) continue;
    const value = runner.evaluate(arg.value);
    if (arg.name !== undefined) bind(arg.name, value);
    else {
      const next = open.find((p) => !values.has(p.name));
      if (next !== undefined) bind(next.name, value);
    }
  }
  return run(state, runner, definition, parameters, values);
}

/**
 * `walk(years, \(y) { … })`, `map_dfr(years, read_year)`, `lapply(xs, function(x) …)`: the function runs once with
 * its parameters unknown. Its value stands for the result (a stacked frame for `map_dfr`); `walk` gives its input.
 */
export function iterate(state: RState, runner: RFunctionRunner, name: string, input: RValue, args: readonly RArg[]): RValue | undefined {
  const spec = ITERATORS[name];
  if (spec === undefined) return undefined;
  const positional = args.filter((a) => a.name === undefined);
  const fnArg = args.find((a) => a.name === spec.fn) ?? (spec.at === 'data' ? undefined : positional[spec.at]);
  const definition = fnArg !== undefined ? functionOf(state, fnArg.value) : input.kind === 'function' ? input.node : undefined;
  if (definition === undefined) return undefined;
  for (const arg of args) if (arg !== fnArg && arg.value !== undefined) runner.evaluate(arg.value);
  const parameters = parametersOf(state, definition);
  if (parameters === undefined) return undefined;
  const result = run(state, runner, definition, parameters, new Map());
  if (result === undefined) return undefined;
  return spec.returnsInput === true ? input : result;
}

/** The function an argument gives: written in place (`function(x) …`, `\(x) …`, `~ .x + 1`) or a bound name. */
function functionOf(state: RState, node: RNode | undefined): RNode | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  if (bare.type === 'function_definition') return bare;
  if (bare.type === 'unary_operator' && operatorOf(bare, state.text) === '~') return bare;
  if (bare.type === 'identifier' && state.functionNames.has(textOf(state.text, bare))) {
    const bound = (state.env as RecordingLog<RValue>).get(textOf(state.text, bare));
    return bound?.kind === 'function' ? bound.node : undefined;
  }
  return undefined;
}

interface Parameter {
  readonly name: string;
  readonly default?: RNode;
}

/** The parameters of a definition; a formula (`~ .x`) takes `.x`, `.y` and `.`. */
function parametersOf(state: RState, definition: RNode): Parameter[] | undefined {
  if (definition.type === 'unary_operator') return [{ name: '.x' }, { name: '.y' }, { name: '.' }];
  const list = definition.children.find((c) => c.type === 'parameters');
  if (list === undefined) return [];
  const parameters: Parameter[] = [];
  for (const p of named(list)) {
    if (p.type !== 'parameter') continue;
    const name = p.children.find((c) => c.field === 'name');
    if (name === undefined) return undefined;
    const fallback = p.children.find((c) => c.field === 'default');
    parameters.push({ name: textOf(state.text, name), ...(fallback !== undefined ? { default: fallback } : {}) });
  }
  return parameters;
}

function bodyOf(definition: RNode): RNode | undefined {
  if (definition.type === 'unary_operator') return named(definition)[0];
  return definition.children.find((c) => c.field === 'body');
}

function run(state: RState, runner: RFunctionRunner, definition: RNode, parameters: readonly Parameter[], values: Map<string, RValue>): RValue | undefined {
  const inlining = state.inlining;
  if (inlining.active.includes(definition) || inlining.active.length >= MAX_DEPTH) return undefined;
  const body = bodyOf(definition);
  if (body === undefined) return undefined;
  const { size, depth } = measure(body);
  // The body is read on top of the caller's stack, so a deeply nested one is not followed: with the parse's own
  // nesting cap, that keeps every input within the stack however its calls nest.
  if (depth > MAX_BODY_DEPTH) return undefined;
  if (inlining.nodes + size > MAX_INLINED_NODES) {
    if (!inlining.exhausted) {
      inlining.exhausted = true;
      state.builder.incomplete.push({
        start: definition.start,
        end: definition.end,
        reason: `the script's functions were followed through ${MAX_INLINED_NODES.toLocaleString('en-GB')} nodes of their bodies; calls after that were not followed`,
      });
    }
    return undefined;
  }
  inlining.nodes += size;
  const env = state.env as RecordingLog<RValue>;
  env.pushScope();
  inlining.active.push(definition);
  try {
    for (const p of parameters) {
      const value = values.get(p.name) ?? (p.default !== undefined ? runner.evaluate(p.default) : UNKNOWN);
      env.set(p.name, value);
    }
    return result(state, runner, body);
  } finally {
    inlining.active.pop();
    env.popScope();
  }
}

/** The value of a body: its last expression (or what `return()` gives there), after the statements before it. */
function result(state: RState, runner: RFunctionRunner, body: RNode): RValue {
  const statements = body.type === 'braced_expression' ? named(body).filter((c) => c.type !== 'comment') : [body];
  const last = statements[statements.length - 1];
  for (const statement of statements.slice(0, -1)) runner.statement(statement);
  if (last === undefined) return UNKNOWN;
  const bare = unparen(last);
  const fn = bare?.type === 'call' ? callName(state.text, bare)?.name : undefined;
  if (fn === 'return' || fn === 'invisible') return runner.evaluate(argsOf(state.text, bare!)[0]?.value);
  if (bare?.type === 'binary_operator' && ['<-', '=', '<<-', '->'].includes(operatorOf(bare, state.text) ?? '')) {
    runner.statement(last);
    return UNKNOWN;
  }
  if (bare?.type === 'for_statement' || bare?.type === 'if_statement' || bare?.type === 'while_statement') {
    runner.statement(last);
    return UNKNOWN;
  }
  return runner.evaluate(last);
}

function measure(node: RNode): { size: number; depth: number } {
  let size = 0;
  let depth = 0;
  const stack: [RNode, number][] = [[node, 1]];
  while (stack.length > 0) {
    const [next, level] = stack.pop()!;
    size++;
    if (level > depth) depth = level;
    for (const child of next.children) stack.push([child, level + 1]);
  }
  return { size, depth };
}
