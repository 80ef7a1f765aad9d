/**
 * LEO103 as every front end words it: a table or column used for a year or term the catalogue says it has no
 * data for. The catalogue says how sure it is (`coverageEvidence`): a view that does not exist, or the column of
 * another census, is a warning; a field the request form lists for other years or terms, or a year newer than the
 * catalogue, is only likely to be empty, so it is an info note that names the evidence and what would settle it.
 */
import { isCertainGap } from '../catalogue/coverage';
import type { ColumnMatch, TableMatch } from '../catalogue/api';
import type { Finding, Fix } from '../model/findings';

export const LEO103 = 'LEO103';

/** The finding for a table or view name whose year the catalogue does not cover. */
export function tableCoverageFinding(name: string, match: TableMatch, start: number, end: number): Finding {
  const certain = isCertainGap(match.coverageEvidence);
  const note = match.coverageNote ? `: ${match.coverageNote}` : '';
  return {
    code: LEO103,
    severity: certain ? 'warning' : 'info',
    message: certain ? `'${name}' has no data in the catalogue${note}` : `'${name}' is not described by the catalogue for that year${note}`,
    start,
    end,
  };
}

/** The finding for a column used on a view whose year or term the column does not cover. */
export function columnCoverageFinding(name: string, match: ColumnMatch, start: number, end: number, fixes: readonly Fix[] = []): Finding {
  const certain = isCertainGap(match.coverageEvidence);
  const note = match.coverageNote ? ` ${match.coverageNote}` : '';
  const message = certain ? `'${name}' has no data for this view's year or term.${note}` : `'${name}' may be empty in this view:${note}`;
  return { code: LEO103, severity: certain ? 'warning' : 'info', message: message.trim(), start, end, ...(fixes.length > 0 ? { fixes } : {}) };
}
