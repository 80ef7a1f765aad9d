/**
 * Splits a token stream into batches (separated by `GO` lines) and statements (with or without `;`).
 * T-SQL lets statements run together without separators, so a statement also ends where a word that can only start
 * a new statement appears at the top level; the rules below keep the words that continue a statement
 * (`UNION SELECT`, `INSERT … SELECT`, `UPDATE … SET`, `CASE … END`, table hints, `OFFSET … FETCH`) in one piece.
 */
import { isWord, RESERVED, STATEMENT_STARTERS, upper } from './keywords';
import type { Token } from './tokenizer';

export interface StatementSpan {
  /** Index of the batch this statement belongs to. */
  readonly batch: number;
  readonly start: number;
  readonly end: number;
  /** Index of the first token of the statement. */
  readonly firstToken: number;
  /** Index one past the last token of the statement. */
  readonly endToken: number;
}

export interface BatchSpan {
  readonly start: number;
  readonly end: number;
  /** The `GO` line that ends the batch, if any. */
  readonly separator?: { readonly start: number; readonly end: number };
  /** Index of the first statement of the batch. */
  readonly firstStatement: number;
  /** Index one past the last statement of the batch. */
  readonly endStatement: number;
}

export interface SplitResult {
  readonly batches: readonly BatchSpan[];
  readonly statements: readonly StatementSpan[];
}

/** Words that never appear inside parentheses; seeing one first on a line means an earlier `(` was left open. */
const NEVER_PARENTHESISED = new Set(['DECLARE', 'CREATE', 'ALTER', 'DROP', 'INSERT', 'USE', 'PRINT', 'IF', 'WHILE', 'TRUNCATE']);

/** Words after which `SELECT` continues the statement rather than starting one. */
const SELECT_CONTINUERS = new Set(['UNION', 'ALL', 'EXCEPT', 'INTERSECT', 'FOR', 'AS']);

export function splitStatements(text: string, tokens: readonly Token[]): SplitResult {
  const batches: BatchSpan[] = [];
  const statements: StatementSpan[] = [];
  let batchStart = 0;
  let batchFirstStatement = 0;
  let state = freshState(-1);

  const closeStatement = (endToken: number): void => {
    if (state.first >= 0 && endToken > state.first) {
      statements.push({
        batch: batches.length,
        start: tokens[state.first]!.start,
        end: tokens[endToken - 1]!.end,
        firstToken: state.first,
        endToken,
      });
    }
    state = freshState(-1);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word' && isWord(token, 'GO') && isBatchSeparator(text, tokens, i)) {
      closeStatement(i);
      let sepEnd = token.end;
      if (tokens[i + 1]?.kind === 'number' && sameLine(text, token.end, tokens[i + 1]!.start)) {
        i++;
        sepEnd = tokens[i]!.end;
      }
      batches.push({
        start: batchStart,
        end: token.start,
        separator: { start: token.start, end: sepEnd },
        firstStatement: batchFirstStatement,
        endStatement: statements.length,
      });
      batchStart = sepEnd;
      batchFirstStatement = statements.length;
      continue;
    }
    if (token.kind === 'semicolon' && state.depth === 0) {
      if (state.first >= 0) closeStatement(i + 1);
      continue;
    }
    if (state.first < 0) {
      if (token.kind === 'semicolon') continue;
      state = freshState(i);
      observe(state, token);
      continue;
    }
    if (token.kind === 'word' && STATEMENT_STARTERS.has(upper(token))) {
      const word = upper(token);
      // An unclosed parenthesis must not swallow the rest of the batch: recover at an unmistakable statement start.
      const recover = state.depth > 0 && firstOnLine(text, token.start) && (NEVER_PARENTHESISED.has(word) || looksLikeFreshQuery(text, tokens, i));
      if (recover || (state.depth === 0 && startsNewStatement(state, word, tokens, i))) {
        closeStatement(i);
        state = freshState(i);
      }
    }
    observe(state, token);
  }
  closeStatement(tokens.length);
  batches.push({ start: batchStart, end: text.length, firstStatement: batchFirstStatement, endStatement: statements.length });
  return { batches, statements };
}

interface SplitState {
  first: number;
  depth: number;
  caseDepth: number;
  /** The statement's verb: its first word, or for a `WITH` statement the verb after the CTEs. */
  verb: string;
  /** True once a `WITH` statement's main query has begun. */
  cteBodyStarted: boolean;
  /** True once an INSERT has its source (query, VALUES or EXEC). */
  insertSourceSeen: boolean;
  /** True once an UPDATE has its SET clause. */
  updateSetSeen: boolean;
  /** Upper-case text of the previous token at depth 0 (punctuation included). */
  previous: string;
}

function freshState(first: number): SplitState {
  return { first, depth: 0, caseDepth: 0, verb: '', cteBodyStarted: false, insertSourceSeen: false, updateSetSeen: false, previous: '' };
}

/** Records what a token tells us about the statement it belongs to. */
function observe(state: SplitState, token: Token): void {
  if (token.kind === 'lparen') {
    state.depth++;
    state.previous = '(';
    return;
  }
  if (token.kind === 'rparen') {
    state.depth = Math.max(0, state.depth - 1);
    state.previous = ')';
    return;
  }
  const word = upper(token);
  if (word === 'CASE') state.caseDepth++;
  else if (word === 'END' && state.caseDepth > 0) state.caseDepth--;
  if (state.depth > 0) return;
  if (state.verb === '') {
    state.verb = word || token.kind;
  } else if (state.verb === 'WITH' && !state.cteBodyStarted && isDmlVerb(word)) {
    state.cteBodyStarted = true;
    state.verb = word;
  } else if (state.verb === 'INSERT' && (word === 'SELECT' || word === 'VALUES' || word === 'EXEC' || word === 'EXECUTE' || word === 'DEFAULT')) {
    state.insertSourceSeen = true;
  } else if (state.verb === 'UPDATE' && word === 'SET') {
    state.updateSetSeen = true;
  }
  state.previous = word || token.text;
}

function isDmlVerb(word: string): boolean {
  return word === 'SELECT' || word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE';
}

/** Decides whether the statement-starting word at `i` begins a new statement or continues the current one. */
function startsNewStatement(state: SplitState, word: string, tokens: readonly Token[], i: number): boolean {
  const verb = state.verb;
  if (verb === 'GRANT' || verb === 'REVOKE' || verb === 'DENY') return word === 'GRANT' || word === 'REVOKE' || word === 'DENY';
  switch (word) {
    case 'SELECT':
      if (SELECT_CONTINUERS.has(state.previous) || state.previous === '(') return false;
      if (verb === 'INSERT' && !state.insertSourceSeen) return false;
      if (verb === 'WITH' && !state.cteBodyStarted) return false;
      return true;
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
      if (verb === 'WITH' && !state.cteBodyStarted) return false;
      if (verb === 'MERGE') return false;
      // Trigger definitions list events: `AFTER INSERT, UPDATE`.
      if ((verb === 'CREATE' || verb === 'ALTER') && (state.previous === 'AFTER' || state.previous === 'FOR' || state.previous === ',' || state.previous === 'OF')) return false;
      return true;
    case 'MERGE':
      return !(verb === 'WITH' && !state.cteBodyStarted);
    case 'WITH':
      return looksLikeCte(tokens, i) && verb !== 'CREATE' && verb !== 'ALTER' && verb !== 'BACKUP' && verb !== 'RESTORE' && verb !== 'DBCC';
    case 'SET':
      if (verb === 'UPDATE' && !state.updateSetSeen) return false;
      if (verb === 'MERGE' || verb === 'ALTER') return false;
      return true;
    case 'END':
    case 'ELSE':
      return state.caseDepth === 0;
    case 'DROP':
      return verb !== 'ALTER';
    case 'IF':
      return verb !== 'DROP' && verb !== 'ALTER' && verb !== 'CREATE';
    case 'EXEC':
    case 'EXECUTE':
      if (verb === 'INSERT' && !state.insertSourceSeen) return false;
      if (state.previous === 'WITH' || state.previous === 'AS') return false;
      return true;
    case 'FETCH':
      return !(state.previous === 'ROWS' || state.previous === 'ROW');
    case 'SAVE':
    case 'OPEN':
    case 'CLOSE':
      return true;
    default:
      return true;
  }
}

/**
 * A SELECT or WITH inside an open parenthesis that is really a new statement: it follows a blank line, and it neither
 * opens a subquery (`IN (\n\n SELECT`) nor continues a set operation (`UNION ALL\n\n SELECT`). A SELECT straight after
 * a function's parenthesis (`COUNT(\n\nSELECT`) cannot be a subquery, so it starts a statement too.
 */
function looksLikeFreshQuery(text: string, tokens: readonly Token[], i: number): boolean {
  const word = upper(tokens[i]);
  const previous = tokens[i - 1];
  if (previous === undefined || !/\n[ \t]*\r?\n/.test(text.slice(previous.end, tokens[i]!.start))) return false;
  if (word === 'WITH') return previous.kind !== 'lparen' && looksLikeCte(tokens, i);
  if (word !== 'SELECT' || SELECT_CONTINUERS.has(upper(previous))) return false;
  if (previous.kind !== 'lparen') return true;
  const before = tokens[i - 2];
  return before !== undefined && (before.kind === 'quoted' || (before.kind === 'word' && !RESERVED.has(upper(before))));
}

/** `WITH name AS (` or `WITH name (columns) AS (`: the start of a common table expression. */
function looksLikeCte(tokens: readonly Token[], i: number): boolean {
  const name = tokens[i + 1];
  if (name === undefined || (name.kind !== 'word' && name.kind !== 'quoted')) return false;
  const word = upper(name);
  if (word === 'XMLNAMESPACES' || word === 'TIES' || word === 'ROLLUP' || word === 'CUBE' || word === 'CHECK' || word === 'NOWAIT') return false;
  const after = tokens[i + 2];
  return isWord(after, 'AS') || after?.kind === 'lparen';
}

/** `GO` separates batches only when it stands alone on its line (optionally with a repeat count). */
function isBatchSeparator(text: string, tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (!firstOnLine(text, token.start)) return false;
  let next = tokens[i + 1];
  if (next?.kind === 'number' && sameLine(text, token.end, next.start)) next = tokens[i + 2];
  return next === undefined || !sameLine(text, token.end, next.start);
}

function firstOnLine(text: string, offset: number): boolean {
  for (let j = offset - 1; j >= 0; j--) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function sameLine(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return false;
  }
  return true;
}
