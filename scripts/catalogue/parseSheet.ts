/**
 * Turns one table tab of DfE's variable request form into raw field rows.
 *
 * The tabs were written by hand over many years, so the layout varies: NPD tabs have a
 * "'By request' Data items" section and a "Default Data Items" section, each with its own header
 * row; LILR and UCAS tabs have a single plain header; LEO and LINK tabs start with labelled
 * paragraphs (Overview, Data Source, Known Issues) before a "Table Name | Field Name" header.
 * This module only classifies rows and maps cells to keys; normalise.ts interprets the text.
 * Every row it cannot place is reported, never silently dropped.
 */
import type { GridRow, SheetGrid } from './workbook';
import type { GeneratorProblem } from './problems';

/** The meaning of a header column. */
export type FieldKey =
  | 'name'
  | 'reference'
  | 'oldAlias'
  | 'formerName'
  | 'years'
  | 'description'
  | 'type'
  | 'length'
  | 'values'
  | 'risk'
  | 'sensitivity'
  | 'terms'
  | 'part'
  | 'logicalName'
  | 'notes'
  | 'source'
  | 'theme';

export interface RawField {
  readonly row: number;
  readonly cells: Readonly<Partial<Record<FieldKey, string>>>;
  /** The sub-table heading the row sits under, if any (`KS4 Pupil Table`). */
  readonly heading?: string;
  /** A thematic label from a "Field type" column (HESA), which is not a sub-table. */
  readonly theme?: string;
  readonly availability?: 'default' | 'by-request';
  /** True when the name cell is the lower part of a vertically merged cell (a continuation row). */
  readonly continuation: boolean;
}

export interface SheetSections {
  readonly overview?: string;
  readonly dataSource?: string;
  readonly knownIssues?: string;
  readonly usage?: string;
}

export interface ParsedSheet {
  /** The sheet name, trimmed. */
  readonly sheet: string;
  readonly title?: string;
  readonly sections: SheetSections;
  readonly notes: readonly string[];
  readonly fields: readonly RawField[];
  readonly problems: readonly GeneratorProblem[];
}

/** Header cell texts (lower case, spaces collapsed) and their meaning; `null` marks known columns we ignore. */
const HEADER_PATTERNS: readonly (readonly [RegExp, FieldKey | null])[] = [
  [/^(npd ?alias|field|field name)$/, 'name'],
  [/^field ?reference$/, 'reference'],
  [/^old ?alias$/, 'oldAlias'],
  [/^former ?name$/, 'formerName'],
  [/^years? (populated|available)/, 'years'],
  [/^description$/, 'description'],
  [/^(data )?type$/, 'type'],
  [/^length$/, 'length'],
  [/^(allowed values|values|codes)$/, 'values'],
  [/^(identification risk|identifiability)$/, 'risk'],
  [/^sensitivity$/, 'sensitivity'],
  [/^collection term$/, 'terms'],
  [/^table$/, 'part'],
  [/^table name$/, 'logicalName'],
  [/^notes$/, 'notes'],
  [/^source( dataset)?$/, 'source'],
  [/^field type$/, 'theme'],
  [/^(standard extract|category|educational phase|level of care|(old )?tier of variable|available from ukds\??|nullable)$/, null],
  [/^data request /, null],
];

const SECTION_LABELS: Readonly<Record<string, keyof SheetSections | 'fields'>> = {
  overview: 'overview',
  'data source': 'dataSource',
  'known issues': 'knownIssues',
  'what can i do with this table?': 'usage',
  'table fields': 'fields',
};

type HeaderMap = ReadonlyMap<number, FieldKey>;

/** Parses one table tab. Never throws; problems carry the sheet name and row number. */
export function parseSheet(grid: SheetGrid): ParsedSheet {
  const sheet = grid.name.trim();
  const problems: GeneratorProblem[] = [];
  const notes: string[] = [];
  const fields: RawField[] = [];
  const sections: Record<string, string> = {};
  let title: string | undefined;
  let header: HeaderMap | undefined;
  let availability: 'default' | 'by-request' | undefined;
  let heading: string | undefined;
  let theme: string | undefined;
  let section: keyof SheetSections | undefined;
  const unknownHeaders = new Set<string>();

  for (const row of grid.rows) {
    const texts = row.cells;
    const firstText = texts.find((text) => text !== '') ?? '';
    const headerMap = readHeader(row, header, unknownHeaders);
    if (headerMap) {
      header = headerMap;
      heading = undefined;
      theme = undefined;
      section = undefined;
      continue;
    }
    const marker = sectionMarker(firstText);
    if (marker) {
      availability = marker;
      heading = undefined;
      continue;
    }
    if (isBoilerplate(firstText)) continue;

    if (!header) {
      // Before the first header: the title, labelled paragraphs (LEO tabs) and notes.
      const label = SECTION_LABELS[firstText.toLowerCase()];
      if (label !== undefined) {
        section = label === 'fields' ? undefined : label;
        continue;
      }
      const text = joinDistinct(texts);
      if (title === undefined) title = text;
      else if (section) sections[section] = sections[section] ? `${sections[section]}\n${text}` : text;
      else notes.push(text);
      continue;
    }

    const cells = mapCells(row, header);
    const name = cells.name ?? '';
    if (cells.theme !== undefined) {
      // HESA's first column labels groups of fields; a bracketed line under it is a note on the group.
      if (cells.theme.startsWith('(')) notes.push(`${theme ?? 'HESA fields'}: ${cells.theme}`);
      else theme = cells.theme;
    }
    if (name === '') {
      const meaningful = Object.entries(cells).filter(([key, value]) => key !== 'theme' && value !== '');
      if (meaningful.length > 0) {
        problems.push({
          level: 'warning',
          sheet,
          row: row.number,
          message: 'row has no field name, so it cannot be read as a field; skipped',
          text: meaningful.map(([key, value]) => `${key}=${value}`).join('; '),
        });
      }
      continue;
    }
    const hasDetail = ['description', 'type', 'years', 'values', 'logicalName'].some(
      (key) => (cells[key as FieldKey] ?? '') !== '',
    );
    if (!hasDetail) {
      if (looksLikeSentence(name)) {
        notes.push(name);
        problems.push({ level: 'info', sheet, row: row.number, message: 'note row kept as a table note', text: name });
      } else {
        // A name with nothing else is a sub-table heading (`KS4 Exam Table`, `n_Census_CIN_Child`).
        heading = canonicalHeading(name);
      }
      continue;
    }
    if (looksLikeSentence(name.split('\n')[0] ?? '') && cells.description === undefined) {
      notes.push(name);
      problems.push({ level: 'info', sheet, row: row.number, message: 'note row kept as a table note', text: name });
      continue;
    }
    fields.push({
      row: row.number,
      cells,
      heading,
      theme,
      availability,
      continuation: [...header].some(([column, key]) => key === 'name' && row.inherited.has(column)),
    });
  }

  if (!header) problems.push({ level: 'error', sheet, message: 'no header row (NPD Alias, Field or Field Name) found; the tab was not read' });
  for (const text of unknownHeaders) {
    problems.push({ level: 'info', sheet, message: `header column "${text}" is not used` });
  }
  return { sheet, title, sections, notes, fields, problems };
}

/** Recognises a header row and maps its columns; a blank header cell keeps the previous header's meaning. */
function readHeader(row: GridRow, previous: HeaderMap | undefined, unknown: Set<string>): HeaderMap | undefined {
  const keys = row.cells.map((text) => headerKey(text));
  const hasName = keys.includes('name');
  const hasOther = keys.some((key) => key === 'description' || key === 'years' || key === 'type');
  if (!hasName || !hasOther) return undefined;
  const map = new Map<number, FieldKey>();
  row.cells.forEach((text, column) => {
    const key = keys[column];
    if (key) map.set(column, key);
    else if (key === undefined && text !== '') unknown.add(text);
    else if (text === '' && previous?.has(column)) map.set(column, previous.get(column)!);
  });
  return map;
}

/** The key of a header cell: a FieldKey, null for a known but unused column, undefined if unknown. */
function headerKey(text: string): FieldKey | null | undefined {
  const normal = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (normal === '') return undefined;
  for (const [pattern, key] of HEADER_PATTERNS) if (pattern.test(normal)) return key;
  return undefined;
}

function mapCells(row: GridRow, header: HeaderMap): Partial<Record<FieldKey, string>> {
  const cells: Partial<Record<FieldKey, string>> = {};
  for (const [column, key] of header) {
    const text = row.cells[column] ?? '';
    if (text !== '') cells[key] = text;
  }
  return cells;
}

function sectionMarker(text: string): 'default' | 'by-request' | undefined {
  if (/^'?by request'? data items/i.test(text)) return 'by-request';
  if (/^default data items/i.test(text)) return 'default';
  return undefined;
}

/** Lines every NPD tab repeats about the old tier system; they say nothing about one table. */
function isBoilerplate(text: string): boolean {
  return /^\(old tier/i.test(text);
}

/** Merged cells repeat text across a row; a row's text is its distinct cells joined. */
function joinDistinct(texts: readonly string[]): string {
  return [...new Set(texts.filter((text) => text !== ''))].join(' ');
}

/** A name cell holding prose rather than an identifier: several words, or a full stop at the end. */
function looksLikeSentence(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 5 || (words.length >= 3 && /[.:]$/.test(text.trim()));
}

/** Headings vary in case (`KS2 Exam table`, `KS2 Exam Table`); views name them one way. */
export function canonicalHeading(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\btable\b/gi, 'Table');
}
