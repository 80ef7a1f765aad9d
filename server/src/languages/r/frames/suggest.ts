/**
 * Did-you-mean suggestions for a column name on a frame.
 */
import { distance } from 'fastest-levenshtein';
import type { Frame, FrameColumn } from './model';
import { nearestByEditDistance } from '../../../util/closestNames';

/** Columns of the frame within a small edit distance of `name`, closest first (ties keep frame order). */
export function closestColumns(frame: Frame, name: string, limit = 3): FrameColumn[] {
  // A case-only difference matters in R when the name's case is certain.
  const measure = (typed: string, candidate: string, column: FrameColumn): number | undefined =>
    typed !== candidate ? distance(typed, candidate) : column.exactCase && column.name !== name ? 0 : undefined;
  return nearestByEditDistance(frame.columns, name, (column) => column.name, measure, limit);
}

/** The suggestion spelled as R will need it: exactly, or in the typed case for names the server echoes. */
export function spelled(typed: string, column: FrameColumn): string {
  if (column.exactCase) return column.name;
  if (typed === typed.toLowerCase()) return column.name.toLowerCase();
  if (typed === typed.toUpperCase()) return column.name.toUpperCase();
  return column.name;
}
