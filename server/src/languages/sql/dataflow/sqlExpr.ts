/**
 * Reads what a T-SQL expression means for disclosure: which statistics it computes, whether it is rounded
 * (`ROUND(COUNT(*) / 5.0, 0) * 5`, `ROUND(x, -2)`), whether it suppresses small cells (`CASE WHEN COUNT(*) < 10
 * THEN NULL ELSE … END`), whether it fills zeros (`ISNULL(n, 0)`), and what a condition guards.
 */
import type { Token } from '../tokenizer';
import type { Span, StatisticKind } from '../../../dataflow/model';
import {
  closeParen, findAggregates, hasTopLevel, isOperator, isWordToken, numberOf, splitTopLevel, upperOf, type AggregateCall,
} from './sqlTokens';

export interface Range {
  readonly from: number;
  readonly to: number;
}

/** Decides whether a token range is a count: an aggregate count or a column holding one. */
export type CountTest = (from: number, to: number) => boolean;

export interface Wrapping {
  /** The innermost value range after rounding, casts, suppression and zero-filling are peeled off. */
  readonly inner: Range;
  readonly rounding?: { readonly base: number; readonly trusted?: boolean; readonly span: Span };
  readonly suppression?: { readonly threshold?: number; readonly span: Span };
  readonly markers?: { readonly condition: 'zero' | 'small'; readonly marker: string; readonly span: Span }[];
  readonly zeroFill?: { readonly span: Span };
}

const CASTS = new Set(['CAST', 'TRY_CAST']);
const CONVERTS = new Set(['CONVERT', 'TRY_CONVERT']);

/** Peels wrappers off [from, to) repeatedly, recording what each one does. */
/** Lower-case names of the team's helper functions. */
export interface Helpers {
  readonly rounding: ReadonlySet<string>;
  readonly suppression: ReadonlySet<string>;
}

export function unwrap(tokens: readonly Token[], from: number, to: number, isCount: CountTest, helpers: Helpers): Wrapping {
  let range: Range = { from, to };
  let rounding: Wrapping['rounding'];
  let suppression: Wrapping['suppression'];
  let markers: Wrapping['markers'];
  let zeroFill: Wrapping['zeroFill'];
  for (let guard = 0; guard < 12; guard++) {
    const span = spanOf(tokens, range);
    const step = peel(tokens, range, isCount, helpers);
    if (step === undefined) break;
    if (step.rounding !== undefined && rounding === undefined) rounding = { ...step.rounding, span };
    if (step.suppression !== undefined && suppression === undefined) suppression = { ...step.suppression, span };
    if (step.markers !== undefined && markers === undefined) markers = step.markers;
    if (step.zeroFill && zeroFill === undefined) zeroFill = { span };
    range = step.inner;
  }
  return {
    inner: range,
    ...(rounding !== undefined ? { rounding } : {}),
    ...(suppression !== undefined ? { suppression } : {}),
    ...(markers !== undefined ? { markers } : {}),
    ...(zeroFill !== undefined ? { zeroFill } : {}),
  };
}

interface Peel {
  readonly inner: Range;
  readonly rounding?: { readonly base: number; readonly trusted?: boolean };
  readonly suppression?: { readonly threshold?: number };
  readonly markers?: { readonly condition: 'zero' | 'small'; readonly marker: string; readonly span: Span }[];
  readonly zeroFill?: boolean;
}

function peel(tokens: readonly Token[], range: Range, isCount: CountTest, helpers: Helpers): Peel | undefined {
  const { from, to } = range;
  if (to - from < 2) return undefined;
  const first = tokens[from]!;
  // `( expr )`
  if (first.kind === 'lparen' && closeParen(tokens, from, to) === to - 1) return { inner: { from: from + 1, to: to - 1 } };
  // `N * ROUND(x / N, 0)` with the multiplier first.
  if (first.kind === 'number' && isOperator(tokens[from + 1], '*') && isWordToken(tokens[from + 2], 'ROUND')) {
    const base = numberOf(first)!;
    const rounded = roundCall(tokens, from + 2, to);
    if (rounded !== undefined && rounded.next === to && rounded.divisor === base) return { inner: rounded.value, rounding: { base } };
  }
  const name = upperOf(first);
  const qualifiedName = qualifiedCall(tokens, from, to);
  if (qualifiedName !== undefined && qualifiedName.close === to - 1) {
    const helper = qualifiedName.name.toLowerCase();
    const args = splitTopLevel(tokens, qualifiedName.open + 1, qualifiedName.close, (t) => t.kind === 'comma');
    if (args[0] !== undefined && helpers.rounding.has(helper)) return { inner: args[0], rounding: { base: 0, trusted: true } };
    if (args[0] !== undefined && helpers.suppression.has(helper)) return { inner: args[0], suppression: {} };
  }
  if (tokens[from + 1]?.kind !== 'lparen') {
    if (name === 'CASE') return caseSuppression(tokens, range, isCount);
    return undefined;
  }
  const close = closeParen(tokens, from + 1, to);
  const args = splitTopLevel(tokens, from + 2, close, (t) => t.kind === 'comma');
  if (name === 'ROUND') {
    const rounded = roundCall(tokens, from, to);
    if (rounded === undefined) return undefined;
    if (rounded.next === to) {
      if (rounded.digits !== undefined && rounded.digits < 0) return { inner: rounded.value, rounding: { base: 10 ** -rounded.digits } };
      return { inner: rounded.value };
    }
    // `ROUND(x / N, 0) * N`
    if (isOperator(tokens[rounded.next], '*') && rounded.next + 2 === to && numberOf(tokens[rounded.next + 1]) === rounded.divisor && rounded.divisor !== undefined) {
      return { inner: rounded.value, rounding: { base: rounded.divisor } };
    }
    return undefined;
  }
  if (name === 'FLOOR' || name === 'CEILING') {
    // `FLOOR(x / N + 0.5) * N` and `FLOOR((x + N/2) / N) * N`.
    const multiplier = close + 2 === to && isOperator(tokens[close + 1], '*') ? numberOf(tokens[close + 2]) : undefined;
    const divided = divisionByNumber(tokens, from + 2, close);
    if (multiplier !== undefined && divided !== undefined && divided.divisor === multiplier) return { inner: divided.value, rounding: { base: multiplier } };
    return undefined;
  }
  if (close !== to - 1) return undefined;
  if (CASTS.has(name)) {
    const as = findTopLevelWord(tokens, from + 2, close, 'AS');
    return as < 0 ? undefined : { inner: { from: from + 2, to: as } };
  }
  if (CONVERTS.has(name) && args.length >= 2) return { inner: args[1]! };
  if ((name === 'ISNULL' || name === 'COALESCE') && args.length >= 2) {
    const fallback = args[args.length - 1]!;
    return { inner: args[0]!, zeroFill: fallback.to - fallback.from === 1 && numberOf(tokens[fallback.from]) === 0 };
  }
  if (name === 'IIF' && args.length === 3) return iifSuppression(tokens, args, isCount);
  if (name === 'NULLIF' && args.length === 2) return { inner: args[0]! };
  return undefined;
}

interface RoundCall {
  /** The value being rounded, with any `/ N` divisor removed. */
  readonly value: Range;
  readonly divisor?: number;
  readonly digits?: number;
  /** Token index just after the call's `)`. */
  readonly next: number;
}

/** Reads `ROUND(x [/ N], d)` at `at`. */
function roundCall(tokens: readonly Token[], at: number, to: number): RoundCall | undefined {
  if (!isWordToken(tokens[at], 'ROUND') || tokens[at + 1]?.kind !== 'lparen') return undefined;
  const close = closeParen(tokens, at + 1, to);
  const args = splitTopLevel(tokens, at + 2, close, (t) => t.kind === 'comma');
  if (args.length < 2) return undefined;
  const digitsRange = args[1]!;
  let digits: number | undefined;
  if (digitsRange.to - digitsRange.from === 1) digits = numberOf(tokens[digitsRange.from]);
  else if (digitsRange.to - digitsRange.from === 2 && isOperator(tokens[digitsRange.from], '-')) {
    const n = numberOf(tokens[digitsRange.from + 1]);
    digits = n === undefined ? undefined : -n;
  }
  const divided = divisionByNumber(tokens, args[0]!.from, args[0]!.to);
  return {
    value: divided?.value ?? args[0]!,
    ...(divided !== undefined ? { divisor: divided.divisor } : {}),
    ...(digits !== undefined ? { digits } : {}),
    next: close + 1,
  };
}

/** Reads `x / N` or `x / N + 0.5` or `(x + h) / N` in [from, to). */
function divisionByNumber(tokens: readonly Token[], from: number, to: number): { value: Range; divisor: number } | undefined {
  let end = to;
  if (end - from >= 2 && isOperator(tokens[end - 2], '+') && numberOf(tokens[end - 1]) === 0.5) end -= 2;
  if (end - from < 3 || !isOperator(tokens[end - 2], '/')) return undefined;
  const divisor = numberOf(tokens[end - 1]);
  if (divisor === undefined || divisor <= 0) return undefined;
  let value: Range = { from, to: end - 2 };
  // `(x + h) / N`: drop the half-step added before dividing.
  if (tokens[value.from]?.kind === 'lparen' && closeParen(tokens, value.from, value.to) === value.to - 1) {
    const inner = { from: value.from + 1, to: value.to - 1 };
    if (inner.to - inner.from >= 3 && isOperator(tokens[inner.to - 2], '+') && tokens[inner.to - 1]?.kind === 'number') value = { from: inner.from, to: inner.to - 2 };
  }
  return { value, divisor: Math.round(divisor) };
}

function qualifiedCall(tokens: readonly Token[], from: number, to: number): { name: string; open: number; close: number } | undefined {
  let i = from;
  let name = '';
  while (i < to && (tokens[i]!.kind === 'word' || tokens[i]!.kind === 'quoted')) {
    name = tokens[i]!.value;
    if (tokens[i + 1]?.kind === 'dot') i += 2;
    else break;
  }
  if (name === '' || tokens[i + 1]?.kind !== 'lparen') return undefined;
  return { name, open: i + 1, close: closeParen(tokens, i + 1, to) };
}

/** Index of `word` outside parentheses in [from, to), or -1. */
export function findTopLevelWord(tokens: readonly Token[], from: number, to: number, word: string): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth--;
    else if (depth === 0 && isWordToken(token, word)) return i;
  }
  return -1;
}

/** A literal written in place of a suppressed value: NULL, a string marker, or a number (0, -1, 99999). */
function literalValue(tokens: readonly Token[], range: Range): { marker: string } | undefined {
  if (range.to - range.from !== 1) {
    if (range.to - range.from === 2 && isOperator(tokens[range.from], '-') && tokens[range.from + 1]?.kind === 'number') return { marker: `-${tokens[range.from + 1]!.text}` };
    return undefined;
  }
  const token = tokens[range.from]!;
  if (isWordToken(token, 'NULL')) return { marker: 'NULL' };
  if (token.kind === 'string' || token.kind === 'number') return { marker: token.text };
  return undefined;
}

interface Branch {
  readonly condition: Range;
  readonly value: Range;
}

/** Reads `CASE WHEN … THEN … [ELSE …] END` as suppression when its conditions test a count against a constant. */
function caseSuppression(tokens: readonly Token[], range: Range, isCount: CountTest): Peel | undefined {
  if (!isWordToken(tokens[range.to - 1], 'END')) return undefined;
  const branches: Branch[] = [];
  let elseValue: Range | undefined;
  let depth = 0;
  let caseDepth = 0;
  let mark: { word: string; at: number } | undefined;
  let condition: Range | undefined;
  for (let i = range.from + 1; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth--;
    if (depth !== 0 || token.kind !== 'word') continue;
    const word = token.value.toUpperCase();
    if (word === 'CASE') {
      caseDepth++;
      continue;
    }
    if (word === 'END' && caseDepth > 0) {
      caseDepth--;
      continue;
    }
    if (caseDepth > 0 || !['WHEN', 'THEN', 'ELSE', 'END'].includes(word)) continue;
    if (mark !== undefined) {
      const part = { from: mark.at + 1, to: i };
      if (mark.word === 'WHEN') condition = part;
      else if (mark.word === 'THEN' && condition !== undefined) branches.push({ condition, value: part });
      else if (mark.word === 'ELSE') elseValue = part;
    }
    mark = { word, at: i };
  }
  if (branches.length === 0) return undefined;
  return suppressionFrom(tokens, branches, elseValue, isCount);
}

function iifSuppression(tokens: readonly Token[], args: readonly Range[], isCount: CountTest): Peel | undefined {
  return suppressionFrom(tokens, [{ condition: args[0]!, value: args[1]! }], args[2], isCount);
}

function suppressionFrom(tokens: readonly Token[], branches: readonly Branch[], elseValue: Range | undefined, isCount: CountTest): Peel | undefined {
  let threshold: number | undefined;
  let guarded = false;
  let inner: Range | undefined;
  const markers: { condition: 'zero' | 'small'; marker: string; span: Span }[] = [];
  for (const branch of branches) {
    const test = comparison(tokens, branch.condition, isCount);
    const literal = literalValue(tokens, branch.value);
    if (test?.kind === 'below' && literal !== undefined) {
      guarded = true;
      threshold = test.threshold === undefined ? undefined : Math.max(threshold ?? 0, test.threshold);
      markers.push({ condition: 'small', marker: literal.marker, span: spanOf(tokens, branch.value) });
    } else if (test?.kind === 'zero' && literal !== undefined) {
      markers.push({ condition: 'zero', marker: literal.marker, span: spanOf(tokens, branch.value) });
    } else if (test?.kind === 'at-least' && literal === undefined) {
      guarded = true;
      threshold = test.threshold;
      inner = branch.value;
    } else if (literal === undefined) {
      inner ??= branch.value;
    }
  }
  if (!guarded) return undefined;
  if (inner === undefined && elseValue !== undefined && literalValue(tokens, elseValue) === undefined) inner = elseValue;
  if (inner === undefined) return undefined;
  return {
    inner,
    suppression: threshold !== undefined ? { threshold } : {},
    ...(markers.length > 0 ? { markers } : {}),
  };
}

/** A comparison of a count against a constant. `threshold` is the smallest count that passes (`n >= threshold`). */
export type Comparison =
  | { readonly kind: 'at-least'; readonly threshold?: number }
  | { readonly kind: 'below'; readonly threshold?: number }
  | { readonly kind: 'zero' };

const COMPARISONS = new Set(['>=', '>', '<=', '<', '=', '!<', '!>']);

/** Reads `count OP k`, `k OP count`, `count BETWEEN a AND b` and `NOT (…)` in a condition range. */
export function comparison(tokens: readonly Token[], range: Range, isCount: CountTest): Comparison | undefined {
  let { from, to } = range;
  let negated = false;
  while (to - from > 1) {
    if (isWordToken(tokens[from], 'NOT')) {
      negated = !negated;
      from++;
      continue;
    }
    if (tokens[from]!.kind === 'lparen' && closeParen(tokens, from, to) === to - 1) {
      from++;
      to--;
      continue;
    }
    break;
  }
  const result = plainComparison(tokens, from, to, isCount);
  if (result === undefined || !negated) return result;
  if (result.kind === 'at-least') return { kind: 'below', ...(result.threshold !== undefined ? { threshold: result.threshold } : {}) };
  if (result.kind === 'below') return { kind: 'at-least', ...(result.threshold !== undefined ? { threshold: result.threshold } : {}) };
  return undefined;
}

function plainComparison(tokens: readonly Token[], from: number, to: number, isCount: CountTest): Comparison | undefined {
  const between = findTopLevelWord(tokens, from, to, 'BETWEEN');
  if (between > from && isCount(from, between)) {
    const and = findTopLevelWord(tokens, between + 1, to, 'AND');
    const low = numberOf(tokens[between + 1]);
    const high = and > 0 ? numberOf(tokens[and + 1]) : undefined;
    if (low !== undefined && low <= 1 && high !== undefined) return { kind: 'below', threshold: Math.floor(high) + 1 };
    if (low !== undefined) return { kind: 'at-least', threshold: Math.ceil(low) };
    return undefined;
  }
  let op = -1;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth--;
    else if (depth === 0 && token.kind === 'operator' && COMPARISONS.has(token.text)) {
      op = i;
      break;
    }
  }
  if (op <= from || op >= to - 1) return undefined;
  const text = tokens[op]!.text;
  const leftCount = isCount(from, op);
  const rightCount = !leftCount && isCount(op + 1, to);
  if (!leftCount && !rightCount) return undefined;
  const constant = leftCount ? constantOf(tokens, op + 1, to) : constantOf(tokens, from, op);
  if (constant === 'not-constant') return undefined;
  // Put the count on the left: `10 <= n` reads as `n >= 10`.
  const normalised = leftCount ? text : mirror(text);
  const k = constant;
  switch (normalised) {
    case '>=': case '!<':
      return k === undefined ? { kind: 'at-least' } : { kind: 'at-least', threshold: Math.ceil(k) };
    case '>':
      return k === undefined ? { kind: 'at-least' } : { kind: 'at-least', threshold: Math.floor(k) + 1 };
    case '<':
      return k === undefined ? { kind: 'below' } : { kind: 'below', threshold: Math.ceil(k) };
    case '<=': case '!>':
      return k === undefined ? { kind: 'below' } : { kind: 'below', threshold: Math.floor(k) + 1 };
    case '=':
      return k === 0 ? { kind: 'zero' } : undefined;
    default:
      return undefined;
  }
}

function mirror(op: string): string {
  return ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>', '!<': '!>', '!>': '!<' } as Record<string, string>)[op] ?? op;
}

/** A number, undefined for a variable (a threshold set elsewhere), or `not-constant`. */
function constantOf(tokens: readonly Token[], from: number, to: number): number | undefined | 'not-constant' {
  if (to - from === 1) {
    const token = tokens[from]!;
    if (token.kind === 'number') return numberOf(token);
    if (token.kind === 'variable') return undefined;
  }
  return 'not-constant';
}

/** How a select item's value is computed. */
export interface Classified {
  readonly kind?: StatisticKind;
  readonly calls: readonly AggregateCall[];
  readonly weighted: boolean;
}

/** Classifies the statistic an expression range computes from its aggregate calls. */
export function classify(tokens: readonly Token[], range: Range, isWeight: (from: number, to: number) => boolean): Classified {
  const calls = findAggregates(tokens, range.from, range.to);
  if (calls.length === 0) return { calls, weighted: false };
  const slash = topLevelOperator(tokens, range, '/');
  if (slash >= 0) {
    const left = calls.filter((c) => c.first < slash);
    const right = calls.filter((c) => c.first > slash);
    if (left.length > 0 && right.length > 0) {
      const numerator = left[0]!;
      const weighted = isWeight(numerator.argFrom, numerator.argTo) || right.some((c) => isWeight(c.argFrom, c.argTo));
      if (numerator.kind === 'count' || numerator.kind === 'proportion') return { kind: 'proportion', calls, weighted };
      if (numerator.kind === 'sum') return { kind: weighted ? 'mean' : right[0]!.kind === 'count' ? 'mean' : 'proportion', calls, weighted };
      return { kind: numerator.kind, calls, weighted };
    }
  }
  const minus = topLevelOperator(tokens, range, '-');
  const kinds = new Set(calls.map((c) => c.kind));
  if ((minus >= 0 || isWordToken(tokens[range.from], 'DATEDIFF')) && kinds.has('min') && kinds.has('max')) {
    return { kind: 'range', calls, weighted: false };
  }
  const main = calls[0]!;
  return { kind: main.kind, calls, weighted: isWeight(main.argFrom, main.argTo) };
}

function topLevelOperator(tokens: readonly Token[], range: Range, text: string): number {
  let depth = 0;
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth--;
    else if (depth === 0 && isOperator(token, text)) return i;
  }
  return -1;
}

/** The conjuncts of a condition, or undefined when an OR at the top makes it unreliable as a guard. */
export function conjuncts(tokens: readonly Token[], range: Range): Range[] | undefined {
  if (hasTopLevel(tokens, range.from, range.to, (t) => isWordToken(t, 'OR'))) return undefined;
  return splitTopLevel(tokens, range.from, range.to, (t) => isWordToken(t, 'AND'));
}

export function spanOf(tokens: readonly Token[], range: Range): Span {
  const first = tokens[range.from];
  const last = tokens[Math.max(range.from, range.to - 1)];
  return { start: first?.start ?? 0, end: last?.end ?? first?.end ?? 0 };
}
