/**
 * Parses FROM clauses: joins, CROSS and OUTER APPLY, derived tables with column lists, table variables, table-valued
 * functions, VALUES lists, PIVOT and UNPIVOT, aliases and table hints.
 */
import type { JoinKind, QueryBlock, Source } from './ast';
import { findEnd, opensQuery, scanRange } from './expressions';
import { isWord, JOIN_WORDS, upper } from './keywords';
import {
  accept, advance, atEnd, closing, error, isAliasToken, isNameToken, lastEnd, MAX_NESTING, nameOf, objectName,
  parseNameList, type ParseState, peek, peekWord, readChain, within,
} from './parseState';
import { aliasName, isClauseWord, parseQueryExpr } from './queryParser';
import type { Token } from './tokenizer';

/** Parses a FROM clause into the block's sources. */
export function parseFromClause(s: ParseState, block: QueryBlock): void {
  parseJoinedSources(s, block, 'first');
}

function parseJoinedSources(s: ParseState, block: QueryBlock, firstJoin: JoinKind): void {
  parseSourceItem(s, block, firstJoin);
  while (!atEnd(s)) {
    const before = s.pos;
    const token = peek(s)!;
    if (token.kind === 'comma') {
      advance(s);
      parseSourceItem(s, block, 'comma');
      continue;
    }
    if (isWord(token, 'ON')) {
      parseOn(s, block, block.sources.length - 1);
      continue;
    }
    const join = readJoinOperator(s);
    if (join === undefined) break;
    const index = parseSourceItem(s, block, join);
    if (index >= 0 && peekWord(s) === 'ON') parseOn(s, block, index);
    if (s.pos === before) break;
  }
}

function parseOn(s: ParseState, block: QueryBlock, index: number): void {
  const on = advance(s)!;
  const end = findEnd(s, s.pos, (t) => isClauseWord(t) || JOIN_WORDS.has(upper(t)) || isWord(t, 'ON'), false);
  scanRange(s, s.pos, end, block.id, 'on');
  const span = { start: on.start, end: end > s.pos ? s.tokens[end - 1]!.end : on.end };
  s.pos = end;
  block.clauses.push({ kind: 'on', start: span.start, end: span.end });
  const source = block.sources[index];
  if (source !== undefined && source.on === undefined) block.sources[index] = { ...source, on: span };
}

/** Consumes a join operator and returns its kind, or undefined (consuming nothing) when none is next. */
function readJoinOperator(s: ParseState): JoinKind | undefined {
  const word = peekWord(s);
  const nextWord = peekWord(s, 1);
  const hint = (k: number): number => (['LOOP', 'HASH', 'MERGE', 'REMOTE'].includes(peekWord(s, k)) ? 1 : 0);
  switch (word) {
    case 'JOIN':
      s.pos += 1;
      return 'inner';
    case 'INNER': {
      const h = hint(1);
      if (peekWord(s, 1 + h) !== 'JOIN') return undefined;
      s.pos += 2 + h;
      return 'inner';
    }
    case 'LEFT': case 'RIGHT': case 'FULL': {
      const outer = nextWord === 'OUTER' ? 1 : 0;
      const h = hint(1 + outer);
      if (peekWord(s, 1 + outer + h) !== 'JOIN') return undefined;
      s.pos += 2 + outer + h;
      return word === 'LEFT' ? 'left' : word === 'RIGHT' ? 'right' : 'full';
    }
    case 'CROSS':
      if (nextWord === 'JOIN') {
        s.pos += 2;
        return 'cross';
      }
      if (nextWord === 'APPLY') {
        s.pos += 2;
        return 'cross-apply';
      }
      return undefined;
    case 'OUTER':
      if (nextWord === 'APPLY') {
        s.pos += 2;
        return 'outer-apply';
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Parses one table source with its alias, hints and any PIVOT; returns its index in the block, or -1. */
export function parseSourceItem(s: ParseState, block: QueryBlock, join: JoinKind): number {
  const token = peek(s);
  if (token === undefined || (token.kind !== 'lparen' && token.kind !== 'variable' && !isNameToken(token) && !isOpenFunction(token, peek(s, 1)))) {
    error(s, token, 'expected a table');
    return -1;
  }
  const lateral = join === 'cross-apply' || join === 'outer-apply';
  const start = token.start;
  let source: Source;
  if (token.kind === 'lparen') {
    const close = closing(s, s.pos);
    if (opensQuery(s.tokens, s.pos, close) && s.depth < MAX_NESTING) {
      const query = lateral
        ? within(s, s.pos + 1, close, () => parseQueryExpr(s, block.id, block.sources.length))
        : within(s, s.pos + 1, close, () => parseQueryExpr(s, block.outer, block.outerSourceLimit));
      source = { kind: 'derived', start, end: start, join, query, lateral };
    } else if (isWord(peek(s, 1), 'VALUES')) {
      scanRange(s, s.pos + 2, close, block.id, 'values');
      s.pos = Math.min(close + 1, s.end);
      source = { kind: 'values', start, end: start, join };
    } else {
      // A parenthesised join: its sources belong to this block.
      const before = block.sources.length;
      if (s.depth < MAX_NESTING) within(s, s.pos + 1, close, () => parseJoinedSources(s, block, join));
      else s.pos = Math.min(close + 1, s.end);
      return block.sources.length > before ? block.sources.length - 1 : -1;
    }
  } else if (token.kind === 'variable') {
    advance(s);
    source = { kind: 'variable', start, end: start, join, name: { start: token.start, end: token.end, value: token.text, quoted: false } };
  } else {
    const chain = readChain(s.tokens, s.pos, s.end);
    s.pos = chain.next;
    const name = objectName(chain.parts);
    if (peek(s)?.kind === 'lparen' && !looksLikeLegacyHint(s)) {
      const close = closing(s, s.pos);
      scanRange(s, s.pos + 1, close, block.id, 'from');
      s.pos = Math.min(close + 1, s.end);
      source = { kind: 'function', start, end: start, join, name };
    } else {
      source = { kind: 'table', start, end: start, join, name };
    }
  }
  source = parseAliasAndHints(s, source);
  source = { ...source, end: lastEnd(s, source.start) } as Source;
  const pivot = peekWord(s);
  if ((pivot === 'PIVOT' || pivot === 'UNPIVOT') && peek(s, 1)?.kind === 'lparen') {
    advance(s);
    s.pos = Math.min(closing(s, s.pos) + 1, s.end);
    const wrapped = parseAliasAndHints(s, { kind: 'pivot', start, end: start, join, inner: source });
    source = { ...wrapped, end: lastEnd(s, start) } as Source;
  }
  block.sources.push(source);
  return block.sources.length - 1;
}

/** OPENJSON, OPENROWSET and friends are reserved words that still start a table source. */
function isOpenFunction(token: Token, next: Token | undefined): boolean {
  return token.kind === 'word' && next?.kind === 'lparen' && upper(token).startsWith('OPEN');
}

/** `FROM t (NOLOCK)`: the old form of a table hint, without WITH. */
function looksLikeLegacyHint(s: ParseState): boolean {
  const inner = peek(s, 1);
  return inner?.kind === 'word' && ['NOLOCK', 'READUNCOMMITTED', 'HOLDLOCK', 'TABLOCK', 'TABLOCKX', 'UPDLOCK', 'ROWLOCK', 'PAGLOCK', 'READPAST', 'NOWAIT', 'INDEX'].includes(upper(inner));
}

function parseAliasAndHints<T extends Source>(s: ParseState, source: T): T {
  let result: T = source;
  for (let round = 0; round < 4; round++) {
    const token = peek(s);
    if (token === undefined) break;
    if (isWord(token, 'AS')) {
      advance(s);
      const name = peek(s);
      if (isAliasToken(name) || name?.kind === 'string') {
        advance(s);
        result = { ...result, alias: aliasName(name!) };
      } else {
        result = { ...result, asKeyword: { start: token.start, end: token.end } };
      }
      continue;
    }
    if (result.alias === undefined && isAliasToken(token)) {
      advance(s);
      result = { ...result, alias: nameOf(token) };
      continue;
    }
    if (token.kind === 'lparen' && result.alias !== undefined && result.columnAliases === undefined && result.kind !== 'table') {
      result = { ...result, columnAliases: parseNameList(s) };
      continue;
    }
    if (isWord(token, 'WITH') && peek(s, 1)?.kind === 'lparen') {
      const close = closing(s, s.pos + 1);
      const hints = { start: token.start, end: s.tokens[Math.min(close, s.tokens.length - 1)]!.end };
      s.pos = Math.min(close + 1, s.end);
      result = { ...result, hints };
      continue;
    }
    if (token.kind === 'lparen' && looksLikeLegacyHint(s)) {
      const close = closing(s, s.pos);
      s.pos = Math.min(close + 1, s.end);
      continue;
    }
    if (isWord(token, 'TABLESAMPLE')) {
      advance(s);
      accept(s, 'SYSTEM');
      if (peek(s)?.kind === 'lparen') s.pos = Math.min(closing(s, s.pos) + 1, s.end);
      accept(s, 'PERCENT') || accept(s, 'ROWS');
      if (accept(s, 'REPEATABLE') && peek(s)?.kind === 'lparen') s.pos = Math.min(closing(s, s.pos) + 1, s.end);
      continue;
    }
    break;
  }
  return result;
}
