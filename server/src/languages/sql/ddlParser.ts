/**
 * Parsers for the statements that define things: CREATE TABLE, CREATE VIEW, CREATE INDEX, routines, ALTER TABLE,
 * DROP, TRUNCATE and DECLARE. They record what the script creates, so later statements can use its columns.
 */
import type { ColumnDef, Name } from './ast';
import { findEnd, scanRange } from './expressions';
import { upper } from './keywords';
import {
  accept, advance, atEnd, closing, error, isNameToken, nameOf, parseNameList, parseObjectName, type ParseState, peek, peekWord,
} from './parseState';
import type { StatementOut } from './parser';
import { parseQueryExpr } from './queryParser';
import type { Token } from './tokenizer';

export function parseCreateOrAlter(s: ParseState, out: StatementOut): void {
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

export function parseDrop(s: ParseState, out: StatementOut): void {
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

export function parseTruncate(s: ParseState, out: StatementOut): void {
  out.kind = 'truncate';
  advance(s);
  accept(s, 'TABLE');
  const name = parseObjectName(s);
  if (name !== undefined) s.tableRefs.push({ start: name.start, end: name.end, name, role: 'write' });
  s.pos = s.end;
}

export function parseDeclare(s: ParseState, out: StatementOut): void {
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

/** The text of a run of tokens, with one space wherever the source had a gap (`decimal(10, 2)`, `double precision`). */
export function joinTokens(tokens: readonly Token[]): string {
  let text = '';
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i]!.start > tokens[i - 1]!.end) text += ' ';
    text += tokens[i]!.text;
  }
  return text;
}
