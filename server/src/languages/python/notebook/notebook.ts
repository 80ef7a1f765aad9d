/**
 * Jupyter notebooks (`.ipynb`) as programs. The code cells, in order, are one Python program (cells are joined
 * with a blank line, and IPython magics and shell escapes are blanked out so that they parse as nothing);
 * `%%sql` cells are T-SQL programs of their own. Every character of a program maps back to the offset of the
 * character in the notebook file it was decoded from, so findings land on the file's own lines, and to the cell
 * and the line within the cell, for people.
 */
import { type Node as JsonNode, parseTree } from 'jsonc-parser';

export interface NotebookProgram {
  readonly text: string;
  /** The file offset of each program character (and one past the end). */
  readonly fileOffsets: readonly number[];
  /** The code cells as ranges of `text`, for the notebook's display of each cell's last expression. */
  readonly cells: readonly { readonly start: number; readonly end: number; readonly index: number }[];
}

export interface Notebook {
  /** The Python code cells as one program. */
  readonly python: NotebookProgram;
  /** Each `%%sql` cell as a program of its own (the magic line blanked). */
  readonly sql: readonly NotebookProgram[];
  /** Where a file offset lies: the cell (counting every cell, from 1) and the line within it (from 1). */
  cellPosition(fileOffset: number): { readonly cell: number; readonly line: number; readonly column: number } | undefined;
}

interface DecodedLine {
  readonly text: string;
  readonly offsets: number[];
}

/** Reads a notebook; undefined when the text is not a notebook (not JSON, or no `cells`). */
export function readNotebook(fileText: string): Notebook | undefined {
  let root: JsonNode | undefined;
  try {
    root = parseTree(fileText, [], { allowTrailingComma: true });
  } catch {
    return undefined;
  }
  const cellsNode = root?.type === 'object' ? property(root, 'cells') : undefined;
  if (cellsNode?.type !== 'array') return undefined;
  const language = notebookLanguage(root!);
  if (language !== undefined && !/python/i.test(language)) return undefined;
  const python = new ProgramBuilder();
  const sql: NotebookProgram[] = [];
  const cellStarts: { index: number; lines: { start: number; end: number }[] }[] = [];
  (cellsNode.children ?? []).forEach((cell, i) => {
    if (cell.type !== 'object') return;
    const kind = property(cell, 'cell_type')?.value;
    const lines = sourceLines(fileText, property(cell, 'source'));
    cellStarts.push({ index: i + 1, lines: lines.map((l) => ({ start: l.offsets[0] ?? 0, end: l.offsets[l.offsets.length - 1] ?? 0 })) });
    if (kind !== 'code') return;
    if (lines.length > 0 && /^\s*%%sql\b/.test(lines[0]!.text)) {
      const builder = new ProgramBuilder();
      lines.forEach((line, n) => builder.add(n === 0 ? blank(line) : line));
      sql.push(builder.finish([]));
      return;
    }
    python.startCell(i + 1);
    // A cell magic other than %%sql runs another language, or none: the cell is left out.
    const cellMagic = lines.length > 0 && /^\s*%%/.test(lines[0]!.text);
    for (const line of lines) python.add(cellMagic || /^\s*[%!]/.test(line.text) ? blank(line) : line);
    python.endCell();
  });
  const program = python.finish(python.cells);
  return {
    python: program,
    sql,
    cellPosition(fileOffset) {
      for (const cell of cellStarts) {
        const at = cell.lines.findIndex((l) => fileOffset >= l.start && fileOffset <= l.end);
        if (at >= 0) return { cell: cell.index, line: at + 1, column: columnIn(fileText, cell.lines[at]!.start, fileOffset) };
      }
      return undefined;
    },
  };
}

/** The column of a file offset within its source line, counted in decoded characters from 1. */
function columnIn(fileText: string, lineStart: number, offset: number): number {
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    if (fileText[i] === '\\') i += fileText[i + 1] === 'u' ? 5 : 1;
    column++;
  }
  return column;
}

function property(object: JsonNode, name: string): JsonNode | undefined {
  for (const pair of object.children ?? []) {
    if (pair.type === 'property' && pair.children?.[0]?.value === name) return pair.children[1];
  }
  return undefined;
}

function notebookLanguage(root: JsonNode): string | undefined {
  const metadata = property(root, 'metadata');
  const info = metadata !== undefined ? property(metadata, 'language_info') : undefined;
  const name = info !== undefined ? property(info, 'name')?.value : undefined;
  if (typeof name === 'string') return name;
  const kernel = metadata !== undefined ? property(metadata, 'kernelspec') : undefined;
  const kernelLanguage = kernel !== undefined ? property(kernel, 'language')?.value : undefined;
  return typeof kernelLanguage === 'string' ? kernelLanguage : undefined;
}

/** A cell's `source` (a string or a list of strings), decoded line by line with the file offset of each character. */
function sourceLines(fileText: string, source: JsonNode | undefined): DecodedLine[] {
  const strings = source?.type === 'string' ? [source] : source?.type === 'array' ? (source.children ?? []).filter((c) => c.type === 'string') : [];
  const out: DecodedLine[] = [];
  for (const node of strings) {
    const decoded = decodeJsonString(fileText, node.offset, node.offset + node.length);
    // A single string may hold several lines.
    let from = 0;
    for (let i = 0; i < decoded.text.length; i++) {
      if (decoded.text[i] !== '\n') continue;
      out.push({ text: decoded.text.slice(from, i + 1), offsets: decoded.offsets.slice(from, i + 2) });
      from = i + 1;
    }
    if (from < decoded.text.length) out.push({ text: decoded.text.slice(from), offsets: decoded.offsets.slice(from) });
  }
  return out;
}

/** A JSON string literal's value, with the file offset of each character (and of the closing quote). */
function decodeJsonString(fileText: string, start: number, end: number): DecodedLine {
  let text = '';
  const offsets: number[] = [];
  for (let i = start + 1; i < end - 1; i++) {
    const c = fileText[i]!;
    offsets.push(i);
    if (c !== '\\') {
      text += c;
      continue;
    }
    const next = fileText[i + 1] ?? '';
    if (next === 'u') {
      text += String.fromCharCode(parseInt(fileText.slice(i + 2, i + 6), 16) || 0xfffd);
      i += 5;
    } else {
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === 'b' ? '\b' : next === 'f' ? '\f' : next;
      i += 1;
    }
  }
  offsets.push(end - 1);
  return { text, offsets };
}

/** A magic or shell line, kept as spaces so that offsets still map and the line parses as nothing. */
function blank(line: DecodedLine): DecodedLine {
  return { text: line.text.replace(/[^\n]/g, ' '), offsets: line.offsets };
}

class ProgramBuilder {
  #text = '';
  readonly #offsets: number[] = [];
  readonly cells: { start: number; end: number; index: number }[] = [];
  #cellStart = 0;
  #cellIndex = 0;
  #lastOffset = 0;

  startCell(index: number): void {
    // Cells are separated by a blank line, so a statement never runs on from one cell into the next.
    if (this.#text.length > 0 && !this.#text.endsWith('\n')) this.push('\n', this.#lastOffset);
    if (this.#text.length > 0) this.push('\n', this.#lastOffset);
    this.#cellStart = this.#text.length;
    this.#cellIndex = index;
  }

  endCell(): void {
    this.cells.push({ start: this.#cellStart, end: this.#text.length, index: this.#cellIndex });
  }

  add(line: DecodedLine): void {
    for (let i = 0; i < line.text.length; i++) this.push(line.text[i]!, line.offsets[i] ?? this.#lastOffset);
    this.#lastOffset = line.offsets[line.text.length] ?? this.#lastOffset;
  }

  private push(char: string, offset: number): void {
    this.#text += char;
    this.#offsets.push(offset);
    this.#lastOffset = offset;
  }

  finish(cells: readonly { start: number; end: number; index: number }[]): NotebookProgram {
    return { text: this.#text, fileOffsets: [...this.#offsets, this.#lastOffset], cells };
  }
}
