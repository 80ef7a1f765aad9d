/**
 * Token-level helpers for reading T-SQL expressions. The SQL front end's parser does not build expression
 * trees (it records spans and column references), so the disclosure extractor reads the tokens of an
 * expression itself: aggregate calls, comparisons, CASE branches and wrappers such as ROUND and CAST.
 */
import type { Token } from '../tokenizer';
import type { StatisticKind } from '../../../dataflow/model';

export function upperOf(token: Token | undefined): string {
  return token === undefined || (token.kind !== 'word' && token.kind !== 'quoted') ? '' : token.value.toUpperCase();
}

export function isWordToken(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.value.toUpperCase() === word;
}

export function isOperator(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'operator' && token.text === text;
}

/** Index of the `)` matching the `(` at `open`, or `limit` when it is never closed. */
export function closeParen(tokens: readonly Token[], open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const kind = tokens[i]!.kind;
    if (kind === 'lparen') depth++;
    else if (kind === 'rparen' && --depth === 0) return i;
  }
  return limit;
}

/** Splits [from, to) at separators that sit outside parentheses (and, for AND, outside CASE and BETWEEN). */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number, isSeparator: (token: Token) => boolean): { from: number; to: number }[] {
  const parts: { from: number; to: number }[] = [];
  let depth = 0;
  let caseDepth = 0;
  let between = false;
  let start = from;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth = Math.max(0, depth - 1);
    else if (depth === 0 && token.kind === 'word') {
      const word = token.value.toUpperCase();
      if (word === 'CASE') caseDepth++;
      else if (word === 'END' && caseDepth > 0) caseDepth--;
      else if (word === 'BETWEEN') between = true;
      else if (word === 'AND' && between) {
        between = false;
        continue;
      }
    }
    if (depth === 0 && caseDepth === 0 && isSeparator(token) && !(between && isWordToken(token, 'AND'))) {
      parts.push({ from: start, to: i });
      start = i + 1;
    }
  }
  parts.push({ from: start, to });
  return parts.filter((p) => p.to > p.from);
}

/** True when a depth-zero token of [from, to) satisfies the test. */
export function hasTopLevel(tokens: readonly Token[], from: number, to: number, test: (token: Token) => boolean): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth = Math.max(0, depth - 1);
    else if (depth === 0 && test(token)) return true;
  }
  return false;
}

/** Upper-case text of the tokens with qualifiers dropped (`sc.NCyear = '11'` → `NCYEAR = '11'`), for comparing filters. */
export function normalisedText(tokens: readonly Token[], from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if ((token.kind === 'word' || token.kind === 'quoted') && tokens[i + 1]?.kind === 'dot' && i + 2 < to) {
      i++;
      continue;
    }
    parts.push(token.kind === 'string' ? token.text : token.kind === 'quoted' ? token.value.toUpperCase() : token.text.toUpperCase());
  }
  return parts.join(' ');
}

/** The number a token holds, or undefined. */
export function numberOf(token: Token | undefined): number | undefined {
  if (token === undefined || token.kind !== 'number') return undefined;
  const value = Number(token.text.replace(/^\$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** Aggregate functions and the statistic each computes. */
export const AGGREGATES: ReadonlyMap<string, StatisticKind> = new Map([
  ['COUNT', 'count'], ['COUNT_BIG', 'count'], ['APPROX_COUNT_DISTINCT', 'count'],
  ['SUM', 'sum'], ['AVG', 'mean'], ['MIN', 'min'], ['MAX', 'max'],
  ['STDEV', 'sd'], ['STDEVP', 'sd'], ['VAR', 'variance'], ['VARP', 'variance'],
  ['PERCENTILE_CONT', 'percentile'], ['PERCENTILE_DISC', 'percentile'],
  ['APPROX_PERCENTILE_CONT', 'percentile'], ['APPROX_PERCENTILE_DISC', 'percentile'], ['MEDIAN', 'median'],
  ['STRING_AGG', 'list'], ['CHECKSUM_AGG', 'other'],
]);

export interface AggregateCall {
  readonly name: string;
  readonly kind: StatisticKind;
  /** Token indexes: the function name, and one past the call (including WITHIN GROUP and OVER). */
  readonly first: number;
  readonly next: number;
  /** Token range of the arguments (inside the parentheses). */
  readonly argFrom: number;
  readonly argTo: number;
  /** For PERCENTILE_*: the ORDER BY range inside WITHIN GROUP, which names the measured column. */
  readonly orderFrom?: number;
  readonly orderTo?: number;
  readonly distinct: boolean;
  readonly windowed: boolean;
  /** True for a count or share of only the rows meeting a condition: `SUM(CASE WHEN … THEN 1 ELSE 0 END)`, `COUNT(CASE WHEN … THEN x END)`. */
  readonly conditional: boolean;
  /** For windowed calls: the PARTITION BY range. */
  readonly partitionFrom?: number;
  readonly partitionTo?: number;
}

/** Every aggregate call in [from, to), outermost first, with nested ones after their parent. */
export function findAggregates(tokens: readonly Token[], from: number, to: number): AggregateCall[] {
  const calls: AggregateCall[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || tokens[i + 1]?.kind !== 'lparen' || i + 1 >= to) continue;
    // A qualified name (`dbo.SUM(…)`) is a user function, not the aggregate.
    if (tokens[i - 1]?.kind === 'dot') continue;
    const name = token.value.toUpperCase();
    const kind = AGGREGATES.get(name);
    if (kind === undefined) continue;
    const close = closeParen(tokens, i + 1, to);
    let next = close + 1;
    let orderFrom: number | undefined;
    let orderTo: number | undefined;
    // `WITHIN GROUP (ORDER BY x)`, or `(ORDER BY x)` once the extractor has dropped WITHIN GROUP.
    const within = isWordToken(tokens[next], 'WITHIN') && isWordToken(tokens[next + 1], 'GROUP') ? next + 2 : next;
    if (tokens[within]?.kind === 'lparen' && isWordToken(tokens[within + 1], 'ORDER')) {
      const groupClose = closeParen(tokens, within, to);
      orderFrom = isWordToken(tokens[within + 2], 'BY') ? within + 3 : within + 2;
      orderTo = groupClose;
      next = groupClose + 1;
    }
    let windowed = false;
    let partitionFrom: number | undefined;
    let partitionTo: number | undefined;
    if (isWordToken(tokens[next], 'OVER') && tokens[next + 1]?.kind === 'lparen') {
      const overClose = closeParen(tokens, next + 1, to);
      windowed = true;
      if (isWordToken(tokens[next + 2], 'PARTITION') && isWordToken(tokens[next + 3], 'BY')) {
        partitionFrom = next + 4;
        partitionTo = overClose;
        for (let j = partitionFrom; j < overClose; j++) {
          if (isWordToken(tokens[j], 'ORDER') || isWordToken(tokens[j], 'ROWS') || isWordToken(tokens[j], 'RANGE')) {
            partitionTo = j;
            break;
          }
        }
      }
      next = overClose + 1;
    }
    const distinct = isWordToken(tokens[i + 2], 'DISTINCT');
    calls.push({
      name,
      kind: refineKind(tokens, name, kind, i + 2, close),
      first: i,
      next: Math.min(next, to),
      argFrom: distinct ? i + 3 : i + 2,
      argTo: close,
      ...(orderFrom !== undefined ? { orderFrom, orderTo: orderTo! } : {}),
      distinct,
      windowed,
      conditional: isConditionalCount(tokens, name, i + 2, close),
      ...(partitionFrom !== undefined ? { partitionFrom, partitionTo: partitionTo! } : {}),
    });
  }
  return calls;
}

/**
 * `SUM(1)` and `SUM(CASE WHEN … THEN 1 ELSE 0 END)` are counts; `AVG` of a 0/1 expression is a proportion;
 * `PERCENTILE_CONT(0.5)` is a median.
 */
function refineKind(tokens: readonly Token[], name: string, kind: StatisticKind, argFrom: number, argTo: number): StatisticKind {
  const zeroOne = isZeroOneCase(tokens, argFrom, argTo) || isZeroOneIif(tokens, argFrom, argTo);
  if (name === 'SUM' && (isLiteralOne(tokens, argFrom, argTo) || zeroOne)) return 'count';
  if (name === 'AVG' && zeroOne) return 'proportion';
  if (kind === 'percentile' && argTo - argFrom === 1 && numberOf(tokens[argFrom]) === 0.5) return 'median';
  return kind;
}

/**
 * A count (or share) of the rows meeting a condition: the sum or mean of a 0/1 expression, or `COUNT` of a `CASE`
 * that gives NULL for the other rows. Such a count is a numerator: a guard on the cell's total does not bound it.
 */
function isConditionalCount(tokens: readonly Token[], name: string, argFrom: number, argTo: number): boolean {
  if (name === 'SUM' || name === 'AVG') return isZeroOneCase(tokens, argFrom, argTo) || isZeroOneIif(tokens, argFrom, argTo);
  if (name !== 'COUNT') return false;
  const from = isWordToken(tokens[argFrom], 'DISTINCT') ? argFrom + 1 : argFrom;
  if (!isWordToken(tokens[from], 'CASE') || !isWordToken(tokens[argTo - 1], 'END')) return false;
  // `COUNT(CASE WHEN c THEN 1 ELSE 0 END)` counts every row, so only a CASE with no ELSE (or ELSE NULL) is conditional.
  for (let i = from; i < argTo; i++) if (isWordToken(tokens[i], 'ELSE')) return isWordToken(tokens[i + 1], 'NULL');
  return true;
}

function isLiteralOne(tokens: readonly Token[], from: number, to: number): boolean {
  return to - from === 1 && numberOf(tokens[from]) === 1;
}

/** `IIF(condition, 1, 0)` or `IIF(condition, 0, 1)`: T-SQL's short form of a 0/1 CASE. */
function isZeroOneIif(tokens: readonly Token[], from: number, to: number): boolean {
  if (!isWordToken(tokens[from], 'IIF') || tokens[from + 1]?.kind !== 'lparen' || closeParen(tokens, from + 1, to) !== to - 1) return false;
  const args = splitTopLevel(tokens, from + 2, to - 1, (t) => t.kind === 'comma');
  if (args.length !== 3) return false;
  const values = args.slice(1).map((arg) => (arg.to - arg.from === 1 ? numberOf(tokens[arg.from]) : undefined));
  return values.every((v) => v === 0 || v === 1) && values[0] !== values[1];
}

/** `CASE WHEN … THEN 1 [ELSE 0] END` (values 0 or 1 only, possibly decimal). */
function isZeroOneCase(tokens: readonly Token[], from: number, to: number): boolean {
  if (!isWordToken(tokens[from], 'CASE') || !isWordToken(tokens[to - 1], 'END')) return false;
  let sawValue = false;
  for (let i = from; i < to; i++) {
    if (isWordToken(tokens[i], 'THEN') || isWordToken(tokens[i], 'ELSE')) {
      const value = numberOf(tokens[i + 1]);
      const after = tokens[i + 2];
      if (value === undefined || (value !== 0 && value !== 1)) {
        if (isWordToken(tokens[i + 1], 'NULL')) continue;
        return false;
      }
      if (after !== undefined && !(after.kind === 'word' && ['WHEN', 'ELSE', 'END'].includes(after.value.toUpperCase()))) return false;
      sawValue = true;
    }
  }
  return sawValue;
}

/** Index of the first token that starts at or after `offset` (binary search; tokens are in order). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The token range covering a span. */
export function rangeOfSpan(tokens: readonly Token[], span: { start: number; end: number }): { from: number; to: number } {
  return { from: tokenAt(tokens, span.start), to: tokenAt(tokens, span.end) };
}
