/**
 * SDC012: a sum or mean of a magnitude variable (earnings, money amounts) by group with no dominance check.
 * One or two high earners can dominate a cell's total, so the (N, k) and p% rules apply (R7, R8).
 */
import { eventsSinceAggregation, shownColumns } from '../../dataflow/lineage';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC012';

export const sdc012: Rule = {
  info: {
    code: CODE,
    name: 'magnitude-without-dominance',
    summary: 'A sum or mean of earnings or money amounts by group has no dominance check.',
    help: 'Check that the largest contributors do not dominate each cell (the (N, k) and p% rules) with a helper or a filter on the top contributors\' share, or report a rounded median instead.',
    defaultSeverity: 'warning',
    statbarn: 'LinearAggregations',
    rationale: 'Magnitude tables need a dominance check: ACRO defaults (N=2, k=0.9) and p=0.1; ABS (1,50)/(2,67) (R7, R8). Earnings in LEO are per person per tax year, so one high earner can dominate a small cell.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const { dominanceN, dominanceK } = context.config.parameters;
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate' || frame.groupKeys.length === 0) continue;
      if (eventsSinceAggregation(frame).some((e) => e.kind === 'dominance')) continue;
      if (frame.history.some((e) => e.kind === 'dominance')) continue;
      for (const column of shownColumns(output, frame)) {
        const statistic = column.statistic;
        if (statistic === undefined || (statistic.kind !== 'sum' && statistic.kind !== 'mean')) continue;
        if (statistic.of.magnitude === undefined) continue;
        const of = statistic.ofNames.length > 0 ? `\`${statistic.ofNames.join('`, `')}\`` : 'a money amount';
        hits.push({
          start: statistic.span.start,
          end: statistic.span.end,
          message: `This ${statistic.kind} of ${of} by group reaches ${describeOutput(output)} with no dominance check: one or two large values can dominate a cell. Check that the top ${dominanceN} contributors hold less than ${Math.round(dominanceK * 100)}% of each cell's total, or report a rounded median. ${justifyHint(CODE)}`,
        });
      }
    }
    return uniqueBySpan(hits);
  },
};
