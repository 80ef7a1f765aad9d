/**
 * SDC013: a percentile, median or mode in an output. A position statistic is the value of one record;
 * it needs at least the threshold number of units around it (R10, R11) and, for magnitudes, rounding.
 */
import { minimumUnits } from '../config';
import { columnProtection, eventsSinceAggregation, frameProtection, shownColumns, strongest } from '../../dataflow/lineage';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC013';

export const sdc013: Rule = {
  info: {
    code: CODE,
    name: 'percentile-median-mode',
    summary: 'A percentile, median or mode reaches an output unrounded and without a minimum-count guard.',
    help: 'Make sure each percentile rests on at least the threshold number of units (a count guard), and round the value (earnings to the nearest £100).',
    defaultSeverity: 'warning',
    statbarn: 'Position',
    rationale: 'A median or percentile equals one record\'s value; the SDAP Handbook allows it when each percentile has 10 or more observations, and a mode needs 10 behind it (R10, R11). DfE publishes LEO medians rounded to £100.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const parameters = context.config.parameters;
    const required = minimumUnits(parameters, 'other');
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate') continue;
      const roundedAll = eventsSinceAggregation(frame).some((e) => e.kind === 'round' && e.columns === undefined);
      for (const column of shownColumns(output, frame)) {
        const statistic = column.statistic;
        if (statistic === undefined || (statistic.kind !== 'median' && statistic.kind !== 'percentile' && statistic.kind !== 'mode')) continue;
        const rounded = column.rounding !== undefined || roundedAll
          || eventsSinceAggregation(frame).some((e) => e.kind === 'round' && e.columns?.some((c) => c.toLowerCase() === column.name.toLowerCase()));
        const protectedCount = strongest(frameProtection(frame, required, parameters), columnProtection(column, required, parameters)).state === 'protected';
        if (protectedCount || (rounded && statistic.kind !== 'mode')) continue;
        const label = statistic.kind === 'mode' ? 'mode' : statistic.kind === 'median' ? 'median' : 'percentile';
        hits.push({
          start: statistic.span.start,
          end: statistic.span.end,
          message: `This ${label} reaches ${describeOutput(output)}: it is the value of a single record. Make sure each one rests on at least ${required} units (a count guard) or round it (earnings to the nearest £${parameters.earningsRounding}). ${justifyHint(CODE)}`,
        });
      }
    }
    return uniqueBySpan(hits);
  },
};
