/**
 * SDC000: an allow comment without a reason (or naming no SDC rule). The check itself lives in allow.ts,
 * because it runs on the comments after the other rules; this module only describes it.
 */
import { docPathOf, type RuleInfo } from './types';

export const SDC000_INFO: RuleInfo = {
  code: 'SDC000',
  name: 'allow-without-reason',
  summary: 'An allow comment gives no reason, or names no SDC rule.',
  help: 'Write the justification after `--`: `leo-lens: allow SDC010 -- national totals, every cell above 1,000`.',
  defaultSeverity: 'warning',
  statbarn: 'none',
  rationale: 'Every exception goes into the pre-submission report, and output checkers ask researchers to justify each output that does not meet the rules.',
  docPath: docPathOf('SDC000'),
};
