/**
 * LEO102 in Python: a column named on a frame whose columns are certain (read from SQL with a known select list,
 * or built in the script) that has no such column, with did-you-mean fixes. Frames whose columns are not certain
 * (read from a file, reshaped, passed through unknown code) are never checked.
 */
import { nearestByEditDistance } from '../../../util/closestNames';
import type { Frame, FrameColumn } from '../../../dataflow/model';
import type { Finding, Fix } from '../../../model/findings';
import type { ColumnReference } from '../dataflow/state';

export const LEO102 = 'LEO102';

export function columnFindings(text: string, references: readonly ColumnReference[], held: (offset: number) => boolean): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    const frame = reference.frame;
    if (reference.column !== undefined || !frame.columnsComplete || frame.columns.length === 0) continue;
    if (held(reference.start)) continue;
    const key = `${reference.start}:${reference.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const suggestions = [...new Set(closestColumns(frame, reference.name).map((c) => c.name))];
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
    findings.push({
      code: LEO102,
      severity: 'warning',
      message: `Unknown column '${reference.name}' in ${frameLabel(frame)}${hint}`,
      start: reference.start,
      end: reference.end,
      ...withFixes(suggestions.map((s, i): Fix => ({ title: `Change to ${s}`, edits: [{ start: reference.start, end: reference.end, newText: escapeInString(text, reference.start, s) }], ...(i === 0 ? { preferred: true } : {}) }))),
    });
  }
  return findings;
}

/** The suggestion as it must be written where the reference is: inside a quoted string, quotes escaped. */
function escapeInString(text: string, at: number, name: string): string {
  const quote = text[at - 1];
  return quote === '"' || quote === "'" ? name.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`) : name;
}

function withFixes(fixes: readonly Fix[]): { fixes?: readonly Fix[] } {
  return fixes.length > 0 ? { fixes } : {};
}

function frameLabel(frame: Frame): string {
  const sources = [...new Set(frame.sources.map((s) => s.name))];
  return sources.length > 0 ? `the frame read from ${sources.join(', ')}` : 'the frame';
}

/** Columns within a small edit distance of `name`, closest first. */
export function closestColumns(frame: Frame, name: string, limit = 3): FrameColumn[] {
  return nearestByEditDistance(frame.columns, name, (column) => column.name, undefined, limit);
}
