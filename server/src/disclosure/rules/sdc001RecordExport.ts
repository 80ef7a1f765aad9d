/**
 * SDC001: record-level data written to a file. Microdata is never releasable from the SRS (R16), so a file
 * of one row per person or record cannot pass output checking, whatever it is for.
 */
import { describeOutput, outputsOf } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC001';

export const sdc001: Rule = {
  info: {
    code: CODE,
    name: 'record-level-export',
    summary: 'Record-level data (one row per person or record) is written to a file meant to leave the SRS.',
    help: 'Aggregate the data and apply the minimum-count guard before writing it out, or keep the file inside the SRS.',
    defaultSeverity: 'warning',
    statbarn: 'none',
    rationale: 'Microdata is "not appropriate for output" (ABS, UKDS, BPLIM; SRS R16): raw data files and listings of individual records are refused. Residuals and fitted values are record-level too.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, ['export'])) {
      if (frame?.grain !== 'record') continue;
      const what = frame.modelValues ? 'residuals or fitted values (one per record)' : 'record-level data (one row per person or record)';
      hits.push({
        start: output.span.start,
        end: output.span.end,
        message: `${capitalise(describeOutput(output))} holds ${what}. Microdata cannot leave the SRS: aggregate it and apply the minimum-count guard first, or keep the file inside the SRS. ${justifyHint(CODE)}`,
      });
    }
    return hits;
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
