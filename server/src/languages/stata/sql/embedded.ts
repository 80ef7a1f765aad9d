/**
 * SQL inside Stata strings: `odbc load, exec("SELECT …")` and `odbc exec("…")`. Stata strings have no escapes,
 * so the SQL is the string's text one for one, except where a macro is substituted: a macro whose value is
 * known stands as that value, one that is not as a placeholder name, and findings that touch a placeholder are
 * dropped. The T-SQL front end analyses the text through the shared offset map, so completion, hover and the
 * reference checks work inside the string in offsets of the do-file.
 */
import type { Finding } from '../../../model/findings';
import { analyseEmbeddedSql, type EmbeddedPart, type EmbeddedSqlAnalysis } from '../../embedded/offsetMap';
import type { AnalysisContext, DocumentAnalysis } from '../../types';
import type { MacroEnv } from '../syntax/macros';

/** The name a macro of unknown value stands as in the SQL text. */
export const HOLE_PREFIX = '__leo_hole_';

export interface EmbeddedQuery {
  readonly start: number;
  readonly end: number;
  readonly analysis: EmbeddedSqlAnalysis;
  /** True when some macro in the SQL has no known value. */
  readonly holes: boolean;
}

const MACRO = /`([A-Za-z0-9_]+)'|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The parts of a string's content (host offsets `contentStart`…`contentEnd`), with macros substituted. */
export function sqlParts(text: string, contentStart: number, contentEnd: number, macros: MacroEnv): { parts: EmbeddedPart[]; holes: boolean } {
  const content = text.slice(contentStart, contentEnd);
  const parts: EmbeddedPart[] = [];
  let holes = false;
  let last = 0;
  let count = 0;
  for (const m of content.matchAll(MACRO)) {
    const at = m.index;
    if (at > last) parts.push({ kind: 'verbatim', text: content.slice(last, at), hostStart: contentStart + last });
    const value = m[1] !== undefined ? macros.locals.get(m[1]) : macros.globals.get((m[2] ?? m[3])!);
    if (value === undefined) holes = true;
    parts.push({ kind: 'synthetic', text: value ?? `${HOLE_PREFIX}${count++}__`, at: contentStart + at });
    last = at + m[0].length;
  }
  if (last < content.length) parts.push({ kind: 'verbatim', text: content.slice(last), hostStart: contentStart + last });
  return { parts, holes };
}

/**
 * SQL analyses by query text, per catalogue and severity settings: the same query is often loaded in several
 * places of a do-file and again in every version while it is edited, and its analysis depends only on the text
 * and the context. Offsets are mapped per place, so sharing never mixes up where a query is.
 */
const shared = new WeakMap<AnalysisContext['catalogue'], Map<string, DocumentAnalysis>>();
const SHARED_LIMIT = 2000;

/** Analyses the SQL of one string. */
export function embedQuery(text: string, contentStart: number, contentEnd: number, macros: MacroEnv, context: AnalysisContext): EmbeddedQuery {
  const { parts, holes } = sqlParts(text, contentStart, contentEnd, macros);
  let byText = shared.get(context.catalogue);
  if (byText === undefined) {
    byText = new Map();
    shared.set(context.catalogue, byText);
  }
  const key = `${JSON.stringify(context.severityOverrides)}\u0000${parts.map((p) => p.text).join('')}`;
  const known = byText.get(key);
  // Stata strings end at a double quote, so no text a fix inserts may hold one.
  const analysis = analyseEmbeddedSql(parts, context, { escape: (t) => t.replace(/"/g, "'"), ...(known ? { analysis: known } : {}) });
  if (known === undefined) {
    if (byText.size >= SHARED_LIMIT) byText.clear();
    byText.set(key, analysis.sql);
  }
  return { start: contentStart, end: contentEnd, analysis, holes };
}

/** The SQL findings, without those about a placeholder or about text a macro supplied. */
export function queryFindings(query: EmbeddedQuery): Finding[] {
  return query.analysis.findings.filter((f) => !f.message.includes(HOLE_PREFIX) && f.end > f.start);
}

/** True when `offset` is inside the query's string. */
export function inQuery(query: EmbeddedQuery, offset: number): boolean {
  return offset >= query.start && offset <= query.end;
}
