/**
 * The edit found between two versions of a document: the longest common prefix and then the longest common
 * suffix that does not overlap it, whatever the length of the texts and wherever the change falls.
 */
import { strict as assert } from 'node:assert';
import { findEdit } from '../../../server/src/languages/r/parser/textEdit';

/** The edit character by character, as a reference. */
function naive(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shorter && oldText[start] === newText[start]) start++;
  let suffix = 0;
  while (suffix < shorter - start && oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

describe('R: the edit between two versions', () => {
  it('is the common prefix and the non-overlapping common suffix', () => {
    // A repetitive text, so that blocks on either side of a change look alike.
    const base = 'ab\n'.repeat(1200);
    let state = 7;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let i = 0; i < 300; i++) {
      const at = i < 20 ? [0, 511, 512, 513, 1023, 1024, 1536, base.length - 512, base.length - 1, base.length][i % 10]! : next(base.length + 1);
      const removed = next(4) === 0 ? next(700) : next(3);
      const inserted = ['', 'a', 'b\n', 'ab\n'.repeat(200), 'x'][next(5)]!;
      const edited = base.slice(0, at) + inserted + base.slice(Math.min(base.length, at + removed));
      assert.deepEqual(findEdit(base, edited), naive(base, edited), `at ${at}, ${removed} removed, ${inserted.length} inserted`);
      assert.deepEqual(findEdit(edited, base), naive(edited, base), `undone at ${at}`);
    }
  });

  it('is undefined for equal texts', () => {
    assert.equal(findEdit('x <- 1\n', 'x <- 1\n'), undefined);
  });
});
