/**
 * Expression scanning. The parser does not build expression trees: it only needs the column references inside an
 * expression and the subqueries, which get their own query blocks. The scanner knows the places where a bare word is
 * not a column (function names, data types in CAST and CONVERT, date parts, collations, window frames) so that it
 * never invents references that a user did not write.
 */
import type { ClauseKind } from './ast';
import { DATEPART_FUNCTIONS, isReserved, isWord, TYPE_FIRST_FUNCTIONS, upper, WINDOW_FRAME_WORDS } from './keywords';
import { addColumnRef, closing, isNameToken, MAX_NESTING, type ParseState, readChain, within } from './parseState';
import { parseQueryExpr } from './queryParser';
import type { Token } from './tokenizer';

/**
 * Finds where an expression (or a comma-separated list, when `stopOnComma` is false) that starts at `from` ends:
 * at a stop word or comma at its own nesting level, at a `)` that closes an enclosing parenthesis, or at the limit.
 */
export function findEnd(s: ParseState, from: number, stop: (token: Token) => boolean, stopOnComma: boolean): number {
  let i = from;
  // WHEN, THEN and ELSE inside CASE … END never end the expression that holds the CASE.
  let caseDepth = 0;
  while (i < s.end) {
    const token = s.tokens[i]!;
    switch (token.kind) {
      case 'lparen':
        i = closing(s, i) + 1;
        continue;
      case 'rparen':
        return i;
      case 'comma':
        if (stopOnComma) return i;
        break;
      case 'word':
        if (isWord(token, 'CASE')) caseDepth++;
        else if (caseDepth > 0 && isWord(token, 'END')) caseDepth--;
        else if (caseDepth === 0 && stop(token)) return i;
        break;
      default:
        break;
    }
    i++;
  }
  return s.end;
}

/** True when the parenthesis at index i opens a query: `(SELECT …`, `(WITH …` or `((SELECT …) UNION …`. */
export function opensQuery(tokens: readonly Token[], i: number, limit: number): boolean {
  let j = i + 1;
  while (j < limit && tokens[j]!.kind === 'lparen') j++;
  const first = tokens[j];
  return j < limit && (isWord(first, 'SELECT') || isWord(first, 'WITH'));
}

/** Words that are arguments rather than columns inside particular functions. */
const FUNCTION_KEYWORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['TRIM', new Set(['LEADING', 'TRAILING', 'BOTH'])],
]);

/**
 * Scans tokens [from, to) as expressions of block `block` in clause `clause`: records column references and parses
 * subqueries as nested blocks whose outer block is `block`.
 */
export function scanRange(s: ParseState, from: number, to: number, block: number, clause: ClauseKind): void {
  const tokens = s.tokens;
  const limit = Math.min(to, s.end);
  /** Closing indexes of enclosing OVER (…) clauses, where frame words such as ROWS are not columns. */
  const overEnds: number[] = [];
  /** Closing indexes of enclosing calls whose keyword arguments are not columns, with those words. */
  const keywordArgs: { end: number; words: ReadonlySet<string> }[] = [];
  let i = from;
  while (i < limit) {
    while (overEnds.length > 0 && i > overEnds[overEnds.length - 1]!) overEnds.pop();
    while (keywordArgs.length > 0 && i > keywordArgs[keywordArgs.length - 1]!.end) keywordArgs.pop();
    const token = tokens[i]!;
    if (token.kind === 'lparen') {
      const close = Math.min(closing(s, i), limit);
      if (opensQuery(tokens, i, close)) {
        if (s.depth < MAX_NESTING) within(s, i + 1, close, () => parseQueryExpr(s, block >= 0 ? block : undefined));
        i = close + 1;
        continue;
      }
      const fn = i > from ? upper(tokens[i - 1]) : '';
      i = afterOpenParen(tokens, i, close, fn, overEnds, keywordArgs);
      continue;
    }
    if (token.kind === 'rparen') {
      // `(…).value('.', 'nvarchar(max)')` calls a method on an expression; the method name is not a column.
      if (tokens[i + 1]?.kind === 'dot' && tokens[i + 2]?.kind === 'word' && tokens[i + 3]?.kind === 'lparen') i += 3;
      else i++;
      continue;
    }
    if (token.kind === 'scope') {
      // `geography::Point(…)`: the static method name is not a column.
      i += 2;
      continue;
    }
    if (token.kind !== 'word' && token.kind !== 'quoted') {
      i++;
      continue;
    }
    if (token.kind === 'word') {
      const skip = wordsToSkip(tokens, i, limit, overEnds.length > 0, keywordArgs[keywordArgs.length - 1]?.words);
      if (skip > 0) {
        i += skip;
        continue;
      }
    }
    const chain = readChain(tokens, i, limit);
    const after = chain.next < limit ? tokens[chain.next] : undefined;
    if (after?.kind === 'lparen' && chain.star === undefined) {
      // A function call (`dbo.fn(…)`, `ISNULL(…)`): the name is not a column; the arguments are scanned next.
      i = chain.next;
      continue;
    }
    const parts = chain.star !== undefined
      ? [...chain.parts, { start: chain.star.start, end: chain.star.end, value: '*', quoted: false }]
      : chain.parts;
    addColumnRef(s, parts, block, clause);
    i = chain.next;
  }
}

/**
 * Handles a `(` that does not open a query: skips data types and date parts that some functions take as their
 * first argument, and notes OVER clauses. Returns the index to continue from.
 */
function afterOpenParen(
  tokens: readonly Token[], i: number, close: number, fn: string,
  overEnds: number[], keywordArgs: { end: number; words: ReadonlySet<string> }[],
): number {
  if (fn === 'OVER') overEnds.push(close);
  const words = FUNCTION_KEYWORDS.get(fn);
  if (words !== undefined) keywordArgs.push({ end: close, words });
  let j = i + 1;
  if (TYPE_FIRST_FUNCTIONS.has(fn) || fn === 'IDENTITY') return skipType(tokens, j, close);
  if (DATEPART_FUNCTIONS.has(fn) && tokens[j]?.kind === 'word' && tokens[j + 1]?.kind === 'comma' && j + 1 < close) j += 1;
  return j;
}

/** Skips a data type such as `varchar(14)` or `decimal(10, 2)` starting at index j. */
function skipType(tokens: readonly Token[], j: number, limit: number): number {
  const first = tokens[j];
  if (first === undefined || j >= limit || (first.kind !== 'word' && first.kind !== 'quoted')) return j;
  j++;
  if (tokens[j]?.kind === 'dot' && (tokens[j + 1]?.kind === 'word' || tokens[j + 1]?.kind === 'quoted')) j += 2;
  if (tokens[j]?.kind === 'lparen' && j < limit) {
    let depth = 0;
    for (; j < limit; j++) {
      const kind = tokens[j]!.kind;
      if (kind === 'lparen') depth++;
      else if (kind === 'rparen' && --depth === 0) return j + 1;
    }
  }
  return j;
}

/**
 * How many tokens starting at the word at index i are syntax rather than a column: reserved words (with the type
 * after AS and the collation after COLLATE), pseudo-columns like `$action`, window-frame words inside OVER,
 * `AT TIME ZONE`, `WITHIN GROUP`, `NEXT VALUE FOR` and similar. Zero means the word may be a column.
 */
function wordsToSkip(tokens: readonly Token[], i: number, limit: number, inOver: boolean, keywordArgs: ReadonlySet<string> | undefined): number {
  const token = tokens[i]!;
  const word = upper(token);
  if (token.text.startsWith('$')) return 1;
  if (isReserved(token)) {
    if (word === 'AS') return skipType(tokens, i + 1, limit) - i;
    if (word === 'COLLATE') return tokens[i + 1]?.kind === 'word' ? 2 : 1;
    if (word === 'WITH' && tokens[i + 1]?.kind === 'word' && !isReserved(tokens[i + 1])) return 2;
    return 1;
  }
  const next = upper(tokens[i + 1]);
  if (tokens[i + 1]?.kind === 'lparen') return 0;
  if (inOver && WINDOW_FRAME_WORDS.has(word)) return 1;
  if (keywordArgs?.has(word)) return 1;
  if (word === 'AT' && next === 'TIME' && upper(tokens[i + 2]) === 'ZONE') return 3;
  if (word === 'WITHIN' && next === 'GROUP') return 1;
  if (word === 'GROUPING' && next === 'SETS') return 2;
  if (word === 'NEXT' && next === 'VALUE' && upper(tokens[i + 2]) === 'FOR') {
    // The sequence name after NEXT VALUE FOR is not a column either.
    return isNameToken(tokens[i + 3]) && i + 3 < limit ? readChain(tokens, i + 3, limit).next - i : 3;
  }
  if (word === 'USING' && tokens[i + 1]?.kind === 'string') return 1;
  return 0;
}
