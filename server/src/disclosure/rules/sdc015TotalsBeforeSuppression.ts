/**
 * SDC015: totals or margins computed before suppression. A total of all cells, kept after some cells are
 * removed or blanked, gives the suppressed cells back by subtraction (R5; ACRO bug #198).
 */
import { marginJoinedBeforeGuard, shownColumns, totalsBeforeGuard } from '../../dataflow/lineage';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC015';

export const sdc015: Rule = {
  info: {
    code: CODE,
    name: 'totals-before-suppression',
    summary: 'Totals or margins are computed from unsuppressed cells and then kept beside suppressed ones.',
    help: 'Apply the minimum-count guard first, then compute (or recompute) every total from the cells that remain.',
    defaultSeverity: 'warning',
    statbarn: 'LinkedMultilevelTables',
    rationale: 'Secondary suppression: if totals are kept, a suppressed cell is the total minus the others; "all of the totals" must be recalculated after suppression (SRS guidance; R5).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined) continue;
      const totals = totalsBeforeGuard(frame.history, frame.columnsComplete ? frame.columns : undefined) ?? marginJoinedBeforeGuard(frame, shownColumns(output, frame), (id) => context.frame(id));
      if (totals === undefined) continue;
      hits.push({
        start: totals.span.start,
        end: totals.span.end,
        message: `These totals are computed before small cells are suppressed, and both reach ${describeOutput(output)}: a suppressed cell is the total minus the others. Suppress first, then compute the totals from what remains. ${justifyHint(CODE)}`,
      });
    }
    return uniqueBySpan(hits);
  },
};
