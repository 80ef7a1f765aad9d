/**
 * Runs a do-file's statements in order, as Stata would: macros are substituted before each command is read,
 * `foreach` and `forvalues` loops over known lists are unrolled (a bounded number of times), `while` bodies run
 * once, programs run when called (never re-entered), and each command's handler updates the dataset and the
 * dataflow model. Every command run counts against a step budget, so the work is bounded whatever the input.
 */
import { runStatsby, statsbyPrefix } from './commands/statsby';
import { addOutput } from '../../dataflow/builder';
import type { FrameEvent, Span } from '../../dataflow/model';
import { describeError } from '../../util/errors';
import type { Statement } from './syntax/ast';
import type { Token } from './syntax/lexer';
import { expandTokens, hasMacros, MacroEnv, tokensText } from './syntax/macros';
import { parseCommand } from './syntax/parser';
import { rangeText } from './commands/common';
import { dispatch } from './commands/registry';
import { inFrame } from './commands/sources';
import { resolveImplied, resolveVarlist } from './resolve';
import { deriveDataset, type CommandContext, type StataState } from './state';

/** Commands run in all, loops unrolled included. */
export const MAX_STEPS = 200_000;
/** Iterations of one loop that are unrolled; a longer loop runs once with its variable unknown. */
export const MAX_ITERATIONS = 500;
/** Programs calling programs, at most this deep. */
const MAX_CALL_DEPTH = 16;

export function run(state: StataState, statements: readonly Statement[], quiet: boolean, depth: number): void {
  for (const statement of statements) {
    if (state.steps <= 0) {
      state.stoppedAt ??= { start: statement.command.start, end: statement.command.end };
      return;
    }
    state.steps--;
    try {
      runStatement(state, statement, quiet, depth);
    } catch (error) {
      // One command that cannot be read must not stop the rest of the file from being checked.
      state.builder.incomplete.push({ start: statement.command.start, end: statement.command.end, reason: describeError(error) });
      state.dataset = deriveDataset(state, statement.command, { certain: false });
    }
  }
}

function runStatement(state: StataState, statement: Statement, quiet: boolean, depth: number): void {
  const raw = statement.command;
  if (!state.before.has(raw.start)) state.before.set(raw.start, state.dataset);
  if (statement.program !== undefined) {
    state.programs.set(statement.program, statement.body ?? []);
    return;
  }
  const tokens = hasMacros(raw.tokens) ? expandTokens(raw.tokens, state.macros) : raw.tokens;
  const cmd = tokens === raw.tokens ? raw : parseCommand(tokens, raw.start, raw.end);
  const isQuiet = cmd.prefixes.some((p) => p.kind === 'noisily') ? false : quiet || cmd.prefixes.some((p) => p.kind === 'quietly');
  const base: CommandContext = { cmd, tokens, quiet: isQuiet, by: [], byOpen: false, span: { start: raw.start, end: raw.end }, captured: cmd.prefixes.some((p) => p.kind === 'capture'), ...(state.surveyWeighted === true && cmd.prefixes.some((p) => p.kind === 'svy') ? { surveyWeighted: true } : {}) };
  let ctx = base;
  const by = cmd.prefixes.find((p) => p.kind === 'by');
  if (by !== undefined && by.kind === 'by') {
    // In a dataset whose variables are not all known (one `use`d from a file), a plain name in `by` is one of them.
    const resolved = resolveImplied(state, base, by.vars);
    if (by.sortVars !== undefined) resolveVarlist(state, base, by.sortVars);
    ctx = { ...base, by: resolved.vars, byOpen: !resolved.complete };
  }
  if (statement.body !== undefined) {
    runBlock(state, ctx, statement.body, isQuiet, depth);
    return;
  }
  const statsby = statsbyPrefix(ctx);
  const execute = (): void => {
    if (statsby !== undefined) runStatsby(state, ctx, statsby, (quiet) => runCommand(state, quiet, depth));
    else runCommand(state, ctx, depth);
  };
  const frame = cmd.prefixes.find((p) => p.kind === 'frame');
  if (frame !== undefined && frame.kind === 'frame' && frame.name !== undefined) {
    inFrame(state, frame.name, execute);
    return;
  }
  execute();
}

function runCommand(state: StataState, ctx: CommandContext, depth: number): void {
  const name = ctx.cmd.name;
  if (name === '' || name === 'else' || name === 'if') return;
  if (name === 'args') {
    programArgs(state, ctx);
    return;
  }
  if (name === 'local' || name === 'global' || name === 'tempfile' || name === 'tempvar' || name === 'tempname' || name === 'scalar' || name === 'macro') {
    defineMacro(state, ctx);
    return;
  }
  if (name === 'set' && /^varabbrev$/i.test(ctx.tokens[ctx.cmd.args.from]?.value ?? '')) {
    const value = ctx.tokens[ctx.cmd.args.from + 1]?.value.toLowerCase();
    if (value === 'off') state.varabbrev = false;
    if (value === 'on') state.varabbrev = true;
    return;
  }
  // `r()` holds the results of the last r-class command; any command but these may replace them.
  if (name !== 'summarize' && name !== 'display' && name !== 'di') state.summarized = undefined;
  const written = ctx.tokens[ctx.cmd.nameIndex ?? 0]?.value ?? name;
  if (helper(state, ctx, written)) return;
  const program = state.programs.get(written);
  if (program !== undefined && !state.running.has(written) && depth < MAX_CALL_DEPTH) {
    const outer = state.macros;
    state.macros = outer.forProgram();
    setArguments(state, ctx);
    state.running.add(written);
    const firstOutput = state.builder.outputs.length;
    try {
      run(state, program, ctx.quiet, depth + 1);
      atCall(state, firstOutput, ctx.span);
    } finally {
      state.running.delete(written);
      // Globals the program set stay set; its locals go.
      for (const [k, v] of state.macros.globals) outer.globals.set(k, v);
      state.macros = outer;
    }
    return;
  }
  if (dispatch(state, ctx)) return;
  // A command the analysis does not know may change the data, so the variables are no longer certain.
  state.dataset = deriveDataset(state, ctx.span, { certain: false });
}

/**
 * A program sees what it was called with as its locals: `0` is all of it, and `1`, `2`, … the words (a quoted string
 * is one word), so `round5 n` runs `replace \`1' = round(\`1', 5)` on `n`. Arguments are known only when written
 * plainly; one made of an unknown macro leaves the positions unknown.
 */
function setArguments(state: StataState, ctx: CommandContext): void {
  const { from, to } = ctx.cmd.args;
  const tokens = ctx.tokens.slice(from, to);
  const known = tokens.every((t) => t.kind !== 'macro');
  const raw = ctx.tokens[from] !== undefined && ctx.tokens[to - 1] !== undefined ? tokensText(tokens) : '';
  state.macros.locals.set('0', known ? raw : undefined);
  if (!known) return;
  const words = raw.match(/"[^"]*"|[^\s]+/g) ?? [];
  words.forEach((word, i) => state.macros.locals.set(String(i + 1), word.replace(/^"(.*)"$/, '$1')));
}

/** `args a b c` in a program: the names stand for the program's first, second and third words. */
function programArgs(state: StataState, ctx: CommandContext): void {
  for (let i = ctx.cmd.args.from, n = 1; i < ctx.cmd.args.to; i++, n++) {
    const t = ctx.tokens[i]!;
    if (t.kind !== 'word') break;
    state.macros.locals.set(t.value, state.macros.locals.get(String(n)));
  }
}

/**
 * What a program shows or writes, it shows or writes when it is called: each output made by the call is placed at
 * the calling command, which is also what tells two calls of one program apart (`save_table "a.csv"` and, after
 * `keep if …`, `save_table "b.csv"`). Where a statistic is computed inside the program stays where it is written.
 */
function atCall(state: StataState, firstOutput: number, call: Span): void {
  const outputs = state.builder.outputs;
  for (let i = firstOutput; i < outputs.length; i++) outputs[i] = { ...outputs[i]!, span: call };
}

/** A configured suppression or rounding helper called as a command: `sdc_suppress n, threshold(10)`. */
function helper(state: StataState, ctx: CommandContext, written: string): boolean {
  const lower = written.toLowerCase();
  const suppression = state.config.suppressionHelpers.some((h) => h.toLowerCase() === lower);
  const rounding = state.config.roundingHelpers.some((h) => h.toLowerCase() === lower);
  if (!suppression && !rounding) return false;
  resolveVarlist(state, ctx, ctx.cmd.args);
  const events: FrameEvent[] = suppression
    ? [{ kind: 'helper', span: ctx.span, name: written }]
    : [{ kind: 'round', span: ctx.span, base: state.config.parameters.roundingBase, trusted: true }];
  state.dataset = deriveDataset(state, ctx.span, { events });
  return true;
}

function runBlock(state: StataState, ctx: CommandContext, body: readonly Statement[], quiet: boolean, depth: number): void {
  const name = ctx.cmd.name;
  if (name === 'foreach' || name === 'forvalues') {
    const loop = loopItems(state, ctx);
    const saved = state.macros.locals.get(loop.variable ?? '');
    if (loop.variable === undefined || loop.items === undefined || loop.items.length > MAX_ITERATIONS) {
      if (loop.variable !== undefined) state.macros.locals.set(loop.variable, undefined);
      run(state, body, quiet, depth + 1);
      return;
    }
    for (const item of loop.items) {
      if (state.steps <= 0) {
        state.stoppedAt ??= { start: ctx.span.start, end: ctx.span.end };
        return;
      }
      state.macros.locals.set(loop.variable, item);
      run(state, body, quiet, depth + 1);
    }
    if (saved === undefined) state.macros.locals.delete(loop.variable);
    return;
  }
  // `if`, `else`, `while`, `quietly {`, `capture {`, a bare `{`: the body runs once.
  run(state, body, quiet, depth + 1);
}

/** The loop variable and the values it takes, when they are known. */
function loopItems(state: StataState, ctx: CommandContext): { variable?: string; items?: string[] } {
  const tokens = ctx.tokens;
  const cmd = ctx.cmd;
  const first = tokens[cmd.args.from];
  if (first?.kind !== 'word') return {};
  const variable = first.value;
  if (cmd.name === 'forvalues') {
    const eq = tokens.findIndex((t, i) => i > cmd.args.from && t.kind === 'equals');
    if (eq < 0) return { variable };
    const items = numlist(rangeText(tokens, { from: eq + 1, to: cmd.args.to }).replace(/\s+/g, ''));
    return items !== undefined ? { variable, items } : { variable };
  }
  const mode = tokens[cmd.args.from + 1]?.value.toLowerCase();
  const rest = { from: cmd.args.from + (mode === 'of' ? 3 : 2), to: cmd.args.to };
  if (rest.from > rest.to) return { variable };
  if (mode === 'in') return { variable, ...knownItems(tokens, rest) };
  if (mode !== 'of') return { variable };
  const kind = tokens[cmd.args.from + 2]?.value.toLowerCase() ?? '';
  if (kind === 'varlist' || kind === 'var') {
    const resolved = resolveVarlist(state, ctx, rest);
    return resolved.complete ? { variable, items: resolved.vars.map((v) => v.name) } : { variable };
  }
  if (kind === 'newlist' || kind === 'newvarlist') return { variable, ...knownItems(tokens, rest) };
  if (kind === 'numlist') {
    const items: string[] = [];
    for (const part of rangeText(tokens, rest).split(/\s+/).filter((p) => p.length > 0)) {
      const values = numlist(part);
      if (values === undefined) return { variable };
      items.push(...values);
    }
    return { variable, items };
  }
  if (kind === 'local' || kind === 'global') {
    const name = tokens[rest.from]?.value;
    if (name === undefined) return { variable };
    const value = kind === 'local' ? state.macros.locals.get(name) : state.macros.globals.get(name);
    return value !== undefined ? { variable, items: value.split(/\s+/).filter((v) => v.length > 0) } : { variable };
  }
  return { variable };
}

function knownItems(tokens: readonly Token[], range: { from: number; to: number }): { items?: string[] } {
  const items: string[] = [];
  let current = '';
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'macro') return {};
    if (i > range.from && t.spaced && current !== '') {
      items.push(current);
      current = '';
    }
    current += t.value;
  }
  if (current !== '') items.push(current);
  return { items };
}

/** `1/10`, `1(2)9`, `2010(1)2015`, `10(-1)1`, `5`; undefined when not a plain numlist. */
export function numlist(text: string): string[] | undefined {
  let m = /^(-?\d+)\/(-?\d+)$/.exec(text);
  let from: number;
  let to: number;
  let step = 1;
  if (m) {
    from = Number(m[1]);
    to = Number(m[2]);
    step = from <= to ? 1 : -1;
  } else {
    m = /^(-?\d+(?:\.\d+)?)\((-?\d+(?:\.\d+)?)\)(-?\d+(?:\.\d+)?)$/.exec(text);
    if (m) {
      from = Number(m[1]);
      step = Number(m[2]);
      to = Number(m[3]);
    } else if (/^-?\d+(?:\.\d+)?$/.test(text)) return [text];
    else return undefined;
  }
  if (step === 0 || (to - from) / step > MAX_ITERATIONS) return Array.from({ length: MAX_ITERATIONS + 1 }, () => '');
  const out: string[] = [];
  for (let v = from; step > 0 ? v <= to + 1e-9 : v >= to - 1e-9; v += step) out.push(String(Math.round(v * 1e6) / 1e6));
  return out;
}

/** `local x …`, `global X …`, `tempfile f`, `tempvar v`, `scalar s = …`. */
function defineMacro(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  const name = cmd.name;
  if (name === 'tempfile' || name === 'tempvar' || name === 'tempname') {
    for (let i = cmd.args.from; i < cmd.args.to; i++) {
      const t = tokens[i]!;
      // Each temporary name gets a stand-in that is the same wherever it is used, so a saved tempfile is known when merged.
      if (t.kind === 'word') state.macros.locals.set(t.value, `__${name}_${t.value}`);
    }
    return;
  }
  if (name === 'scalar') {
    let i = cmd.args.from;
    if (/^def(i(ne?)?)?$/i.test(tokens[i]?.value ?? '')) i++;
    const t = tokens[i];
    if (t?.kind === 'word') state.scalars.add(t.value);
    return;
  }
  if (name === 'macro') return;
  const target = name === 'local' ? state.macros.locals : state.macros.globals;
  const nameToken = tokens[cmd.args.from];
  if (nameToken === undefined || nameToken.kind !== 'word') {
    // `local ++i`, `local `x'`: the macro is changed in a way not followed.
    const named = tokens.slice(cmd.args.from, cmd.args.to).find((t) => t.kind === 'word');
    if (named !== undefined) target.set(named.value, undefined);
    return;
  }
  const valueTokens = tokens.slice(cmd.args.from + 1, Math.max(cmd.args.from + 1, tokens.length - (cmd.opensBlock ? 1 : 0)));
  const first = valueTokens[0];
  if (first === undefined) {
    target.set(nameToken.value, '');
    return;
  }
  if (nameToken.end === first.start && first.kind !== 'equals' && first.kind !== 'colon') {
    // `local i++` and names glued to something else.
    target.set(nameToken.value, undefined);
    return;
  }
  if (first.kind === 'colon' || valueTokens.some((t) => t.kind === 'macro')) {
    target.set(nameToken.value, undefined);
    return;
  }
  if (first.kind === 'equals') {
    const exp = valueTokens.slice(1);
    if (exp.length === 1 && (exp[0]!.kind === 'string' || exp[0]!.kind === 'number')) target.set(nameToken.value, exp[0]!.value);
    else target.set(nameToken.value, undefined);
    return;
  }
  if (valueTokens.length === 1 && first.kind === 'string') {
    target.set(nameToken.value, first.value);
    if (!first.synthetic && first.contentStart !== undefined && first.contentEnd !== undefined) {
      state.macros.literals.set(`${name === 'local' ? 'l' : 'g'}:${nameToken.value}`, { start: first.contentStart, end: first.contentEnd });
    }
    return;
  }
  target.set(nameToken.value, tokensText(valueTokens));
}

/** Writes every model fit run quietly but never written out: nothing, since nobody sees it. */
export function finish(state: StataState): void {
  state.quietModels.length = 0;
  void addOutput;
  void MacroEnv;
}
