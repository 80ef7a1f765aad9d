/**
 * Converts between offsets and zero-based line/character positions.
 * Line starts are computed once per text so each conversion is a binary search.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  readonly #lineStarts: number[];
  readonly #length: number;

  constructor(text: string) {
    this.#length = text.length;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.#lineStarts = starts;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.#length));
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.#lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.#lineStarts.length) return this.#length;
    if (position.line < 0) return 0;
    const start = this.#lineStarts[position.line]!;
    const next = position.line + 1 < this.#lineStarts.length ? this.#lineStarts[position.line + 1]! : this.#length;
    return Math.max(start, Math.min(start + position.character, next));
  }
}
