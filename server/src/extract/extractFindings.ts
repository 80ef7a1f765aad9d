/**
 * LEO106: a name or year that is in the LEO catalogue but not in the project's extract.
 *
 * The front end analyses the document twice, against the whole catalogue and against the part the extract grants.
 * A reference finding (unknown table LEO101, unknown column LEO102, year not populated LEO103) that appears only
 * in the second analysis is a name the catalogue knows and the project was not granted: the server rejects it
 * after a round trip. The second analysis already ranks its did-you-mean among the granted names, so its fixes
 * are kept as they are.
 */
import type { Finding } from '../model/findings';

export const LEO106 = 'LEO106';

const REFERENCE_CODES = new Set(['LEO101', 'LEO102', 'LEO103']);

/** The codes whose findings the extract comparison reads; they must reach it unfiltered. */
export const EXTRACT_COMPARED_CODES: ReadonlySet<string> = REFERENCE_CODES;

export function extractFindings(full: readonly Finding[], restricted: readonly Finding[], text: string, extractName: string): Finding[] {
  const known = new Set(full.filter((f) => REFERENCE_CODES.has(f.code)).map((f) => `${f.code}@${f.start}:${f.end}`));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of restricted) {
    if (!REFERENCE_CODES.has(finding.code) || known.has(`${finding.code}@${finding.start}:${finding.end}`)) continue;
    const place = `${finding.start}:${finding.end}`;
    if (seen.has(place)) continue;
    seen.add(place);
    const name = text.slice(finding.start, finding.end);
    const hint = didYouMean(finding.message);
    const message = finding.code === 'LEO103'
      ? `'${name}' is for a year or term that this project's extract (${extractName}) does not grant; the project's views do not hold it${hint}`
      : `'${name}' is in the LEO catalogue but not in this project's extract (${extractName}); the server will reject it${hint}`;
    out.push({ code: LEO106, severity: 'warning', message, start: finding.start, end: finding.end, ...(finding.fixes && finding.fixes.length > 0 ? { fixes: finding.fixes } : {}) });
  }
  return out;
}

/** The did-you-mean tail of a front end's message, which already lists granted names only. */
function didYouMean(message: string): string {
  const match = /did you mean (.+?)\??$/i.exec(message);
  return match ? `; granted names close to it: ${match[1]}` : '';
}
