/**
 * Checks a Jupyter notebook on disk as the lint and the report see it, with the same notebook analysis as the
 * editor (`notebook/notebookAnalysis.ts`): the code cells, in order, analysed as one Python program (each cell's
 * last bare expression is displayed, as the notebook does), and each `%%sql` cell as T-SQL, with the same checks
 * as any script. Findings are moved from their cells onto the notebook file's own offsets; their fixes are
 * dropped, since an edit of a cell's text is not an edit of the JSON that holds it.
 */
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { Allowance } from '../disclosure/allow';
import { type Notebook, type NotebookFileCell, readNotebook } from '../languages/python/notebook/notebook';
import type { Finding } from '../model/findings';
import { analyseNotebook } from '../notebook/notebookAnalysis';
import { analyseUncached } from '../service';

export interface NotebookCheck {
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  readonly notebook: Notebook;
}

/** Undefined when the text is not a Python notebook. */
export function checkNotebook(fileText: string, environment: AnalysisEnvironment, path = 'notebook.ipynb'): NotebookCheck | undefined {
  const notebook = readNotebook(fileText);
  if (notebook === undefined) return undefined;
  const analysis = analyseNotebook(notebook.cells, (program, key) =>
    analyseUncached({
      uri: `${path}#${key}`,
      language: program.language,
      version: 0,
      text: program.text,
      ...(program.language === 'python' ? { notebookCells: program.cells } : {}),
    }, environment),
  );
  const findings = analysis.findings.map(({ cell, finding }) => onFile(notebook.cells[cell]!, finding));
  findings.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  const allowances = analysis.allowances.map(({ cell, allowance }): Allowance => {
    const file = notebook.cells[cell]!;
    const start = fileOffset(file, allowance.start);
    return { ...allowance, start, end: fileOffset(file, allowance.end), line: lineOf(fileText, start), silenced: allowance.silenced.map((f) => onFile(file, f)) };
  });
  return { findings, allowances, notebook };
}

function fileOffset(cell: NotebookFileCell, offset: number): number {
  return cell.fileOffsets[Math.max(0, Math.min(offset, cell.fileOffsets.length - 1))] ?? 0;
}

function onFile(cell: NotebookFileCell, finding: Finding): Finding {
  const { fixes: _dropped, ...rest } = finding;
  const start = fileOffset(cell, finding.start);
  // The end maps through the last character of the range, so a range never runs on into the JSON between lines.
  const end = finding.end > finding.start ? fileOffset(cell, finding.end - 1) + 1 : start;
  return { ...rest, start, end: Math.max(start, end) };
}

/** The zero-based line of a file offset. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
