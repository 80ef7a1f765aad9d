/**
 * Maps SQL text extracted from another language's strings back to the host document.
 *
 * R and Python code builds SQL from string literals: escapes are unescaped (`\"` becomes `"`), and pieces may be
 * concatenated (`paste0("SELECT … ", "FROM …")`) with host code in between. The extracted SQL is described as a list
 * of parts, each saying where its characters came from; the map converts offsets in both directions, and
 * `analyseEmbeddedSql` runs the SQL front end on the text and maps every result back.
 */
import type { Finding, Fix } from '../../model/findings';
import { sqlLanguage } from '../sql/index';
import type {
  AnalysisContext, CompletionEntry, CompletionResult, DefinitionTarget, DocumentAnalysis, HoverResult,
} from '../types';

/** A run of SQL characters copied one for one from the host, starting at `hostStart`. */
export interface VerbatimPart {
  readonly kind: 'verbatim';
  readonly text: string;
  readonly hostStart: number;
}

/** SQL text produced by one escape sequence of the host, such as `\n` or `\"` (host `hostStart`…`hostEnd`). */
export interface EscapePart {
  readonly kind: 'escape';
  readonly text: string;
  readonly hostStart: number;
  readonly hostEnd: number;
}

/**
 * SQL text with no host characters behind it: a separator the extractor adds between pieces, or a stand-in for a
 * value computed by host code (`paste0("… WHERE TaxYear = ", year)`). It maps to the host offset `at`.
 */
export interface SyntheticPart {
  readonly kind: 'synthetic';
  readonly text: string;
  readonly at: number;
}

export type EmbeddedPart = VerbatimPart | EscapePart | SyntheticPart;

export interface OffsetMap {
  /** The SQL text the parts spell. */
  readonly text: string;
  /** The host offset of the SQL character at `offset` (or of the end of the text). */
  toHost(offset: number): number;
  /** The host offset just after the SQL character before `offset`, for the end of a range. */
  toHostEnd(offset: number): number;
  /** The SQL offset of a host offset, or undefined when the host offset is not inside the SQL. */
  toSql(hostOffset: number): number | undefined;
  /** True when SQL range [start, end) comes from one run of host characters, so an edit there can be made in the host. */
  isVerbatim(start: number, end: number): boolean;
}

interface Segment {
  readonly part: EmbeddedPart;
  readonly start: number;
  readonly end: number;
}

export function buildOffsetMap(parts: readonly EmbeddedPart[]): OffsetMap {
  const segments: Segment[] = [];
  let text = '';
  for (const part of parts) {
    if (part.text.length === 0) continue;
    segments.push({ part, start: text.length, end: text.length + part.text.length });
    text += part.text;
  }
  const segmentAt = (offset: number): Segment | undefined => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid]!;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const hostEndOf = (s: Segment): number =>
    s.part.kind === 'verbatim' ? s.part.hostStart + s.part.text.length : s.part.kind === 'escape' ? s.part.hostEnd : s.part.at;
  const hostOf = (s: Segment, offset: number): number =>
    s.part.kind === 'verbatim' ? s.part.hostStart + (offset - s.start) : s.part.kind === 'escape' ? s.part.hostStart : s.part.at;

  return {
    text,
    toHost(offset: number): number {
      const s = segmentAt(offset);
      if (s !== undefined) return hostOf(s, offset);
      const last = segments[segments.length - 1];
      return last ? hostEndOf(last) : 0;
    },
    toHostEnd(offset: number): number {
      if (offset <= 0) return segments[0] ? hostOf(segments[0], 0) : 0;
      const s = segmentAt(offset - 1);
      if (s === undefined) return this.toHost(offset);
      return s.part.kind === 'verbatim' ? s.part.hostStart + (offset - s.start) : hostEndOf(s);
    },
    toSql(hostOffset: number): number | undefined {
      for (const s of segments) {
        const part = s.part;
        if (part.kind === 'verbatim' && hostOffset >= part.hostStart && hostOffset <= part.hostStart + part.text.length) {
          return s.start + (hostOffset - part.hostStart);
        }
        if (part.kind === 'escape' && hostOffset >= part.hostStart && hostOffset <= part.hostEnd) {
          return hostOffset === part.hostEnd ? s.end : s.start;
        }
      }
      return undefined;
    },
    isVerbatim(start: number, end: number): boolean {
      if (end < start) return false;
      const s = segmentAt(start) ?? (start === end ? segmentAt(start - 1) : undefined);
      return s !== undefined && s.part.kind === 'verbatim' && end <= s.end;
    },
  };
}

/**
 * Parts for the content of a string literal that uses backslash escapes (R and Python strings):
 * the text between `contentStart` and `contentEnd` of the host, unescaped, with every escape as its own part.
 */
export function partsFromBackslashString(host: string, contentStart: number, contentEnd: number): EmbeddedPart[] {
  const parts: EmbeddedPart[] = [];
  let runStart = contentStart;
  const flush = (to: number): void => {
    if (to > runStart) parts.push({ kind: 'verbatim', text: host.slice(runStart, to), hostStart: runStart });
  };
  for (let i = contentStart; i < contentEnd; i++) {
    if (host[i] !== '\\' || i + 1 >= contentEnd) continue;
    flush(i);
    const next = host[i + 1]!;
    const value = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
    parts.push({ kind: 'escape', text: value, hostStart: i, hostEnd: i + 2 });
    i++;
    runStart = i + 1;
  }
  flush(contentEnd);
  return parts;
}

export interface EmbeddedOptions {
  /** Escapes text for the host string before it is inserted (completion and fixes); identity when absent. */
  readonly escape?: (text: string) => string;
  /**
   * An analysis of exactly the SQL text these parts spell, made earlier with the same context: the same query
   * written in several places of a script is analysed once, and only its offsets are mapped per place.
   */
  readonly analysis?: DocumentAnalysis;
}

/** The SQL analysis of embedded text, with every result in host offsets. */
export interface EmbeddedSqlAnalysis {
  readonly map: OffsetMap;
  /** The analysis in SQL offsets, for anything not mapped here. */
  readonly sql: DocumentAnalysis;
  readonly findings: readonly Finding[];
  complete(hostOffset: number): CompletionResult | undefined;
  hover(hostOffset: number): HoverResult | undefined;
  definition(hostOffset: number): readonly DefinitionTarget[];
  resolveDocumentation(resolveKey: string): string | undefined;
}

export function analyseEmbeddedSql(
  parts: readonly EmbeddedPart[], context: AnalysisContext, options: EmbeddedOptions = {}, previous?: EmbeddedSqlAnalysis,
): EmbeddedSqlAnalysis {
  const map = buildOffsetMap(parts);
  const sql = options.analysis ?? sqlLanguage.analyse(map.text, context, previous?.sql);
  const escape = options.escape ?? ((text: string) => text);
  const findings = sql.findings.map((f): Finding => {
    const fixes = f.fixes?.map((fix) => mapFix(fix, map, escape)).filter((fix): fix is Fix => fix !== undefined);
    const mapped = { ...f, start: map.toHost(f.start), end: map.toHostEnd(f.end) };
    if (fixes === undefined) return mapped;
    const { fixes: _dropped, ...rest } = mapped;
    return fixes.length > 0 ? { ...rest, fixes } : rest;
  });
  return {
    map,
    sql,
    findings,
    complete(hostOffset: number): CompletionResult | undefined {
      const offset = map.toSql(hostOffset);
      if (offset === undefined) return undefined;
      const result = sql.complete(offset);
      const items = result.items.flatMap((item) => mapCompletion(item, map, escape));
      return { items, isIncomplete: result.isIncomplete };
    },
    hover(hostOffset: number): HoverResult | undefined {
      const offset = map.toSql(hostOffset);
      const result = offset === undefined ? undefined : sql.hover(offset);
      return result ? { ...result, start: map.toHost(result.start), end: map.toHostEnd(result.end) } : undefined;
    },
    definition(hostOffset: number): readonly DefinitionTarget[] {
      const offset = map.toSql(hostOffset);
      if (offset === undefined) return [];
      return sql.definition(offset).map((t) => (t.kind === 'document' ? { kind: 'document', start: map.toHost(t.start), end: map.toHostEnd(t.end) } : t));
    },
    resolveDocumentation: (resolveKey: string) => sql.resolveDocumentation(resolveKey),
  };
}

/** A fix survives only when each of its edits replaces host characters one for one. */
function mapFix(fix: Fix, map: OffsetMap, escape: (text: string) => string): Fix | undefined {
  if (!fix.edits.every((e) => map.isVerbatim(e.start, e.end))) return undefined;
  return { ...fix, edits: fix.edits.map((e) => ({ start: map.toHost(e.start), end: map.toHostEnd(e.end), newText: escape(e.newText) })) };
}

/** A completion item in host offsets; dropped when its replace range does not come from one run of host text. */
function mapCompletion(item: CompletionEntry, map: OffsetMap, escape: (text: string) => string): CompletionEntry[] {
  const start = item.replaceStart ?? 0;
  const end = item.replaceEnd ?? start;
  if (!map.isVerbatim(start, end)) return [];
  const text = item.insertText ?? item.label;
  const escaped = escape(text);
  return [{
    ...item,
    replaceStart: map.toHost(start),
    replaceEnd: map.toHostEnd(end),
    ...(escaped !== item.label || item.insertText !== undefined ? { insertText: escaped } : {}),
  }];
}
