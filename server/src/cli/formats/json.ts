/**
 * The JSON output of `leo-lens lint`: a contract other tools rely on, so fields are only ever added.
 * Lines and columns are 1-based.
 */
import { VERSION } from '../../version';
import type { LintResult } from '../lint';

export interface CatalogueIdentity {
  readonly id: string;
  readonly version: string;
}

export function formatJson(result: LintResult, catalogue: CatalogueIdentity, relativePath: (file: string) => string): string {
  const document = {
    tool: { name: 'leo-lens', version: VERSION },
    catalogue: { id: catalogue.id, version: catalogue.version },
    files: result.files.map((file) => ({
      path: relativePath(file.path),
      language: file.language,
      ...(file.skipped ? { skipped: file.skipped } : {}),
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        ...(d.cell !== undefined ? { cell: d.cell } : {}),
      })),
    })),
    summary: result.summary,
  };
  return JSON.stringify(document, null, 2) + '\n';
}
