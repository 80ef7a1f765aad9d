/**
 * The one edit that turns an old text into a new one, found from their common prefix and suffix, and the
 * tree-sitter `Edit` that describes it. An editor sends whole documents, so this is how a re-parse learns
 * where the change is; several separate changes become one edit spanning all of them, which is still correct.
 */
import type Parser from 'web-tree-sitter';

/** Offsets of the change: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

const BLOCK = 512;

/** The change between two texts, or undefined when they are equal. */
export function findEdit(oldText: string, newText: string): TextEdit | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  // Whole blocks are compared first, as substrings (a native comparison), and only the block that differs
  // character by character: a long document is compared on every keystroke.
  let start = 0;
  while (start + BLOCK <= shorter && oldText.slice(start, start + BLOCK) === newText.slice(start, start + BLOCK)) start += BLOCK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  // The suffix may not overlap the prefix in either text.
  let suffix = 0;
  while (
    suffix + BLOCK <= shorter - start
    && oldText.slice(oldText.length - suffix - BLOCK, oldText.length - suffix) === newText.slice(newText.length - suffix - BLOCK, newText.length - suffix)
  ) {
    suffix += BLOCK;
  }
  while (
    suffix < shorter - start
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** The tree-sitter edit for a change, with rows and columns counted in the texts' code units. */
export function treeSitterEdit(oldText: string, newText: string, edit: TextEdit): Parser.Edit {
  const startPosition = pointAt(newText, edit.start);
  return {
    startIndex: edit.start,
    oldEndIndex: edit.oldEnd,
    newEndIndex: edit.newEnd,
    startPosition,
    oldEndPosition: pointAt(oldText, edit.oldEnd),
    newEndPosition: pointAt(newText, edit.newEnd),
  };
}

function pointAt(text: string, offset: number): Parser.Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
