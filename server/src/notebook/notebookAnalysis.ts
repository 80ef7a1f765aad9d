/**
 * The analysis of a Jupyter notebook, the one both the CLI (a file on disk) and the editor (cells synced one text
 * document each) use. The cells become programs (`languages/python/notebook/notebookProgram.ts`: the Python code
 * cells in order as one program, the R cells as another, each SQL cell apart); each program goes through the service like any document,
 * so it gets the same front end, disclosure checks, population hints and extract comparison as a script; and
 * every answer is moved onto the cell it belongs to, in offsets of that cell's text.
 *
 * **Invariant:** a finding, allowance or range is on the cell where it starts and never runs past that cell's
 * end; whatever a program says about a place in no cell (the separators between cells) lands at the end of the
 * cell before.
 */
import type { Allowance } from '../disclosure/allow';
import { emptyAnalysis } from '../languages/emptyAnalysis';
import type { CellProgram, NotebookCellText, NotebookPrograms } from '../languages/python/notebook/notebookProgram';
import { notebookPrograms } from '../languages/python/notebook/notebookProgram';
import type { DocumentAnalysis } from '../languages/types';
import type { Finding, Fix } from '../model/findings';
import { cellAnalysis } from './cellAnalysis';

export interface CellFinding {
  /** The cell's position among all the notebook's cells, from 0. */
  readonly cell: number;
  /** In offsets of the cell's text. */
  readonly finding: Finding;
}

export interface CellAllowance {
  readonly cell: number;
  /** In offsets (and the line) of the cell's text, and so are the findings it silenced. */
  readonly allowance: Allowance;
}

/** Where go-to-definition leads from a cell: a place in any cell of the notebook, or an entry of the catalogue. */
export type NotebookDefinitionTarget =
  | { readonly kind: 'cell'; readonly cell: number; readonly start: number; readonly end: number }
  | { readonly kind: 'catalogue'; readonly table: string; readonly column?: string };

export interface NotebookAnalysis {
  readonly cells: readonly NotebookCellText[];
  readonly programs: NotebookPrograms;
  /** Every finding of every program, on its cell, ordered by cell and then by place. */
  readonly findings: readonly CellFinding[];
  /** The `leo-lens: allow` comments honoured, on their cells. */
  readonly allowances: readonly CellAllowance[];
  /** The findings on one cell, in offsets of its text. */
  findingsOf(cell: number): readonly Finding[];
  /**
   * One cell seen as a document of its own, in offsets of its text, for the editor's features (completion,
   * hover, symbols, folding); undefined for a cell no program holds (markup, another language).
   */
  cell(cell: number): DocumentAnalysis | undefined;
  /** Go-to-definition from an offset in a cell, to places in any cell. */
  definition(cell: number, offset: number): readonly NotebookDefinitionTarget[];
}

/**
 * Analyses one program of the notebook; `key` names it among the notebook's programs (`python`, `r`, or `sql-<cell>`),
 * so that a caching caller can tell one program's versions from another's.
 */
export type ProgramAnalyser = (program: CellProgram, key: string) => DocumentAnalysis;

export function analyseNotebook(cells: readonly NotebookCellText[], analyseProgram: ProgramAnalyser): NotebookAnalysis {
  const programs = notebookPrograms(cells);
  const analyses = new Map<CellProgram, DocumentAnalysis>();
  const analysisOf = (program: CellProgram): DocumentAnalysis => {
    let analysis = analyses.get(program);
    if (analysis === undefined) {
      // A Python program of only blank or magic lines has nothing to analyse, as a cell-less notebook has not.
      analysis = program.text.trim() === '' ? emptyAnalysis(program.language) : analyseProgram(program, keyOf(program));
      analyses.set(program, analysis);
    }
    return analysis;
  };
  const all = (): CellProgram[] => [...(programs.python.cells.length > 0 ? [programs.python] : []), ...(programs.r.cells.length > 0 ? [programs.r] : []), ...programs.sql];

  let placed: { findings: CellFinding[]; allowances: CellAllowance[] } | undefined;
  const place = () => (placed ??= placeFindings(all(), analysisOf, cells));
  const byCell = new Map<number, Finding[]>();
  const findingsOf = (cell: number): readonly Finding[] => {
    if (byCell.size === 0 && place().findings.length > 0) {
      for (const { cell: at, finding } of place().findings) byCell.set(at, [...(byCell.get(at) ?? []), finding]);
    }
    return byCell.get(cell) ?? [];
  };
  const views = new Map<number, DocumentAnalysis>();

  return {
    cells,
    programs,
    get findings() {
      return place().findings;
    },
    get allowances() {
      return place().allowances;
    },
    findingsOf,
    cell(cell) {
      const program = programs.programOf(cell);
      if (program === undefined) return undefined;
      let view = views.get(cell);
      if (view === undefined) {
        view = cellAnalysis(analysisOf(program), program, cell, cells[cell]?.text.length ?? 0, {
          findings: () => findingsOf(cell),
          allowances: () => place().allowances.filter((a) => a.cell === cell).map((a) => a.allowance),
        });
        views.set(cell, view);
      }
      return view;
    },
    definition(cell, offset) {
      const program = programs.programOf(cell);
      const at = program?.toProgram(cell, offset);
      if (program === undefined || at === undefined) return [];
      const targets: NotebookDefinitionTarget[] = [];
      for (const target of analysisOf(program).definition(at)) {
        if (target.kind === 'catalogue') {
          targets.push(target);
          continue;
        }
        const range = onCell(program, target.start, target.end, cells);
        if (range !== undefined) targets.push({ kind: 'cell', ...range });
      }
      return targets;
    },
  };
}

function keyOf(program: CellProgram): string {
  return program.language === 'sql' ? `sql-${program.cells[0]?.cell ?? 0}` : program.language;
}

/** A program range on the cell where it starts, ending at that cell's end at the latest. */
function onCell(program: CellProgram, start: number, end: number, cells: readonly NotebookCellText[]): { cell: number; start: number; end: number } | undefined {
  const from = program.toCell(start);
  if (from === undefined) return undefined;
  const to = program.toCell(Math.max(start, end));
  const cellEnd = cells[from.cell]?.text.length ?? from.offset;
  return { cell: from.cell, start: from.offset, end: to !== undefined && to.cell === from.cell ? to.offset : cellEnd };
}

function placeFindings(
  programs: readonly CellProgram[],
  analysisOf: (program: CellProgram) => DocumentAnalysis,
  cells: readonly NotebookCellText[],
): { findings: CellFinding[]; allowances: CellAllowance[] } {
  const findings: CellFinding[] = [];
  const allowances: CellAllowance[] = [];
  for (const program of programs) {
    const analysis = analysisOf(program);
    const moved = (finding: Finding): CellFinding | undefined => {
      const range = onCell(program, finding.start, finding.end, cells);
      if (range === undefined) return undefined;
      const { fixes, ...rest } = finding;
      const kept = (fixes ?? []).flatMap((fix) => fixOnCell(program, fix, range.cell, cells));
      return {
        cell: range.cell,
        finding: { ...rest, message: byCell(program, finding.message, cells), start: range.start, end: range.end, ...(kept.length > 0 ? { fixes: kept } : {}) },
      };
    };
    for (const finding of analysis.findings) {
      const cellFinding = moved(finding);
      if (cellFinding !== undefined) findings.push(cellFinding);
    }
    for (const allowance of analysis.allowances ?? []) {
      const range = onCell(program, allowance.start, allowance.end, cells);
      if (range === undefined) continue;
      const silenced = allowance.silenced.flatMap((f) => moved(f)?.finding ?? []);
      const line = lineOf(cells[range.cell]?.text ?? '', range.start);
      allowances.push({ cell: range.cell, allowance: { ...allowance, start: range.start, end: range.end, line, silenced } });
    }
  }
  findings.sort((a, b) => a.cell - b.cell || a.finding.start - b.finding.start || a.finding.code.localeCompare(b.finding.code));
  allowances.sort((a, b) => a.cell - b.cell || a.allowance.start - b.allowance.start);
  return { findings, allowances };
}

/** A fix whose every edit lies in the cell, moved onto it; a fix that would edit another cell is not offered. */
function fixOnCell(program: CellProgram, fix: Fix, cell: number, cells: readonly NotebookCellText[]): Fix[] {
  const edits = [];
  for (const edit of fix.edits) {
    const range = onCell(program, edit.start, edit.end, cells);
    if (range === undefined || range.cell !== cell) return [];
    edits.push({ ...edit, start: range.start, end: range.end });
  }
  return [{ ...fix, edits }];
}

/**
 * Messages that point elsewhere by program line (`… prints (line 13)`) are made to point by cell, since the
 * program's lines are nobody's: people find a place in a notebook by its cell and the line within it.
 */
function byCell(program: CellProgram, message: string, cells: readonly NotebookCellText[]): string {
  return message.replace(/\(line (\d+)\)/g, (whole, line: string) => {
    const at = lineStart(program.text, Number(line));
    const place = at !== undefined ? program.toCell(at) : undefined;
    if (place === undefined) return whole;
    return `(cell ${place.cell + 1}, line ${lineOf(cells[place.cell]?.text ?? '', place.offset) + 1})`;
  });
}

/** The offset where a one-based line of the text starts. */
function lineStart(text: string, line: number): number | undefined {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
  }
  return at;
}

/** The zero-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
