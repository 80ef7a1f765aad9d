/**
 * A notebook's cells as the programs LEO Lens analyses, and the map between the two. The Python code cells, in
 * order, are one program: a frame read in one cell is known in every later one, as it is when the notebook runs.
 * Cells are joined with a blank line, so that a statement never runs on from one cell into the next, and IPython
 * magics and shell escapes are blanked out (kept as spaces) so that they parse as nothing. A `%%sql` cell, or a
 * code cell whose language is SQL, is a T-SQL program of its own. R cells, in order, are one R program too: the
 * cells of a notebook on an R kernel (IRkernel), cells the editor says are R, and `%%R` cells of a Python notebook
 * (rpy2), whose magic line is blanked; R shares no variables with the Python cells, so neither sees the other's.
 *
 * Both the file reader (`notebook.ts`, for the CLI) and the editor (cells arriving one text document each) build
 * their programs here, so a notebook means the same program wherever it is checked.
 *
 * **Invariant:** blanking keeps every character's place, so a cell's characters are one contiguous run of its
 * program, offset for offset; only the separators between cells belong to no cell, and they map to the end of
 * the cell before them.
 */

/** One cell, in notebook order, as the file or the editor holds it. */
export interface NotebookCellText {
  readonly kind: 'code' | 'markup';
  /**
   * The cell's language id when the editor says it (`python`, `sql`); undefined when the cell is in the
   * notebook's own language, as every cell of a file is.
   */
  readonly language?: string;
  readonly text: string;
}

/** Where a program character lies: a cell (its position among all the cells given, from 0) and an offset in its text. */
export interface CellPlace {
  readonly cell: number;
  readonly offset: number;
}

/** A code cell as a range of its program's text. */
export interface ProgramCell {
  readonly start: number;
  readonly end: number;
  /** The cell's position among all the cells given, from 0. */
  readonly cell: number;
  /** The cell's number for people: its position among all the cells, counting from 1. */
  readonly index: number;
}

export interface CellProgram {
  readonly language: 'python' | 'sql' | 'r';
  readonly text: string;
  /** The code cells that make up the program, in order. */
  readonly cells: readonly ProgramCell[];
  /** The cell and the offset in it of a program offset (clamped to the text); undefined for a program of no cells. */
  toCell(offset: number): CellPlace | undefined;
  /** The program offset of an offset in a cell (clamped to the cell); undefined when the cell is not in this program. */
  toProgram(cell: number, offset: number): number | undefined;
}

export interface NotebookPrograms {
  /** The Python code cells as one program. */
  readonly python: CellProgram;
  /** Each SQL cell as a program of its own, in cell order. */
  readonly sql: readonly CellProgram[];
  /** The R code cells (and `%%R` cells) as one program. */
  readonly r: CellProgram;
  /** The program that holds a cell, if any (markup cells and cells in other languages are in none). */
  programOf(cell: number): CellProgram | undefined;
}

/** A cell magic that makes the cell T-SQL; any other cell magic runs another language, or none. */
const SQL_CELL_MAGIC = /^\s*%%sql\b/;
const CELL_MAGIC = /^\s*%%/;
/** Line magics (`%matplotlib inline`) and shell escapes (`!pip install …`). */
const LINE_MAGIC = /^\s*[%!]/;
/** rpy2's cell magic: the rest of the cell is R (its options, `-i df -o out`, are on the magic line). */
const R_CELL_MAGIC = /^\s*%%R\b/;
const PYTHON_LANGUAGES = new Set(['python']);
const R_LANGUAGES = new Set(['r']);
const SQL_LANGUAGES = new Set(['sql', 'tsql', 'mssql']);

export function notebookPrograms(cells: readonly NotebookCellText[]): NotebookPrograms {
  const python = new ProgramBuilder('python');
  const r = new ProgramBuilder('r');
  const sql: CellProgram[] = [];
  const programs = new Map<number, CellProgram>();
  const pythonCells: number[] = [];
  const rCells: number[] = [];
  cells.forEach((cell, position) => {
    if (cell.kind !== 'code') return;
    const language = cell.language?.toLowerCase();
    const firstLine = firstLineOf(cell.text);
    const isSql = (language !== undefined && SQL_LANGUAGES.has(language)) || ((language === undefined || PYTHON_LANGUAGES.has(language)) && SQL_CELL_MAGIC.test(firstLine));
    if (isSql) {
      const builder = new ProgramBuilder('sql');
      builder.startCell(position);
      // The magic line is blanked, so the SQL starts on the cell's second line as the user sees it.
      builder.add(SQL_CELL_MAGIC.test(firstLine) ? blank(firstLine) + cell.text.slice(firstLine.length) : cell.text);
      builder.endCell();
      const program = builder.finish();
      sql.push(program);
      programs.set(position, program);
      return;
    }
    const rMagic = (language === undefined || PYTHON_LANGUAGES.has(language)) && R_CELL_MAGIC.test(firstLine);
    if (rMagic || (language !== undefined && R_LANGUAGES.has(language))) {
      r.startCell(position);
      r.add(rMagic ? blank(firstLine) + cell.text.slice(firstLine.length) : cell.text);
      r.endCell();
      rCells.push(position);
      return;
    }
    if (language !== undefined && !PYTHON_LANGUAGES.has(language)) return;
    python.startCell(position);
    python.add(CELL_MAGIC.test(firstLine) ? blank(cell.text) : blankLineMagics(cell.text));
    python.endCell();
    pythonCells.push(position);
  });
  const pythonProgram = python.finish();
  for (const position of pythonCells) programs.set(position, pythonProgram);
  const rProgram = r.finish();
  for (const position of rCells) programs.set(position, rProgram);
  return { python: pythonProgram, sql, r: rProgram, programOf: (cell) => programs.get(cell) };
}

/** The cell's first line, with its line break. */
function firstLineOf(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end + 1);
}

/** Text kept as spaces, line breaks included as they are, so that offsets still map and it parses as nothing. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

function blankLineMagics(text: string): string {
  return text.replace(/^[^\n]*/gm, (line) => (LINE_MAGIC.test(line) ? blank(line) : line));
}

interface CellRun {
  readonly cell: number;
  readonly start: number;
  readonly length: number;
}

class ProgramBuilder {
  #text = '';
  readonly #runs: CellRun[] = [];
  #cell = 0;
  #cellStart = 0;

  constructor(private readonly language: CellProgram['language']) {}

  startCell(cell: number): void {
    // Cells are separated by a blank line, so a statement never runs on from one cell into the next.
    if (this.#text.length > 0 && !this.#text.endsWith('\n')) this.#text += '\n';
    if (this.#text.length > 0) this.#text += '\n';
    this.#cell = cell;
    this.#cellStart = this.#text.length;
  }

  add(text: string): void {
    this.#text += text;
  }

  endCell(): void {
    this.#runs.push({ cell: this.#cell, start: this.#cellStart, length: this.#text.length - this.#cellStart });
  }

  finish(): CellProgram {
    const text = this.#text;
    const runs = [...this.#runs];
    const byCell = new Map(runs.map((run) => [run.cell, run]));
    return {
      language: this.language,
      text,
      cells: runs.map((run) => ({ start: run.start, end: run.start + run.length, cell: run.cell, index: run.cell + 1 })),
      toCell(offset) {
        if (runs.length === 0) return undefined;
        const at = Math.max(0, Math.min(offset, text.length));
        // The last run that starts at or before the offset holds it, or ends just before it (a separator).
        let low = 0;
        let high = runs.length - 1;
        while (low < high) {
          const middle = (low + high + 1) >> 1;
          if (runs[middle]!.start <= at) low = middle;
          else high = middle - 1;
        }
        const run = runs[low]!;
        return { cell: run.cell, offset: Math.max(0, Math.min(at - run.start, run.length)) };
      },
      toProgram(cell, offset) {
        const run = byCell.get(cell);
        return run === undefined ? undefined : run.start + Math.max(0, Math.min(offset, run.length));
      },
    };
  }
}
