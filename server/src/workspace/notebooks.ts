/**
 * Checks a Jupyter notebook on disk as the lint and the report see it: the code cells, in order, analysed as one
 * Python program (each cell's last bare expression is displayed, as the notebook does), and each `%%sql` cell as
 * T-SQL, with the same disclosure checks as any script. Findings are moved back onto the notebook file's own
 * offsets; their fixes are dropped, since an edit of the program is not an edit of the JSON that holds it.
 */
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { Allowance } from '../disclosure/allow';
import { checkDataflow } from '../disclosure/analyse';
import { analysePython } from '../languages/python/index';
import { type Notebook, type NotebookProgram, readNotebook } from '../languages/python/notebook/notebook';
import { languageSupport } from '../languages/registry';
import { applySeverityOverrides, type Finding } from '../model/findings';

export interface NotebookCheck {
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  readonly notebook: Notebook;
}

/** Undefined when the text is not a Python notebook. */
export function checkNotebook(fileText: string, environment: AnalysisEnvironment): NotebookCheck | undefined {
  const notebook = readNotebook(fileText);
  if (notebook === undefined) return undefined;
  const context = { catalogue: environment.catalogue, severityOverrides: environment.severityOverrides, disclosure: environment.disclosure };
  const findings: Finding[] = [];
  const allowances: Allowance[] = [];
  const check = (program: NotebookProgram, analysis: ReturnType<typeof analysePython>): void => {
    const disclosure = checkDataflow(() => analysis.dataflow(), program.text, environment.disclosure);
    for (const finding of [...analysis.findings, ...applySeverityOverrides(disclosure.findings, environment.severityOverrides)]) findings.push(toFile(program, finding, notebook));
    for (const allowance of disclosure.allowances) {
      allowances.push({ ...allowance, start: fileOffset(program, allowance.start), end: fileOffset(program, allowance.end), silenced: allowance.silenced.map((f) => toFile(program, f, notebook)) });
    }
  };
  if (notebook.python.text.trim() !== '') check(notebook.python, analysePython(notebook.python.text, context, undefined, notebook.python.cells));
  for (const cell of notebook.sql) check(cell, languageSupport('sql').analyse(cell.text, context));
  findings.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { findings: environment.diagnosticsEnabled ? findings : [], allowances, notebook };
}

function fileOffset(program: NotebookProgram, offset: number): number {
  return program.fileOffsets[Math.max(0, Math.min(offset, program.fileOffsets.length - 1))] ?? 0;
}

/**
 * A finding on the notebook file. Messages that point elsewhere by program line (`… prints (line 13)`) are made
 * to point by cell, since the program's lines are nobody's.
 */
function toFile(program: NotebookProgram, finding: Finding, notebook: Notebook): Finding {
  const { fixes: _dropped, ...rest } = finding;
  rest.message = finding.message.replace(/\(line (\d+)\)/g, (whole, line: string) => {
    const at = lineStart(program.text, Number(line));
    const place = at !== undefined ? notebook.cellPosition(fileOffset(program, at)) : undefined;
    return place !== undefined ? `(cell ${place.cell}, line ${place.line})` : whole;
  });
  const start = fileOffset(program, finding.start);
  // The end maps through the last character of the range, so a range never runs on into the JSON between lines.
  const end = finding.end > finding.start ? fileOffset(program, finding.end - 1) + 1 : start;
  return { ...rest, start, end: Math.max(start, end) };
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
