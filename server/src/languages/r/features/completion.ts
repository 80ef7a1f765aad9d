/**
 * Completion in R: inside embedded SQL (delegated to the T-SQL front end), database and view names in
 * `in_schema()`, `in_catalog()`, `tbl()` and `dbReadTable()`, and a frame's columns after `df$`, in
 * `df[["`, `df[, "`, in dplyr verbs fed by a known frame, and in data.table's `i`, `j` and `by`.
 *
 * The places come from the extraction (completion sites) where the tree is sound, and from the text
 * just before the cursor where the user is still typing and the tree is not.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { CompletionEntry, CompletionResult } from '../../types';
import type { CompletionSite } from '../frames/builder';
import type { Binding, Frame, FrameModel, TextSpan } from '../frames/model';
import type { EmbeddedSql } from '../sql/embedded';
import { escapeForLiteral, mapCompletion, sqlOffsetOf } from '../sql/hostMapping';
import { decodeString, isSyntacticName } from '../syntax/strings';
import { columnDetailLine, columnHoverMarkdown } from './docs';
import { lastStartingBefore } from '../../../util/sortedSearch';

export interface CompletionData {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly model: FrameModel;
  readonly sites: readonly CompletionSite[];
  readonly embedded: readonly EmbeddedSql[];
  /** Comment and string spans, sorted by start. */
  readonly texts: readonly TextSpan[];
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

export function complete(data: CompletionData, offset: number): CompletionResult {
  for (const query of data.embedded) {
    const at = sqlOffsetOf(query, offset);
    if (at !== undefined) return mapCompletion(query, data.text, query.analysis.complete(at), offset, `sql:${query.id}:`);
  }
  const span = textSpanAt(data.texts, offset) ?? openStringOnLine(data.text, offset);
  if (span?.kind === 'comment') return EMPTY;
  const literal = span ? decodeString(data.text, span.start, span.end) : undefined;
  const inString = literal !== undefined && offset >= literal.contentStart && (offset <= literal.contentEnd || !literal.terminated);
  const before = data.text.slice(Math.max(0, offset - 400), offset);

  const tables = tableCompletion(data, before, offset, inString);
  if (tables) return tables;

  if (inString && literal) {
    const site = innermostSite(data.sites, offset, (s) => s.form === 'strings' && s.start <= offset && offset <= s.end);
    const frame = site?.frame ?? textualStringFrame(data, before, offset);
    if (!frame) return EMPTY;
    const prefixStart = literal.contentStart + lastIndexOfQuoteSafe(data.text, literal.contentStart, offset);
    const end = literal.terminated ? literal.contentEnd : offset + wordLength(data.text, offset);
    return { items: columnItems(frame, 'strings', prefixStart, end, literal.quote), isIncomplete: false };
  }
  if (span?.kind === 'string') return EMPTY;

  const word = wordAround(data.text, offset);
  const afterDollar = data.text[word.start - 1] === '$' || data.text[word.start - 1] === '@';
  const site = innermostSite(data.sites, offset, (s) => s.form === 'names' && s.start <= word.start && offset <= s.end && (!afterDollar || s.start === word.start));
  const frame = site?.frame ?? (afterDollar ? textualDollarFrame(data, before, offset) : undefined);
  if (!frame) return EMPTY;
  if (/^[0-9]/.test(data.text.slice(word.start, offset))) return EMPTY;
  return { items: columnItems(frame, 'names', word.start, word.end), isIncomplete: false };
}

export function resolveDocumentation(data: CompletionData, key: string): string | undefined {
  const column = /^col:(\d+):(\d+)$/.exec(key);
  if (column) {
    const frame = data.model.frames[Number(column[1])];
    const entry = frame?.columns[Number(column[2])];
    return frame && entry ? columnHoverMarkdown(entry, frame) : undefined;
  }
  const sql = /^sql:(\d+):([\s\S]*)$/.exec(key);
  if (sql) return data.embedded[Number(sql[1])]?.analysis.resolveDocumentation(sql[2]!);
  const view = /^view:([^:]*):([\s\S]*)$/.exec(key);
  if (view) {
    const match = data.catalogue.resolveTable({ database: view[1]!, name: view[2]! });
    return match ? tableDocs(data.catalogue, match) : undefined;
  }
  return undefined;
}

function tableDocs(catalogue: CatalogueIndex, match: NonNullable<ReturnType<CatalogueIndex['resolveTable']>>): string {
  const table = match.table;
  return `**${match.viewName}** — ${table.title}${table.description ? `\n\n${table.description}` : ''}\n\n${catalogue.columnsOf(match).length} columns`;
}

function columnItems(frame: Frame, form: 'names' | 'strings', start: number, end: number, quote?: string): CompletionEntry[] {
  return frame.columns.map((column, index) => {
    const label = column.name;
    const insertText = form === 'strings' ? escapeForLiteral(label, quote) : isSyntacticName(label) ? label : `\`${label.replace(/`/g, '\\`')}\``;
    return {
      label,
      kind: 'column',
      detail: columnDetailLine(column),
      resolveKey: `col:${frame.id}:${index}`,
      sortText: String(index).padStart(5, '0'),
      ...(insertText !== label ? { insertText } : {}),
      replaceStart: start,
      replaceEnd: end,
    };
  });
}

/** Databases and views where R names a table. */
function tableCompletion(data: CompletionData, before: string, offset: number, inString: boolean): CompletionResult | undefined {
  const catalogue = data.catalogue;
  const firstArgument = /\bin_(?:schema|catalog)\s*\(\s*(?:catalog\s*=\s*|schema\s*=\s*)?(["']?)([\w.-]*)$/.exec(before);
  if (firstArgument && (inString || firstArgument[1] === '')) {
    const typed = firstArgument[2]!;
    const quote = firstArgument[1] || undefined;
    const items: CompletionEntry[] = catalogue.databases().map((db) => ({
      label: db.name,
      kind: 'database',
      ...(db.description ? { detail: db.description } : {}),
      ...(quote ? {} : { insertText: `"${db.name}"` }),
      replaceStart: offset - typed.length,
      replaceEnd: offset + wordLength(data.text, offset),
    }));
    return { items, isIncomplete: false };
  }
  const secondArgument = /\bin_schema\s*\(\s*(?:schema\s*=\s*)?(["'])([^"']*)\1\s*,\s*(?:table\s*=\s*)?(["']?)([\w]*)$/.exec(before)
    ?? /\bin_catalog\s*\(\s*(["'])([^"']*)\1\s*,\s*["'][^"']*["']\s*,\s*(["']?)([\w]*)$/.exec(before);
  if (secondArgument) return viewItems(data, secondArgument[2]!, secondArgument[4]!, secondArgument[3] || undefined, offset);
  const named = /\b(?:tbl|dbReadTable|sqlFetch)\s*\([^,()]*,\s*(?:name\s*=\s*|from\s*=\s*)?(["'])(\w*)$/.exec(before);
  if (named && inString) return viewItems(data, undefined, named[2]!, named[1], offset);
  return undefined;
}

function viewItems(data: CompletionData, database: string | undefined, typed: string, quote: string | undefined, offset: number): CompletionResult {
  const views = data.catalogue.listViews(database ? { database } : {});
  const seen = new Set<string>();
  const items: CompletionEntry[] = [];
  for (const view of views) {
    const key = `${view.database}.${view.name}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({
      label: view.name,
      kind: 'table',
      detail: `${view.table.title} · ${view.database}`,
      resolveKey: `view:${view.database}:${view.name}`,
      ...(quote ? {} : { insertText: `"${view.name}"` }),
      replaceStart: offset - typed.length,
      replaceEnd: offset + wordLength(data.text, offset),
    });
  }
  return { items, isIncomplete: false };
}

/** The frame of `df` in `df[["…` or `df[, "…` just before the cursor. */
function textualStringFrame(data: CompletionData, before: string, offset: number): Frame | undefined {
  const doubleBracket = /([A-Za-z.][\w.]*)\s*\[\[\s*["'][^"'\n]*$/.exec(before);
  const columns = /([A-Za-z.][\w.]*)\s*\[[^[\]\n]*,\s*(?:c\(\s*(?:["'][^"'\n]*["']\s*,\s*)*)?["'][^"'\n]*$/.exec(before);
  const name = doubleBracket?.[1] ?? columns?.[1];
  return name ? frameOfVariable(data.model.bindings, data.model, name, offset) : undefined;
}

/** The frame of `df` in `df$…` just before the cursor. */
function textualDollarFrame(data: CompletionData, before: string, offset: number): Frame | undefined {
  const match = /([A-Za-z.][\w.]*)\s*\$[\w.]*$/.exec(before);
  return match ? frameOfVariable(data.model.bindings, data.model, match[1]!, offset) : undefined;
}

/** The frame a variable holds at an offset: its last binding before it. */
export function frameOfVariable(bindings: readonly Binding[], model: FrameModel, name: string, offset: number): Frame | undefined {
  let found: Binding | undefined;
  for (const binding of bindings) {
    if (binding.name === name && binding.from <= offset && (!found || binding.from >= found.from)) found = binding;
  }
  return found?.frame !== undefined ? model.frames[found.frame] : undefined;
}

function innermostSite(sites: readonly CompletionSite[], offset: number, accept: (site: CompletionSite) => boolean): CompletionSite | undefined {
  let best: CompletionSite | undefined;
  for (const site of sites) {
    if (site.start > offset || site.end < offset || !accept(site)) continue;
    if (!best || site.end - site.start < best.end - best.start) best = site;
  }
  return best;
}

function textSpanAt(texts: readonly TextSpan[], offset: number): TextSpan | undefined {
  const found = lastStartingBefore(texts, offset);
  // Strings nest in nothing, but a comment can follow a string on the same line; check the closest few.
  for (let i = found; i >= 0 && i >= found - 2; i--) {
    const span = texts[i]!;
    if (span.start < offset && offset <= span.end) return span;
  }
  return undefined;
}

/**
 * A string opened on the cursor's line and not closed before the cursor. While the user types, the
 * tree often has no string node yet (the quote runs on to the end of the file), so the line decides.
 */
function openStringOnLine(text: string, offset: number): TextSpan | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quote: string | undefined;
  let start = 0;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '#') {
      return { kind: 'comment', start: i, end: offset };
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      start = i;
    }
  }
  if (!quote) return undefined;
  let end = offset;
  while (end < text.length && text[end] !== quote && text[end] !== '\n') end++;
  return { kind: 'string', start, end: text[end] === quote ? end + 1 : end };
}

const WORD = /[A-Za-z0-9._]/;

function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  return { start, end: offset + wordLength(text, offset) };
}

function wordLength(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && WORD.test(text[end]!)) end++;
  return end - offset;
}

/** How far into the string content the typed name starts (after the last comma or space, if any). */
function lastIndexOfQuoteSafe(text: string, contentStart: number, offset: number): number {
  const typed = text.slice(contentStart, offset);
  const cut = Math.max(typed.lastIndexOf(','), typed.lastIndexOf(' '));
  return cut + 1;
}
