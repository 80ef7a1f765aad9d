/**
 * Guards in Python idiom: minimum-count filters (`df[df["n"] >= 10]`, `.loc[lambda t: t.n >= 10]`,
 * `.query("n >= 10")`), value suppression (`.where`, `.mask`, `np.where`, `df.loc[df.n < 10, "n"] = np.nan`),
 * rounding (`.round(-1)`, `(x / 5).round() * 5`, `5 * round(x / 5)`, configured helpers) and population filters.
 */
import { DOMINANCE_NAME } from '../../../dataflow/dominanceNames';
import { findColumn } from '../../../dataflow/builder';
import { isDirectIdentifier } from '../../../dataflow/facts';
import { COUNT_NAME, isCountColumn } from '../../../dataflow/lineage';
import type { Frame, FrameEvent, Rounding, Span } from '../../../dataflow/model';
import { descendants, field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { numberValue, operatorOf, readCall } from '../syntax/calls';
import { readColumn, stringLiteral } from './columns';
import { type PyState, spanOf } from './state';

export interface Comparison {
  readonly kind: 'at-least' | 'below';
  readonly threshold?: number;
  readonly column: string;
}

const FLIP: Readonly<Record<string, string>> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' };

/** True when the column counts units: a count statistic, or a name that says so (`n`, `pupils`, `count_x`). */
export function isCount(frame: Frame | undefined, name: string): boolean {
  const column = findColumn(frame, name);
  return column !== undefined ? isCountColumn(column) : COUNT_NAME.test(name);
}

/** A number, undefined for a variable that holds a threshold, `not-constant` for anything else. */
function thresholdOf(state: PyState, node: PyNode | undefined): number | undefined | 'not-constant' {
  const value = numberValue(state.text, node);
  if (value !== undefined) return value;
  const bare = unparen(node);
  if (bare?.type === 'identifier' || bare?.type === 'attribute') {
    const name = state.text.slice(bare.start, bare.end);
    const bound = state.env.get(name);
    if (bound?.kind === 'number') return bound.value;
    if (/thresh|min|limit|cutoff|suppress/i.test(name)) return undefined;
  }
  return 'not-constant';
}

/** Reads `count OP k` (either way round) as a guard comparison. */
export function comparison(state: PyState, frame: Frame | undefined, node: PyNode | undefined, frameNames: ReadonlySet<string>, bare = false): Comparison | undefined {
  const expr = unparen(node);
  if (expr?.type !== 'comparison_operator') return undefined;
  const parts = namedChildren(expr);
  if (parts.length !== 2) return undefined;
  const op = operatorOf(state.text, expr);
  if (op === undefined || !(op in FLIP)) return undefined;
  const left = readColumn(state, parts[0], frameNames, bare) ?? wholeTable(state, frame, parts[0], frameNames);
  const right = left === undefined ? readColumn(state, parts[1], frameNames, bare) ?? wholeTable(state, frame, parts[1], frameNames) : undefined;
  const series = left === undefined && right === undefined ? countSeries(state, frame, parts[0]) ?? countSeries(state, frame, parts[1]) : undefined;
  const column = left ?? right ?? series?.name;
  if (column === undefined || (series === undefined && !isCount(frame, column))) return undefined;
  const countOnLeft = left !== undefined || (series !== undefined && series.node === parts[0]);
  const constant = thresholdOf(state, countOnLeft ? parts[1] : parts[0]);
  if (constant === 'not-constant') return undefined;
  const normalised = countOnLeft ? op : FLIP[op]!;
  const atLeast = normalised === '>=' || normalised === '>';
  const threshold = constant === undefined ? undefined
    : normalised === '>=' || normalised === '<' ? Math.ceil(constant) : Math.floor(constant) + 1;
  return { kind: atLeast ? 'at-least' : 'below', column, ...(threshold !== undefined ? { threshold } : {}) };
}

/**
 * `rates[n_la >= 10]` where `n_la = cohort.groupby("la").size()`: a count per group kept apart from the table it
 * guards. It guards the table when it counts the same groups (the same keys), as a count column beside the
 * statistic would.
 */
function countSeries(state: PyState, frame: Frame | undefined, node: PyNode | undefined): { name: string; node: PyNode } | undefined {
  const bare = unparen(node);
  if (bare?.type !== 'identifier' || frame === undefined || frame.grain !== 'aggregate' || frame.groupKeys.length === 0) return undefined;
  const value = state.env.get(state.text.slice(bare.start, bare.end));
  const counts = value?.kind === 'column' ? value.frame : value?.kind === 'frame' ? value.frame : undefined;
  const count = value?.kind === 'column' ? value.column : counts?.columns.find((c) => c.statistic?.kind === 'count');
  if (counts === undefined || count?.statistic?.kind !== 'count' || counts.grain !== 'aggregate') return undefined;
  const keysOf = (f: Frame): string => f.groupKeys.map((k) => k.name.toLowerCase()).sort().join(',');
  return keysOf(counts) === keysOf(frame) ? { name: count.name, node: node! } : undefined;
}

/**
 * `ct >= 10` where `ct` is a table of counts itself (a crosstab): every cell is compared, so the comparison is
 * about its count column.
 */
function wholeTable(state: PyState, frame: Frame | undefined, node: PyNode | undefined, frameNames: ReadonlySet<string>): string | undefined {
  const bare = unparen(node);
  if (bare?.type !== 'identifier' || !frameNames.has(state.text.slice(bare.start, bare.end)) || frame?.grain !== 'aggregate') return undefined;
  return frame.columns.find((c) => c.statistic?.kind === 'count')?.name;
}

/** The conjuncts of a condition (`a & b`, `a and b`), or undefined under `|` / `or`. */
export function conjuncts(state: PyState, node: PyNode | undefined): PyNode[] | undefined {
  const expr = unparen(node);
  if (expr === undefined) return [];
  if (expr.type === 'boolean_operator' || expr.type === 'binary_operator') {
    const op = operatorOf(state.text, expr);
    if (op === 'and' || op === '&') {
      const left = conjuncts(state, field(expr, 'left'));
      const right = conjuncts(state, field(expr, 'right'));
      return left !== undefined && right !== undefined ? [...left, ...right] : undefined;
    }
    if (op === 'or' || op === '|') return undefined;
  }
  return [expr];
}

/** The events of a row filter: minimum-count guards and population filters; identifier literals are noted. */
export function conditionEvents(state: PyState, frame: Frame, node: PyNode, frameNames: ReadonlySet<string>): FrameEvent[] {
  const parts = conjuncts(state, node);
  if (parts === undefined) return [{ kind: 'filter', span: spanOf(node), condition: conditionText(state, node) }];
  const events: FrameEvent[] = [];
  for (const part of parts) {
    const test = comparison(state, frame, part, frameNames);
    if (test?.kind === 'at-least') {
      events.push({ kind: 'threshold', span: spanOf(part), column: test.column, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}) });
      continue;
    }
    if (isDominanceCheck(state, frame, part, frameNames)) {
      events.push({ kind: 'dominance', span: spanOf(part) });
      continue;
    }
    events.push({ kind: 'filter', span: spanOf(part), condition: conditionText(state, part) });
    identifierLiterals(state, frame, part, frameNames);
  }
  return events;
}

/** Names of columns that hold a dominance share or the result of a dominance check, as the T-SQL and R readers know them. */

/**
 * `t["largest"] <= 0.5 * t["total"]`: a comparison of a cell's maximum with its sum is a dominance check, as
 * `MAX(x) <= 0.9 * SUM(x)` is in T-SQL; so is a filter on a column named like a dominance share.
 */
function isDominanceCheck(state: PyState, frame: Frame, node: PyNode, frameNames: ReadonlySet<string>): boolean {
  const expr = unparen(node);
  if (expr?.type !== 'comparison_operator') return false;
  const kinds = new Set<string>();
  for (const sub of descendants(expr)) {
    const name = readColumn(state, sub, frameNames);
    if (name === undefined) continue;
    if (DOMINANCE_NAME.test(name)) return true;
    const kind = findColumn(frame, name)?.statistic?.kind;
    if (kind !== undefined) kinds.add(kind);
  }
  return kinds.has('max') && kinds.has('sum');
}

/** `df[df.EduKey == "A1…"]`: an identifier compared with a value written in the code. */
function identifierLiterals(state: PyState, frame: Frame, node: PyNode, frameNames: ReadonlySet<string>): void {
  const expr = unparen(node);
  if (expr?.type !== 'comparison_operator' && expr?.type !== 'call') return;
  let column: string | undefined;
  let values: PyNode | undefined;
  if (expr.type === 'comparison_operator') {
    if (operatorOf(state.text, expr) !== '==') return;
    const [left, right] = namedChildren(expr);
    column = readColumn(state, left, frameNames);
    values = right;
  } else {
    const call = readCall(state.text, expr);
    if (call?.name !== 'isin' || call.receiver === undefined) return;
    column = readColumn(state, call.receiver, frameNames);
    values = call.positional[0];
  }
  if (column === undefined || values === undefined) return;
  const facts = findColumn(frame, column)?.facts ?? state.facts.column(undefined, column);
  if (!isDirectIdentifier(facts)) return;
  for (const sub of descendants(values)) if (sub.type === 'string') state.builder.identifierLiterals.push(spanOf(sub));
}

/** A condition in the normalised form the rules compare (differencing looks for the same filter twice). */
export function conditionText(state: PyState, node: PyNode): string {
  return state.text.slice(node.start, node.end).replace(/\s+/g, '').replace(/\b[A-Za-z_]\w*\[["']([^"']+)["']\]/g, '$1')
    .replace(/\b[A-Za-z_]\w*\.(?=[A-Za-z_])/g, '').replace(/"/g, "'").replace(/\band\b/gi, '&').replace(/==/g, '=').toUpperCase();
}

/**
 * The guards of a `query` string: `"n >= 10"`, `"n >= 10 and region == 'North'"`. A string that is not a plain
 * conjunction of comparisons is one population filter.
 */
export function queryEvents(frame: Frame, node: PyNode, query: string): FrameEvent[] {
  const span = spanOf(node);
  const parts = query.split(/\s+and\s+|&/i);
  if (/\bor\b|\|/i.test(query)) return [{ kind: 'filter', span, condition: query.replace(/\s+/g, '').toUpperCase() }];
  const events: FrameEvent[] = [];
  for (const part of parts) {
    const match = /^\s*\(?\s*`?([A-Za-z_]\w*)`?\s*(>=|>|<=|<)\s*(@?[\w.]+)\s*\)?\s*$/.exec(part)
      ?? /^\s*\(?\s*(@?[\w.]+)\s*(>=|>|<=|<)\s*`?([A-Za-z_]\w*)`?\s*\)?\s*$/.exec(part);
    if (match !== null) {
      const columnFirst = isCount(frame, match[1]!) && !/^\d/.test(match[1]!);
      const column = columnFirst ? match[1]! : match[3]!;
      const constantText = columnFirst ? match[3]! : match[1]!;
      const op = columnFirst ? match[2]! : FLIP[match[2]!]!;
      if (isCount(frame, column) && (op === '>=' || op === '>')) {
        const value = Number(constantText);
        const threshold = Number.isFinite(value) ? (op === '>=' ? Math.ceil(value) : Math.floor(value) + 1) : undefined;
        events.push({ kind: 'threshold', span, column, ...(threshold !== undefined ? { threshold } : {}) });
        continue;
      }
    }
    events.push({ kind: 'filter', span, condition: part.replace(/\s+/g, '').replace(/==/g, '=').toUpperCase() });
  }
  return events;
}

/**
 * The rounding an expression applies, and the expression inside it: `x.round(-1)` (to 10), `round(x, -2)`,
 * `(x / 5).round() * 5`, `5 * round(x / 5)`, `np.round(x / 5) * 5`, a configured rounding helper.
 */
export function roundingOf(state: PyState, node: PyNode | undefined): { rounding: Rounding; inner: PyNode } | undefined {
  const expr = unparen(node);
  if (expr === undefined) return undefined;
  const span = spanOf(expr);
  if (expr.type === 'binary_operator' && operatorOf(state.text, expr) === '*') {
    const left = field(expr, 'left');
    const right = field(expr, 'right');
    for (const [factor, other] of [[left, right], [right, left]] as const) {
      const base = numberValue(state.text, factor);
      if (base === undefined || base <= 1) continue;
      const divided = roundedDivision(state, other, base);
      if (divided !== undefined) return { rounding: { base, span }, inner: divided };
    }
    return undefined;
  }
  const call = readCall(state.text, expr);
  if (call === undefined) return undefined;
  const lower = call.name.toLowerCase();
  if (state.roundingHelpers.has(lower)) {
    const inner = call.positional[0] ?? call.receiver;
    return inner !== undefined ? { rounding: { base: 0, span, trusted: true }, inner } : undefined;
  }
  const localBase = call.receiver === undefined ? state.localRounding.get(call.name) : undefined;
  if (localBase !== undefined && call.positional[0] !== undefined) return { rounding: { base: localBase, span }, inner: call.positional[0] };
  if (call.name === 'round' || call.name === 'around') {
    const inner = call.receiver !== undefined && !isModule(state, call.receiver) ? call.receiver : call.positional[0];
    const digitsNode = call.receiver !== undefined && !isModule(state, call.receiver) ? call.positional[0] ?? argumentNamed(call, 'decimals') : call.positional[1] ?? argumentNamed(call, 'ndigits') ?? argumentNamed(call, 'decimals');
    const digits = digitsNode !== undefined ? numberValue(state.text, digitsNode) : 0;
    if (inner === undefined || digits === undefined) return undefined;
    return { rounding: { base: digits < 0 ? 10 ** -digits : 1, span }, inner };
  }
  return undefined;
}

function argumentNamed(call: { args: readonly { name?: string; value: PyNode }[] }, name: string): PyNode | undefined {
  return call.args.find((a) => a.name === name)?.value;
}

/** `np`, `math`, `numpy`: a module whose `round` takes the value first. */
function isModule(state: PyState, node: PyNode): boolean {
  const bare = unparen(node);
  if (bare?.type !== 'identifier') return false;
  const value = state.env.get(state.text.slice(bare.start, bare.end));
  return value?.kind === 'module' || /^(np|numpy|math)$/.test(state.text.slice(bare.start, bare.end));
}

/** `round(x / base)`, `(x / base).round()`, `np.round(x / base)`, `np.floor(x / base + 0.5)`, `x // base`: the `x`. */
function roundedDivision(state: PyState, node: PyNode | undefined, base: number): PyNode | undefined {
  const expr = unparen(node);
  if (expr === undefined) return undefined;
  if (expr.type === 'binary_operator' && operatorOf(state.text, expr) === '//' && numberValue(state.text, field(expr, 'right')) === base) return field(expr, 'left');
  let call = readCall(state.text, expr);
  // `(x / 5).round().astype(int) * 5`: a cast of the rounded quotient changes its type, not its value.
  for (let depth = 0; call?.name === 'astype' && call.receiver !== undefined && depth < 4; depth++) {
    const cast = readCall(state.text, unparen(call.receiver));
    if (cast === undefined) break;
    call = cast;
  }
  if (call === undefined || !['round', 'around', 'rint', 'floor', 'ceil', 'astype'].includes(call.name)) return undefined;
  const inside = unparen(call.receiver !== undefined && !isModule(state, call.receiver) ? call.receiver : call.positional[0]);
  if (inside?.type !== 'binary_operator' || operatorOf(state.text, inside) !== '/') return undefined;
  if (numberValue(state.text, field(inside, 'right')) !== base) return undefined;
  return field(inside, 'left');
}

/** The suppression a condition expresses for `mask`/`where`-style calls: cells below a count threshold. */
export function suppressionTest(state: PyState, frame: Frame | undefined, node: PyNode | undefined, frameNames: ReadonlySet<string>, keepWhen: boolean): { threshold?: number; span: Span; column: string } | undefined {
  const test = comparison(state, frame, node, frameNames);
  if (test === undefined) return undefined;
  // `where(cond)` keeps cells where cond holds, so it suppresses when cond is "at least"; `mask(cond)` the reverse.
  if ((keepWhen && test.kind !== 'at-least') || (!keepWhen && test.kind !== 'below')) return undefined;
  return { span: spanOf(node!), column: test.column, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}) };
}

export { stringLiteral };

/**
 * Rounding functions the script defines at its top level: a `def` whose body returns its first parameter rounded
 * (`return 5 * round(x / 5)`, `return (x / 5).round() * 5`). Read before the statements, so a call of one rounds
 * the column it is given; any other function is followed no further.
 */
export function collectLocalRounding(state: PyState, statements: readonly PyNode[]): void {
  for (const statement of statements) {
    if (statement.type !== 'function_definition') continue;
    const name = field(statement, 'name');
    const first = namedChildren(field(statement, 'parameters'))[0];
    // Comments, the docstring and any other expression statements before the `return` are passed over: whatever
    // they do, the value returned is a multiple of the base.
    const body = namedChildren(field(statement, 'body')).filter((c) => c.type !== 'comment' && c.type !== 'expression_statement');
    const returned = body.length === 1 && body[0]!.type === 'return_statement' ? namedChildren(body[0])[0] : undefined;
    if (name === undefined || first?.type !== 'identifier' || returned === undefined) continue;
    const rounded = roundingOf(state, returned);
    const inner = unparen(rounded?.inner);
    if (rounded === undefined || rounded.rounding.base <= 1 || inner?.type !== 'identifier') continue;
    if (state.text.slice(inner.start, inner.end) !== state.text.slice(first.start, first.end)) continue;
    state.localRounding.set(state.text.slice(name.start, name.end), rounded.rounding.base);
  }
}
