/**
 * The statement parser: turns the tokens of one statement into a StatementNode.
 * It never throws; whatever it cannot make sense of becomes a ParseError, and the references it did find stay usable.
 */
import type {
  ColumnDef, CreatedObject, DeclaredVariable, Name, ObjectName, QueryBlock, QueryExpr, StatementKind, StatementNode,
  TableSource, VariableSource,
} from './ast';
import { findEnd, scanRange } from './expressions';
import { isWord, upper } from './keywords';
import {
  accept, addColumnRef, advance, atEnd, closing, createState, error, isNameToken, lastEnd, nameOf,
  parseNameList, parseObjectName, type ParseState, peek, peekWord, readChain,
} from './parseState';
import {
  closeClauses, newBlock, parseFromClause, parseQueryExpr, parseSourceItem, parseTarget, reserveBlock, storeBlock,
} from './queryParser';
import type { Token } from './tokenizer';

/** Parses the tokens of one statement, whose offsets are relative to the statement's start. */
export function parseStatement(tokens: readonly Token[]): StatementNode {
  const s = createState(tokens);
  // The closing semicolon belongs to the statement's text but not to its grammar.
  if (tokens[tokens.length - 1]?.kind === 'semicolon') s.end = tokens.length - 1;
  const out: Mutable = { kind: 'other', creates: [], declares: [], drops: [], alters: [], dynamic: false };
  try {
    parseTopLevel(s, out);
  } catch (e) {
    // A parser bug must never take the language server down; the statement simply yields what was found so far.
    error(s, peek(s), `internal parser error: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!atEnd(s)) error(s, peek(s), `unexpected ${peek(s)!.text}`);
  return {
    kind: out.kind,
    start: tokens[0]?.start ?? 0,
    end: tokens[tokens.length - 1]?.end ?? 0,
    blocks: s.blocks.filter((b) => b !== undefined),
    queries: s.queries,
    ...(out.query ? { query: out.query } : {}),
    columnRefs: s.columnRefs,
    tableRefs: s.tableRefs,
    creates: out.creates,
    declares: out.declares,
    drops: out.drops,
    alters: out.alters,
    ...(out.use ? { use: out.use } : {}),
    dynamic: out.dynamic,
    ...(out.blockWord ? { blockWord: out.blockWord } : {}),
    errors: s.errors,
  };
}

interface Mutable {
  kind: StatementKind;
  query?: QueryExpr;
  creates: CreatedObject[];
  declares: DeclaredVariable[];
  drops: ObjectName[];
  alters: { name: ObjectName; added: ColumnDef[] }[];
  use?: Name;
  dynamic: boolean;
  blockWord?: string;
}

function parseTopLevel(s: ParseState, out: Mutable): void {
  const first = peek(s);
  if (first === undefined) return;
  const word = upper(first);
  if (first.kind === 'lparen' || word === 'SELECT' || word === 'WITH') {
    parseQueryStatement(s, out);
    return;
  }
  switch (word) {
    case 'INSERT': parseInsert(s, out); return;
    case 'UPDATE': parseUpdate(s, out); return;
    case 'DELETE': parseDelete(s, out); return;
    case 'MERGE': parseMerge(s, out); return;
    case 'CREATE': case 'ALTER': parseCreateOrAlter(s, out); return;
    case 'DROP': parseDrop(s, out); return;
    case 'TRUNCATE': parseTruncate(s, out); return;
    case 'DECLARE': parseDeclare(s, out); return;
    case 'SET': parseSet(s, out); return;
    case 'IF': case 'WHILE': case 'RETURN': case 'PRINT':
      out.kind = word === 'IF' ? 'if' : word === 'WHILE' ? 'while' : word === 'RETURN' ? 'return' : 'print';
      advance(s);
      scanRest(s, -1);
      return;
    case 'ELSE': out.kind = 'else'; advance(s); return;
    case 'BEGIN': case 'END': parseBeginEnd(s, out, word); return;
    case 'EXEC': case 'EXECUTE': parseExec(s, out); return;
    case 'USE': {
      out.kind = 'use';
      advance(s);
      const name = peek(s);
      if (isNameToken(name)) {
        advance(s);
        out.use = nameOf(name!);
      }
      return;
    }
    case 'COMMIT': case 'ROLLBACK': case 'SAVE':
      out.kind = 'transaction';
      s.pos = s.end;
      return;
    case 'OPEN': case 'CLOSE': case 'FETCH': case 'DEALLOCATE':
      out.kind = 'cursor';
      s.pos = s.end;
      return;
    default:
      // Statements that never name LEO tables or columns (GRANT, WAITFOR, THROW, labels …) are kept as they are.
      s.pos = s.end;
      return;
  }
}

/** Scans the remaining tokens as expressions: subqueries inside them get their own blocks. */
function scanRest(s: ParseState, block: number): void {
  scanRange(s, s.pos, s.end, block, 'condition');
  s.pos = s.end;
}

function parseQueryStatement(s: ParseState, out: Mutable): void {
  out.kind = 'select';
  const query = parseQueryExpr(s);
  out.query = query;
  const first = firstBlock(query);
  if (first?.into !== undefined) {
    out.creates.push({ name: first.into, kind: 'table', via: 'select-into', query });
  }
  // A CTE may be followed by INSERT, UPDATE, DELETE or MERGE instead of SELECT.
  if (query.ctes.length > 0 && query.branches.length === 0 && isDmlWord(peekWord(s))) {
    const inner: Mutable = { ...out };
    parseTopLevel(s, inner);
    Object.assign(out, inner);
    // The CTEs must be visible to every block of the DML statement, so their query spans the whole statement.
    const index = s.queries.indexOf(query);
    if (index >= 0) s.queries.splice(index, 1);
    out.query = { start: query.start, end: lastEnd(s, query.end), ctes: query.ctes, branches: inner.query ? [inner.query] : [] };
    s.queries.push(out.query);
  }
}

export function isDmlWord(word: string): boolean {
  return word === 'INSERT' || word === 'UPDATE' || word === 'DELETE' || word === 'MERGE';
}

/** The text of a run of tokens, with one space wherever the source had a gap (`decimal(10, 2)`, `double precision`). */
function joinTokens(tokens: readonly Token[]): string {
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i]!.start > tokens[i - 1]!.end) text += ' ';
    text += tokens[i]!.text;
  }
  return text;
}

/** The first SELECT block of a query (the one that names its columns and holds any INTO). */
export function firstBlock(query: QueryExpr): QueryBlock | undefined {
  let branch: QueryBlock | QueryExpr | undefined = query.branches[0];
  while (branch !== undefined && 'branches' in branch) branch = branch.branches[0];
  return branch;
}

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

function parseInsert(s: ParseState, out: Mutable): void {
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
    scanRest(s, -1);
  } else if (word === 'EXEC' || word === 'EXECUTE') {
    const exec: Mutable = { ...out };
    parseExec(s, exec);
    out.dynamic = exec.dynamic;
  } else if (word === 'DEFAULT') {
    s.pos = s.end;
  }
  storeBlock(s, { ...block, end: lastEnd(s, insert.end) });
}

function parseUpdate(s: ParseState, out: Mutable): void {
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

function parseDelete(s: ParseState, out: Mutable): void {
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

function parseMerge(s: ParseState, out: Mutable): void {
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

function parseCreateOrAlter(s: ParseState, out: Mutable): void {
  const verb = upper(advance(s));
  if (accept(s, 'OR')) accept(s, 'ALTER');
  const word = peekWord(s);
  if (word === 'TABLE') {
    advance(s);
    const name = parseObjectName(s);
    if (name === undefined) {
      error(s, peek(s), 'expected a table name');
      s.pos = s.end;
      return;
    }
    if (verb === 'ALTER') {
      out.kind = 'alter-table';
      s.tableRefs.push({ start: name.start, end: name.end, name, role: 'alter' });
      const added: ColumnDef[] = [];
      if (accept(s, 'ADD')) added.push(...parseColumnDefs(s, s.pos, s.end));
      out.alters.push({ name, added });
      s.pos = s.end;
      return;
    }
    out.kind = 'create-table';
    s.tableRefs.push({ start: name.start, end: name.end, name, role: 'create' });
    const open = peek(s);
    const columns = open?.kind === 'lparen' ? parseColumnDefs(s, s.pos + 1, closing(s, s.pos)) : [];
    out.creates.push({ name, kind: 'table', via: 'create', columns });
    s.pos = s.end;
    return;
  }
  if (word === 'VIEW') {
    advance(s);
    out.kind = 'create-view';
    const name = parseObjectName(s);
    const columnAliases = peek(s)?.kind === 'lparen' ? parseNameList(s) : undefined;
    while (!atEnd(s) && peekWord(s) !== 'AS') advance(s);
    accept(s, 'AS');
    const query = parseQueryExpr(s);
    out.query = query;
    if (name !== undefined) {
      s.tableRefs.push({ start: name.start, end: name.end, name, role: 'create' });
      out.creates.push(columnAliases ? { name, kind: 'view', via: 'create', query, columnAliases } : { name, kind: 'view', via: 'create', query });
    }
    return;
  }
  if (['UNIQUE', 'CLUSTERED', 'NONCLUSTERED', 'COLUMNSTORE', 'INDEX'].includes(word)) {
    out.kind = 'create-index';
    while (!atEnd(s) && peekWord(s) !== 'ON') advance(s);
    if (accept(s, 'ON')) {
      const name = parseObjectName(s);
      if (name !== undefined) s.tableRefs.push({ start: name.start, end: name.end, name, role: 'index' });
    }
    s.pos = s.end;
    return;
  }
  if (['PROC', 'PROCEDURE', 'FUNCTION', 'TRIGGER'].includes(word)) {
    out.kind = 'create-routine';
    // Parameters are variables of the routine; a body written without BEGIN (`AS SELECT …`) is a query.
    while (!atEnd(s) && peekWord(s) !== 'AS') {
      const token = advance(s)!;
      if (token.kind === 'variable') out.declares.push({ name: { start: token.start, end: token.end, value: token.text, quoted: false } });
    }
    accept(s, 'AS');
    if (peekWord(s) === 'SELECT' || peekWord(s) === 'WITH') out.query = parseQueryExpr(s);
    s.pos = s.end;
    return;
  }
  s.pos = s.end;
}

/** Parses column definitions between `from` and `to`, skipping table constraints. */
function parseColumnDefs(s: ParseState, from: number, to: number): ColumnDef[] {
  const defs: ColumnDef[] = [];
  const saved = s.end;
  s.end = Math.min(to, s.end);
  let i = from;
  while (i < s.end) {
    const end = findEnd(s, i, () => false, true);
    const first = s.tokens[i]!;
    const word = upper(first);
    if (isNameToken(first) && !['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'INDEX', 'PERIOD'].includes(word)) {
      const typeTokens = s.tokens.slice(i + 1, end);
      const typeEnd = typeTokens.findIndex((t) => t.kind === 'word' && ['NOT', 'NULL', 'PRIMARY', 'IDENTITY', 'DEFAULT', 'CONSTRAINT', 'UNIQUE', 'COLLATE', 'REFERENCES', 'CHECK'].includes(upper(t)));
      const type = joinTokens(typeEnd < 0 ? typeTokens : typeTokens.slice(0, typeEnd));
      const last = s.tokens[end - 1] ?? first;
      defs.push(type ? { start: first.start, end: last.end, name: nameOf(first), type } : { start: first.start, end: last.end, name: nameOf(first) });
    }
    i = end + 1;
  }
  s.end = saved;
  s.pos = Math.min(to + 1, s.end);
  return defs;
}

function parseDrop(s: ParseState, out: Mutable): void {
  out.kind = 'drop';
  advance(s);
  const what = upper(advance(s));
  if (what !== 'TABLE' && what !== 'VIEW') {
    s.pos = s.end;
    return;
  }
  if (accept(s, 'IF')) accept(s, 'EXISTS');
  while (!atEnd(s)) {
    const name = parseObjectName(s);
    if (name === undefined) break;
    out.drops.push(name);
    s.tableRefs.push({ start: name.start, end: name.end, name, role: 'drop' });
    if (peek(s)?.kind !== 'comma') break;
    advance(s);
  }
  s.pos = s.end;
}

function parseTruncate(s: ParseState, out: Mutable): void {
  out.kind = 'truncate';
  advance(s);
  accept(s, 'TABLE');
  const name = parseObjectName(s);
  if (name !== undefined) s.tableRefs.push({ start: name.start, end: name.end, name, role: 'write' });
  s.pos = s.end;
}

function parseDeclare(s: ParseState, out: Mutable): void {
  out.kind = 'declare';
  advance(s);
  while (!atEnd(s)) {
    const token = peek(s)!;
    if (token.kind !== 'variable') {
      if (isNameToken(token) && peekWord(s, 1) === 'CURSOR') {
        // DECLARE c CURSOR [options] FOR query
        out.kind = 'cursor';
        while (!atEnd(s) && peekWord(s) !== 'FOR') advance(s);
        if (accept(s, 'FOR')) out.query = parseQueryExpr(s);
      }
      break;
    }
    advance(s);
    const name: Name = { start: token.start, end: token.end, value: token.text, quoted: false };
    accept(s, 'AS');
    if (peekWord(s) === 'TABLE') {
      advance(s);
      const columns = peek(s)?.kind === 'lparen' ? parseColumnDefs(s, s.pos + 1, closing(s, s.pos)) : [];
      out.declares.push({ name, tableColumns: columns });
    } else {
      const end = findEnd(s, s.pos, () => false, true);
      const eq = s.tokens.slice(s.pos, end).findIndex((t) => t.kind === 'operator' && t.text === '=');
      const typeEnd = eq < 0 ? end : s.pos + eq;
      const type = joinTokens(s.tokens.slice(s.pos, typeEnd));
      out.declares.push(type ? { name, type } : { name });
      if (eq >= 0) scanRange(s, typeEnd + 1, end, -1, 'other');
      s.pos = end;
    }
    if (peek(s)?.kind !== 'comma') break;
    advance(s);
  }
  s.pos = s.end;
}

function parseSet(s: ParseState, out: Mutable): void {
  out.kind = 'set';
  advance(s);
  if (peek(s)?.kind === 'variable') {
    advance(s);
    if (peek(s)?.kind === 'operator') advance(s);
    scanRest(s, -1);
  }
  s.pos = s.end;
}

function parseBeginEnd(s: ParseState, out: Mutable, word: string): void {
  advance(s);
  const next = peekWord(s);
  if (next === 'TRAN' || next === 'TRANSACTION' || next === 'DISTRIBUTED') {
    out.kind = 'transaction';
  } else {
    out.kind = word === 'BEGIN' ? 'begin' : 'end';
    if (next === 'TRY' || next === 'CATCH') out.blockWord = next;
  }
  s.pos = s.end;
}

function parseExec(s: ParseState, out: Mutable): void {
  out.kind = 'exec';
  advance(s);
  const token = peek(s);
  // EXEC (@sql), EXEC ('…') and sp_executesql run SQL text that cannot be checked statically.
  if (token?.kind === 'lparen' || (token !== undefined && /sp_executesql$/i.test(token.text))) out.dynamic = true;
  s.pos = s.end;
}
