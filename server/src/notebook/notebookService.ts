/**
 * Notebooks in the editor: each notebook's programs go through the language service under names of their own,
 * with a version that moves only when a program's text or cells change, so an edit to a markdown cell, or a
 * hover between edits, reuses the analysis, and an edited program hands its previous analysis to the next.
 */
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { CellProgram, NotebookCellText } from '../languages/python/notebook/notebookProgram';
import type { LanguageService } from '../service';
import { analyseNotebook, type NotebookAnalysis } from './notebookAnalysis';

export interface NotebookInput {
  readonly uri: string;
  /** Every cell of the notebook, in order. */
  readonly cells: readonly NotebookCellText[];
}

export interface NotebookService {
  /** The analysis of the notebook as it is now; the same object until a cell or the environment changes. */
  analyse(notebook: NotebookInput, environment: AnalysisEnvironment): NotebookAnalysis;
  /** Drops what is kept for a closed notebook. */
  forget(uri: string): void;
}

interface ProgramVersion {
  readonly text: string;
  readonly cells: string;
  readonly version: number;
}

export function createNotebookService(service: LanguageService): NotebookService {
  const last = new Map<string, { readonly signature: string; readonly generation: number; readonly analysis: NotebookAnalysis }>();
  const versions = new Map<string, Map<string, ProgramVersion>>();

  function versionOf(uri: string, key: string, program: CellProgram): number {
    const programs = versions.get(uri) ?? new Map<string, ProgramVersion>();
    versions.set(uri, programs);
    const cells = program.cells.map((c) => `${c.start}-${c.end}`).join(',');
    const known = programs.get(key);
    if (known !== undefined && known.text === program.text && known.cells === cells) return known.version;
    const version = (known?.version ?? 0) + 1;
    programs.set(key, { text: program.text, cells, version });
    return version;
  }

  function analyse(notebook: NotebookInput, environment: AnalysisEnvironment): NotebookAnalysis {
    const signature = notebook.cells.map((cell) => `${cell.kind}\u0000${cell.language ?? ''}\u0000${cell.text}`).join('\u0001');
    const kept = last.get(notebook.uri);
    if (kept !== undefined && kept.signature === signature && kept.generation === environment.generation) return kept.analysis;
    const analysis = analyseNotebook(notebook.cells, (program, key) =>
      service.analyse({
        uri: `${notebook.uri}#${key}`,
        language: program.language,
        version: versionOf(notebook.uri, key, program),
        text: program.text,
        ...(program.language === 'python' ? { notebookCells: program.cells } : {}),
      }, environment),
    );
    last.set(notebook.uri, { signature, generation: environment.generation, analysis });
    return analysis;
  }

  function forget(uri: string): void {
    last.delete(uri);
    for (const key of versions.get(uri)?.keys() ?? []) service.forget(`${uri}#${key}`);
    versions.delete(uri);
  }

  return Object.freeze({ analyse, forget });
}
