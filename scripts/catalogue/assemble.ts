/**
 * Builds the bundled catalogue from the parsed request form, the hand-maintained mapping
 * (tables.json) and the companion sources. Pure: it takes grids and text, and returns the
 * catalogue data with every problem found; the build script does the reading and writing.
 */
import type { CatalogueFileData, TableData, ViewData } from '../../server/src/catalogue/schema';
import { applyAbsenceSynonyms, applyCodeSets, applySpringCensusSynonyms, parseCsv, readFftCodeSets, readNpdCodeSets } from './enrich';
import { normaliseSheet, prose, type ColumnDraft } from './normalise';
import { parseSheet } from './parseSheet';
import type { GeneratorProblem } from './problems';
import { assignRoles } from './roles';
import type { SheetGrid } from './workbook';

/** One table of the hand-maintained mapping (scripts/catalogue/tables.json). */
export interface TableMapping {
  readonly sheet: string;
  readonly dataTablesName?: string;
  readonly id: string;
  readonly title: string;
  readonly owner?: string;
  readonly description?: string;
  readonly grain?: string;
  readonly personKey?: string;
  readonly linkRoute?: string;
  readonly years?: TableData['years'];
  readonly availability?: 'default' | 'by-request';
  readonly notes?: readonly string[];
  readonly views: readonly ViewData[];
  /** Fields seen in real code but missing from the form, added with a note saying so. */
  readonly extraColumns?: readonly TableData['columns'][number][];
  /** Synonyms, sub-tables and notes to add to fields the form does list, by exact name. */
  readonly columnPatches?: Readonly<Record<string, { readonly synonyms?: readonly string[]; readonly groups?: readonly string[]; readonly notes?: readonly string[] }>>;
}

export interface Mapping {
  readonly catalogue: { readonly id: string; readonly name: string; readonly version: string };
  readonly sources: NonNullable<CatalogueFileData['sources']>;
  readonly iterations: NonNullable<CatalogueFileData['iterations']>;
  readonly databases: NonNullable<CatalogueFileData['databases']>;
  readonly schemas: NonNullable<CatalogueFileData['schemas']>;
  readonly tables: readonly TableMapping[];
}

/** The companion sources; each is optional. */
export interface Companions {
  readonly npdTables?: readonly SheetGrid[];
  readonly fftDictionary?: readonly SheetGrid[];
  readonly springCensusCsv?: string;
  readonly absenceCsv?: string;
}

export interface AssembleResult {
  readonly catalogue: CatalogueFileData;
  readonly problems: readonly GeneratorProblem[];
  readonly summary: AssembleSummary;
}

export interface AssembleSummary {
  readonly tabs: number;
  readonly fieldRows: number;
  readonly columns: number;
  readonly duplicatesMerged: number;
  readonly codeSetsApplied: number;
  readonly synonymsFromEchild: number;
}

/** The form's cover and guidance sheets, which hold no fields. */
const GUIDANCE_SHEETS = new Set(['Front Cover', 'Overview', 'Data Tables', 'COVID19 Impact']);

/** Datasets named in the form's COVID19 Impact sheet, and the table each concerns. */
const COVID_DATASETS: Readonly<Record<string, string>> = {
  'Early Years Foundation Stage Profile': 'eyfsp',
  'Key Stage 1': 'ks1',
  'Key Stage 2': 'ks2',
  'Key Stage 4': 'ks4',
  'Key Stage 5': 'ks5',
  'Summer Census': 'school-census',
  Absence: 'absence',
};

/** Assembles the catalogue. Never throws; unreadable input shows up in `problems`. */
export function assembleCatalogue(form: readonly SheetGrid[], mapping: Mapping, companions: Companions = {}): AssembleResult {
  const problems: GeneratorProblem[] = [];
  const mappingBySheet = new Map(mapping.tables.map((table) => [table.sheet.trim(), table]));
  const dataTables = readDataTables(form);
  const covid = readCovidNotes(form);
  const npdSets = companions.npdTables ? readNpdCodeSets(companions.npdTables) : new Map();
  const fftSets = companions.fftDictionary ? readFftCodeSets(companions.fftDictionary) : new Map();
  const codeSets = new Map([...npdSets, ...fftSets]);
  const tables: TableData[] = [];
  const seenSheets = new Set<string>();
  let fieldRows = 0;
  let duplicatesMerged = 0;
  let codeSetsApplied = 0;
  let synonymsFromEchild = 0;

  for (const grid of form) {
    const sheetName = grid.name.trim();
    if (GUIDANCE_SHEETS.has(sheetName)) continue;
    const table = mappingBySheet.get(sheetName);
    if (!table) {
      problems.push({ level: 'error', sheet: sheetName, message: 'tab is not in scripts/catalogue/tables.json, so it has no id or views; skipped' });
      continue;
    }
    seenSheets.add(sheetName);
    const parsed = parseSheet(grid);
    problems.push(...parsed.problems);
    fieldRows += parsed.fields.length;
    const listing = table.dataTablesName ? dataTables.get(normaliseKey(table.dataTablesName)) : undefined;
    const normalised = normaliseSheet(parsed, {
      yearConvention: sheetName.startsWith('LILR') ? 'start' : 'end',
      defaultAvailability: listing?.availability,
    });
    problems.push(...normalised.problems);
    const merged = mergeDuplicates(sheetName, normalised.columns, problems);
    duplicatesMerged += normalised.columns.length - merged.length;
    applyMappingExtras(table, merged, problems);
    codeSetsApplied += applyCodeSets(merged, codeSets);
    if (table.id === 'school-census' && companions.springCensusCsv) {
      synonymsFromEchild += applySpringCensusSynonyms(merged, parseCsv(companions.springCensusCsv));
    }
    if (table.id === 'absence' && companions.absenceCsv) {
      synonymsFromEchild += applyAbsenceSynonyms(merged, parseCsv(companions.absenceCsv));
    }
    for (const column of merged) assignRoles(column, table.id);
    if (merged.length === 0) problems.push({ level: 'error', sheet: sheetName, message: 'no fields were read from this tab' });
    tables.push(buildTable(table, parsed, normalised.logicalName, listing, covid.get(table.id) ?? [], merged));
  }
  for (const table of mapping.tables) {
    if (!seenSheets.has(table.sheet.trim())) {
      problems.push({ level: 'error', sheet: table.sheet, message: 'tables.json names a tab the workbook does not have' });
    }
  }
  if (companions.npdTables === undefined) problems.push({ level: 'warning', sheet: 'NPD Data Tables', message: 'not read; ethnicity, language and school-type codes are missing' });
  if (companions.fftDictionary === undefined) problems.push({ level: 'warning', sheet: 'FFT data dictionary', message: 'not read; benefit type and HESA code labels are missing' });

  const catalogue: CatalogueFileData = {
    $schema: '../schemas/leo-catalogue.schema.json',
    formatVersion: 1,
    id: mapping.catalogue.id,
    name: mapping.catalogue.name,
    version: mapping.catalogue.version,
    sources: [...mapping.sources],
    iterations: [...mapping.iterations],
    databases: mapping.databases.map((database) => ({ ...database, kind: database.kind ?? 'leo' })),
    schemas: [...mapping.schemas],
    tables,
  };
  const columns = tables.reduce((sum, table) => sum + table.columns.length, 0);
  return { catalogue, problems, summary: { tabs: seenSheets.size, fieldRows, columns, duplicatesMerged, codeSetsApplied, synonymsFromEchild } };
}

interface DataTablesRow {
  readonly description?: string;
  /**
   * `default` when the form says every field comes with the table, `by-request` when it sends
   * the reader to the tab to pick fields, undefined when it says neither (CJRS, SEISS, IDBR).
   */
  readonly availability?: 'default' | 'by-request';
}

/** The form's "Data Tables" sheet: a description per table and whether all its fields come by default. */
function readDataTables(form: readonly SheetGrid[]): Map<string, DataTablesRow> {
  const rows = new Map<string, DataTablesRow>();
  const sheet = form.find((grid) => grid.name.trim() === 'Data Tables');
  if (!sheet) return rows;
  const header = sheet.rows.find((row) => row.cells.some((cell) => cell === 'Table Name'));
  if (!header) return rows;
  const nameColumn = header.cells.indexOf('Table Name');
  for (const row of sheet.rows.filter((candidate) => candidate.number > header.number)) {
    const name = row.cells[nameColumn];
    if (!name) continue;
    const description = row.cells[nameColumn + 1];
    const items = row.cells.slice(nameColumn + 2).join(' ');
    rows.set(normaliseKey(name), {
      description: description ? prose(description) : undefined,
      availability: /included by default/i.test(items) ? 'default' : /corresponding tab/i.test(items) ? 'by-request' : undefined,
    });
  }
  return rows;
}

/** The COVID-19 impacts the form lists, as known issues per table. */
function readCovidNotes(form: readonly SheetGrid[]): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  const sheet = form.find((grid) => grid.name.trim() === 'COVID19 Impact');
  for (const row of sheet?.rows ?? []) {
    const [dataset, impacted, , text] = row.cells;
    const table = dataset ? COVID_DATASETS[dataset] : undefined;
    if (!table || impacted !== 'Yes' || !text) continue;
    const note = `COVID-19: ${prose(text)}`;
    const list = notes.get(table) ?? [];
    if (!list.includes(note)) list.push(note);
    notes.set(table, list);
  }
  return notes;
}

/** Adds tables.json's extra columns and patches; a patch naming no field is reported. */
function applyMappingExtras(table: TableMapping, columns: ColumnDraft[], problems: GeneratorProblem[]): void {
  for (const [name, patch] of Object.entries(table.columnPatches ?? {})) {
    const column = columns.find((candidate) => candidate.name === name);
    if (!column) {
      problems.push({ level: 'error', sheet: table.sheet, message: `tables.json patches "${name}", which the tab does not list` });
      continue;
    }
    for (const synonym of patch.synonyms ?? []) if (!column.synonyms.includes(synonym)) column.synonyms.push(synonym);
    for (const group of patch.groups ?? []) if (!column.groups.includes(group)) column.groups.push(group);
    column.notes.push(...(patch.notes ?? []));
  }
  for (const extra of table.extraColumns ?? []) {
    columns.push({ ...extra, synonyms: [...(extra.synonyms ?? [])], notes: [...(extra.notes ?? [])], groups: [...(extra.groups ?? [])] });
  }
}

/** The same field listed twice in one sub-table is one column; the first row wins, the rest fill gaps. */
function mergeDuplicates(sheet: string, columns: readonly ColumnDraft[], problems: GeneratorProblem[]): ColumnDraft[] {
  const byKey = new Map<string, ColumnDraft>();
  const result: ColumnDraft[] = [];
  for (const column of columns) {
    const key = `${column.name.toLowerCase()}|${column.groups.join(',').toLowerCase()}`;
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, column);
      result.push(column);
      continue;
    }
    for (const field of ['type', 'description', 'years', 'codes', 'valuesNote', 'identificationRisk', 'sensitivity', 'terms'] as const) {
      if (first[field] === undefined && column[field] !== undefined) (first as Record<string, unknown>)[field] = column[field];
    }
    for (const synonym of column.synonyms) if (!first.synonyms.includes(synonym)) first.synonyms.push(synonym);
    problems.push({ level: 'info', sheet, message: 'field listed twice in the same sub-table; the rows were merged', text: column.name });
  }
  return result;
}

function buildTable(
  mapping: TableMapping,
  parsed: ReturnType<typeof parseSheet>,
  logicalName: string | undefined,
  listing: DataTablesRow | undefined,
  covid: readonly string[],
  columns: readonly ColumnDraft[],
): TableData {
  const sections = parsed.sections;
  const description = mapping.description ?? distinctSentences([listing?.description, sections.overview, sections.usage]);
  const knownIssues = [sections.knownIssues, ...covid]
    .filter((text): text is string => !!text && text.trim() !== '-' && text.trim() !== '')
    .map(prose);
  const notes = [
    ...(mapping.notes ?? []),
    ...(sections.dataSource ? [`Data source: ${prose(sections.dataSource)}`] : []),
    ...parsed.notes.map(prose),
  ];
  const table: TableData = {
    id: mapping.id,
    name: parsed.sheet,
    logicalName,
    title: mapping.title,
    owner: mapping.owner,
    description: description || (parsed.title ? prose(parsed.title) : undefined),
    grain: mapping.grain,
    personKey: mapping.personKey,
    linkRoute: mapping.linkRoute,
    years: mapping.years,
    availability: mapping.availability ?? 'by-request',
    knownIssues: knownIssues.length > 0 ? [...new Set(knownIssues)] : undefined,
    notes: notes.length > 0 ? [...new Set(notes)] : undefined,
    views: [...mapping.views],
    columns: columns.map(finishColumn),
  };
  return table;
}

/** Drops empty lists so the bundled file stays small and its diffs stay readable. */
function finishColumn(column: ColumnDraft): TableData['columns'][number] {
  const { synonyms, notes, groups, ...rest } = column;
  return {
    ...rest,
    groups: groups.length > 0 ? groups : undefined,
    synonyms: synonyms.length > 0 ? synonyms : undefined,
    notes: notes.length > 0 ? [...new Set(notes)] : undefined,
  };
}

/**
 * Joins paragraphs, leaving out sentences already said: the form repeats the same sentences in
 * its table list, the overview and the "what can I do" paragraph.
 */
function distinctSentences(parts: readonly (string | undefined)[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    for (const sentence of prose(part).split(/(?<=[.!?])\s+/)) {
      const key = sentence.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      kept.push(sentence);
    }
  }
  return kept.join(' ');
}

/** Table names in the Data Tables sheet and in tables.json are compared without case, spaces or punctuation. */
function normaliseKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
