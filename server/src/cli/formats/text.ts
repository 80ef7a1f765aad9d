/** The human output of `leo-lens lint`: one block per file, one line per finding, then a summary. */
import type { LintResult } from '../lint';

export function formatText(result: LintResult, relativePath: (file: string) => string): string {
  const out: string[] = [];
  for (const file of result.files) {
    if (file.skipped) {
      out.push(`${relativePath(file.path)}: skipped: ${file.skipped}`, '');
      continue;
    }
    if (file.diagnostics.length === 0) continue;
    out.push(relativePath(file.path));
    for (const d of file.diagnostics) {
      // In a notebook, people find a place by its cell and the line within the cell, not by the JSON's lines.
      const place = d.cell !== undefined ? `cell ${d.cell.index} ${d.cell.line}:${d.cell.column}` : `${d.line}:${d.column}`;
      out.push(`  ${place.padEnd(8)} ${d.severity.padEnd(7)} ${d.code}  ${d.message}`);
    }
    out.push('');
  }
  const { files, errors, warnings, infos } = result.summary;
  const total = errors + warnings + infos;
  out.push(
    total === 0
      ? `No findings in ${files} ${plural(files, 'file')}.`
      : `${total} ${plural(total, 'finding')} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')}, ${infos} info) in ${files} ${plural(files, 'file')}.`,
  );
  return out.join('\n') + '\n';
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
