/**
 * Markdown documentation of catalogue tables and columns, shared by every language front end's hover and completion.
 * The text says what a researcher needs when choosing or reading a variable: what it is, which years hold data,
 * its codes, and how identifying and sensitive DfE rates it, in plain words.
 */
import type { CodeEntry, ColumnMatch, TableMatch, Term, YearSpan } from '../catalogue/api';
import { describeRisk, describeSensitivity } from '../catalogue/scales';

export interface TableDocOptions {
  /** The view's columns (instantiated), for the compact column table. */
  readonly columns?: readonly ColumnMatch[];
  /** How many columns to list before summarising the rest. */
  readonly maxColumns?: number;
  /** How the table is written in the code (`npd_i2."<project number>".spring_census_2019`). */
  readonly writtenAs?: string;
}

export interface ColumnDocOptions {
  /** How many codes to list before giving the count of the rest. */
  readonly maxCodes?: number;
  /** The view the column was used on, named in the header. */
  readonly viewName?: string;
}

const DEFAULT_MAX_COLUMNS = 25;
const DEFAULT_MAX_CODES = 12;

/** Markdown for a table as one view (or one year of a view family) exposes it. */
export function tableMarkdown(match: TableMatch, options: TableDocOptions = {}): string {
  const table = match.table;
  const out: string[] = [];
  out.push(`**${match.viewName}** — ${escapeInline(table.title)}`);
  const where = [`\`${options.writtenAs ?? `${match.database}.${match.viewName}`}\``, escapeInline(table.name)];
  const instance = instanceText(match.term, match.year);
  if (instance) where.push(instance);
  out.push(where.join(' · '));
  if (!match.populated) out.push(`\n⚠ **No data for this view:** ${escapeInline(match.coverageNote ?? 'it is outside the years the catalogue lists.')}`);
  if (table.description) out.push('\n' + table.description.trim());
  const facts: [string, string][] = [];
  if (table.grain) facts.push(['Grain', escapeCell(table.grain)]);
  if (table.personKey) facts.push(['Person key', `\`${escapeCell(personKeyFor(match, options.columns))}\``]);
  if (table.years) facts.push(['Years', escapeCell(yearsText(table.years))]);
  if (table.availability) facts.push(['Availability', availabilityText(table.availability)]);
  if (table.linkRoute) facts.push(['Links to LEO', escapeCell(table.linkRoute)]);
  if (table.owner) facts.push(['Supplied by', escapeCell(table.owner)]);
  if (facts.length > 0) out.push('\n| | |\n|---|---|\n' + facts.map(([k, v]) => `| ${k} | ${v} |`).join('\n'));
  for (const issue of table.knownIssues) out.push(`\n⚠ ${issue.trim()}`);
  if (table.notes.length > 0) out.push('\n' + table.notes.map((n) => `- ${n.trim()}`).join('\n'));
  if (options.columns && options.columns.length > 0) out.push('\n' + columnTable(options.columns, options.maxColumns ?? DEFAULT_MAX_COLUMNS));
  return out.join('\n');
}

/** A compact markdown table of columns: name, type and a shortened description. */
export function columnTable(columns: readonly ColumnMatch[], max: number): string {
  const shown = columns.slice(0, max);
  const rows = shown.map((c) => `| \`${escapeCell(c.name)}\` | ${escapeCell(c.column.type ?? '')} | ${escapeCell(shorten(c.column.description ?? '', 80))} |`);
  const more = columns.length > shown.length ? `\n\n_…and ${columns.length - shown.length} more columns._` : '';
  return `**Columns** (${columns.length})\n\n| Column | Type | Description |\n|---|---|---|\n${rows.join('\n')}${more}`;
}

/** Markdown for one column of a view. */
export function columnMarkdown(match: ColumnMatch, options: ColumnDocOptions = {}): string {
  const column = match.column;
  const out: string[] = [];
  out.push(`**${escapeInline(match.name)}**${column.type ? ` · ${escapeInline(column.type)}` : ''}`);
  const where = [escapeInline(match.table.title)];
  if (options.viewName) where.push(`\`${options.viewName}\``);
  out.push(where.join(' · '));
  if (match.matchedBy === 'synonym') out.push(`\nAn older name for \`${escapeInline(column.name)}\`.`);
  if (column.description) out.push('\n' + column.description.trim());
  out.push('\n' + coverageText(match));
  if (column.codes && column.codes.length > 0) out.push('\n' + codesText(column.codes, options.maxCodes ?? DEFAULT_MAX_CODES));
  else if (column.valuesNote) out.push(`\n**Values:** ${escapeInline(column.valuesNote)}`);
  const risk = column.identificationRisk !== undefined ? describeRisk(column.identificationRisk) : undefined;
  if (risk) out.push(`\n**Identification risk ${column.identificationRisk}:** ${risk}`);
  const sensitivity = column.sensitivity !== undefined ? describeSensitivity(column.sensitivity) : undefined;
  if (sensitivity) out.push(`\n**Sensitivity ${column.sensitivity}:** ${sensitivity}`);
  if (column.availability) out.push(`\n**Availability:** ${availabilityText(column.availability)}`);
  const others = column.synonyms.filter((s) => s.toLowerCase() !== match.name.toLowerCase());
  if (others.length > 0) out.push(`\n**Also named:** ${others.map((s) => `\`${escapeInline(s)}\``).join(', ')}`);
  if (column.notes.length > 0) out.push('\n**Notes:**\n' + column.notes.map((n) => `- ${n.trim()}`).join('\n'));
  return out.join('\n');
}

/** One line about a column, for completion details: its type and a short description. */
export function columnDetail(match: ColumnMatch): string {
  const parts = [match.column.type, shorten(match.column.description ?? '', 60)].filter((p): p is string => !!p);
  return parts.join(' — ');
}

/** The codes of a column with their labels: the first `max`, then how many more there are. */
export function codesText(codes: readonly CodeEntry[], max: number): string {
  const shown = codes.slice(0, max).map((c) => `- \`${escapeInline(c.code)}\` ${escapeInline(c.label)}`);
  const more = codes.length > max ? `\n- _…and ${codes.length - max} more_` : '';
  return `**Codes** (${codes.length}):\n${shown.join('\n')}${more}`;
}

function coverageText(match: ColumnMatch): string {
  const span = match.column.years ? yearsText(match.column.years) : undefined;
  const instance = instanceText(match.term, match.year, match.dataYear);
  const head = span ? `**Years populated:** ${escapeInline(span)}` : '**Years populated:** not stated in the catalogue';
  if (match.coverageEvidence === 'form-group') return `${head}\n\n**May not be in this view.** ${escapeInline(match.coverageNote ?? '')}`.trim();
  if (match.coverage === 'not-populated' || !match.populated) {
    return `${head}\n\n⚠ **Not populated${instance ? ` for ${instance}` : ''}.**${match.coverageNote ? ` ${escapeInline(match.coverageNote)}` : ''}`;
  }
  return instance ? `${head} — populated for ${instance}.` : head;
}

/** `spring 2019 census (2018/19)`, `2018/19`, or undefined when the match carries no year. */
function instanceText(term: Term | undefined, year: number | undefined, dataYear?: number): string | undefined {
  if (year === undefined) return undefined;
  const academic = academicYear(dataYear ?? year);
  return term ? `the ${term} ${year} census (${academic})` : academic;
}

function personKeyFor(match: TableMatch, columns: readonly ColumnMatch[] | undefined): string {
  const template = match.table.personKey ?? '';
  const instantiated = columns?.find((c) => c.column.name === template);
  return instantiated?.name ?? template;
}

/** 2019 → `2018/19`. */
export function academicYear(endYear: number): string {
  return `${endYear - 1}/${String(endYear % 100).padStart(2, '0')}`;
}

export function yearsText(span: YearSpan): string {
  if (span.text) return span.text;
  const from = span.from !== undefined ? academicYear(span.from) : 'the start';
  const to = span.to !== undefined ? academicYear(span.to) : 'the end of the extract';
  const gaps = span.except && span.except.length > 0 ? ` (no data for ${span.except.map(academicYear).join(', ')})` : '';
  return `${from} to ${to}${gaps}`;
}

function availabilityText(availability: string): string {
  return availability === 'default' ? 'supplied by default' : 'by request (must be requested and justified)';
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function escapeInline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
