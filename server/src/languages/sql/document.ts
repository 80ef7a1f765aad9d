/**
 * The parsed form of a whole SQL document: tokens and comments, batches, and one parse per statement.
 * Statement parses use offsets relative to the statement and are cached by the statement's text, so after an edit
 * only the statements whose text changed are parsed again.
 */
import type { StatementNode } from './ast';
import { parseStatement } from './parser';
import { type BatchSpan, splitStatements } from './statements';
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
}

export function parseDocument(text: string, previous?: SqlDocument): SqlDocument {
  const { tokens, comments } = tokenize(text);
  const { batches, statements: spans } = splitStatements(text, tokens);
  const oldCache = previous?.parseCache;
  const parseCache = new Map<string, ParsedStatement>();
  const statements: StatementEntry[] = [];
  for (const span of spans) {
    const key = text.slice(span.start, span.end);
    let parsed = parseCache.get(key) ?? oldCache?.get(key);
    if (parsed === undefined) {
      const relative: Token[] = [];
      for (let i = span.firstToken; i < span.endToken; i++) {
        const t = tokens[i]!;
        relative.push({ ...t, start: t.start - span.start, end: t.end - span.start });
      }
      parsed = { text: key, tokens: relative, node: parseStatement(relative) };
    }
    parseCache.set(key, parsed);
    statements.push({ index: statements.length, base: span.start, end: span.end, batch: span.batch, parsed });
  }
  return { text, comments, batches, statements, parseCache };
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
