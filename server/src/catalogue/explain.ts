/**
 * `leo-lens explain <name>`: everything the catalogue knows about a table or column name in
 * any form (bare, qualified, bracketed, quoted, a family member or its template), as plain
 * JSON-able data, plus a plain-text rendering for people.
 */
import { distance } from 'fastest-levenshtein';
import type { CatalogueIndex, ColumnMatch, ExplainColumn, ExplainResult, ExplainTable, TableMatch } from './api';
import { academicYear } from './coverage';
import { expandTwoDigitYear, instantiate, nameCandidates } from './names';
import { splitQualifiedName } from './queryName';
import { describeRisk, describeSensitivity } from './scales';

const MAX_SUGGESTIONS = 5;

/** Explains a table or column name. Never throws; `found` is false when nothing matched. */
export function explain(index: CatalogueIndex, query: string): ExplainResult {
  const parts = splitQualifiedName(query).filter((part, position, all) => part !== '' || position < all.length - 1);
  const tables: TableMatch[] = [];
  const columns: ColumnMatch[] = [];
  const last = parts[parts.length - 1] ?? '';

  if (parts.length >= 4) {
    // database.schema.view.column
    const table = index.resolveTable({ database: parts[0], schema: parts[1], name: parts[2]! });
    if (table) pushColumn(columns, index.resolveColumn(table, last));
  } else if (parts.length === 3) {
    // database.schema.view, or schema.view.column
    const table = index.resolveTable({ database: parts[0], schema: parts[1], name: last });
    if (table) tables.push(table);
    else {
      const owner = index.resolveTable({ schema: parts[0], name: parts[1]! });
      if (owner) pushColumn(columns, index.resolveColumn(owner, last));
    }
  } else if (parts.length === 2) {
    // database.view (schema left out), or view.column
    const table = index.resolveTable({ schema: parts[0], name: last });
    if (table) tables.push(table);
    else {
      const owner = index.resolveTable({ name: parts[0]! }) ?? index.findTables(parts[0]!)[0];
      if (owner) pushColumn(columns, index.resolveColumn(owner, last));
    }
    // Logical names such as `LEO.Earnings` contain a dot of their own.
    if (tables.length === 0 && columns.length === 0) tables.push(...index.findTables(query.trim()));
  } else {
    tables.push(...index.findTables(last));
    columns.push(...index.findColumns(last));
  }

  const found = tables.length + columns.length > 0;
  return {
    query,
    found,
    tables: dedupeTables(tables).map((match) => explainTable(index, match)),
    columns: columns.map(explainColumn),
    suggestions: found ? [] : suggest(index, last),
  };
}

function pushColumn(columns: ColumnMatch[], match: ColumnMatch | undefined): void {
  if (match) columns.push(match);
}

/** One table match per table and view name (a view found by name and by id is the same thing). */
function dedupeTables(matches: readonly TableMatch[]): TableMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.table.id}|${match.database.toLowerCase()}|${match.viewName.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explainTable(index: CatalogueIndex, match: TableMatch): ExplainTable {
  const table = match.table;
  return {
    kind: 'table',
    id: table.id,
    name: table.name,
    title: table.title,
    logicalName: table.logicalName,
    view: match.viewName,
    database: match.database,
    iteration: match.iteration,
    year: match.year,
    term: match.term,
    populated: match.populated,
    coverageNote: match.coverageNote,
    description: table.description,
    grain: table.grain,
    personKey: table.personKey,
    linkRoute: table.linkRoute,
    years: table.years,
    availability: table.availability,
    knownIssues: table.knownIssues,
    columns: index.columnsOf(match).map((column) => ({
      name: column.name,
      type: column.column.type,
      description: column.column.description,
      identificationRisk: column.column.identificationRisk,
      sensitivity: column.column.sensitivity,
      populated: column.populated,
    })),
  };
}

function explainColumn(match: ColumnMatch): ExplainColumn {
  const column = match.column;
  const instance = match.matchedBy === 'template-form' || match.name === column.name ? undefined : match.name;
  return {
    kind: 'column',
    table: match.table.id,
    tableTitle: match.table.title,
    name: column.name,
    instance,
    term: match.term,
    year: match.year,
    type: column.type,
    description: column.description,
    years: column.years,
    populated: match.coverage === 'unknown' ? undefined : match.populated,
    coverageNote: match.coverageNote,
    codes: column.codes,
    valuesNote: column.valuesNote,
    identificationRisk: column.identificationRisk,
    identificationRiskMeaning: column.identificationRisk === undefined ? undefined : describeRisk(column.identificationRisk),
    sensitivity: column.sensitivity,
    sensitivityMeaning: column.sensitivity === undefined ? undefined : describeSensitivity(column.sensitivity),
    availability: column.availability,
    roles: column.roles,
    synonyms: column.synonyms,
    notes: column.notes,
  };
}

/** Close names when nothing matched: view names, and column names instantiated like the query. */
function suggest(index: CatalogueIndex, name: string): string[] {
  const lower = name.toLowerCase();
  if (lower === '') return [];
  const scored = new Map<string, number>();
  for (const suggestion of index.suggestTables(name, undefined, MAX_SUGGESTIONS)) scored.set(suggestion.label, suggestion.distance);
  const candidates = nameCandidates(lower);
  const instance = candidates.find((candidate) => candidate.term !== undefined) ?? candidates.find((candidate) => candidate.yy !== undefined);
  const year = instance?.yy === undefined ? undefined : expandTwoDigitYear(instance.yy);
  const threshold = Math.max(2, Math.ceil(lower.length / 4));
  for (const table of index.tables) {
    for (const column of table.columns) {
      const label = instantiate(column.name, column.name.includes('[term]') ? instance?.term : undefined, year);
      if (Math.abs(label.length - lower.length) > threshold) continue;
      const score = distance(lower, label.toLowerCase());
      if (score <= threshold && score < (scored.get(label) ?? Infinity)) scored.set(label, score);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_SUGGESTIONS)
    .map(([label]) => label);
}

/** Renders an explain result as plain text for a terminal. */
export function formatExplainText(result: ExplainResult): string {
  if (!result.found) {
    const hint = result.suggestions.length > 0 ? ` Did you mean: ${result.suggestions.join(', ')}?` : '';
    return `${result.query}: not in the catalogue.${hint}\n`;
  }
  const blocks = [...result.tables.map(tableText), ...result.columns.map(columnText)];
  return `${blocks.join('\n')}`;
}

function tableText(table: ExplainTable): string {
  const lines = [`${table.view} (table: ${table.title}) [${table.id}]`];
  field(lines, 'Form tab', table.name);
  field(lines, 'Logical name', table.logicalName);
  field(lines, 'Database', `${table.database} (iteration ${table.iteration})`);
  if (table.year !== undefined) field(lines, 'Year', `${table.term ? `${table.term} ` : ''}${table.year} (${academicYear(table.year)})`);
  if (!table.populated) field(lines, 'Coverage', table.coverageNote ?? 'not populated');
  field(lines, 'Description', table.description);
  field(lines, 'Grain', table.grain);
  field(lines, 'Person key', table.personKey);
  field(lines, 'Link route', table.linkRoute);
  field(lines, 'Years', table.years?.text ?? yearsText(table.years));
  field(lines, 'Availability', table.availability);
  for (const issue of table.knownIssues) field(lines, 'Known issue', issue);
  lines.push(`  Columns (${table.columns.length}):`);
  const width = Math.min(40, Math.max(...table.columns.map((column) => column.name.length), 4));
  for (const column of table.columns) {
    const ratings = [column.identificationRisk, column.sensitivity].filter((value) => value !== undefined).join('');
    const flags = [ratings ? `risk ${ratings}` : '', column.populated ? '' : 'not populated'].filter((text) => text !== '').join(', ');
    lines.push(`    ${column.name.padEnd(width)}  ${(column.type ?? '').padEnd(12)}  ${shorten(column.description ?? '', 70)}${flags ? `  [${flags}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function columnText(column: ExplainColumn): string {
  const lines = [`${column.instance ?? column.name} (column of ${column.tableTitle}) [${column.table}]`];
  if (column.instance) field(lines, 'Template', column.name);
  if (column.year !== undefined) field(lines, 'Instance', `${column.term ? `${column.term} ` : ''}${column.year} (${academicYear(column.year)})`);
  field(lines, 'Description', column.description);
  field(lines, 'Type', column.type);
  field(lines, 'Years', column.years?.text ?? yearsText(column.years));
  if (column.populated === false) field(lines, 'Coverage', column.coverageNote ?? 'not populated');
  if (column.codes && column.codes.length > 0) {
    const shown = column.codes.slice(0, 25).map((code) => `${code.code} = ${code.label}`);
    const more = column.codes.length > shown.length ? `; … and ${column.codes.length - shown.length} more` : '';
    field(lines, 'Codes', shown.join('; ') + more);
  }
  field(lines, 'Values', column.valuesNote);
  if (column.identificationRisk !== undefined) field(lines, 'Identification risk', `${column.identificationRisk}: ${column.identificationRiskMeaning}`);
  if (column.sensitivity !== undefined) field(lines, 'Sensitivity', `${column.sensitivity}: ${column.sensitivityMeaning}`);
  field(lines, 'Availability', column.availability);
  const roles = Object.entries(column.roles).map(([role, value]) => (value === true ? role : `${role} ${String(value)}`));
  if (roles.length > 0) field(lines, 'Roles', roles.join(', '));
  if (column.synonyms.length > 0) field(lines, 'Also named', column.synonyms.join(', '));
  for (const note of column.notes) field(lines, 'Note', note);
  return `${lines.join('\n')}\n`;
}

function field(lines: string[], label: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  lines.push(`  ${`${label}:`.padEnd(21)} ${value}`);
}

function yearsText(years: { from?: number; to?: number } | undefined): string | undefined {
  if (!years || (years.from === undefined && years.to === undefined)) return undefined;
  return `${years.from === undefined ? '…' : academicYear(years.from)} to ${years.to === undefined ? '…' : academicYear(years.to)}`;
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
