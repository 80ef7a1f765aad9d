/**
 * Reads a filled-in DfE LEO variable request form (the I2SE form's layout) into a project's extract: the tables
 * marked as required on the "Data Tables" sheet, and on each table's tab the "by request" fields marked as
 * required with the years asked for, plus the default fields that come with every requested table. The LEO
 * outcome and linking tabs have no per-field marks: a requested table brings all its columns.
 *
 * The form is filled in by hand, so every row or mark this reader cannot place is reported with its sheet and
 * row, and left out rather than guessed. Pure: grids in (see sheetGrid.ts), extract and problems out.
 */
import type { CatalogueIndex, ColumnEntry, TableEntry } from '../catalogue/api';
import { templateShape } from '../catalogue/names';
import type { ExtractData } from '../catalogue/schema';
import type { SheetGrid } from './sheetGrid';

/** Granted end years, as the extract file writes them. */
type YearSpan = { from: number; to: number; except?: number[] };

export interface FormProblem {
  readonly level: 'warning' | 'info';
  readonly sheet: string;
  readonly row?: number;
  readonly message: string;
}

export interface FormReadResult {
  readonly extract: ExtractData;
  readonly problems: readonly FormProblem[];
  readonly summary: { readonly tables: number; readonly requestedFields: number; readonly defaultFields: number };
}

type Mark = 'yes' | 'no' | 'unreadable';

const DATA_TABLES = /^data tables$/i;
const NAME_HEADER = /^(npd ?alias|field|field name)$/i;
const MARK_HEADER = /^data request data item required\??$/i;
const YEARS_HEADER = /^data request years required\??$/i;
const DEFAULT_SECTION = /^default data items/i;
const BY_REQUEST_SECTION = /^'?by request'? data items/i;

/** Reads the form against the catalogue, whose tables carry the form's tab names. */
export function readRequestForm(sheets: readonly SheetGrid[], catalogue: CatalogueIndex, governed: (table: TableEntry) => boolean): FormReadResult {
  const problems: FormProblem[] = [];
  const tables = catalogue.tables.filter(governed);
  const required = readDataTables(sheets, tables, problems);
  const byTab = new Map(tables.map((table) => [table.name.trim().toLowerCase(), table]));
  const grants: ExtractData['tables'][number][] = [];
  let requestedFields = 0;
  let defaultFields = 0;

  for (const sheet of sheets) {
    const table = byTab.get(sheet.name.trim().toLowerCase());
    if (table === undefined) continue;
    const marked = required.get(table.id);
    const tab = readTab(sheet, table, problems);
    if (tab === undefined) {
      // A tab without per-field marks (the LEO and linking tables, UCAS): the table comes whole or not at all.
      if (marked === 'yes') grants.push({ table: table.id, sheet: sheet.name.trim(), columns: 'all' });
      continue;
    }
    const anyRequested = tab.requested.size > 0;
    if (marked !== 'yes' && !anyRequested) continue;
    if (marked !== 'yes') {
      problems.push({ level: 'warning', sheet: sheet.name.trim(), message: `fields are marked as required but the Data Tables sheet does not mark ${table.name} as required; the table is included` });
    }
    const years = unionOfYears([...tab.requested.values()]);
    const columns: { name: string; years?: YearSpan }[] = [];
    for (const column of table.columns) {
      if (tab.requested.has(column)) {
        const own = tab.requested.get(column);
        columns.push({ name: column.name, ...(own !== undefined ? { years: own } : {}) });
        requestedFields++;
      } else if (tab.defaults.has(column)) {
        columns.push({ name: column.name });
        defaultFields++;
      }
    }
    grants.push({ table: table.id, sheet: sheet.name.trim(), ...(years !== undefined ? { years } : {}), columns });
  }
  for (const [id, mark] of required) {
    if (mark === 'yes' && !grants.some((grant) => grant.table === id)) {
      const table = tables.find((t) => t.id === id)!;
      problems.push({ level: 'warning', sheet: 'Data Tables', message: `${table.name} is marked as required but the form has no tab for it; it is left out` });
    }
  }
  return { extract: { tables: grants }, problems, summary: { tables: grants.length, requestedFields, defaultFields } };
}

/** The "Is this table required?" column of the Data Tables sheet, by catalogue table id. */
function readDataTables(sheets: readonly SheetGrid[], tables: readonly TableEntry[], problems: FormProblem[]): Map<string, Mark> {
  const result = new Map<string, Mark>();
  const sheet = sheets.find((s) => DATA_TABLES.test(s.name.trim()));
  if (sheet === undefined) {
    problems.push({ level: 'warning', sheet: 'Data Tables', message: 'the form has no Data Tables sheet; only tabs with marked fields are read' });
    return result;
  }
  let nameColumn: number | undefined;
  let requiredColumn: number | undefined;
  for (const row of sheet.rows) {
    const name = row.cells.findIndex((cell) => /^table name$/i.test(cell));
    const required = row.cells.findIndex((cell) => /^is this table required\??$/i.test(cell));
    if (name >= 0 && required >= 0) {
      nameColumn = name;
      requiredColumn = required;
      continue;
    }
    if (nameColumn === undefined || requiredColumn === undefined) continue;
    const written = row.cells[nameColumn] ?? '';
    if (written === '') continue;
    const table = matchTable(written, tables);
    const mark = readMark(row.cells[requiredColumn] ?? '');
    if (table === undefined) {
      if (mark === 'yes') problems.push({ level: 'warning', sheet: sheet.name, row: row.number, message: `could not match the table "${written}" to a catalogue table; its mark is not read` });
      continue;
    }
    if (mark === 'unreadable') {
      problems.push({ level: 'warning', sheet: sheet.name, row: row.number, message: `could not read the mark "${row.cells[requiredColumn]}" for ${written} (write Yes or No); the table is left out` });
      continue;
    }
    result.set(table.id, mark);
  }
  if (requiredColumn === undefined) problems.push({ level: 'warning', sheet: sheet.name, message: 'could not find the "Is this table required?" column' });
  return result;
}

interface TabMarks {
  /** By-request fields marked as required, with the years asked for (undefined: every year). */
  readonly requested: Map<ColumnEntry, YearSpan | undefined>;
  /** Fields of the default sections, which come with the table. */
  readonly defaults: Set<ColumnEntry>;
}

/** The marks of one table tab, or undefined when the tab has no mark column. */
function readTab(sheet: SheetGrid, table: TableEntry, problems: FormProblem[]): TabMarks | undefined {
  const sheetName = sheet.name.trim();
  const lookup = columnLookup(table);
  const requested = new Map<ColumnEntry, YearSpan | undefined>();
  const defaults = new Set<ColumnEntry>();
  let header: { name: number; mark?: number; years?: number } | undefined;
  let section: 'request' | 'default' = 'request';
  let sawMarkColumn = false;
  for (const row of sheet.rows) {
    const first = row.cells.find((cell) => cell !== '') ?? '';
    if (DEFAULT_SECTION.test(first)) {
      section = 'default';
      continue;
    }
    if (BY_REQUEST_SECTION.test(first)) {
      section = 'request';
      continue;
    }
    const name = row.cells.findIndex((cell) => NAME_HEADER.test(cell));
    if (name >= 0) {
      const mark = row.cells.findIndex((cell) => MARK_HEADER.test(cell));
      const years = row.cells.findIndex((cell) => YEARS_HEADER.test(cell));
      header = { name, ...(mark >= 0 ? { mark } : {}), ...(years >= 0 ? { years } : {}) };
      if (mark >= 0) sawMarkColumn = true;
      continue;
    }
    if (header === undefined) continue;
    const written = row.cells[header.name] ?? '';
    if (written === '' || row.inherited.has(header.name)) continue;
    const column = findColumn(written, lookup);
    if (section === 'default' || header.mark === undefined) {
      if (column !== undefined) defaults.add(column);
      continue;
    }
    const markText = row.cells[header.mark] ?? '';
    const mark = readMark(markText);
    if (mark === 'no') continue;
    if (mark === 'unreadable') {
      problems.push({ level: 'warning', sheet: sheetName, row: row.number, message: `could not read the mark "${markText}" for ${firstName(written)} (write Yes or No); the field is left out` });
      continue;
    }
    if (column === undefined) {
      problems.push({ level: 'warning', sheet: sheetName, row: row.number, message: `could not match the field "${firstName(written)}" to a catalogue column of ${table.name}; it is left out` });
      continue;
    }
    const yearsText = header.years !== undefined ? row.cells[header.years] ?? '' : '';
    const years = parseYears(yearsText);
    if (years === 'unreadable') {
      problems.push({ level: 'warning', sheet: sheetName, row: row.number, message: `could not read the years "${yearsText}" for ${column.name} (write e.g. 2015 to 2019); every year is assumed` });
      requested.set(column, undefined);
    } else {
      requested.set(column, years);
    }
  }
  return sawMarkColumn ? { requested, defaults } : undefined;
}

/** Yes, No or blank, in the spellings people type; anything else is reported. */
export function readMark(text: string): Mark {
  const value = text.trim().toLowerCase();
  if (value === '' || /^(no|n|false|0|-|none)$/.test(value)) return 'no';
  if (/^(yes|y|true|1|x|✓|✔|required|requested)\.?$/.test(value)) return 'yes';
  return 'unreadable';
}

/**
 * The years asked for: `2002 to 2021`, `2002-2021`, `2019`, `2015, 2017`, `2001/02 - 2020/21` (academic years, by
 * end year), `all`. Blank means every year. Undefined is every year; `unreadable` is reported.
 */
export function parseYears(text: string): YearSpan | undefined | 'unreadable' {
  const value = text.trim().toLowerCase();
  if (value === '' || /^all( years)?\.?$/.test(value)) return undefined;
  const years: number[] = [];
  for (const part of value.split(/\s*(?:,|;|\band\b)\s*/)) {
    if (part === '') continue;
    const range = /^(\d{4}(?:\/\d{2,4})?)\s*(?:to|-|–)\s*(\d{4}(?:\/\d{2,4})?)$/.exec(part);
    const single = /^(\d{4}(?:\/\d{2,4})?)$/.exec(part);
    if (range) {
      const from = endYear(range[1]!);
      const to = endYear(range[2]!);
      if (from === undefined || to === undefined || to < from) return 'unreadable';
      for (let year = from; year <= to; year++) years.push(year);
    } else if (single) {
      const year = endYear(single[1]!);
      if (year === undefined) return 'unreadable';
      years.push(year);
    } else {
      return 'unreadable';
    }
  }
  if (years.length === 0) return 'unreadable';
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const from = sorted[0]!;
  const to = sorted[sorted.length - 1]!;
  const except: number[] = [];
  for (let year = from; year <= to; year++) if (!sorted.includes(year)) except.push(year);
  return { from, to, ...(except.length > 0 ? { except } : {}) };
}

/** `2019` is 2019; `2018/19` and `2018/2019` are 2019 (academic years are named by their end year). */
function endYear(text: string): number | undefined {
  const [start, end] = text.split('/');
  const first = Number(start);
  if (!Number.isInteger(first) || first < 1900 || first > 2100) return undefined;
  if (end === undefined) return first;
  const second = end.length === 2 ? Math.floor(first / 100) * 100 + Number(end) : Number(end);
  return second === first + 1 || (end.length === 2 && second === first + 1 - 100) ? first + 1 : undefined;
}

function unionOfYears(spans: readonly (YearSpan | undefined)[]): YearSpan | undefined {
  if (spans.length === 0 || spans.some((span) => span === undefined)) return undefined;
  const granted = new Set<number>();
  for (const span of spans) {
    for (let year = span!.from!; year <= span!.to!; year++) if (!(span!.except ?? []).includes(year)) granted.add(year);
  }
  const sorted = [...granted].sort((a, b) => a - b);
  const from = sorted[0]!;
  const to = sorted[sorted.length - 1]!;
  const except: number[] = [];
  for (let year = from; year <= to; year++) if (!granted.has(year)) except.push(year);
  return { from, to, ...(except.length > 0 ? { except } : {}) };
}

type ColumnLookup = ReadonlyMap<string, ColumnEntry>;

function columnLookup(table: TableEntry): ColumnLookup {
  const map = new Map<string, ColumnEntry>();
  for (const column of table.columns) {
    for (const name of [column.name, ...column.synonyms]) if (!map.has(templateShape(name))) map.set(templateShape(name), column);
    if (column.reference !== undefined && !map.has(`ref:${column.reference.toLowerCase()}`)) map.set(`ref:${column.reference.toLowerCase()}`, column);
  }
  return map;
}

/** The name cell holds the current name first, then older names; the first that the catalogue knows wins. */
function findColumn(written: string, lookup: ColumnLookup): ColumnEntry | undefined {
  for (const name of written.split(/[\s,]+/).filter((part) => part !== '')) {
    const found = lookup.get(templateShape(name));
    if (found !== undefined) return found;
  }
  return lookup.get(`ref:${firstName(written).toLowerCase()}`);
}

function firstName(written: string): string {
  return written.split(/\s+/)[0] ?? written;
}

const STOP_WORDS = new Set(['table', 'tables', 'resolved', 'the', 'to', 'and', 'data', 'spells', 'of', 'lookup']);

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((token) => token !== '' && !STOP_WORDS.has(token));
}

/**
 * The catalogue table a Data Tables row names. The row's wording differs from the tab name ("KS2 - 95-96 to
 * 15-16", "Self -assessment table"), so the words of the row are compared with the words of each table's tab
 * name, logical name, title and id, and the one clear best match is taken.
 */
export function matchTable(written: string, tables: readonly TableEntry[]): TableEntry | undefined {
  const wanted = tokens(written);
  if (wanted.length === 0) return undefined;
  let best: TableEntry | undefined;
  let bestScore = 0;
  let tie = false;
  for (const table of tables) {
    const have = new Set(tokens([table.name, table.logicalName ?? '', table.title, table.id].join(' ')));
    const score = wanted.filter((token) => have.has(token)).length / wanted.length;
    if (score > bestScore) {
      best = table;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) {
      tie = true;
    }
  }
  return bestScore >= 0.5 && !tie ? best : undefined;
}
