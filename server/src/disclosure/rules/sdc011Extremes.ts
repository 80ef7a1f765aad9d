/**
 * SDC011: a minimum, maximum or range in an output. An extreme is the value of a single record, so it is
 * unsafe by default (ESSnet class 3; R9) however many units the group has.
 */
import { shownColumns } from '../../dataflow/lineage';
import type { ColumnStatistic } from '../../dataflow/model';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC011';
const EXTREMES = new Set(['min', 'max', 'range']);

export const sdc011: Rule = {
  info: {
    code: CODE,
    name: 'minimum-maximum',
    summary: 'A minimum, maximum or range reaches an output.',
    help: 'Report a percentile with enough units on each side, an average of the top or bottom N units, or broad bands instead of the extreme.',
    defaultSeverity: 'warning',
    statbarn: 'Endpoints',
    rationale: 'Minima and maxima are single records: ESSnet/DwB class 3 "unsafe", redacted by OpenSAFELY, not allowed by BPLIM (R9). ACRO v1 only checks their threshold; LEO Lens follows the stricter guidance.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate') continue;
      for (const column of shownColumns(output, frame)) {
        for (const statistic of statisticsOf(column.statistics, column.statistic)) {
          if (!EXTREMES.has(statistic.kind)) continue;
          const of = statistic.ofNames.length > 0 ? ` of \`${statistic.ofNames.join('`, `')}\`` : '';
          hits.push({
            start: statistic.span.start,
            end: statistic.span.end,
            message: `This ${label(statistic.kind)}${of} reaches ${describeOutput(output)}: an extreme is the value of a single record. Report a percentile, the mean of the top or bottom units, or a banded range instead. ${justifyHint(CODE)}`,
          });
        }
      }
    }
    return uniqueBySpan(hits);
  },
};

function statisticsOf(all: readonly ColumnStatistic[] | undefined, main: ColumnStatistic | undefined): readonly ColumnStatistic[] {
  if (all !== undefined && all.length > 0) return all;
  return main !== undefined ? [main] : [];
}

function label(kind: string): string {
  return kind === 'min' ? 'minimum' : kind === 'max' ? 'maximum' : 'range';
}
