/**
 * What an `if` condition does to a table: a minimum-count guard (`drop if n < 10`, `keep if n >= 10`), a
 * suppression of values (`replace x = . if n < 10`), or a population filter (`keep if age >= 21`). The condition
 * is split at its top-level `&` or `|`, and each part is read as `name op number`.
 */
import { DOMINANCE_NAME } from '../../../dataflow/dominanceNames';
import { isCountColumn } from '../../../dataflow/lineage';
import type { FrameEvent, Span } from '../../../dataflow/model';
import type { Range } from '../syntax/ast';
import type { Token } from '../syntax/lexer';
import { findVariable, type Dataset, type Variable } from '../dataset/dataset';

export interface CountTest {
  /** The count column tested. */
  readonly column: string;
  /** Rows where the condition is true have fewer than `threshold` units (`n < 10` gives 10). */
  readonly threshold: number;
  readonly span: Span;
}

/** Splits at top-level occurrences of `&` or `|`. */
export function split(tokens: readonly Token[], range: Range, operator: '&' | '|'): Range[] {
  const parts: Range[] = [];
  let depth = 0;
  let from = range.from;
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') depth--;
    else if (depth === 0 && t.kind === 'op' && t.value === operator) {
      parts.push({ from, to: i });
      from = i + 1;
    }
  }
  parts.push({ from, to: range.to });
  return parts.filter((p) => p.to > p.from);
}

function unparen(tokens: readonly Token[], range: Range): Range {
  let r = range;
  while (r.to - r.from >= 2 && tokens[r.from]!.kind === 'lparen' && tokens[r.to - 1]!.kind === 'rparen') r = { from: r.from + 1, to: r.to - 1 };
  return r;
}

/**
 * Reads `n < 10`, `n <= 9`, `10 > n` as "fewer than 10 units" (small), and `n >= 10`, `n > 9` as "at least 10"
 * (large), when `n` is a count column of the dataset.
 */
export function countTest(tokens: readonly Token[], range: Range, dataset: Dataset): { small?: CountTest; large?: CountTest } {
  const r = unparen(tokens, range);
  if (r.to - r.from !== 3) return {};
  let [a, op, b] = [tokens[r.from]!, tokens[r.from + 1]!, tokens[r.from + 2]!];
  let operator = op.value;
  if (a.kind === 'number' && b.kind === 'word') {
    [a, b] = [b, a];
    operator = ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[operator] ?? operator;
  }
  if (a.kind !== 'word' || b.kind !== 'number' || op.kind !== 'op') return {};
  const value = Number(b.value);
  if (!Number.isFinite(value)) return {};
  const variable = findVariable(dataset, a.value);
  const isCount = variable !== undefined ? isCountColumn(variable.column) : false;
  if (!isCount) return {};
  const span = { start: a.start, end: b.end };
  switch (operator) {
    case '<': return { small: { column: variable!.name, threshold: Math.ceil(value), span } };
    case '<=': return { small: { column: variable!.name, threshold: Math.floor(value) + 1, span } };
    case '>=': return { large: { column: variable!.name, threshold: Math.ceil(value), span } };
    case '>': return { large: { column: variable!.name, threshold: Math.floor(value) + 1, span } };
    default: return {};
  }
}

/** The events of `drop if cond` (`keep` is false) or `keep if cond` (`keep` is true). */
export function rowFilterEvents(tokens: readonly Token[], range: Range, dataset: Dataset, keep: boolean, conditionText: string): FrameEvent[] {
  const parts = split(tokens, unparen(tokens, range), keep ? '&' : '|');
  const events: FrameEvent[] = [];
  for (const part of parts) {
    const test = countTest(tokens, part, dataset);
    const guard = keep ? test.large : test.small;
    if (guard !== undefined) {
      const groupKeys = guard.column !== undefined ? findVariable(dataset, guard.column)?.column.statistic?.perGroup : undefined;
      events.push({ kind: 'threshold', span: guard.span, threshold: guard.threshold, column: guard.column, ...(groupKeys !== undefined ? { groupKeys } : {}) });
      continue;
    }
    const span = { start: tokens[part.from]!.start, end: tokens[part.to - 1]!.end };
    if (isDominanceTest(tokens, part, dataset)) {
      events.push({ kind: 'dominance', span });
      continue;
    }
    events.push({ kind: 'filter', span, condition: `${keep ? '' : 'NOT '}${conditionText}`.toUpperCase() });
  }
  return events;
}

/** `drop if dominated == 1`, `keep if top2_share < 0.9`: a test of a variable named like a dominance check. */
function isDominanceTest(tokens: readonly Token[], range: Range, dataset: Dataset): boolean {
  // `top > 0.5 * total` after `collapse (max) top (sum) total`: a cell's largest value against its total is a
  // dominance check whatever the variables are called.
  const kinds = new Set<string>();
  let compares = false;
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && DOMINANCE_NAME.test(t.value)) return true;
    if (t.kind === 'op' && /^[<>]=?$/.test(t.value)) compares = true;
    if (t.kind === 'word') {
      const kind = findVariable(dataset, t.value)?.column.statistic?.kind;
      if (kind !== undefined) kinds.add(kind);
    }
  }
  return compares && kinds.has('max') && kinds.has('sum');
}

/** The count threshold below which `replace x = . if cond` blanks values, when the condition is a small-count test. */
export function suppressionThreshold(tokens: readonly Token[], range: Range, dataset: Dataset): CountTest | undefined {
  for (const part of split(tokens, unparen(tokens, range), '|')) {
    for (const conjunct of split(tokens, unparen(tokens, part), '&')) {
      const small = countTest(tokens, conjunct, dataset).small;
      if (small !== undefined) return small;
    }
  }
  return undefined;
}

/**
 * The groups an `if tag` (or `if tag == 1`) keeps one record of, when `tag` was made by `egen tag()`: `keep if tag`
 * and `list … if tag` then hold one row per group, a table. Undefined for any other condition.
 */
export function taggedGroups(dataset: Dataset, tokens: readonly Token[], condition: Range | undefined): readonly Variable[] | undefined {
  const tagged = taggedRows(dataset, tokens, condition);
  return tagged !== undefined && tagged.rest.length === 0 ? tagged.groups : undefined;
}

/**
 * `keep if tag == 1 & n >= 10`: the groups the tag keeps one record of, and the other conjuncts of the condition,
 * which then filter the groups' rows. Undefined when no top-level conjunct is a tag test.
 */
export function taggedRows(dataset: Dataset, tokens: readonly Token[], condition: Range | undefined): { groups: readonly Variable[]; rest: readonly Range[] } | undefined {
  if (condition === undefined || condition.to <= condition.from) return undefined;
  const parts = split(tokens, unparen(tokens, condition), '&');
  for (const [index, part] of parts.entries()) {
    const text = tokens.slice(part.from, part.to).map((t) => t.value).join('').replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1').replace(/==1$/, '');
    const tag = findVariable(dataset, text);
    if (tag?.tagOf !== undefined && tag.tagOf.length > 0) return { groups: tag.tagOf, rest: parts.filter((_, other) => other !== index) };
  }
  return undefined;
}
