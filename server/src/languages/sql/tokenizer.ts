/**
 * A T-SQL tokenizer that works on any input.
 * It never throws: unterminated strings, identifiers and comments simply run to the end of the text and are flagged.
 * Comments are kept apart from the token stream so that the parser never has to skip them.
 */

export type TokenKind =
  /** A bare word: an identifier or keyword, including `#temp`, `##temp` and names with `$` inside. */
  | 'word'
  /** A delimited identifier: `[bracketed]` or `"double quoted"`. */
  | 'quoted'
  /** A string literal: `'text'` or `N'text'`. */
  | 'string'
  | 'number'
  /** A local or global variable: `@name` or `@@name`. */
  | 'variable'
  /** Operators, including `*` (which is also the star of `SELECT *`). */
  | 'operator'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'dot'
  | 'semicolon'
  /** `::` of static method calls. */
  | 'scope'
  /** Any other character; kept so that offsets stay exact. */
  | 'unknown';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** The raw source text of the token. */
  readonly text: string;
  /** For words and delimited identifiers, the name without delimiters (`]]` and `""` unescaped). */
  readonly value: string;
  /** True when a string, delimited identifier or comment is not closed before the end of the text. */
  readonly unterminated?: boolean;
  /** For bare words, the upper-case text, computed once for the many keyword tests. */
  readonly upper?: string;
}

export interface Comment {
  readonly start: number;
  readonly end: number;
  readonly kind: 'line' | 'block';
  readonly unterminated?: boolean;
}

export interface TokenizeResult {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

/** Tokenize T-SQL text. Offsets are relative to `base` (0 by default) so a slice can be tokenized in place. */
export function tokenize(text: string, from = 0, to = text.length, base = 0): TokenizeResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    // Whitespace, including the non-breaking space that pastes from Word documents bring along.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff) {
      i++;
      continue;
    }
    const start = i;
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      i = lineEnd(text, i, to);
      comments.push({ start: start - base, end: i - base, kind: 'line' });
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = blockCommentEnd(text, i, to);
      comments.push(end.closed
        ? { start: start - base, end: end.end - base, kind: 'block' }
        : { start: start - base, end: end.end - base, kind: 'block', unterminated: true });
      i = end.end;
      continue;
    }
    if (c === 39 /* ' */ || ((c === 78 || c === 110) /* N n */ && text.charCodeAt(i + 1) === 39)) {
      const quoteAt = c === 39 ? i : i + 1;
      const end = delimitedEnd(text, quoteAt, to, 39);
      i = end.end;
      tokens.push(make('string', start, i, text, base, unescape(text, quoteAt + 1, end.closed ? i - 1 : i, "'"), !end.closed));
      continue;
    }
    if (c === 91 /* [ */) {
      const end = delimitedEnd(text, i, to, 93);
      i = end.end;
      tokens.push(make('quoted', start, i, text, base, unescape(text, start + 1, end.closed ? i - 1 : i, ']'), !end.closed));
      continue;
    }
    if (c === 34 /* " */) {
      const end = delimitedEnd(text, i, to, 34);
      i = end.end;
      tokens.push(make('quoted', start, i, text, base, unescape(text, start + 1, end.closed ? i - 1 : i, '"'), !end.closed));
      continue;
    }
    if (c === 64 /* @ */) {
      i++;
      if (text.charCodeAt(i) === 64) i++;
      while (i < to && isWordPart(text.charCodeAt(i))) i++;
      tokens.push(make('variable', start, i, text, base));
      continue;
    }
    if (isDigit(c) || (c === 46 /* . */ && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i, to);
      tokens.push(make('number', start, i, text, base));
      continue;
    }
    if (c === 36 /* $ */ && isWordStart(text.charCodeAt(i + 1))) {
      // Pseudo-columns such as $action and $IDENTITY read as words; the parser never takes them for columns.
      i++;
      while (i < to && isWordPart(text.charCodeAt(i))) i++;
      const raw = text.slice(start, i);
      tokens.push({ kind: 'word', start: start - base, end: i - base, text: raw, value: raw, upper: upperCase(raw) });
      continue;
    }
    if (c === 36 /* $ */ && isDigit(text.charCodeAt(i + 1))) {
      // A money literal such as $12.50.
      i = numberEnd(text, i + 1, to);
      tokens.push(make('number', start, i, text, base));
      continue;
    }
    if (isWordStart(c)) {
      i++;
      while (i < to && isWordPart(text.charCodeAt(i))) i++;
      const raw = text.slice(start, i);
      tokens.push({ kind: 'word', start: start - base, end: i - base, text: raw, value: raw, upper: upperCase(raw) });
      continue;
    }
    i++;
    switch (c) {
      case 40: tokens.push(make('lparen', start, i, text, base)); continue;
      case 41: tokens.push(make('rparen', start, i, text, base)); continue;
      case 44: tokens.push(make('comma', start, i, text, base)); continue;
      case 46: tokens.push(make('dot', start, i, text, base)); continue;
      case 59: tokens.push(make('semicolon', start, i, text, base)); continue;
      case 58:
        if (text.charCodeAt(i) === 58) {
          i++;
          tokens.push(make('scope', start, i, text, base));
        } else {
          tokens.push(make('unknown', start, i, text, base));
        }
        continue;
      default:
        break;
    }
    if (isOperatorChar(c)) {
      // Two-character operators: comparisons (<=, >=, <>, !=, !<, !>) and compound assignments (+=, -=, *=, /=, %=, &=, |=, ^=).
      const next = text.charCodeAt(i);
      if (i < to && (next === 61 /* = */ || (c === 60 && next === 62) || (c === 33 && (next === 60 || next === 62)))) i++;
      tokens.push(make('operator', start, i, text, base));
      continue;
    }
    tokens.push(make('unknown', start, i, text, base));
  }
  return { tokens, comments };
}

/**
 * Upper-case forms of words seen so far. Scripts repeat the same few thousand words, so remembering them saves
 * allocating a new string per word; the memo is dropped when it grows large.
 */
const upperCache = new Map<string, string>();
const UPPER_CACHE_LIMIT = 50_000;

export function upperCase(word: string): string {
  let result = upperCache.get(word);
  if (result === undefined) {
    if (upperCache.size >= UPPER_CACHE_LIMIT) upperCache.clear();
    result = word.toUpperCase();
    upperCache.set(word, result);
  }
  return result;
}

function make(kind: TokenKind, start: number, end: number, text: string, base: number, value?: string, unterminated?: boolean): Token {
  const raw = text.slice(start, end);
  const token: Token = unterminated
    ? { kind, start: start - base, end: end - base, text: raw, value: value ?? raw, unterminated: true }
    : { kind, start: start - base, end: end - base, text: raw, value: value ?? raw };
  return token;
}

function lineEnd(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return to;
}

/** T-SQL block comments nest, so `/* a /* b *\/ c *\/` is one comment. */
function blockCommentEnd(text: string, i: number, to: number): { end: number; closed: boolean } {
  let depth = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 47 && text.charCodeAt(i + 1) === 42 && i + 1 < to) {
      depth++;
      i += 2;
      continue;
    }
    if (c === 42 && text.charCodeAt(i + 1) === 47 && i + 1 < to) {
      depth--;
      i += 2;
      if (depth === 0) return { end: i, closed: true };
      continue;
    }
    i++;
  }
  return { end: to, closed: false };
}

/** Finds the end of a delimited token opened at `open`, where a doubled closing character is an escape. */
function delimitedEnd(text: string, open: number, to: number, close: number): { end: number; closed: boolean } {
  let i = open + 1;
  while (i < to) {
    if (text.charCodeAt(i) === close) {
      if (i + 1 < to && text.charCodeAt(i + 1) === close) {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    i++;
  }
  return { end: to, closed: false };
}

function unescape(text: string, from: number, to: number, quote: string): string {
  const inner = text.slice(from, to);
  return inner.includes(quote + quote) ? inner.split(quote + quote).join(quote) : inner;
}

function numberEnd(text: string, i: number, to: number): number {
  if (text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 32) === 120 /* 0x */) {
    i += 2;
    while (i < to && isHexDigit(text.charCodeAt(i))) i++;
    return i;
  }
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    while (i < to && isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i) | 32;
  if (e === 101 /* e */) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      i = j;
      while (i < to && isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** Identifiers start with a letter, `_` or `#` (temp tables); letters beyond ASCII count too. */
function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 35 || (c > 127 && c !== 0xa0 && c !== 0xfeff && isUnicodeLetter(c));
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 36 /* $ */ || c === 64 /* @ */;
}

function isUnicodeLetter(c: number): boolean {
  return /\p{L}/u.test(String.fromCharCode(c));
}

function isOperatorChar(c: number): boolean {
  // + - * / % = < > ! & | ^ ~
  return c === 43 || c === 45 || c === 42 || c === 47 || c === 37 || c === 61 || c === 60 || c === 62
    || c === 33 || c === 38 || c === 124 || c === 94 || c === 126;
}
