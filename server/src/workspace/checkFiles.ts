/**
 * Checks a set of files on disk with the same core as the editor: the whole-workspace lint, the
 * pre-submission report and the editor's "check workspace" command all go through here.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { AnalysisEnvironment } from '../analysisEnvironment';
import type { Allowance } from '../disclosure/allow';
import type { LanguageId } from '../languages/types';
import type { Finding } from '../model/findings';
import { analyseUncached, sizeSkipReason, skipReason } from '../service';
import type { CollectedFile } from './collectFiles';
import { checkNotebook } from './notebooks';

export interface CheckedFile {
  readonly path: string;
  readonly language: LanguageId;
  /** The text analysed; empty when the file was skipped. */
  readonly text: string;
  /** SHA-256 of the file's bytes as read, so the report names exactly what was checked. */
  readonly sha256?: string;
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  /** Why the file was not analysed, when it was not. */
  readonly skipped?: string;
  /** For a notebook: the cell (from 1) and the line within it (from 1) of a file offset. */
  readonly cellPosition?: (offset: number) => { readonly cell: number; readonly line: number; readonly column: number } | undefined;
}

export function checkFiles(files: readonly CollectedFile[], environment: AnalysisEnvironment): CheckedFile[] {
  return files.map((file) => checkFile(file, environment));
}

function checkFile(file: CollectedFile, environment: AnalysisEnvironment): CheckedFile {
  const base = { path: file.path, language: file.language, text: '', findings: [], allowances: [] };
  let text: string;
  let sha256: string;
  try {
    // The size is checked before reading, so a multi-gigabyte export left in the folder is never loaded.
    const tooLarge = sizeSkipReason(fs.statSync(file.path).size, environment.maxFileSizeKb);
    if (tooLarge) return { ...base, skipped: tooLarge.message };
    const bytes = fs.readFileSync(file.path);
    text = bytes.toString('utf8');
    sha256 = createHash('sha256').update(bytes).digest('hex');
  } catch (error) {
    return { ...base, skipped: `LEO Lens could not read this file: ${error instanceof Error ? error.message : String(error)}` };
  }
  const skip = skipReason(text, environment.maxFileSizeKb);
  if (skip) return { ...base, sha256, skipped: skip.message };
  if (file.notebook) {
    const checked = checkNotebook(text, environment, file.path);
    if (checked === undefined) return { ...base, sha256, skipped: 'This file is not a Python notebook (no cells, or another kernel language).' };
    return { ...base, text, sha256, findings: checked.findings, allowances: checked.allowances, cellPosition: (offset) => checked.notebook.cellPosition(offset) };
  }
  const analysis = analyseUncached({ uri: file.path, language: file.language, version: 0, text }, environment);
  return { ...base, text, sha256, findings: analysis.findings, allowances: analysis.allowances ?? [] };
}
