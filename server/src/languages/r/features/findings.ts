/**
 * Reference diagnostics for R: `LEO102` for a column used on a frame whose columns are certain and
 * which has no such column; `LEO101` and `LEO103` for tables named from R (`in_schema()`, `Id()`,
 * `dbReadTable()`); and every finding of the embedded SQL, mapped back into the R file.
 */
import { tableCoverageFinding } from '../../coverageFindings';
import type { CatalogueIndex } from '../../../catalogue/api';
import { applySeverityOverrides, type Finding, type Fix } from '../../../model/findings';
import type { AnalysisContext } from '../../types';
import type { TableNameUse } from '../frames/evaluator';
import type { ColumnReference, FrameModel } from '../frames/model';
import { closestColumns, spelled } from '../frames/suggest';
import type { EmbeddedSql } from '../sql/embedded';
import { escapeForLiteral, mapFinding } from '../sql/hostMapping';
import { isSyntacticName } from '../syntax/strings';
import { frameLabel } from './docs';

export const LEO101 = 'LEO101';
export const LEO102 = 'LEO102';
export { LEO103 } from '../../coverageFindings';

export function frameFindings(text: string, model: FrameModel): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const reference of model.references) {
    if (reference.status !== 'missing') continue;
    const key = `${reference.start}:${reference.end}:${reference.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const frame = model.frames[reference.frame];
    if (!frame) continue;
    const suggestions = closestColumns(frame, reference.name).map((column) => spelled(reference.name, column));
    const unique = [...new Set(suggestions)];
    const hint = unique.length > 0 ? `; did you mean ${unique.join(', ')}?` : '';
    findings.push({
      code: LEO102,
      severity: 'warning',
      message: `Unknown column '${reference.name}' in ${frameLabel(model, frame)}${hint}`,
      start: reference.start,
      end: reference.end,
      ...withFixes(replaceFixes(text, reference, unique)),
    });
  }
  return findings;
}

/** One fix per suggestion, writing the name the way the original was written (bare, backticked or quoted). */
function replaceFixes(text: string, reference: ColumnReference, suggestions: readonly string[]): Fix[] {
  const before = text[reference.start - 1];
  const quoted = before === '"' || before === "'";
  return suggestions.map((suggestion, i) => {
    let newText = suggestion;
    if (quoted) newText = escapeForLiteral(suggestion, before);
    else if (text[reference.start] === '`' || !isSyntacticName(suggestion)) newText = `\`${suggestion}\``;
    return { title: `Change to ${newText}`, edits: [{ start: reference.start, end: reference.end, newText }], ...(i === 0 ? { preferred: true } : {}) };
  });
}

function withFixes(fixes: readonly Fix[]): { fixes?: readonly Fix[] } {
  return fixes.length > 0 ? { fixes } : {};
}

/** Tables named from R that a LEO database does not have, or that hold no data. */
export function tableFindings(catalogue: CatalogueIndex, tables: readonly TableNameUse[]): Finding[] {
  const findings: Finding[] = [];
  for (const { table } of tables) {
    const reference = table.reference;
    const match = catalogue.resolveTable(reference);
    if (match) {
      if (!match.populated && match.coverage === 'not-populated') {
        findings.push(tableCoverageFinding(reference.name, match, table.nameSpan.start, table.nameSpan.end));
      }
      continue;
    }
    if (!reference.database || !catalogue.isLeoDatabase(reference.database)) continue;
    const ranked = catalogue.suggestTables(reference.name, reference.database, 3);
    const best = ranked.length > 0 ? Math.min(...ranked.map((s) => s.distance)) : 0;
    const suggestions = [...new Set(ranked.filter((s) => s.distance === best).map((s) => s.label))];
    findings.push({
      code: LEO101,
      severity: 'warning',
      message: `Unknown table or view '${reference.name}' in LEO database ${reference.database}${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      start: table.nameSpan.start,
      end: table.nameSpan.end,
      ...withFixes(suggestions.map((s, i) => ({ title: `Change to ${s}`, edits: [{ start: table.nameSpan.start, end: table.nameSpan.end, newText: s }], ...(i === 0 ? { preferred: true } : {}) }))),
    });
  }
  return findings;
}

/** Findings of the embedded SQL (their severities are already applied by the SQL analysis). */
export function embeddedFindings(text: string, embedded: readonly EmbeddedSql[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const query of embedded) {
    for (const finding of query.analysis.findings) {
      const mapped = mapFinding(query, text, finding);
      if (!mapped) continue;
      const key = `${mapped.code}:${mapped.start}:${mapped.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(mapped);
    }
  }
  return findings;
}

/** Applies the user's severities; `off` removes a finding. */
export function applySeverities(findings: readonly Finding[], context: AnalysisContext): Finding[] {
  return applySeverityOverrides(findings, context.severityOverrides);
}
