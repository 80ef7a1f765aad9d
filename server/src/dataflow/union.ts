/**
 * Rows of several frames stacked together (SQL UNION, R `bind_rows` and `rbind`). Stacking a grouped table on a
 * less grouped one (a `'Total'` row, `summarise(n = sum(n))`) adds totals: after the table's guard when the
 * total is itself guarded, and before it otherwise, which is what SDC015 looks for.
 */
import { addUnknown, combine, derive, type ModelBuilder } from './builder';
import type { DisclosureParameters } from '../disclosure/config';
import { frameProtection, lastAggregation } from './lineage';
import type { ColumnStatistic, Frame, FrameColumn, FrameEvent, Span } from './model';

export function unionFrames(builder: ModelBuilder, frames: readonly Frame[], span: Span, parameters: DisclosureParameters, name?: string): Frame {
  const named = name !== undefined ? { name } : {};
  // A query whose branches could not be read (a half-typed UNION, an unsupported construct) stacks nothing known.
  if (frames.length === 0) return addUnknown(builder, span);
  if (frames.length === 1) return frames[0]!;
  if (!frames.every((f) => f.grain === 'aggregate')) return combine(builder, frames, { ...named, span, union: true, columns: stackedColumns(frames) });
  const main = frames.reduce((a, b) => (b.groupKeys.length > a.groupKeys.length ? b : a));
  const totals = frames.filter((f) => f.groupKeys.length < main.groupKeys.length);
  const others = frames.filter((f) => f !== main);
  if (totals.length === 0) return combine(builder, frames, { ...named, span, union: true, columns: stackedColumns(frames) });
  const event: FrameEvent = { kind: 'totals', span: totals[0]!.span };
  const totalsGuarded = totals.every((t) => frameProtection(t, parameters.threshold, parameters).state === 'protected');
  let history: readonly FrameEvent[];
  if (totalsGuarded) {
    history = [...main.history, event];
  } else {
    // The total sums every unit, including the cells the table's guard drops: it comes "before" the guard.
    const last = lastAggregation(main);
    const at = last === undefined ? main.history.length : last.index + 1;
    history = [...main.history.slice(0, at), event, ...main.history.slice(at)];
  }
  return derive(builder, main, { ...named, span, history, columns: stackedColumns(frames), extraInputs: others, grain: 'aggregate' });
}

/**
 * The stacked frame's columns, named by the first frame, each holding the statistics of every frame's column in its
 * place: a `UNION ALL` total row's `MAX(x)` is shown in the same column as the cells' maxima, and is an extreme too.
 */
function stackedColumns(frames: readonly Frame[]): readonly FrameColumn[] {
  const first = frames[0]!.columns;
  if (frames.some((f) => f.columns.length !== first.length)) return first;
  return first.map((column, i) => {
    const statistics: ColumnStatistic[] = [];
    const seen = new Set<number>();
    for (const frame of frames) {
      const other = frame.columns[i]!;
      for (const statistic of other.statistics ?? (other.statistic !== undefined ? [other.statistic] : [])) {
        if (seen.has(statistic.span.start)) continue;
        seen.add(statistic.span.start);
        statistics.push(statistic);
      }
    }
    if (column.statistic === undefined || statistics.length <= (column.statistics?.length ?? 1)) return column;
    return { ...column, statistics };
  });
}
