/**
 * Turns checked files into the input of the pre-submission report, with the paths as the output
 * checker should read them (relative to the project) and the catalogue and tool identified.
 */
import * as path from 'node:path';
import type { CatalogueIndex } from '../catalogue/api';
import type { ResolvedDisclosureConfig } from '../disclosure/config';
import type { ReportInput } from '../disclosure/report';
import { VERSION } from '../version';
import type { CheckedFile } from './checkFiles';

export function buildReportInput(
  checked: readonly CheckedFile[],
  root: string,
  catalogue: CatalogueIndex,
  disclosure: ResolvedDisclosureConfig,
  generatedAt: Date,
  docsBase?: string,
): ReportInput {
  return {
    generatedAt: generatedAt.toISOString(),
    toolVersion: VERSION,
    catalogue: { id: catalogue.id, name: catalogue.name, version: catalogue.version, source: catalogue.sourceDescription },
    config: disclosure,
    files: checked.map((file) => ({
      path: path.relative(root, file.path).split(path.sep).join('/') || path.basename(file.path),
      text: file.text,
      ...(file.sha256 ? { sha256: file.sha256 } : {}),
      language: file.language,
      findings: file.findings,
      allowances: file.allowances,
      ...(file.skipped ? { skipped: file.skipped } : {}),
    })),
    ...(docsBase ? { docsBase } : {}),
  };
}
