/**
 * The cursor and shared helpers of the statement parser.
 * The parser works on the tokens of one statement (offsets relative to the statement) within a movable limit,
 * so a parenthesised part can be parsed as if it were the whole input.
 */
import type { ClauseKind, ColumnRef, Name, ObjectName, ParseError, QueryBlock, QueryExpr, TableRef } from './ast';
import { isReserved, NOT_AN_ALIAS, upper } from './keywords';
import type { Token } from './tokenizer';

export interface ParseState {
  readonly tokens: readonly Token[];
  /** For each `(`, the index of its `)`; the token count when it is never closed. */
  readonly match: Int32Array;
  pos: number;
  /** Exclusive limit of the current parse. */
  end: number;
  readonly blocks: QueryBlock[];
  readonly queries: QueryExpr[];
  readonly columnRefs: ColumnRef[];
  readonly tableRefs: TableRef[];
  readonly errors: ParseError[];
  /** Nesting depth of parenthesised parses, bounded so that pathological input cannot exhaust the stack. */
  depth: number;
}

export const MAX_NESTING = 120;

export function createState(tokens: readonly Token[]): ParseState {
  return {
    tokens,
    match: matchParentheses(tokens),
    pos: 0,
    end: tokens.length,
    blocks: [],
    queries: [],
    columnRefs: [],
    tableRefs: [],
    errors: [],
    depth: 0,
  };
}

export function peek(s: ParseState, k = 0): Token | undefined {
  const i = s.pos + k;
  return i < s.end ? s.tokens[i] : undefined;
}

export function peekWord(s: ParseState, k = 0): string {
  return upper(peek(s, k));
}

export function atEnd(s: ParseState): boolean {
  return s.pos >= s.end;
}

export function advance(s: ParseState): Token | undefined {
  const token = peek(s);
  if (token !== undefined) s.pos++;
  return token;
}

/** Consumes the word if it is next; returns whether it was. */
export function accept(s: ParseState, word: string): boolean {
  if (peekWord(s) === word) {
    s.pos++;
    return true;
  }
  return false;
}

/** The end offset of the last consumed token, or `fallback` when nothing was consumed. */
export function lastEnd(s: ParseState, fallback: number): number {
  return s.pos > 0 && s.pos - 1 < s.tokens.length ? Math.max(fallback, s.tokens[s.pos - 1]!.end) : fallback;
}

export function error(s: ParseState, at: { start: number; end: number } | undefined, message: string): void {
  const start = at?.start ?? (s.tokens[s.tokens.length - 1]?.end ?? 0);
  s.errors.push({ start, end: at?.end ?? start, message });
}

/** The index of the `)` matching the `(` at index i, limited to the current parse. */
export function closing(s: ParseState, i: number): number {
  return Math.min(s.match[i] ?? s.end, s.end);
}

/**
 * Runs `parse` on the tokens between `from` and `to` as if they were the whole input,
 * then leaves the cursor just after `to` (the closing parenthesis).
 */
export function within<T>(s: ParseState, from: number, to: number, parse: () => T): T {
  const savedEnd = s.end;
  s.pos = from;
  s.end = Math.min(to, savedEnd);
  s.depth++;
  try {
    return parse();
  } finally {
    s.depth--;
    s.end = savedEnd;
    s.pos = Math.min(to + 1, savedEnd);
  }
}

export function nameOf(token: Token): Name {
  return { start: token.start, end: token.end, value: token.kind === 'quoted' ? token.value : token.text, quoted: token.kind === 'quoted' };
}

export function emptyName(at: number): Name {
  return { start: at, end: at, value: '', quoted: false };
}

/** True for a token that can be a name part: a delimited identifier or a bare word that is not reserved. */
export function isNameToken(token: Token | undefined): boolean {
  return token !== undefined && (token.kind === 'quoted' || (token.kind === 'word' && !isReserved(token)));
}

/** True for a token that can be an alias: a name part that is not also a word that continues a FROM clause. */
export function isAliasToken(token: Token | undefined): boolean {
  return isNameToken(token) && !(token!.kind === 'word' && NOT_AN_ALIAS.has(upper(token)));
}

export interface Chain {
  readonly parts: Name[];
  /** Index one past the chain's last token. */
  readonly next: number;
  /** Set when the chain ends in `.*`: the star's span. */
  readonly star?: { start: number; end: number };
}

/**
 * Reads a dotted name starting at token index i: `a`, `a.b.c`, `a..c`, a trailing `a.` (an empty last part,
 * which is what a user is typing) and `a.*`. Reserved words after a dot are not taken as parts, so a half-typed
 * `e.` followed by `FROM` on the next line stays a half-typed name.
 */
export function readChain(tokens: readonly Token[], i: number, limit: number): Chain {
  const parts: Name[] = [nameOf(tokens[i]!)];
  let j = i + 1;
  while (j < limit && tokens[j]!.kind === 'dot') {
    const dot = tokens[j]!;
    const after = j + 1 < limit ? tokens[j + 1] : undefined;
    if (after !== undefined && after.kind === 'operator' && after.text === '*') {
      return { parts, next: j + 2, star: { start: after.start, end: after.end } };
    }
    if (after !== undefined && after.kind === 'dot') {
      parts.push(emptyName(dot.end));
      j++;
      continue;
    }
    if (isNameToken(after)) {
      parts.push(nameOf(after!));
      j += 2;
      continue;
    }
    parts.push(emptyName(dot.end));
    j++;
    break;
  }
  return { parts, next: j };
}

export function objectName(parts: readonly Name[]): ObjectName {
  return { start: parts[0]!.start, end: parts[parts.length - 1]!.end, parts };
}

/** Reads a dotted object name at the cursor, or returns undefined when the next token cannot start one. */
export function parseObjectName(s: ParseState): ObjectName | undefined {
  const token = peek(s);
  if (token === undefined) return undefined;
  if (!isNameToken(token) && !(token.kind === 'word' && token.text.startsWith('#'))) return undefined;
  const chain = readChain(s.tokens, s.pos, s.end);
  s.pos = chain.next;
  return objectName(chain.parts);
}

/** Reads a parenthesised list of names, `(a, b, c)`, at the cursor. */
export function parseNameList(s: ParseState): Name[] {
  const names: Name[] = [];
  const open = peek(s);
  if (open?.kind !== 'lparen') return names;
  const close = closing(s, s.pos);
  for (let i = s.pos + 1; i < close; i++) {
    const token = s.tokens[i]!;
    if (token.kind === 'word' || token.kind === 'quoted') names.push(nameOf(token));
  }
  s.pos = Math.min(close + 1, s.end);
  return names;
}

/** Records a column reference unless it lies outside any query block. */
export function addColumnRef(s: ParseState, parts: readonly Name[], block: number, clause: ClauseKind, targetColumn = false): ColumnRef | undefined {
  if (block < 0 || parts.length === 0) return undefined;
  const ref: ColumnRef = targetColumn
    ? { start: parts[0]!.start, end: parts[parts.length - 1]!.end, parts, block, clause, targetColumn: true }
    : { start: parts[0]!.start, end: parts[parts.length - 1]!.end, parts, block, clause };
  s.columnRefs.push(ref);
  return ref;
}

function matchParentheses(tokens: readonly Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = tokens[i]!.kind;
    if (kind === 'lparen') stack.push(i);
    else if (kind === 'rparen' && stack.length > 0) match[stack.pop()!] = i;
  }
  for (const open of stack) match[open] = tokens.length;
  return match;
}
