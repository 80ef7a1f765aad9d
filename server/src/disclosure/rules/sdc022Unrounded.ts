/**
 * SDC022: counts or earnings written to a file unrounded. House style for LEO outputs rounds counts to the
 * nearest 5 and earnings to the nearest £100 (DfE LEO publications, HESA, ONS 10-5 rule; R19–R21), which also
 * blunts differencing.
 */
import type { FrameColumn } from '../../dataflow/model';
import { eventsSinceAggregation, shownColumns } from '../../dataflow/lineage';
import { describeOutput, insertionFix, listNames, outputsOf } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC022';
const MAGNITUDE_STATISTICS = new Set(['sum', 'mean', 'median', 'percentile']);

export const sdc022: Rule = {
  info: {
    code: CODE,
    name: 'unrounded-output',
    summary: 'Counts or earnings are written to a file without rounding (counts to 5, earnings to £100).',
    help: 'Round counts to the nearest 5 (round(n / 5) * 5) and earnings to the nearest £100 before writing them out.',
    defaultSeverity: 'info',
    statbarn: 'Frequencies',
    rationale: 'DfE publishes LEO earnings to the nearest £100 and populations to the nearest 5; HESA rounds all counts to 5; the ONS 10-5 rule rounds counts of 10 or more to 5 (R19–R21). Exact counts are fuel for differencing.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const parameters = context.config.parameters;
    if (!parameters.requireRounding) return [];
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, ['export'])) {
      if (frame === undefined || frame.grain !== 'aggregate') continue;
      const events = eventsSinceAggregation(frame);
      const roundedByStep = (column: FrameColumn, base: number): boolean => events.some((e) => e.kind === 'round'
        && (e.trusted === true || e.base % base === 0) && (e.columns === undefined || e.columns.some((c) => c.toLowerCase() === column.name.toLowerCase())));
      const counts: string[] = [];
      const money: string[] = [];
      for (const column of shownColumns(output, frame)) {
        const statistic = column.statistic;
        if (statistic === undefined) continue;
        if (statistic.kind === 'count') {
          if (!roundedTo(column, parameters.roundingBase, 'multiple') && !roundedByStep(column, parameters.roundingBase)) counts.push(column.name);
        } else if (MAGNITUDE_STATISTICS.has(statistic.kind) && statistic.of.magnitude !== undefined) {
          if (!roundedTo(column, parameters.earningsRounding, 'at-least') && !roundedByStep(column, parameters.earningsRounding)) money.push(column.name);
        }
      }
      if (counts.length === 0 && money.length === 0) continue;
      const parts: string[] = [];
      if (counts.length > 0) parts.push(`counts ${listNames(counts)} are not rounded to the nearest ${parameters.roundingBase}`);
      if (money.length > 0) parts.push(`earnings ${listNames(money)} are not rounded to the nearest £${parameters.earningsRounding}`);
      const assignments = [
        ...counts.map((c) => `${c} = round(${c} / ${parameters.roundingBase}) * ${parameters.roundingBase}`),
        ...money.map((c) => `${c} = round(${c} / ${parameters.earningsRounding}) * ${parameters.earningsRounding}`),
      ].join(', ');
      const fix = insertionFix(output.roundInsertion, { columns: assignments });
      hits.push({
        start: output.span.start,
        end: output.span.end,
        message: `In ${describeOutput(output)}, ${parts.join(', and ')}. Round them before writing the file. ${justifyHint(CODE)}`,
        ...(fix !== undefined ? { fixes: [fix] } : {}),
      });
    }
    return hits;
  },
};

/** True when the column's own rounding meets the base: a multiple of it for counts, at least it for money. */
function roundedTo(column: FrameColumn, base: number, how: 'multiple' | 'at-least'): boolean {
  const rounding = column.rounding;
  if (rounding === undefined) return false;
  if (rounding.trusted) return true;
  return how === 'multiple' ? rounding.base % base === 0 : rounding.base >= base;
}
