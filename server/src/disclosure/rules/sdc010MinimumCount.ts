/**
 * SDC010: a grouped table reaches an output without a minimum-count guard. Every cell and every statistic
 * must rest on at least the threshold number of units (R1, R2); the guard is what people write for that:
 * `HAVING COUNT(*) >= 10`, a later filter on the count, `filter(n >= 10)`, or the team's suppression helper.
 */
import type { Fix } from '../../model/findings';
import { minimumUnits, type DisclosureParameters } from '../config';
import { columnProtection, frameProtection, lastAggregation, numeratorProtection, shownColumns, strongest, totalsBeforeGuard, type Protection } from '../../dataflow/lineage';
import type { FrameColumn, Frame, FrameEvent, Output } from '../../dataflow/model';
import { describeOutput, insertionFix, outputsOf, TABLE_OUTPUTS } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleContext, type RuleHit } from './types';

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
      const unsuppressedTotals = totalsBeforeGuard(frame.history, frame.columnsComplete ? frame.columns : undefined);
      const statistics = shownColumns(output, frame).filter((c) => c.statistic !== undefined && !(unsuppressedTotals !== undefined && c.statistic.span.start === unsuppressedTotals.span.start));
      if (statistics.length === 0) continue;
      const weakest = weakestProtection(frame, statistics, parameters);
      if (weakest.protection.state === 'protected') {
        const hit = openNumerator(context, frame, statistics, output);
        if (hit !== undefined && !hits.has(hit.start)) hits.set(hit.start, hit);
        continue;
      }
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

/**
 * The first shown count of only some of a cell's rows (`SUM(CASE WHEN … THEN 1 ELSE 0 END) AS claimants`) that the
 * cell's guard leaves open: `HAVING COUNT(*) >= 10` bounds the cell, and the numerator beside it can still be 1.
 * Reported once per table, at that column, because the cells themselves are guarded.
 */
function openNumerator(context: RuleContext, frame: Frame, columns: readonly FrameColumn[], output: Output): RuleHit | undefined {
  const parameters = context.config.parameters;
  for (const column of columns) {
    const statistic = column.statistic;
    if (statistic?.conditional !== true || statistic.kind !== 'count') continue;
    const required = minimumUnits(parameters, 'count');
    const protection = numeratorProtection(frame, column, required, parameters);
    if (protection.state === 'protected') continue;
    const guard = lastGuard(frame);
    const guardText = guard !== undefined ? `\`${context.text.slice(guard.span.start, guard.span.end).replace(/\s+/g, ' ')}\` (line ${context.lineOf(guard.span.start)})` : 'The guard';
    const fix = numeratorFix(context, guard, column, required);
    return {
      start: statistic.span.start,
      end: statistic.span.end,
      message:
        `\`${column.name}\` counts only some of each cell's units and reaches ${describeOutput(output)} (line ${context.lineOf(output.span.start)}). ` +
        `${guardText} bounds the whole cell, not this count, so it can be below ${required}. A numerator needs at least ${required} units too: guard it as well, or suppress it. ${justifyHint(CODE)}`,
      ...(fix !== undefined ? { fixes: [fix] } : {}),
    };
  }
  return undefined;
}

type ThresholdEvent = Extract<FrameEvent, { kind: 'threshold' }>;

function lastGuard(frame: Frame): ThresholdEvent | undefined {
  for (let i = frame.history.length - 1; i >= 0; i--) {
    const event = frame.history[i]!;
    if (event.kind === 'threshold') return event;
  }
  return undefined;
}

/** Adds the numerator to the guard: `HAVING COUNT(*) >= 10 AND SUM(CASE …) >= 10`, or `filter(n >= 10 & claimants >= 10)`. */
function numeratorFix(context: RuleContext, guard: ThresholdEvent | undefined, column: FrameColumn, required: number): Fix | undefined {
  const extension = guard?.extension;
  const statistic = column.statistic;
  if (extension === undefined || statistic === undefined) return undefined;
  const operand = extension.byName ? column.name : context.text.slice(statistic.span.start, statistic.span.end);
  if (!extension.byName && /[\r\n]/.test(operand)) return undefined;
  return {
    title: `Guard \`${column.name}\` too (at least ${required})`,
    edits: [{ start: extension.at, end: extension.at, newText: `${extension.joiner}${operand} >= ${required}` }],
    preferred: true,
  };
}
