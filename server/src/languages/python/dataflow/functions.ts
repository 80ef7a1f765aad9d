/**
 * The script's own functions, followed where they are called: `def destination_table(frame): …` called as
 * `destination_table(dest[dest["fsm"] == 1])` runs its body with `frame` bound to the argument, so the tables it
 * builds, the guards and zero-fills in it and the outputs it writes are those of that call. A function is followed
 * at most `MAX_DEPTH` calls deep and never into itself, and all calls together read at most
 * `MAX_INLINED_STATEMENTS` statements of function bodies; past that a call's result is unknown (the checks stay
 * silent about it) and one note says so.
 */
import { field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import type { PyCall } from '../syntax/calls';
import { type PyState, type PyValue, UNKNOWN } from './state';

const MAX_DEPTH = 4;
export const MAX_INLINED_STATEMENTS = 20_000;

/** Records every top-level `def` (a later one of the same name replaces an earlier, as it does in Python). */
export function collectFunctions(state: PyState, statements: readonly PyNode[]): void {
  for (const statement of statements) {
    if (statement.type !== 'function_definition') continue;
    const name = field(statement, 'name');
    if (name !== undefined) state.functions.set(state.text.slice(name.start, name.end), statement);
  }
}

/** What the inliner needs of the evaluator. */
export interface FunctionRunner {
  readonly state: PyState;
  evaluate(node: PyNode | undefined): PyValue;
  /** Runs a body's statements, collecting the values its `return` statements give. */
  runBody(body: PyNode): PyValue[];
  merge(values: readonly PyValue[], node: PyNode): PyValue;
}

/**
 * The value of a call of one of the script's functions, or undefined when it is not followed (not the script's,
 * recursive, too deep, over budget, or called with `*args`/`**kwargs`). The caller's variables are restored after
 * the body has run: a function's locals do not outlive its call.
 */
export function callLocalFunction(runner: FunctionRunner, call: PyCall, piped?: { readonly name: string; readonly data: PyValue }): PyValue | undefined {
  const state = runner.state;
  const name = piped?.name ?? call.name;
  const definition = call.receiver === undefined || piped !== undefined ? state.functions.get(name) : undefined;
  if (definition === undefined || state.localRounding.has(name) || call.splat) return undefined;
  const inlining = state.inlining;
  if (inlining.active.includes(name) || inlining.active.length >= MAX_DEPTH) return undefined;
  const body = field(definition, 'body');
  if (body === undefined) return undefined;
  const size = countStatements(body);
  if (inlining.statements + size > MAX_INLINED_STATEMENTS) {
    if (!inlining.exhausted) {
      inlining.exhausted = true;
      state.builder.incomplete.push({
        start: call.node.start,
        end: call.node.end,
        reason: `the script's functions were followed through ${MAX_INLINED_STATEMENTS.toLocaleString('en-GB')} statements of their bodies; calls after this one were not followed`,
      });
    }
    return undefined;
  }
  // `frame.pipe(table, "la")` calls `table(frame, "la")`: the frame comes first, then the other arguments.
  const positional = piped !== undefined ? [piped.data, ...call.positional.slice(1).map((node) => runner.evaluate(node))] : call.positional.map((node) => runner.evaluate(node));
  const bound = bindParameters(runner, definition, call, positional);
  if (bound === undefined) return undefined;
  inlining.statements += size;
  const saved = new Map(state.env);
  for (const [name, value] of bound) state.env.set(name, value);
  inlining.active.push(name);
  let returned: PyValue[];
  try {
    returned = runner.runBody(body);
  } finally {
    inlining.active.pop();
    state.env.clear();
    for (const [name, value] of saved) state.env.set(name, value);
  }
  if (returned.length === 0) return UNKNOWN;
  return runner.merge(returned, call.node);
}

/** Parameters bound to the call's arguments (evaluated in the caller's scope) or to their defaults. */
function bindParameters(runner: FunctionRunner, definition: PyNode, call: PyCall, positional: readonly PyValue[]): Map<string, PyValue> | undefined {
  const text = runner.state.text;
  const keywords = new Map<string, PyValue>();
  for (const arg of call.args) if (arg.name !== undefined) keywords.set(arg.name, runner.evaluate(arg.value));
  const bound = new Map<string, PyValue>();
  let index = 0;
  for (const parameter of namedChildren(field(definition, 'parameters'))) {
    if (parameter.type === 'identifier') {
      const name = text.slice(parameter.start, parameter.end);
      bound.set(name, keywords.get(name) ?? positional[index] ?? UNKNOWN);
      index++;
      continue;
    }
    if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
      const nameNode = field(parameter, 'name');
      if (nameNode === undefined) return undefined;
      const name = text.slice(nameNode.start, nameNode.end);
      bound.set(name, keywords.get(name) ?? positional[index] ?? runner.evaluate(field(parameter, 'value')));
      index++;
      continue;
    }
    if (parameter.type === 'typed_parameter') {
      const nameNode = unparen(namedChildren(parameter)[0]);
      if (nameNode?.type !== 'identifier') return undefined;
      const name = text.slice(nameNode.start, nameNode.end);
      bound.set(name, keywords.get(name) ?? positional[index] ?? UNKNOWN);
      index++;
      continue;
    }
    // `*args`, `**kwargs`, `/` and `*`: what they hold is not followed.
    if (parameter.type === 'keyword_separator' || parameter.type === 'positional_separator') continue;
    return undefined;
  }
  return bound;
}

function countStatements(body: PyNode): number {
  let count = 0;
  const stack: PyNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    for (const child of namedChildren(node)) if (child.type === 'block' || child.type.endsWith('_statement') || child.type.endsWith('_clause')) stack.push(child);
  }
  return count;
}
