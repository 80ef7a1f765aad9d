/**
 * Did-you-mean suggestions for a column name on a frame.
 */
import { distance } from 'fastest-levenshtein';
import type { Frame, FrameColumn } from './model';

/** Columns of the frame within a small edit distance of `name`, closest first (ties keep frame order). */
export function closestColumns(frame: Frame, name: string, limit = 3): FrameColumn[] {
  const typed = name.toLowerCase();
  const allowed = Math.max(1, Math.min(3, Math.floor(typed.length / 3)));
  const ranked: { column: FrameColumn; d: number }[] = [];
  for (const column of frame.columns) {
    const candidate = column.name.toLowerCase();
    if (Math.abs(candidate.length - typed.length) > allowed) continue;
    const d = candidate === typed ? 0 : distance(typed, candidate);
    // A case-only difference matters in R when the name's case is certain.
    const differsOnlyInCase = d === 0 && column.exactCase && column.name !== name;
    if ((d > 0 && d <= allowed && d < typed.length) || differsOnlyInCase) ranked.push({ column, d });
  }
  ranked.sort((a, b) => a.d - b.d);
  const best = ranked.length > 0 ? ranked[0]!.d : 0;
  return ranked.filter((r) => r.d === best).slice(0, limit).map((r) => r.column);
}

/** The suggestion spelled as R will need it: exactly, or in the typed case for names the server echoes. */
export function spelled(typed: string, column: FrameColumn): string {
  if (column.exactCase) return column.name;
  if (typed === typed.toLowerCase()) return column.name.toLowerCase();
  if (typed === typed.toUpperCase()) return column.name.toUpperCase();
  return column.name;
}
