/**
 * Reference diagnostics for one statement:
 * LEO101 unknown table or view in a LEO database, LEO102 unknown column of a catalogued source,
 * LEO103 table or column used for a year or term it has no data for, LEO104 ambiguous unqualified column,
 * LEO105 unknown alias or qualifier. Each comes with did-you-mean suggestions and a fix that replaces the name.
 *
 * The rule throughout is to stay silent when unsure: script-defined objects, CTEs, unknown databases, sources with
 * unknown columns and statements that did not parse cleanly never produce a finding that could be wrong.
 */
import { columnCoverageFinding, LEO103, tableCoverageFinding } from '../coverageFindings';
import { distance } from 'fastest-levenshtein';
import { rankByEditDistance } from '../../util/closestNames';
import type { Finding, Fix } from '../../model/findings';
import type { ColumnRef, Name, Source } from './ast';
import { key, quoteIfNeeded } from './identifiers';
import type { ScopeSource, SemanticModel, StatementScope } from './scopes';
import { catalogueColumns } from './scopes';

export const LEO101 = 'LEO101';
export const LEO102 = 'LEO102';
export { LEO103 } from '../coverageFindings';
export const LEO104 = 'LEO104';
export const LEO105 = 'LEO105';

/** Findings of one statement, with offsets relative to the statement and the default severity (warning). */
export function statementFindings(model: SemanticModel, statement: number): Finding[] {
  const scope = model.scope(statement);
  const node = scope.entry.parsed.node;
  const text = scope.entry.parsed.text;
  const findings: Finding[] = [];
  const seen = new Set<Source>();
  for (const block of node.blocks) {
    for (const source of scope.sources(block.id)) {
      let current: Source | undefined = source.node;
      while (current !== undefined && !seen.has(current)) {
        seen.add(current);
        tableFinding(model, scope, current, text, findings);
        current = current.kind === 'pivot' ? current.inner : undefined;
      }
    }
  }
  // Half-typed statements leave sources out of their blocks; only checks that need no complete picture run on them.
  const clean = node.errors.length === 0;
  const budget = { suggestions: SUGGESTED_PER_STATEMENT };
  for (const ref of node.columnRefs) columnFinding(model, scope, ref, text, clean, findings, budget);
  return findings;
}

function tableFinding(model: SemanticModel, scope: StatementScope, source: Source, text: string, findings: Finding[]): void {
  if (source.kind !== 'table') return;
  const relation = scope.relationOf(source);
  const last = source.name.parts[source.name.parts.length - 1]!;
  if (relation.kind === 'unknown-leo') {
    const suggestions = best(model.catalogue.suggestTables(last.value, relation.database, 3)).map((s) => styled(last.value, s.label));
    findings.push(finding(LEO101, last,
      `Unknown table or view '${last.value}' in LEO database ${relation.database}${didYouMean(suggestions)}`,
      replaceFixes(last, text, suggestions)));
    return;
  }
  if (relation.kind === 'catalogue' && relation.match && !relation.match.populated && relation.match.coverage === 'not-populated') {
    findings.push(tableCoverageFinding(last.value, relation.match, last.start, last.end));
  }
}

/**
 * How many unknown columns of one statement get did-you-mean suggestions. Ranking the catalogue's names costs
 * far more than the finding itself, and a statement with hundreds of unknown names is pasted text, not typos;
 * counting per statement keeps a statement's findings the same however the rest of the file changes.
 */
const SUGGESTED_PER_STATEMENT = 200;

function columnFinding(
  model: SemanticModel,
  scope: StatementScope,
  ref: ColumnRef,
  text: string,
  clean: boolean,
  findings: Finding[],
  budget: { suggestions: number },
): void {
  const resolution = scope.resolve(ref);
  const column = ref.parts[ref.parts.length - 1]!;
  const qualified = ref.parts.length > 1;
  switch (resolution.kind) {
    case 'unknown-qualifier': {
      if (!clean) return;
      const qualifier = resolution.qualifier;
      if (qualifier.length !== 1) return;
      const name = qualifier[0]!;
      const names = [...new Set(resolution.visible.map((s) => s.node.alias?.value ?? s.exposed).filter((n): n is string => n !== undefined))];
      const suggestions = closest(name.value, names);
      findings.push(finding(LEO105, name, `Unknown alias or table '${name.value}'${didYouMean(suggestions)}`, replaceFixes(name, text, suggestions)));
      return;
    }
    case 'missing-column': {
      if (!qualified && !clean) return;
      const catalogueSources = resolution.candidates.filter((s) => s.relation.kind === 'catalogue' && s.relation.match);
      if (catalogueSources.length === 0) return;
      const suggestions = budget.suggestions > 0 ? columnSuggestions(model, column.value, catalogueSources, resolution.candidates) : [];
      budget.suggestions--;
      const where = qualified || resolution.candidates.length === 1
        ? `in ${resolution.candidates[0]!.relation.label}`
        : `in any table in scope (${resolution.candidates.map(sourceName).join(', ')})`;
      findings.push(finding(LEO102, column, `Unknown column '${column.value}' ${where}${didYouMean(suggestions)}`, replaceFixes(column, text, suggestions)));
      return;
    }
    case 'ambiguous': {
      if (!clean || qualified) return;
      const names = resolution.sources.map(sourceName);
      const fixes: Fix[] = resolution.sources
        .filter((s) => s.exposed !== undefined)
        .map((s) => {
          const qualifier = s.node.alias?.value ?? (s.node.kind === 'table' ? s.node.name.parts[s.node.name.parts.length - 1]!.value : s.exposed!);
          const replacement = `${quoteIfNeeded(qualifier)}.${text.slice(column.start, column.end)}`;
          return { title: `Qualify as ${replacement}`, edits: [{ start: column.start, end: column.end, newText: replacement }] };
        });
      findings.push(finding(LEO104, column, `Ambiguous column '${column.value}': it is in ${names.join(' and ')}; qualify it with the table's alias`, fixes));
      return;
    }
    case 'column': {
      const match = resolution.column.catalogue;
      if (match === undefined || match.populated || match.coverage !== 'not-populated') return;
      // A coverage problem belongs where the view is read; a temp table, CTE or derived table built from it
      // passes the column on, and reporting it again at each later use would repeat one cause many times.
      if (resolution.source.relation.kind !== 'catalogue') return;
      // A view with no data at all is reported once, on its name, rather than on every column.
      if (resolution.source.relation.match?.populated === false) return;
      if (match.matchedBy === 'other-year') {
        const instance = resolution.source.relation.match
          ? catalogueColumns(model.catalogue, resolution.source.relation.match).columns.find((c) => c.catalogue?.column === match.column)
          : undefined;
        const replacement = instance ? styled(column.value, instance.name) : undefined;
        const message = `'${column.value}' belongs to another census or year than ${resolution.source.relation.label}${replacement ? `; did you mean ${replacement}?` : ''}`;
        findings.push(finding(LEO103, column, message, replacement ? replaceFixes(column, text, [replacement]) : []));
        return;
      }
      // The form names each field once, under one sub-table, though several sub-tables may carry it (a pupil's
      // gender is in every exclusions table), and independent scripts read such fields freely. Its filing is no
      // evidence of absence, so the doubt is told in the hover, not as a finding.
      if (match.coverageEvidence === 'form-group') return;
      findings.push(columnCoverageFinding(column.value, match, column.start, column.end));
      return;
    }
    default:
      return;
  }
}

function sourceName(source: ScopeSource): string {
  const alias = source.node.alias?.value;
  return alias ? `${alias} (${source.relation.label})` : source.relation.label;
}

/** Did-you-mean names for a column: the catalogue's ranking for catalogued sources, edit distance for the rest. */
function columnSuggestions(model: SemanticModel, name: string, catalogueSources: readonly ScopeSource[], all: readonly ScopeSource[]): string[] {
  const ranked: { label: string; distance: number }[] = [];
  for (const source of catalogueSources) {
    for (const s of best(model.catalogue.suggestColumns(source.relation.match!, name, 3))) ranked.push({ label: s.entry.name, distance: s.distance });
  }
  for (const source of all) {
    if (source.relation.kind === 'catalogue') continue;
    for (const candidate of closest(name, source.relation.columns().columns.map((c) => c.name))) {
      ranked.push({ label: candidate, distance: distance(key(name), key(candidate)) });
    }
  }
  ranked.sort((a, b) => a.distance - b.distance);
  const labels: string[] = [];
  for (const r of best(ranked)) {
    const label = styled(name, r.label);
    if (!labels.some((l) => key(l) === key(label))) labels.push(label);
  }
  return labels.slice(0, 3);
}

/** The candidates at the smallest distance: a suggestion two edits away is noise next to one that is one edit away. */
function best<T extends { distance: number }>(ranked: readonly T[]): T[] {
  if (ranked.length === 0) return [];
  const min = Math.min(...ranked.map((r) => r.distance));
  return ranked.filter((r) => r.distance === min);
}

/** Names within a small edit distance of `name`, closest first. */
export function closest(name: string, candidates: readonly string[]): string[] {
  // Names are compared by their keys (brackets and quotes removed), the way T-SQL resolves them.
  return rankByEditDistance(candidates, key(name), key).map((r) => r.item);
}

/** Spells a suggestion the way the user writes names: all lower case, all upper case, or as catalogued. */
export function styled(typed: string, suggestion: string): string {
  if (typed === typed.toLowerCase()) return suggestion.toLowerCase();
  if (typed === typed.toUpperCase()) return suggestion.toUpperCase();
  return suggestion;
}

function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return `; did you mean ${suggestions.slice(0, 3).join(', ')}?`;
}

/** One fix per suggestion, replacing the name and keeping its delimiters (`[x]`, `"x"`). */
function replaceFixes(name: Name, text: string, suggestions: readonly string[]): Fix[] {
  const original = text.slice(name.start, name.end);
  return suggestions.map((s, i) => {
    const newText = name.quoted ? (original.startsWith('"') ? `"${s}"` : `[${s}]`) : quoteIfNeeded(s);
    return i === 0
      ? { title: `Change to ${newText}`, edits: [{ start: name.start, end: name.end, newText }], preferred: true }
      : { title: `Change to ${newText}`, edits: [{ start: name.start, end: name.end, newText }] };
  });
}

function finding(code: string, at: Name, message: string, fixes: readonly Fix[]): Finding {
  return fixes.length > 0
    ? { code, severity: 'warning', message, start: at.start, end: at.end, fixes }
    : { code, severity: 'warning', message, start: at.start, end: at.end };
}

