/**
 * The lint run behind `leo-lens lint`: analyses every collected file with the same core as the
 * editor and returns plain results that the formatters print.
 */
import * as fs from 'node:fs';
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { Finding, Severity } from '../model/findings';
import { analyseUncached, sizeSkipReason, skipReason } from '../service';
import { LineIndex } from '../util/lineIndex';
import type { CollectedFile } from './collectFiles';
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
  const linted = files.map((file) => lintFile(file, environment));
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

function lintFile(file: CollectedFile, environment: AnalysisEnvironment): LintedFile {
  const base = { path: file.path, language: file.language, diagnostics: [] as LintDiagnostic[], lines: 0 };
  let text: string;
  try {
    // The size is checked before reading, so a multi-gigabyte export left in the folder is never loaded.
    const tooLarge = sizeSkipReason(fs.statSync(file.path).size, environment.maxFileSizeKb);
    if (tooLarge) return { ...base, skipped: tooLarge.message };
    text = fs.readFileSync(file.path, 'utf8');
  } catch (error) {
    return { ...base, skipped: `LEO Lens could not read this file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const lines = new LineIndex(text);
  const skip = skipReason(text, environment.maxFileSizeKb);
  if (skip) return { ...base, skipped: skip.message, lines: lines.lineCount };
  const analysis = analyseUncached({ uri: file.path, language: file.language, version: 0, text }, environment);
  return { ...base, diagnostics: analysis.findings.map((finding) => toLintDiagnostic(finding, lines)), lines: lines.lineCount };
}

function toLintDiagnostic(finding: Finding, lines: LineIndex): LintDiagnostic {
  const start = lines.positionAt(finding.start);
  const end = lines.positionAt(finding.end);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1, hint: 0 };

/** True when some finding is at or above the `--fail-on` level. */
export function failsAt(result: LintResult, failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  return result.files.some((file) => file.diagnostics.some((d) => RANK[d.severity] >= RANK[failOn]));
}
