/**
 * Jupyter notebooks (`.ipynb`) on disk as programs. The cells are decoded from the JSON with the file offset of
 * every character, and made into programs by `notebookProgram.ts`, as the editor's cells are: the code cells, in
 * order, are one Python program (one R program on an R kernel), and `%%sql` cells are T-SQL programs of their own. Every character of a program
 * maps back to the offset of the character in the notebook file it was decoded from, so findings land on the
 * file's own lines, and to the cell and the line within the cell, for people.
 */
import { type Node as JsonNode, parseTree } from 'jsonc-parser';
import { pushAll } from '../../../util/arrays';
import { type CellProgram, type NotebookCellText, type NotebookPrograms, notebookPrograms, type ProgramCell } from './notebookProgram';

export interface NotebookProgram {
  readonly text: string;
  /** The file offset of each program character (and one past the end). */
  readonly fileOffsets: readonly number[];
  /** The code cells as ranges of `text`, for the notebook's display of each cell's last expression. */
  readonly cells: readonly ProgramCell[];
  /** The same program as the editor's cells make it, with its map to the cells. */
  readonly program: CellProgram;
}

/** A cell of the file, decoded, with the file offset of each character (and one past the end). */
export interface NotebookFileCell extends NotebookCellText {
  readonly fileOffsets: readonly number[];
}

export interface Notebook {
  /** Every cell of the file, in order. */
  readonly cells: readonly NotebookFileCell[];
  /** The programs the cells make. */
  readonly programs: NotebookPrograms;
  /** The Python code cells as one program. */
  readonly python: NotebookProgram;
  /** Each `%%sql` cell as a program of its own (the magic line blanked). */
  readonly sql: readonly NotebookProgram[];
  /** The R code cells (an R kernel's, or `%%R` cells) as one program. */
  readonly r: NotebookProgram;
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
  // A notebook on an R kernel is R throughout: its code cells are given that language, as the editor gives them.
  const isR = language !== undefined && /^r$/i.test(language.trim());
  if (language !== undefined && !isR && !/python/i.test(language)) return undefined;
  const cells: NotebookFileCell[] = [];
  const cellLines: { index: number; lines: { start: number; end: number }[] }[] = [];
  for (const cell of cellsNode.children ?? []) {
    if (cell.type !== 'object') continue;
    const source = property(cell, 'source');
    const lines = sourceLines(fileText, source);
    cellLines.push({ index: cells.length + 1, lines: lines.map((l) => ({ start: l.offsets[0] ?? 0, end: l.offsets[l.offsets.length - 1] ?? 0 })) });
    cells.push(fileCell(property(cell, 'cell_type')?.value === 'code' ? 'code' : 'markup', lines, source?.offset ?? 0, isR ? 'r' : undefined));
  }
  const programs = notebookPrograms(cells);
  return {
    cells,
    programs,
    python: onFile(programs.python, cells),
    sql: programs.sql.map((program) => onFile(program, cells)),
    r: onFile(programs.r, cells),
    cellPosition(fileOffset) {
      for (const cell of cellLines) {
        const at = cell.lines.findIndex((l) => fileOffset >= l.start && fileOffset <= l.end);
        if (at >= 0) return { cell: cell.index, line: at + 1, column: columnIn(fileText, cell.lines[at]!.start, fileOffset) };
      }
      return undefined;
    },
  };
}

/** A cell's decoded lines as one text, with the file offset of every character and of the end. */
function fileCell(kind: 'code' | 'markup', lines: readonly DecodedLine[], sourceOffset: number, language?: string): NotebookFileCell {
  let text = '';
  const fileOffsets: number[] = [];
  for (const line of lines) {
    text += line.text;
    pushAll(fileOffsets, line.offsets, line.text.length);
  }
  const last = lines[lines.length - 1];
  fileOffsets.push(last !== undefined ? (last.offsets[last.text.length] ?? last.offsets[last.offsets.length - 1] ?? sourceOffset) : sourceOffset);
  return { kind, text, fileOffsets, ...(language !== undefined && kind === 'code' ? { language } : {}) };
}

/** A program with the file offset of each of its characters, through the cell that holds it. */
function onFile(program: CellProgram, cells: readonly NotebookFileCell[]): NotebookProgram {
  const fileOffsets: number[] = [];
  for (let offset = 0; offset <= program.text.length; offset++) {
    const place = program.toCell(offset);
    const cell = place !== undefined ? cells[place.cell] : undefined;
    fileOffsets.push(cell?.fileOffsets[Math.min(place!.offset, cell.fileOffsets.length - 1)] ?? 0);
  }
  return { text: program.text, fileOffsets, cells: program.cells, program };
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
