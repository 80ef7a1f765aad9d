/**
 * SDC002: record-level rows printed or listed. Rows shown in a console, a log, a notebook or a query result
 * end up in files that output checkers will not clear (R16: "listings of individual records are not allowed").
 */
import { isRecordListing, outputsOf } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC002';

export const sdc002: Rule = {
  info: {
    code: CODE,
    name: 'record-level-listing',
    summary: 'Record-level rows are printed, viewed or returned as a query result.',
    help: 'Look at record-level data inside the SRS only, and keep listings out of logs, notebooks and results you export; show aggregated, guarded tables instead.',
    defaultSeverity: 'warning',
    statbarn: 'none',
    rationale: 'Logs, notebooks and query results are outputs too; listings of individual records are not allowed (BPLIM, UKDS, ABS; SRS R16).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, ['print', 'result'])) {
      if (!isRecordListing(output, frame)) continue;
      const what = output.kind === 'result' ? 'This query lists record-level rows' : `\`${output.via}\` shows record-level rows`;
      hits.push({
        start: output.span.start,
        end: output.span.end,
        message: `${what}, which end up in logs or results that cannot be cleared. Keep listings inside the SRS, or show an aggregated, guarded table instead. ${justifyHint(CODE)}`,
      });
    }
    return hits;
  },
};
