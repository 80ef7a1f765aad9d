/**
 * SDC014: zero-filled or complete tables, and suppression markers that tell zeros from small cells.
 * Non-structural zeros (and 100% cells) reveal that nobody in a group has a characteristic: class
 * disclosure (R3). Different markers for zero and for 1–9 let a reader undo the suppression (R4).
 */
import { shownColumns } from '../../dataflow/lineage';
import type { FrameEvent } from '../../dataflow/model';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC014';

export const sdc014: Rule = {
  info: {
    code: CODE,
    name: 'zero-or-full-cells',
    summary: 'A table is zero-filled or completed (so it shows empty cells), or marks zero and small cells differently.',
    help: 'Suppress zero cells with the small ones (they share one marker), unless the zeros are structural; then say so in an allow comment.',
    defaultSeverity: 'warning',
    statbarn: 'Frequencies',
    rationale: 'SRS guidance §6.2: unweighted counts of zero, except structural zeros, must be suppressed; empty and full cells are class disclosure (R3). Suppressing 1–9 with "<10" but zeros with "-" is not acceptable (R4).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    if (context.config.parameters.zeros === 'none') return [];
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined) continue;
      const fill = unguardedZeroFill(frame.history);
      if (fill !== undefined) {
        hits.push({
          start: fill.span.start,
          end: fill.span.end,
          message: `This fills empty cells with zeros (or builds the complete grid), and the zeros reach ${describeOutput(output)} unsuppressed. Non-structural zeros are class disclosure: suppress them with the small cells, or confirm they are structural. ${justifyHint(CODE)}`,
        });
      }
      for (const column of shownColumns(output, frame)) {
        const zero = column.markers?.find((m) => m.condition === 'zero');
        const small = column.markers?.find((m) => m.condition === 'small');
        if (zero === undefined || small === undefined || zero.marker === small.marker) continue;
        hits.push({
          start: zero.span.start,
          end: zero.span.end,
          message: `Zero cells are marked ${zero.marker} and small cells ${small.marker}: a reader can tell which suppressed cells are empty. Use one marker for every suppressed cell. ${justifyHint(CODE)}`,
        });
      }
    }
    return uniqueBySpan(hits);
  },
};

/** The last zero-fill on the lineage that no guard follows. */
function unguardedZeroFill(history: readonly FrameEvent[]): FrameEvent | undefined {
  let fill: FrameEvent | undefined;
  for (const event of history) {
    if (event.kind === 'zero-fill') fill = event;
    // Blanking the cells under the threshold blanks the filled zeros with them (0 is under any threshold), whether
    // the rows go or the values of the count columns do.
    else if (event.kind === 'threshold' || event.kind === 'helper' || event.kind === 'suppress') fill = undefined;
  }
  return fill;
}
