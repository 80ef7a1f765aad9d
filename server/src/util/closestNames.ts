/**
 * Did-you-mean by edit distance, the one ranking every front end uses for names the catalogue does not rank
 * (frame columns in R and Python, Stata variables, columns of a script's own tables in T-SQL).
 * Names are compared in lower case. A candidate is offered when it is at most a third of the typed name's
 * length away (between one and three edits) and closer than the typed name is long, so `x` never suggests `y`.
 */
import { distance } from 'fastest-levenshtein';

export interface RankedName<T> {
  readonly item: T;
  readonly distance: number;
}

/**
 * How far a candidate is from what was typed, both in lower case, or undefined to leave it out. The default
 * leaves out a candidate spelled the same; a language where case matters, or that counts a swap of two
 * neighbouring letters as one slip, passes its own.
 */
export type NameMeasure<T> = (typed: string, candidate: string, item: T) => number | undefined;

const plainDistance: NameMeasure<unknown> = (typed, candidate) => (typed === candidate ? undefined : distance(typed, candidate));

/** The edits a suggestion for `typed` may be away. */
export function allowedEdits(typed: string): number {
  return Math.max(1, Math.min(3, Math.floor(typed.length / 3)));
}

/** Every candidate within reach, closest first; candidates at the same distance keep their given order. */
export function rankByEditDistance<T>(items: Iterable<T>, typed: string, nameOf: (item: T) => string, measure: NameMeasure<T> = plainDistance): RankedName<T>[] {
  const lower = typed.toLowerCase();
  const allowed = allowedEdits(lower);
  const ranked: RankedName<T>[] = [];
  for (const item of items) {
    const candidate = nameOf(item).toLowerCase();
    // A length difference is a lower bound on the distance, so most candidates are passed over without computing it.
    if (Math.abs(candidate.length - lower.length) > allowed) continue;
    const d = measure(lower, candidate, item);
    if (d !== undefined && d <= allowed && d < lower.length) ranked.push({ item, distance: d });
  }
  return ranked.sort((a, b) => a.distance - b.distance);
}

/** The closest candidates only (all at the best distance), at most `limit` of them. */
export function nearestByEditDistance<T>(items: Iterable<T>, typed: string, nameOf: (item: T) => string, measure?: NameMeasure<T>, limit = 3): T[] {
  const ranked = rankByEditDistance(items, typed, nameOf, measure);
  const best = ranked[0]?.distance;
  return ranked.filter((r) => r.distance === best).slice(0, limit).map((r) => r.item);
}

/** Whether two names of the same length differ only by two neighbouring letters swapped (`fsmelgiible`). */
export function swappedNeighbours(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
  return diffs.length === 2 && diffs[1] === diffs[0]! + 1 && a[diffs[0]!] === b[diffs[1]!] && a[diffs[1]!] === b[diffs[0]!];
}
