/**
 * Turns raw field rows of one tab into catalogue columns: names and synonyms, years, types,
 * code lists, ratings, collection terms, sub-table membership and availability.
 * Rows that continue a vertically merged name are folded into the field above them.
 */
import type { Term } from '../../server/src/catalogue/api';
import type { ColumnData } from '../../server/src/catalogue/schema';
import { parseAlias } from './aliases';
import { parseValues } from './codes';
import type { GeneratorProblem } from './problems';
import type { ParsedSheet, RawField } from './parseSheet';
import { parseYears, type BareYearConvention } from './years';

/** A column while the table is being assembled; `notes` and `synonyms` are always present. */
export type ColumnDraft = ColumnData & { synonyms: string[]; notes: string[]; groups: string[] };

export interface NormaliseOptions {
  /** How bare years in this tab are meant (the LILR tabs use academic start years). */
  readonly yearConvention: BareYearConvention;
  /** Availability for rows outside any "By request"/"Default" section. */
  readonly defaultAvailability?: 'default' | 'by-request';
}

export interface NormalisedSheet {
  readonly columns: ColumnDraft[];
  /** The form's logical table name (`LEO.Earnings`), from a "Table Name" column. */
  readonly logicalName?: string;
  readonly problems: GeneratorProblem[];
}

/** Normalises every field row of a parsed tab. Never throws. */
export function normaliseSheet(parsed: ParsedSheet, options: NormaliseOptions): NormalisedSheet {
  const problems: GeneratorProblem[] = [];
  const columns: ColumnDraft[] = [];
  const logicalNames = new Set<string>();
  for (const field of parsed.fields) {
    if (field.cells.logicalName) logicalNames.add(field.cells.logicalName);
    const previous = columns[columns.length - 1];
    if (field.continuation && previous) {
      foldContinuation(previous, field);
      continue;
    }
    const column = normaliseField(parsed.sheet, field, options, problems);
    if (column) columns.push(column);
  }
  resolveCrossReferences(parsed.sheet, columns, problems);
  return { columns, logicalName: [...logicalNames][0], problems };
}

function normaliseField(
  sheet: string,
  field: RawField,
  options: NormaliseOptions,
  problems: GeneratorProblem[],
): ColumnDraft | undefined {
  const cells = field.cells;
  const alias = parseAlias(cells.name ?? '');
  if (!alias) {
    problems.push({ level: 'warning', sheet, row: field.row, message: 'field name is not a usable identifier; row skipped', text: cells.name });
    return undefined;
  }
  const notes = [...alias.notes];
  const column: ColumnDraft = { name: alias.name, synonyms: [...alias.synonyms], notes, groups: groupsOf(field) };

  if (cells.reference && cells.reference !== alias.name) column.reference = cells.reference;
  if (cells.type) column.type = typeText(cells.type, cells.length);
  if (cells.description) column.description = prose(cells.description);
  if (cells.years) {
    const years = parseYears(cells.years, options.yearConvention);
    column.years = withoutUndefined({ from: years.from, to: years.to, except: years.except, text: years.text });
    if (!years.understood && !/^(n\/a|na|-)$/i.test(years.text)) {
      problems.push({ level: 'info', sheet, row: field.row, message: `years cell kept as text only (no span understood)`, text: years.text });
    }
  }
  if (cells.terms) {
    const terms = parseTerms(cells.terms);
    if (terms.length > 0 && terms.length < 3) column.terms = terms;
    if (/from|also|\(/i.test(cells.terms)) notes.push(`Collected in: ${cells.terms}.`);
  }
  if (cells.values) applyValues(column, cells.values);
  if (cells.risk) {
    const risk = Number(cells.risk);
    if (Number.isInteger(risk) && risk >= 1 && risk <= 5) column.identificationRisk = risk as 1 | 2 | 3 | 4 | 5;
    else problems.push({ level: 'warning', sheet, row: field.row, message: 'identification risk is not 1–5; left unset', text: cells.risk });
  }
  if (cells.sensitivity) {
    const sensitivity = cells.sensitivity.trim().toUpperCase();
    if (/^[A-E]$/.test(sensitivity)) column.sensitivity = sensitivity as 'A' | 'B' | 'C' | 'D' | 'E';
    else problems.push({ level: 'warning', sheet, row: field.row, message: 'sensitivity is not A–E; left unset', text: cells.sensitivity });
  }
  const availability = field.availability ?? options.defaultAvailability;
  if (availability) column.availability = availability;
  if (cells.oldAlias && !/^n\/a$/i.test(cells.oldAlias) && cells.oldAlias !== alias.name) column.oldAlias = cells.oldAlias;
  if (cells.formerName) notes.push(`Former field name: ${cells.formerName}.`);
  if (cells.notes && cells.notes !== '-') notes.push(prose(cells.notes));
  if (cells.source) notes.push(`Source: ${prose(cells.source)}.`.replace(/\.\.$/, '.'));
  if (field.theme) notes.push(`HESA field group: ${field.theme}.`);
  return column;
}

/** A vertically merged name cell continues the field above: its extra values and notes belong there. */
function foldContinuation(column: ColumnDraft, field: RawField): void {
  const values = field.cells.values;
  if (values) {
    const parsed = parseValues(values);
    if (parsed.codes) {
      const known = new Set((column.codes ?? []).map((entry) => entry.code));
      column.codes = [...(column.codes ?? []), ...parsed.codes.filter((entry) => !known.has(entry.code))];
    }
    if (parsed.note) column.valuesNote = column.valuesNote ? `${column.valuesNote}; ${parsed.note}` : parsed.note;
  }
  if (field.cells.notes) column.notes.push(prose(field.cells.notes));
}

function applyValues(column: ColumnDraft, text: string): void {
  const parsed = parseValues(text);
  if (parsed.codes) column.codes = parsed.codes;
  if (parsed.note) column.valuesNote = parsed.note;
}

/** `As for PrimarySENtype`: copy the named field's codes within the same tab. */
function resolveCrossReferences(sheet: string, columns: ColumnDraft[], problems: GeneratorProblem[]): void {
  const byStem = new Map<string, ColumnDraft>();
  for (const column of columns) byStem.set(stem(column.name), column);
  for (const column of columns) {
    const match = /^as for (\S+)$/i.exec(column.valuesNote ?? '');
    if (!match) continue;
    const source = byStem.get(match[1]!.toLowerCase());
    if (source?.codes) {
      column.codes = source.codes;
      column.notes.push(`Codes as for ${source.name}.`);
      delete column.valuesNote;
    } else if (source?.valuesNote) {
      column.valuesNote = `As for ${source.name}: ${source.valuesNote}`;
    } else {
      problems.push({ level: 'info', sheet, message: `"${column.valuesNote}" names no field with codes in this tab`, text: column.name });
    }
  }
}

/** A template's name without placeholders and prefixes, for "as for" references: `primarysentype`. */
function stem(name: string): string {
  return name.replace(/_?\[.*$/, '').replace(/^[A-Za-z0-9]+_(?=[A-Z])/, '').toLowerCase();
}

function groupsOf(field: RawField): string[] {
  const groups: string[] = [];
  if (field.heading) groups.push(field.heading);
  const part = field.cells.part;
  if (part) {
    for (const number of part.split(/[,\s]+/)) if (/^\d$/.test(number)) groups.push(`Table ${number}`);
  }
  return groups;
}

/** `varchar` + `12` → `varchar(12)`; stray spaces removed. */
function typeText(type: string, length: string | undefined): string {
  const base = type.replace(/\s+/g, ' ').trim();
  const size = length?.replace(/\s+/g, '').trim();
  return size && !base.includes('(') ? `${base}(${size})` : base;
}

function parseTerms(text: string): Term[] {
  const found = new Set<Term>();
  for (const match of text.matchAll(/\b(aut|spr|sum)/gi)) {
    const word = match[1]!.toLowerCase();
    found.add(word === 'aut' ? 'autumn' : word === 'spr' ? 'spring' : 'summer');
  }
  return (['autumn', 'spring', 'summer'] as const).filter((term) => found.has(term));
}

/** Descriptions are shown as plain text: one paragraph, single spaces. */
export function prose(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
