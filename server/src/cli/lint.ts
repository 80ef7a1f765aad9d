/**
 * The lint run behind `leo-lens lint`: analyses every collected file with the same core as the
 * editor and returns plain results that the formatters print.
 */
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { Finding, Severity } from '../model/findings';
import { checkFiles, type CheckedFile } from '../workspace/checkFiles';
import { LineIndex } from '../util/lineIndex';
import type { CollectedFile } from '../workspace/collectFiles';
import type { LanguageId } from '../languages/types';

export interface LintDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** In a notebook: the cell (from 1) and the line and column within it (from 1). */
  readonly cell?: { readonly index: number; readonly line: number; readonly column: number };
}

export interface LintedFile {
  readonly path: string;
  readonly language: LanguageId;
  readonly diagnostics: readonly LintDiagnostic[];
  /** Why the file was not analysed, when it was not. */
  readonly skipped?: string;
  readonly lines: number;
}

export interface LintSummary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export interface LintResult {
  readonly files: readonly LintedFile[];
  readonly summary: LintSummary;
}

export function lintFiles(files: readonly CollectedFile[], environment: AnalysisEnvironment): LintResult {
  return toLintResult(checkFiles(files, environment));
}

export function toLintResult(checked: readonly CheckedFile[]): LintResult {
  const linted = checked.map((file): LintedFile => {
    const lines = new LineIndex(file.text);
    return {
      path: file.path,
      language: file.language,
      diagnostics: file.findings.map((finding) => toLintDiagnostic(finding, lines, file.cellPosition)),
      ...(file.skipped ? { skipped: file.skipped } : {}),
      lines: file.skipped ? 0 : lines.lineCount,
    };
  });
  const all = linted.flatMap((file) => file.diagnostics);
  return {
    files: linted,
    summary: {
      files: linted.length,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      infos: all.filter((d) => d.severity === 'info' || d.severity === 'hint').length,
    },
  };
}

function toLintDiagnostic(finding: Finding, lines: LineIndex, cellPosition?: CheckedFile['cellPosition']): LintDiagnostic {
  const start = lines.positionAt(finding.start);
  const end = lines.positionAt(finding.end);
  const cell = cellPosition?.(finding.start);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    ...(cell !== undefined ? { cell: { index: cell.cell, line: cell.line, column: cell.column } } : {}),
  };
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };

/** True when some finding is at or above the `--fail-on` level. */
export function failsAt(result: LintResult, failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  return result.files.some((file) => file.diagnostics.some((d) => RANK[d.severity] >= RANK[failOn]));
}
