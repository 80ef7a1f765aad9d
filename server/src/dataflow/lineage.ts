/**
 * Questions the rules ask about a frame's lineage: where the last aggregation was, and whether a minimum-count
 * guard, a suppression or a rounding followed it. Kept apart from the rules so that every rule answers these
 * questions the same way.
 */
import type { DisclosureParameters } from '../disclosure/config';
import type { Frame, FrameColumn, FrameEvent, Output, StatisticKind } from './model';

export type AggregateEvent = Extract<FrameEvent, { kind: 'aggregate' }>;

/** Index of the first aggregation that made the frame a table (aggregations per person do not count). */
export function firstAggregation(frame: Frame): number {
  return frame.history.findIndex((e) => e.kind === 'aggregate' && !e.perUnit);
}

export function lastAggregation(frame: Frame): { index: number; event: AggregateEvent } | undefined {
  for (let i = frame.history.length - 1; i >= 0; i--) {
    const event = frame.history[i]!;
    if (event.kind === 'aggregate' && !event.perUnit) return { index: i, event };
  }
  return undefined;
}

/** The result of asking whether small cells are protected. */
export type Protection =
  | { readonly state: 'protected' }
  /** A guard exists but its threshold is below the one required. */
  | { readonly state: 'weak'; readonly threshold: number }
  | { readonly state: 'none' };

/**
 * Whether the frame's cells are protected against small counts at `required` units: by a minimum-count filter,
 * a suppression of the whole row, a configured helper, or (when the profile says so) rounding. A guard anywhere
 * after the first aggregation counts, because later re-aggregations of a guarded table only add cells together.
 */
export function frameProtection(frame: Frame, required: number, parameters: DisclosureParameters): Protection {
  const first = firstAggregation(frame);
  const events = first < 0 ? frame.history : frame.history.slice(first + 1);
  const before = groupCountGuard(frame, first);
  if (before !== undefined && (before.threshold === undefined || before.threshold >= required)) return { state: 'protected' };
  let weak: number | undefined = before?.threshold;
  for (const event of events) {
    if (event.kind === 'helper') return { state: 'protected' };
    if (event.kind === 'threshold' || (event.kind === 'suppress' && event.columns === undefined)) {
      if (event.threshold === undefined || event.threshold >= required) return { state: 'protected' };
      weak = Math.max(weak ?? 0, event.threshold);
    }
    if (event.kind === 'round' && event.columns === undefined && parameters.roundingSatisfiesThreshold && (event.trusted || event.base >= parameters.roundingBase)) {
      return { state: 'protected' };
    }
  }
  return weak !== undefined ? { state: 'weak', threshold: weak } : { state: 'none' };
}

/**
 * A guard on the records, before the table was made, that tests a count of each group (`add_count(region)` then
 * `filter(n_region >= 10)`): every cell of a table grouped by those keys, or by some of them, holds at least that
 * many records. Undefined when there is none, or the table is grouped by a key the count did not group by.
 */
function groupCountGuard(frame: Frame, first: number): (FrameEvent & { kind: 'threshold' }) | undefined {
  if (first < 0) return undefined;
  const aggregation = frame.history[first] as AggregateEvent;
  const keys = aggregation.keys.map((k) => [k.name.toLowerCase(), (k.facts.knownAs ?? k.name).toLowerCase()]);
  let found: (FrameEvent & { kind: 'threshold' }) | undefined;
  for (const event of frame.history.slice(0, first)) {
    if (event.kind !== 'threshold' || event.groupKeys === undefined) continue;
    const groups = new Set(event.groupKeys.map((k) => k.toLowerCase()));
    if (!keys.every((names) => names.some((k) => groups.has(k)))) continue;
    if (found === undefined || (event.threshold ?? Infinity) > (found.threshold ?? Infinity)) found = event;
  }
  return found;
}

/**
 * Whether a conditional count (a numerator: `SUM(CASE WHEN … THEN 1 ELSE 0 END)`, `sum(fsm == 1)`) is protected.
 * A guard on the cell's total does not bound the count of only some of its rows; a guard that tests a conditional
 * count (the numerator, or its complement beside it), a guard on the column itself, a helper, a suppression of whole
 * rows or a rounding that the profile accepts does. Suppression of whole rows is taken as enough, as a checker reading
 * a row-blanking `CASE` would, so that only a guard that plainly leaves the numerator open is reported.
 */
export function numeratorProtection(frame: Frame, column: FrameColumn, required: number, parameters: DisclosureParameters): Protection {
  const first = firstAggregation(frame);
  const events = first < 0 ? frame.history : frame.history.slice(first + 1);
  let weak: number | undefined;
  for (const event of events) {
    if (event.kind === 'helper') return { state: 'protected' };
    const onNumerator = event.kind === 'threshold' && (event.conditional === true || event.column?.toLowerCase() === column.name.toLowerCase());
    if (onNumerator || (event.kind === 'suppress' && event.columns === undefined)) {
      if (event.threshold === undefined || event.threshold >= required) return { state: 'protected' };
      weak = Math.max(weak ?? 0, event.threshold);
    }
    if (event.kind === 'round' && event.columns === undefined && parameters.roundingSatisfiesThreshold && (event.trusted || event.base >= parameters.roundingBase)) {
      return { state: 'protected' };
    }
  }
  return strongest(weak !== undefined ? { state: 'weak', threshold: weak } : { state: 'none' }, columnProtection(column, required, parameters));
}

/** Whether one column is protected on its own (a suppression or rounding written into the column). */
export function columnProtection(column: FrameColumn, required: number, parameters: DisclosureParameters): Protection {
  if (column.suppression !== undefined) {
    const t = column.suppression.threshold;
    if (t === undefined || t >= required) return { state: 'protected' };
    return { state: 'weak', threshold: t };
  }
  if (column.rounding !== undefined && parameters.roundingSatisfiesThreshold && (column.rounding.trusted || column.rounding.base >= parameters.roundingBase)) {
    return { state: 'protected' };
  }
  return { state: 'none' };
}

/** The stronger of two protections. */
export function strongest(a: Protection, b: Protection): Protection {
  if (a.state === 'protected' || b.state === 'protected') return { state: 'protected' };
  if (a.state === 'weak' && b.state === 'weak') return a.threshold >= b.threshold ? a : b;
  return a.state === 'weak' ? a : b;
}

/** The columns an output shows: its own selection, or every column of its frame. */
export function shownColumns(output: Output, frame: Frame | undefined): readonly FrameColumn[] {
  return output.columns ?? frame?.columns ?? [];
}

/** Every statistic kind inside a column's expression. */
export function statisticKinds(column: FrameColumn): StatisticKind[] {
  if (column.statistics !== undefined && column.statistics.length > 0) return column.statistics.map((s) => s.kind);
  return column.statistic !== undefined ? [column.statistic.kind] : [];
}

/** True when the column is a count (or holds one) by its statistic, or by a conventional name when unknown. */
export function isCountColumn(column: FrameColumn): boolean {
  if (column.statistic !== undefined) return column.statistic.kind === 'count';
  return COUNT_NAME.test(column.name);
}

/** Names people give count columns: `n`, `N`, `count`, `freq`, `n_pupils`, `pupils_n`, `num_learners`. */
export const COUNT_NAME = /^(?:n|nn|count|counts|freq|frequency|n_.+|.+_n|num_.+|number_.+|.+_count|count_.+|headcount|cnt|.+_cnt|people|pupils|learners|students|total_n)$/i;

/** Events after the last aggregation (or all of them when there is none). */
export function eventsSinceAggregation(frame: Frame): readonly FrameEvent[] {
  const last = lastAggregation(frame);
  return last === undefined ? frame.history : frame.history.slice(last.index + 1);
}

/** A totals step followed by a guard (a configured helper is trusted to recompute totals). */
export function totalsBeforeGuard(history: readonly FrameEvent[], columns?: readonly FrameColumn[]): FrameEvent | undefined {
  let totals: FrameEvent | undefined;
  const kept = columns !== undefined ? new Set(columns.map((c) => c.name.toLowerCase())) : undefined;
  for (const event of history) {
    // Totals held in columns that a later step dropped (`collapse` after an `egen total()` used to merge codes)
    // reach no output.
    if (event.kind === 'totals' && kept !== undefined && event.columns !== undefined && !event.columns.some((c) => kept.has(c.toLowerCase()))) continue;
    if (event.kind === 'totals') totals ??= event;
    else if (event.kind === 'helper') totals = undefined;
    else if (totals !== undefined && (event.kind === 'threshold' || event.kind === 'suppress')) return totals;
  }
  return undefined;
}

/**
 * A margin made apart and joined beside guarded cells: `totals <- cells_all %>% group_by(region) %>% summarise(total =
 * sum(n))` from every cell, then joined to the cells by region and sex that a guard thinned. The margin is a total
 * of cells some of which were removed, so they come back by subtraction. Found among the frames the cells were
 * combined with: an aggregation by some, not all, of the table's keys, holding a count or a sum the output shows,
 * with no guard, suppression or helper anywhere on its own lineage (a total of the published cells has the guard on
 * its lineage and is fine).
 */
export function marginJoinedBeforeGuard(frame: Frame, shown: readonly FrameColumn[], frameOf: (id: number) => Frame | undefined): AggregateEvent | undefined {
  if (frame.grain !== 'aggregate' || frame.groupKeys.length < 2) return undefined;
  if (!frame.history.some((e) => e.kind === 'threshold' || e.kind === 'suppress' || e.kind === 'helper')) return undefined;
  const keyName = (c: FrameColumn): string => (c.facts.knownAs ?? c.name).toLowerCase();
  const keys = new Set(frame.groupKeys.map(keyName));
  const shownNames = new Set(shown.map((c) => c.name.toLowerCase()));
  const seen = new Set<number>([frame.id]);
  const queue = [...frame.inputs];
  for (let steps = 0; queue.length > 0 && steps < 64; steps++) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const candidate = frameOf(id);
    if (candidate === undefined) continue;
    queue.push(...candidate.inputs);
    const last = lastAggregation(candidate);
    if (last === undefined || candidate.groupKeys.length === 0) continue;
    const marginKeys = candidate.groupKeys.map(keyName);
    if (marginKeys.length >= keys.size || !marginKeys.every((k) => keys.has(k))) continue;
    if (candidate.history.some((e) => e.kind === 'threshold' || e.kind === 'suppress' || e.kind === 'helper')) continue;
    const totals = candidate.columns.some((c) => (c.statistic?.kind === 'count' || c.statistic?.kind === 'sum') && shownNames.has(c.name.toLowerCase()));
    if (totals) return last.event;
  }
  return undefined;
}
