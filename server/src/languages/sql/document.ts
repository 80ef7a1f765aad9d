/**
 * The parsed form of a whole SQL document: tokens and comments, batches, and one parse per statement.
 * Statement parses use offsets relative to the statement and are cached by the statement's text, so after an edit
 * only the statements whose text changed are parsed again.
 */
import type { Span, StatementNode } from './ast';
import { analysedStatementCount, MAX_ANALYSED_CHARACTERS, MAX_ANALYSED_STATEMENTS } from './analysisBudget';
import { parseStatement } from './parser';
import { type BatchSpan, splitStatements, type StatementSpan } from './statements';
import { type Comment, type Token, tokenize } from './tokenizer';

/** A statement's parse, independent of where the statement sits in the document. */
export interface ParsedStatement {
  readonly text: string;
  /** The statement's tokens, with offsets relative to its start. */
  readonly tokens: readonly Token[];
  readonly node: StatementNode;
}

export interface StatementEntry {
  readonly index: number;
  /** Offset of the statement in the document; add it to the parse's relative offsets. */
  readonly base: number;
  readonly end: number;
  readonly batch: number;
  readonly parsed: ParsedStatement;
}

export interface SqlDocument {
  readonly text: string;
  readonly comments: readonly Comment[];
  readonly batches: readonly BatchSpan[];
  readonly statements: readonly StatementEntry[];
  /** Parses by statement text, handed to the next version of the document. */
  readonly parseCache: ReadonlyMap<string, ParsedStatement>;
  /** The `GO` lines, in document offsets. */
  readonly separators: readonly Span[];
  /** Where the statements left unparsed begin, when the document is past the analysis budget. */
  readonly truncatedAt?: number;
}

export function parseDocument(text: string, previous?: SqlDocument): SqlDocument {
  if (previous !== undefined) {
    if (previous.text === text) return previous;
    const reused = reparse(text, previous);
    if (reused !== undefined) return reused;
  }
  const { tokens, comments } = tokenize(text);
  const split = splitStatements(text, tokens);
  const analysed = analysedStatementCount(split.statements);
  const truncatedAt = analysed < split.statements.length ? split.statements[analysed]!.start : undefined;
  const separators = split.batches.flatMap((b) => (b.separator && (truncatedAt === undefined || b.separator.start < truncatedAt) ? [b.separator] : []));
  const spans = split.statements.slice(0, analysed).map((span) => ({ start: span.start, end: span.end, parsed: parseSpan(text, tokens, span, previous?.parseCache) }));
  const doc = assemble(text, spans, separators, comments);
  return truncatedAt === undefined ? doc : { ...doc, truncatedAt };
}

interface PlacedStatement {
  readonly start: number;
  readonly end: number;
  readonly parsed: ParsedStatement;
}

/** A statement's parse: from the cache when the same text was parsed before, else parsed now. */
function parseSpan(text: string, tokens: readonly Token[], span: StatementSpan, cache: ReadonlyMap<string, ParsedStatement> | undefined): ParsedStatement {
  const key = text.slice(span.start, span.end);
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  // The document-level tokens are not used again once the text is split, so they are rebased in place rather than
  // copied: on a long script that saves allocating tens of thousands of objects per analysis.
  const relative = tokens.slice(span.firstToken, span.endToken) as { start: number; end: number }[];
  for (const t of relative) {
    t.start -= span.start;
    t.end -= span.start;
  }
  return { text: key, tokens: relative as unknown as Token[], node: parseStatement(relative as unknown as Token[]) };
}

/** Builds the document from its statements, the GO separators and the comments, all in document offsets. */
function assemble(text: string, spans: readonly PlacedStatement[], separators: readonly Span[], comments: readonly Comment[]): SqlDocument {
  const statements: StatementEntry[] = [];
  const batches: BatchSpan[] = [];
  const parseCache = new Map<string, ParsedStatement>();
  let separator = 0;
  let batchStart = 0;
  let firstStatement = 0;
  const closeBatch = (): void => {
    const sep = separators[separator]!;
    batches.push({ start: batchStart, end: sep.start, separator: sep, firstStatement, endStatement: statements.length });
    batchStart = sep.end;
    firstStatement = statements.length;
    separator++;
  };
  for (const span of spans) {
    while (separator < separators.length && separators[separator]!.start < span.start) closeBatch();
    parseCache.set(span.parsed.text, span.parsed);
    statements.push({ index: statements.length, base: span.start, end: span.end, batch: batches.length, parsed: span.parsed });
  }
  while (separator < separators.length) closeBatch();
  batches.push({ start: batchStart, end: text.length, firstStatement, endStatement: statements.length });
  return { text, comments, batches, statements, parseCache, separators };
}

/**
 * The lengths of the common prefix and suffix of two texts. Comparing 4 KB substrings at a time and then single
 * characters is about ten times faster than a character loop over a long document.
 */
function commonEnds(old: string, text: string, limit: number): { prefix: number; suffix: number } {
  const CHUNK = 4096;
  let prefix = 0;
  while (prefix + CHUNK <= limit && old.slice(prefix, prefix + CHUNK) === text.slice(prefix, prefix + CHUNK)) prefix += CHUNK;
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const rest = limit - prefix;
  while (suffix + CHUNK <= rest && old.slice(old.length - suffix - CHUNK, old.length - suffix) === text.slice(text.length - suffix - CHUNK, text.length - suffix)) suffix += CHUNK;
  while (suffix < rest && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** How many old statements after the edit are tried as the point where the new split rejoins the old one. */
const RESYNC_CANDIDATES = 4;

/**
 * Re-splits only the part of the document around an edit. Statements wholly before the edit are kept; the text from
 * the last of them up to a statement wholly after the edit is tokenized and split again; and once the new split
 * starts a statement exactly where the old one did (after the edit), everything from there on is the old document,
 * shifted. Returns undefined when no such point is found, and the caller parses the whole text.
 */
function reparse(text: string, previous: SqlDocument): SqlDocument | undefined {
  // A document past the budget is parsed whole each time, so where it is cut never depends on its history.
  if (previous.truncatedAt !== undefined || text.length > MAX_ANALYSED_CHARACTERS) return undefined;
  const old = previous.text;
  const limit = Math.min(old.length, text.length);
  const { prefix, suffix } = commonEnds(old, text, limit);
  const delta = text.length - old.length;
  const changeEndOld = old.length - suffix;
  const list = previous.statements;
  // Keep statements that end before the edit, less one: an edit just after a statement may extend it.
  let kept = 0;
  while (kept < list.length && list[kept]!.end < prefix) kept++;
  kept = Math.max(0, kept - 1);
  const scanStart = kept > 0 ? list[kept - 1]!.end : 0;
  let first = kept;
  while (first < list.length && list[first]!.base < changeEndOld) first++;
  if (first >= list.length) return undefined;
  const lastCandidate = Math.min(list.length - 1, first + RESYNC_CANDIDATES - 1);
  const scanEnd = list[lastCandidate]!.end + delta;
  const { tokens, comments } = tokenize(text, scanStart, scanEnd);
  const split = splitStatements(text, tokens);
  for (let i = 0; i < split.statements.length; i++) {
    const span = split.statements[i]!;
    let j = first;
    while (j <= lastCandidate && list[j]!.base + delta < span.start) j++;
    if (j > lastCandidate || list[j]!.base + delta !== span.start || list[j]!.end + delta !== span.end) continue;
    // Statement i of the new split is old statement j: everything before it is new, everything from it is old.
    const resyncOld = list[j]!.base;
    const spans: PlacedStatement[] = list.slice(0, kept).map((e) => ({ start: e.base, end: e.end, parsed: e.parsed }));
    for (let n = 0; n < i; n++) {
      const fresh = split.statements[n]!;
      spans.push({ start: fresh.start, end: fresh.end, parsed: parseSpan(text, tokens, fresh, previous.parseCache) });
    }
    for (let n = j; n < list.length; n++) spans.push({ start: list[n]!.base + delta, end: list[n]!.end + delta, parsed: list[n]!.parsed });
    const regionSeparators = split.batches.flatMap((b) => (b.separator && b.separator.start < span.start ? [b.separator] : []));
    const separators = [
      ...previous.separators.filter((sep) => sep.end <= scanStart),
      ...regionSeparators,
      ...previous.separators.filter((sep) => sep.start >= resyncOld).map((sep) => ({ start: sep.start + delta, end: sep.end + delta })),
    ];
    const allComments = [
      ...previous.comments.filter((c) => c.end <= scanStart),
      ...comments.filter((c) => c.start < span.start),
      ...previous.comments.filter((c) => c.start >= resyncOld).map((c) => ({ ...c, start: c.start + delta, end: c.end + delta })),
    ];
    if (spans.length > MAX_ANALYSED_STATEMENTS) return undefined;
    return assemble(text, spans, separators, allComments);
  }
  return undefined;
}

/**
 * The statement an offset belongs to: the one containing it, or else the one it directly follows (a cursor in the
 * whitespace after `WHERE ` still belongs to that statement) unless that statement was closed with a semicolon.
 */
export function statementAt(doc: SqlDocument, offset: number): StatementEntry | undefined {
  const list = doc.statements;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.base <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return undefined;
  const entry = list[found]!;
  if (offset <= entry.end) return entry;
  const tokens = entry.parsed.tokens;
  if (tokens[tokens.length - 1]?.kind === 'semicolon') return undefined;
  // A batch separator between the statement and the offset ends the statement too.
  const batch = doc.batches[entry.batch];
  if (batch?.separator !== undefined && offset >= batch.separator.start) return undefined;
  return entry;
}

/** True when the offset lies inside a comment (or at the end of a line comment). */
export function inComment(doc: SqlDocument, offset: number): boolean {
  const list = doc.comments;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = list[mid]!;
    if (offset <= c.start) hi = mid - 1;
    else if (offset > c.end || (offset === c.end && c.kind === 'block' && !c.unterminated)) lo = mid + 1;
    else return true;
  }
  return false;
}
