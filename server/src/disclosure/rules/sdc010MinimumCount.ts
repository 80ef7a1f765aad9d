/**
 * SDC010: a grouped table reaches an output without a minimum-count guard. Every cell and every statistic
 * must rest on at least the threshold number of units (R1, R2); the guard is what people write for that:
 * `HAVING COUNT(*) >= 10`, a later filter on the count, `filter(n >= 10)`, or the team's suppression helper.
 */
import type { Fix } from '../../model/findings';
import { minimumUnits, type DisclosureParameters } from '../config';
import { columnProtection, frameProtection, lastAggregation, shownColumns, strongest, totalsBeforeGuard, type Protection } from '../../dataflow/lineage';
import type { FrameColumn, Frame } from '../../dataflow/model';
import { describeOutput, insertionFix, outputsOf, TABLE_OUTPUTS } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC010';

export const sdc010: Rule = {
  info: {
    code: CODE,
    name: 'group-without-minimum-count',
    summary: 'A grouped table or statistic reaches an output with no minimum-count guard.',
    help: 'Keep only cells with at least the threshold number of units (HAVING COUNT(*) >= 10, filter(n >= 10)), or suppress them with your team\'s helper, before the output.',
    defaultSeverity: 'warning',
    statbarn: 'Frequencies',
    rationale: 'The threshold rule: every cell and statistic needs at least 10 unweighted units behind it (ONS SRS, SDAP Handbook, UK LLC; R1, R2). Percentages need it for numerator and denominator.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const parameters = context.config.parameters;
    const hits = new Map<number, RuleHit>();
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate' || frame.groupKeys.length === 0) continue;
      const aggregation = lastAggregation(frame);
      if (aggregation === undefined) continue;
      // A margin computed before suppression is SDC015's finding, at the step that made it; the cells it sums are
      // judged here, so one cause is reported once.
      const unsuppressedTotals = totalsBeforeGuard(frame.history);
      const statistics = shownColumns(output, frame).filter((c) => c.statistic !== undefined && !(unsuppressedTotals !== undefined && c.statistic.span.start === unsuppressedTotals.span.start));
      if (statistics.length === 0) continue;
      const weakest = weakestProtection(frame, statistics, parameters);
      if (weakest.protection.state === 'protected') continue;
      const span = aggregation.event.span;
      if (hits.has(span.start)) continue;
      const keys = frame.groupKeys.map((k) => `\`${k.name}\``).join(', ');
      const guard = weakest.protection.state === 'weak'
        ? `Its guard keeps cells from ${weakest.protection.threshold} units, below the threshold of ${weakest.required}.`
        : `Nothing removes or suppresses cells with fewer than ${weakest.required} units.`;
      const fix = insertionFix(frame.guardInsertion, { threshold: weakest.required });
      const fixes: Fix[] = fix !== undefined ? [fix] : [];
      hits.set(span.start, {
        start: span.start,
        end: span.end,
        message: `This table by ${keys} reaches ${describeOutput(output)} (line ${context.lineOf(output.span.start)}). ${guard} Add a minimum-count guard, or suppress small cells with your team's helper. ${justifyHint(CODE)}`,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
    }
    return [...hits.values()];
  },
};

/** The least protected statistic column, with the number of units it needs. */
function weakestProtection(frame: Frame, columns: readonly FrameColumn[], parameters: DisclosureParameters): { protection: Protection; required: number } {
  let worst: { protection: Protection; required: number } | undefined;
  for (const column of columns) {
    const required = minimumUnits(parameters, unitKind(column));
    const protection = strongest(frameProtection(frame, required, parameters), columnProtection(column, required, parameters));
    if (worst === undefined || rank(protection) < rank(worst.protection)) worst = { protection, required };
  }
  return worst ?? { protection: { state: 'protected' }, required: parameters.threshold };
}

function unitKind(column: FrameColumn): 'count' | 'proportion' | 'mean' | 'other' {
  const kind = column.statistic?.kind;
  if (kind === 'count' || kind === 'proportion' || kind === 'mean') return kind;
  return 'other';
}

function rank(protection: Protection): number {
  return protection.state === 'protected' ? 2 : protection.state === 'weak' ? 1 : 0;
}
