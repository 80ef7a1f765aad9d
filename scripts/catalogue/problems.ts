/**
 * What the catalogue generator reports: every row or cell it could not read, and why.
 * Errors stop nothing by themselves; the build script decides what is fatal.
 */
export interface GeneratorProblem {
  readonly level: 'error' | 'warning' | 'info';
  /** The sheet (tab) name, trimmed, or the input file for problems outside a sheet. */
  readonly sheet: string;
  readonly row?: number;
  readonly message: string;
  /** The text that could not be read, shortened for the report. */
  readonly text?: string;
}

/** One report line: `SC_Pupil_01-02_to_20-21 row 60: warning: … [text]`. */
export function formatProblem(problem: GeneratorProblem): string {
  const where = problem.row === undefined ? problem.sheet : `${problem.sheet} row ${problem.row}`;
  const text = problem.text ? ` [${shorten(problem.text.replace(/\s+/g, ' '), 160)}]` : '';
  return `${where}: ${problem.level}: ${problem.message}${text}`;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
