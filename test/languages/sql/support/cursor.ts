/** Fixtures mark the cursor with `$0`; this removes the marker and returns its offset. */
export const CURSOR = '$0';

export function withCursor(fixture: string): { text: string; offset: number } {
  const offset = fixture.indexOf(CURSOR);
  if (offset < 0) throw new Error(`fixture has no ${CURSOR} marker: ${fixture}`);
  return { text: fixture.slice(0, offset) + fixture.slice(offset + CURSOR.length), offset };
}
