/**
 * Parsers for the statements that change data: INSERT, UPDATE, DELETE and MERGE.
 * Each makes a query block whose sources include the target, so that the target's columns resolve like any other.
 */
import type { Name, ObjectName, QueryBlock, TableSource, VariableSource } from './ast';
import { findEnd, scanRange } from './expressions';
import { isWord, upper } from './keywords';
import { parseFromClause, parseSourceItem } from './fromParser';
import {
  accept, addColumnRef, advance, atEnd, closing, error, isNameToken, lastEnd, nameOf, parseNameList, type ParseState, peek,
  peekWord, readChain,
} from './parseState';
import type { StatementOut } from './parser';
import { closeClauses, newBlock, parseQueryExpr, parseTarget, reserveBlock, storeBlock } from './queryParser';
import type { Token } from './tokenizer';

function targetSource(name: ObjectName): TableSource | VariableSource {
  if (name.parts.length === 1 && name.parts[0]!.value.startsWith('@')) {
    return { kind: 'variable', start: name.start, end: name.end, join: 'first', name: name.parts[0]! };
  }
  return { kind: 'table', start: name.start, end: name.end, join: 'first', name };
}

function skipHints(s: ParseState): void {
  if (peekWord(s) === 'WITH' && peek(s, 1)?.kind === 'lparen') s.pos = Math.min(closing(s, s.pos + 1) + 1, s.end);
}

function skipTop(s: ParseState): void {
  if (!accept(s, 'TOP')) return;
  if (peek(s)?.kind === 'lparen') s.pos = Math.min(closing(s, s.pos) + 1, s.end);
  else if (peek(s)?.kind === 'number') advance(s);
  accept(s, 'PERCENT');
}

/** Skips an OUTPUT clause: `inserted` and `deleted` there are pseudo-tables, not aliases to check. */
function skipOutput(s: ParseState, stopWords: readonly string[]): void {
  if (peekWord(s) !== 'OUTPUT') return;
  s.pos = findEnd(s, s.pos + 1, (t) => stopWords.includes(upper(t)), false);
}

export function parseInsert(s: ParseState, out: StatementOut): void {
  out.kind = 'insert';
  const insert = advance(s)!;
  skipTop(s);
  accept(s, 'INTO');
  const id = reserveBlock(s);
  const block = newBlock(id, 'insert', insert.start);
  const target = parseTarget(s);
  if (target === undefined) {
    error(s, peek(s), 'expected a table');
  } else {
    block.target = targetSource(target);
    s.tableRefs.push({ start: target.start, end: target.end, name: target, role: 'write' });
  }
  skipHints(s);
  if (peek(s)?.kind === 'lparen' && !isWord(peek(s, 1), 'SELECT') && !isWord(peek(s, 1), 'WITH')) {
    const listStart = s.pos;
    const names = parseNameList(s);
    block.insertColumns = names;
    for (const name of names) addColumnRef(s, [name], id, 'insert-columns', true);
    block.clauses.push({ kind: 'insert-columns', start: s.tokens[listStart]!.start, end: lastEnd(s, insert.end) });
  }
  skipOutput(s, ['SELECT', 'VALUES', 'EXEC', 'EXECUTE', 'DEFAULT', 'WITH']);
  const word = peekWord(s);
  if (word === 'SELECT' || word === 'WITH' || peek(s)?.kind === 'lparen') {
    out.query = parseQueryExpr(s);
  } else if (word === 'VALUES') {
    advance(s);
    scanRange(s, s.pos, s.end, -1, 'values');
    s.pos = s.end;
  } else if (word === 'EXEC' || word === 'EXECUTE') {
    // INSERT … EXEC runs a procedure, or SQL text when the procedure is sp_executesql or a parenthesised string.
    const after = peek(s, 1);
    out.dynamic = after?.kind === 'lparen' || (after !== undefined && /sp_executesql$/i.test(after.text));
    s.pos = s.end;
  } else if (word === 'DEFAULT') {
    s.pos = s.end;
  }
  storeBlock(s, { ...block, end: lastEnd(s, insert.end) });
}

export function parseUpdate(s: ParseState, out: StatementOut): void {
  out.kind = 'update';
  const update = advance(s)!;
  skipTop(s);
  const id = reserveBlock(s);
  const block = newBlock(id, 'update', update.start);
  const target = parseTarget(s);
  if (target === undefined) error(s, peek(s), 'expected a table');
  else block.target = targetSource(target);
  skipHints(s);
  const starts: { kind: QueryBlock['clauses'][number]['kind']; start: number }[] = [];
  if (peekWord(s) === 'SET') {
    starts.push({ kind: 'set', start: advance(s)!.start });
    parseAssignments(s, id, ['FROM', 'WHERE', 'OUTPUT', 'OPTION']);
  }
  skipOutput(s, ['FROM', 'WHERE', 'OPTION']);
  parseFromWhere(s, block, starts);
  storeBlock(s, { ...block, end: lastEnd(s, update.end), clauses: sortClauses([...closeClauses(starts, lastEnd(s, update.end)), ...block.clauses]) });
}

export function parseDelete(s: ParseState, out: StatementOut): void {
  out.kind = 'delete';
  const del = advance(s)!;
  skipTop(s);
  accept(s, 'FROM');
  const id = reserveBlock(s);
  const block = newBlock(id, 'delete', del.start);
  const target = parseTarget(s);
  if (target === undefined) error(s, peek(s), 'expected a table');
  else block.target = targetSource(target);
  skipHints(s);
  skipOutput(s, ['FROM', 'WHERE', 'OPTION']);
  const starts: { kind: QueryBlock['clauses'][number]['kind']; start: number }[] = [];
  parseFromWhere(s, block, starts);
  storeBlock(s, { ...block, end: lastEnd(s, del.end), clauses: sortClauses([...closeClauses(starts, lastEnd(s, del.end)), ...block.clauses]) });
}

function sortClauses(clauses: QueryBlock['clauses']): QueryBlock['clauses'] {
  return clauses.sort((a, b) => a.start - b.start);
}

function parseFromWhere(s: ParseState, block: QueryBlock, starts: { kind: QueryBlock['clauses'][number]['kind']; start: number }[]): void {
  if (peekWord(s) === 'FROM') {
    starts.push({ kind: 'from', start: advance(s)!.start });
    parseFromClause(s, block);
  }
  if (peekWord(s) === 'WHERE') {
    starts.push({ kind: 'where', start: advance(s)!.start });
    const end = findEnd(s, s.pos, (t) => isWord(t, 'OPTION'), false);
    scanRange(s, s.pos, end, block.id, 'where');
    s.pos = end;
  }
  if (peekWord(s) === 'OPTION') s.pos = s.end;
}

/** Parses `col = expr, @v = expr, @v = col = expr, t.col += expr` up to one of the stop words. */
function parseAssignments(s: ParseState, block: number, stopWords: readonly string[]): void {
  const stop = (t: Token): boolean => stopWords.includes(upper(t));
  while (!atEnd(s)) {
    const from = s.pos;
    const to = findEnd(s, from, stop, true);
    let i = from;
    // Any number of `target =` prefixes: a variable, or a column of the updated table.
    for (;;) {
      const token = s.tokens[i];
      if (token === undefined || i >= to) break;
      const chain = token.kind === 'variable' ? { parts: [], next: i + 1 } : isNameToken(token) ? readChain(s.tokens, i, to) : undefined;
      const op = chain !== undefined ? s.tokens[chain.next] : undefined;
      if (chain === undefined || op?.kind !== 'operator' || !op.text.endsWith('=') || chain.next >= to) break;
      if (chain.parts.length > 0) addColumnRef(s, chain.parts, block, 'set', true);
      i = chain.next + 1;
    }
    scanRange(s, i, to, block, 'set');
    s.pos = to;
    if (peek(s)?.kind !== 'comma') return;
    advance(s);
  }
}

export function parseMerge(s: ParseState, out: StatementOut): void {
  out.kind = 'merge';
  const merge = advance(s)!;
  skipTop(s);
  accept(s, 'INTO');
  const id = reserveBlock(s);
  const block = newBlock(id, 'merge', merge.start);
  const target = parseTarget(s);
  if (target !== undefined) {
    let alias: Name | undefined;
    skipHints(s);
    accept(s, 'AS');
    if (isNameToken(peek(s)) && peekWord(s) !== 'USING') alias = nameOf(advance(s)!);
    const source = targetSource(target);
    block.target = alias ? { ...source, alias } : source;
    block.sources.push(block.target);
  }
  if (accept(s, 'USING')) parseSourceItem(s, block, 'first');
  // WHEN [NOT] MATCHED [BY TARGET | SOURCE] [AND …] THEN UPDATE SET … | DELETE | INSERT (…) VALUES (…).
  while (!atEnd(s)) {
    const before = s.pos;
    const word = peekWord(s);
    if (word === 'ON' || word === 'AND') {
      advance(s);
      const end = findEnd(s, s.pos, (t) => isWord(t, 'WHEN') || isWord(t, 'THEN') || isWord(t, 'OUTPUT'), false);
      scanRange(s, s.pos, end, id, 'on');
      s.pos = end;
    } else if (word === 'UPDATE' && peekWord(s, 1) === 'SET') {
      s.pos += 2;
      parseAssignments(s, id, ['WHEN', 'OUTPUT', 'OPTION']);
    } else if (word === 'INSERT') {
      advance(s);
      if (peek(s)?.kind === 'lparen') for (const name of parseNameList(s)) addColumnRef(s, [name], id, 'insert-columns', true);
      if (accept(s, 'VALUES') && peek(s)?.kind === 'lparen') {
        const close = closing(s, s.pos);
        scanRange(s, s.pos + 1, close, id, 'values');
        s.pos = Math.min(close + 1, s.end);
      }
    } else if (word === 'OUTPUT' || word === 'OPTION') {
      s.pos = s.end;
    } else {
      advance(s);
    }
    if (s.pos === before) advance(s);
  }
  storeBlock(s, { ...block, end: lastEnd(s, merge.end) });
}
