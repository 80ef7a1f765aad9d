/**
 * Binary search over spans sorted by start offset: tokens, comments and strings, statements. Every front end
 * asks "which item starts last before this offset?" many times per request, so it lives here once.
 */

/** The index of the last item that starts before `offset`, or -1 when none does. Items must be sorted by start. */
export function lastStartingBefore(items: readonly { readonly start: number }[], offset: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (items[middle]!.start < offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
