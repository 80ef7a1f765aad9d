/**
 * The statement parser: turns the tokens of one statement into a StatementNode.
 * It never throws; whatever it cannot make sense of becomes a ParseError, and the references it did find stay usable.
 * Queries are parsed by queryParser.ts and fromParser.ts, data changes by dmlParser.ts, definitions by ddlParser.ts.
 */
import type { ColumnDef, CreatedObject, DeclaredVariable, Name, ObjectName, QueryBlock, QueryExpr, StatementKind, StatementNode } from './ast';
import { parseCreateOrAlter, parseDeclare, parseDrop, parseTruncate } from './ddlParser';
import { parseDelete, parseInsert, parseMerge, parseUpdate } from './dmlParser';
import { scanRange } from './expressions';
import { upper } from './keywords';
import { advance, atEnd, createState, error, isNameToken, lastEnd, nameOf, type ParseState, peek, peekWord } from './parseState';
import { parseQueryExpr } from './queryParser';
import type { Token } from './tokenizer';

/** Parses the tokens of one statement, whose offsets are relative to the statement's start. */
export function parseStatement(tokens: readonly Token[]): StatementNode {
  const s = createState(tokens);
  // The closing semicolon belongs to the statement's text but not to its grammar.
  if (tokens[tokens.length - 1]?.kind === 'semicolon') s.end = tokens.length - 1;
  const out: StatementOut = { kind: 'other', creates: [], declares: [], drops: [], alters: [], dynamic: false };
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

/** What the statement parsers fill in besides the references and blocks kept in the parse state. */
export interface StatementOut {
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

function parseTopLevel(s: ParseState, out: StatementOut): void {
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

function parseQueryStatement(s: ParseState, out: StatementOut): void {
  out.kind = 'select';
  const query = parseQueryExpr(s);
  out.query = query;
  const first = firstBlock(query);
  if (first?.into !== undefined) {
    out.creates.push({ name: first.into, kind: 'table', via: 'select-into', query });
  }
  // A CTE may be followed by INSERT, UPDATE, DELETE or MERGE instead of SELECT.
  if (query.ctes.length > 0 && query.branches.length === 0 && isDmlWord(peekWord(s))) {
    const inner: StatementOut = { ...out };
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

/** The first SELECT block of a query (the one that names its columns and holds any INTO). */
export function firstBlock(query: QueryExpr): QueryBlock | undefined {
  let branch: QueryBlock | QueryExpr | undefined = query.branches[0];
  while (branch !== undefined && 'branches' in branch) branch = branch.branches[0];
  return branch;
}

function parseSet(s: ParseState, out: StatementOut): void {
  out.kind = 'set';
  advance(s);
  if (peek(s)?.kind === 'variable') {
    advance(s);
    if (peek(s)?.kind === 'operator') advance(s);
    scanRest(s, -1);
  }
  s.pos = s.end;
}

function parseBeginEnd(s: ParseState, out: StatementOut, word: string): void {
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

function parseExec(s: ParseState, out: StatementOut): void {
  out.kind = 'exec';
  advance(s);
  const token = peek(s);
  // EXEC (@sql), EXEC ('…') and sp_executesql run SQL text that cannot be checked statically.
  if (token?.kind === 'lparen' || (token !== undefined && /sp_executesql$/i.test(token.text))) out.dynamic = true;
  s.pos = s.end;
}
