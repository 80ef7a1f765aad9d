/**
 * SDC023: weighted estimates without the unweighted counts behind them. The threshold rule is about
 * unweighted units, so a checker cannot clear a weighted figure without them (R1; ACRO #301).
 */
import { shownColumns } from '../../dataflow/lineage';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC023';

export const sdc023: Rule = {
  info: {
    code: CODE,
    name: 'weighted-without-unweighted-count',
    summary: 'A weighted estimate reaches an output without the unweighted count behind it.',
    help: 'Output the unweighted number of units beside every weighted estimate (n = n(), unwtd.count), and apply the threshold to it.',
    defaultSeverity: 'warning',
    statbarn: 'LinearAggregations',
    rationale: 'Thresholds apply to unweighted counts ("at least 10 (unweighted) contributors", ABS; UKDS; R1); ACRO does not support weights (#301), so checkers ask for the unweighted N.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      const columns = shownColumns(output, frame);
      const weighted = columns.filter((c) => c.statistic?.weighted);
      if (weighted.length === 0) continue;
      const hasUnweightedCount = columns.some((c) => c.statistic?.kind === 'count' && !c.statistic.weighted);
      if (hasUnweightedCount) continue;
      for (const column of weighted) {
        const span = column.statistic!.span;
        hits.push({
          start: span.start,
          end: span.end,
          message: `This weighted estimate reaches ${describeOutput(output)} without the unweighted number of units behind it, so the threshold cannot be checked. Output the unweighted count beside it. ${justifyHint(CODE)}`,
        });
      }
    }
    return uniqueBySpan(hits);
  },
};
