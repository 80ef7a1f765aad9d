/**
 * Parses queries: CTEs, set operations, and SELECT blocks with their clauses and select lists.
 * FROM clauses are parsed by fromParser.ts. Every function tolerates missing or unexpected tokens: it records an
 * error and moves on.
 */
import type { BlockKind, Clause, ClauseKind, ColumnRef, Cte, Name, QueryBlock, QueryExpr, SelectItem, Span, StarRef } from './ast';
import { findEnd, scanRange } from './expressions';
import { parseFromClause } from './fromParser';
import { CLAUSE_KEYWORDS, isReserved, isWord, upper } from './keywords';
import {
  accept, advance, atEnd, closing, error, isAliasToken, isNameToken, lastEnd, MAX_NESTING, nameOf, objectName,
  parseNameList, type ParseState, peek, peekWord, readChain, within,
} from './parseState';
import type { Token } from './tokenizer';

/** Parses `[WITH ctes] term { UNION [ALL] | EXCEPT | INTERSECT term }` at the cursor. */
export function parseQueryExpr(s: ParseState, outer?: number, outerSourceLimit?: number): QueryExpr {
  const start = peek(s)?.start ?? lastEnd(s, 0);
  const ctes: Cte[] = [];
  if (peekWord(s) === 'WITH') {
    advance(s);
    parseCtes(s, ctes);
  }
  const branches: (QueryBlock | QueryExpr)[] = [];
  const next = peekWord(s);
  if (ctes.length > 0 && (next === 'INSERT' || next === 'UPDATE' || next === 'DELETE' || next === 'MERGE')) {
    // The statement parser goes on with the DML statement that uses these CTEs.
    const cteOnly: QueryExpr = { start, end: lastEnd(s, start), ctes, branches };
    s.queries.push(cteOnly);
    return cteOnly;
  }
  branches.push(parseQueryTerm(s, outer, outerSourceLimit));
  for (;;) {
    const word = peekWord(s);
    if (word !== 'UNION' && word !== 'EXCEPT' && word !== 'INTERSECT') break;
    advance(s);
    accept(s, 'ALL');
    branches.push(parseQueryTerm(s, outer, outerSourceLimit));
  }
  const query: QueryExpr = { start, end: lastEnd(s, start), ctes, branches };
  s.queries.push(query);
  return query;
}

/** Reserves an id for a block so that its subqueries can name it as their outer block before it is complete. */
export function reserveBlock(s: ParseState): number {
  s.blocks.push(undefined as unknown as QueryBlock);
  return s.blocks.length - 1;
}

export function storeBlock(s: ParseState, block: QueryBlock): QueryBlock {
  s.blocks[block.id] = block;
  return block;
}

export function newBlock(id: number, kind: BlockKind, start: number, outer?: number, outerSourceLimit?: number): QueryBlock {
  const block: QueryBlock = { id, kind, start, end: start, items: [], sources: [], clauses: [] };
  return withOuter(block, outer, outerSourceLimit);
}

function withOuter(block: QueryBlock, outer: number | undefined, outerSourceLimit: number | undefined): QueryBlock {
  if (outer === undefined) return block;
  return outerSourceLimit === undefined ? { ...block, outer } : { ...block, outer, outerSourceLimit };
}

function parseCtes(s: ParseState, ctes: Cte[]): void {
  for (;;) {
    const nameToken = peek(s);
    if (!isNameToken(nameToken)) {
      error(s, nameToken, 'expected a CTE name');
      return;
    }
    advance(s);
    const name = nameOf(nameToken!);
    const columns = peek(s)?.kind === 'lparen' ? parseNameList(s) : undefined;
    if (!accept(s, 'AS')) error(s, peek(s), 'expected AS');
    const open = peek(s);
    if (open?.kind !== 'lparen') {
      error(s, open, 'expected ( after AS');
      return;
    }
    const close = closing(s, s.pos);
    const query = within(s, s.pos + 1, close, () => parseQueryExpr(s));
    const cte: Cte = columns !== undefined
      ? { start: name.start, end: lastEnd(s, name.end), name, columns, query }
      : { start: name.start, end: lastEnd(s, name.end), name, query };
    ctes.push(cte);
    if (peek(s)?.kind !== 'comma') return;
    advance(s);
  }
}

function parseQueryTerm(s: ParseState, outer: number | undefined, outerSourceLimit: number | undefined): QueryBlock | QueryExpr {
  const token = peek(s);
  if (token?.kind === 'lparen' && s.depth < MAX_NESTING) {
    const close = closing(s, s.pos);
    return within(s, s.pos + 1, close, () => parseQueryExpr(s, outer, outerSourceLimit));
  }
  if (peekWord(s) === 'SELECT') return parseSelectBlock(s, outer, outerSourceLimit);
  error(s, token, 'expected SELECT');
  const at = token?.start ?? lastEnd(s, 0);
  return storeBlock(s, newBlock(reserveBlock(s), 'select', at, outer, outerSourceLimit));
}

/** Parses one `SELECT … [INTO] [FROM] [WHERE] [GROUP BY] [HAVING] [ORDER BY] [OPTION]` block. */
export function parseSelectBlock(s: ParseState, outer?: number, outerSourceLimit?: number): QueryBlock {
  const id = reserveBlock(s);
  const selectToken = advance(s)!;
  const block = newBlock(id, 'select', selectToken.start, outer, outerSourceLimit);
  const clauseStarts: { kind: ClauseKind; start: number }[] = [{ kind: 'select', start: selectToken.start }];
  accept(s, 'ALL') || accept(s, 'DISTINCT');
  if (peekWord(s) === 'TOP') parseTop(s, block, clauseStarts);
  parseSelectList(s, block);
  let into: QueryBlock['into'];
  while (!atEnd(s)) {
    const token = peek(s)!;
    if (token.kind === 'rparen') break;
    const word = upper(token);
    if (word === 'UNION' || word === 'EXCEPT' || word === 'INTERSECT') break;
    const before = s.pos;
    switch (word) {
      case 'INTO': {
        clauseStarts.push({ kind: 'into', start: token.start });
        advance(s);
        const name = parseTarget(s);
        if (name !== undefined) {
          into = name;
          s.tableRefs.push({ start: name.start, end: name.end, name, role: 'create' });
        }
        break;
      }
      case 'FROM':
        clauseStarts.push({ kind: 'from', start: token.start });
        advance(s);
        parseFromClause(s, block);
        break;
      case 'WHERE':
      case 'HAVING':
        clauseStarts.push({ kind: word === 'WHERE' ? 'where' : 'having', start: token.start });
        advance(s);
        scanUntilClause(s, block.id, word === 'WHERE' ? 'where' : 'having');
        break;
      case 'GROUP':
      case 'ORDER': {
        const kind = word === 'GROUP' ? 'group-by' : 'order-by';
        clauseStarts.push({ kind, start: token.start });
        advance(s);
        accept(s, 'BY');
        scanUntilClause(s, block.id, kind);
        break;
      }
      case 'OFFSET':
      case 'FETCH':
      case 'FOR':
      case 'OPTION':
      case 'WINDOW':
        // Paging, FOR XML/JSON, query hints and named windows hold no references worth checking. A page that
        // fetches a number of rows (`OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY`) is a look at a few rows, as TOP is.
        {
          const clause = { kind: word === 'OPTION' ? 'option' : word === 'FOR' ? 'for' : 'other', start: token.start } as { kind: ClauseKind; start: number };
          clauseStarts.push(clause);
          const from = s.pos;
          advance(s);
          s.pos = findEnd(s, s.pos, (t) => isClauseWord(t) && !isWord(t, 'FETCH'), false);
          if (clause.kind === 'other' && (word === 'OFFSET' || word === 'FETCH') && s.tokens.slice(from, s.pos).some((t) => isWord(t, 'FETCH'))) clause.kind = 'fetch';
        }
        break;
      default:
        error(s, token, `unexpected ${token.text}`);
        s.pos = Math.max(s.pos + 1, findEnd(s, s.pos + 1, isClauseWord, false));
        break;
    }
    if (s.pos === before) advance(s);
  }
  const end = lastEnd(s, selectToken.end);
  // ON clauses were recorded while the FROM clause was parsed; they nest inside it.
  const clauses = [...closeClauses(clauseStarts, end), ...block.clauses].sort((a, b) => a.start - b.start);
  const finished: QueryBlock = { ...block, end, clauses, ...(into ? { into } : {}) };
  return storeBlock(s, finished);
}

export function isClauseWord(token: Token): boolean {
  return CLAUSE_KEYWORDS.has(upper(token));
}

function scanUntilClause(s: ParseState, block: number, clause: ClauseKind): void {
  const end = findEnd(s, s.pos, isClauseWord, false);
  scanRange(s, s.pos, end, block, clause);
  s.pos = end;
}

/** Turns clause start offsets into spans that each run to the start of the next clause (or the block's end). */
export function closeClauses(starts: readonly { kind: ClauseKind; start: number }[], end: number): Clause[] {
  return starts.map((c, i) => ({ kind: c.kind, start: c.start, end: i + 1 < starts.length ? starts[i + 1]!.start : end }));
}

function parseTop(s: ParseState, block: QueryBlock, clauseStarts: { kind: ClauseKind; start: number }[]): void {
  const top = advance(s)!;
  clauseStarts.push({ kind: 'top', start: top.start });
  const token = peek(s);
  if (token?.kind === 'lparen') {
    const close = closing(s, s.pos);
    scanRange(s, s.pos + 1, close, block.id, 'top');
    s.pos = Math.min(close + 1, s.end);
  } else if (token?.kind === 'number' || token?.kind === 'variable') {
    advance(s);
  }
  accept(s, 'PERCENT');
  if (peekWord(s) === 'WITH' && peekWord(s, 1) === 'TIES') s.pos += 2;
  clauseStarts.push({ kind: 'select', start: lastEnd(s, top.end) });
}

function parseSelectList(s: ParseState, block: QueryBlock): void {
  for (;;) {
    const from = s.pos;
    const to = findEnd(s, from, isClauseWord, true);
    if (to > from) {
      const item = parseSelectItem(s, block.id, from, to);
      if (item !== undefined) block.items.push(item);
    }
    s.pos = to;
    if (peek(s)?.kind !== 'comma') return;
    advance(s);
  }
}

/** Tokens after which a following name is an alias (`expr alias`): the end of an operand. */
function endsOperand(token: Token): boolean {
  switch (token.kind) {
    case 'word':
      return !isReserved(token) || isWord(token, 'END') || isWord(token, 'NULL');
    case 'quoted': case 'rparen': case 'number': case 'string': case 'variable':
      return true;
    default:
      return false;
  }
}

function parseSelectItem(s: ParseState, block: number, from: number, to: number): SelectItem | undefined {
  const tokens = s.tokens;
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  const span: Span = { start: first.start, end: last.end };
  // `*` and `q.*`.
  if (to - from === 1 && first.kind === 'operator' && first.text === '*') {
    const star: StarRef = { start: first.start, end: first.end, star: { start: first.start, end: first.end } };
    return { ...span, expr: span, star };
  }
  if (isNameToken(first)) {
    const chain = readChain(tokens, from, to);
    if (chain.star !== undefined && chain.next === to) {
      const qualifier = objectName(chain.parts);
      addStarRef(s, chain.parts, chain.star, block);
      return { ...span, expr: span, star: { start: first.start, end: chain.star.end, qualifier, star: chain.star } };
    }
  }
  // `alias = expr` (but `@v = expr` assigns a variable).
  if (to - from >= 3 && tokens[from + 1]!.kind === 'operator' && tokens[from + 1]!.text === '=') {
    if (first.kind === 'variable') {
      scanRange(s, from + 2, to, block, 'select');
      return { ...span, expr: { start: tokens[from + 2]!.start, end: last.end }, assignsVariable: true };
    }
    if (isNameToken(first) || first.kind === 'string') {
      const expr = { start: tokens[from + 2]!.start, end: last.end };
      const column = scanItemExpr(s, block, from + 2, to);
      return { ...span, expr, alias: aliasName(first), ...(column ? { column } : {}) };
    }
  }
  // `expr AS alias` and `expr alias`.
  let exprEnd = to;
  let alias: Name | undefined;
  if (to - from >= 2 && (isAliasToken(last) || last.kind === 'string')) {
    const before = tokens[to - 2]!;
    if (isWord(before, 'AS')) {
      alias = aliasName(last);
      exprEnd = to - 2;
    } else if (endsOperand(before)) {
      alias = aliasName(last);
      exprEnd = to - 1;
    }
  } else if (to - from >= 2 && isWord(last, 'AS')) {
    // `expr AS` with the alias still to be typed.
    exprEnd = to - 1;
  }
  if (exprEnd <= from) return { ...span, expr: span, ...(alias ? { alias } : {}) };
  const expr = { start: first.start, end: tokens[exprEnd - 1]!.end };
  const column = scanItemExpr(s, block, from, exprEnd);
  // Built field by field: this is the parser's most common node, and conditional spreads cost several times more.
  const item: { -readonly [K in keyof SelectItem]: SelectItem[K] } = { start: span.start, end: span.end, expr };
  if (alias) item.alias = alias;
  if (column) item.column = column;
  return item;
}

/** Scans a select item's expression and returns its column reference when the expression is nothing else. */
function scanItemExpr(s: ParseState, block: number, from: number, to: number): ColumnRef | undefined {
  const before = s.columnRefs.length;
  scanRange(s, from, to, block, 'select');
  if (s.columnRefs.length !== before + 1) return undefined;
  const ref = s.columnRefs[before]!;
  return ref.start === s.tokens[from]!.start && ref.end === s.tokens[to - 1]!.end ? ref : undefined;
}

function addStarRef(s: ParseState, parts: readonly Name[], star: Span, block: number): void {
  if (block < 0) return;
  const all = [...parts, { start: star.start, end: star.end, value: '*', quoted: false }];
  s.columnRefs.push({ start: parts[0]!.start, end: star.end, parts: all, block, clause: 'select' });
}

export function aliasName(token: Token): Name {
  return token.kind === 'string' ? { start: token.start, end: token.end, value: token.value, quoted: true } : nameOf(token);
}

/** Reads the name after INTO, INSERT INTO, UPDATE and the like: a dotted name or a table variable. */
export function parseTarget(s: ParseState): QueryBlock['into'] {
  const token = peek(s);
  if (token === undefined) return undefined;
  if (token.kind === 'variable') {
    advance(s);
    return objectName([{ start: token.start, end: token.end, value: token.text, quoted: false }]);
  }
  if (!isNameToken(token)) return undefined;
  const chain = readChain(s.tokens, s.pos, s.end);
  s.pos = chain.next;
  return objectName(chain.parts);
}
