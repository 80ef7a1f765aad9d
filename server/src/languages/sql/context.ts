/**
 * Classifies what kind of thing may be typed at a cursor position: a table, a column of an alias, a column in an
 * expression, a code value, and so on. The classification reads the tokens just before the cursor (which works on
 * half-typed code) and uses the statement's parse only to find the query block and clause around it.
 * Positions where the user is defining a new name (aliases, CTE names, SELECT … INTO targets, declarations) are
 * classified as `none`, so that no popup gets in the way there.
 */
import type { ClauseKind, Name, QueryBlock, Span, StatementNode } from './ast';
import { inComment, type SqlDocument, statementAt, type StatementEntry } from './document';
import { isWord, upper } from './keywords';
import { isNameToken, nameOf, readChain } from './parseState';
import type { Token } from './tokenizer';
import { lastStartingBefore } from '../../util/sortedSearch';

export type CompletionContext =
  | { readonly kind: 'none' }
  | TableContext
  | MemberContext
  | ExpressionContext
  | ValueContext
  | StarContext
  | KeywordContext;

interface ContextBase {
  readonly entry: StatementEntry;
  /** The range a completion replaces, relative to the statement. */
  readonly replace: Span;
  /** What is typed so far (without delimiters). */
  readonly prefix: string;
}

/** After FROM, JOIN, APPLY, INTO, UPDATE and friends: a table, optionally after `db.` or `db.schema.`. */
export interface TableContext extends ContextBase {
  readonly kind: 'table';
  readonly qualifier: readonly Name[];
  /** True right after JOIN or APPLY, where join snippets make sense. */
  readonly afterJoin: boolean;
  readonly block?: number;
}

/** After `alias.`: the columns of that source. */
export interface MemberContext extends ContextBase {
  readonly kind: 'member';
  readonly block: number;
  readonly qualifier: readonly Name[];
}

/** In a select list, WHERE, ON, GROUP BY, ORDER BY, SET …: the columns of the sources in scope. */
export interface ExpressionContext extends ContextBase {
  readonly kind: 'expression';
  readonly block: number;
  readonly clause: ClauseKind;
}

/** After `col = '` or inside `col IN (`: the column's codes. */
export interface ValueContext extends ContextBase {
  readonly kind: 'value';
  readonly block: number;
  /** The column whose codes are wanted. */
  readonly column: readonly Name[];
  /** True when the cursor is inside a string literal, so codes go in without quotes. */
  readonly inString: boolean;
}

/** Just after the `*` of a select list: offer to expand it. */
export interface StarContext extends ContextBase {
  readonly kind: 'star';
  readonly block: number;
  /** The `*` or `q.*` being expanded. */
  readonly star: Span;
  readonly qualifier: readonly Name[];
}

/** After a complete table source: join and clause keywords. */
export interface KeywordContext extends ContextBase {
  readonly kind: 'keyword';
}

const TABLE_INTRODUCERS = new Set(['FROM', 'JOIN', 'APPLY', 'INTO', 'UPDATE', 'TABLE', 'USING']);

export function completionContext(doc: SqlDocument, offset: number): CompletionContext {
  if (inComment(doc, offset)) return NONE;
  const entry = statementAt(doc, offset);
  if (entry === undefined) return NONE;
  const rel = offset - entry.base;
  const tokens = entry.parsed.tokens;
  const node = entry.parsed.node;
  const idx = lastTokenBefore(tokens, rel);
  const cur = tokens[idx];
  let prefixToken: Token | undefined;
  let prevIdx = idx;
  if (cur !== undefined && rel <= cur.end) {
    if (cur.kind === 'string') {
      if (rel < cur.end || cur.unterminated) return valueInString(entry, tokens, idx, rel);
    } else if (cur.kind === 'number' || cur.kind === 'variable') {
      return NONE;
    } else if (cur.kind === 'word' || cur.kind === 'quoted') {
      prefixToken = cur;
      prevIdx = idx - 1;
    } else if (cur.kind === 'operator' && cur.text === '*' && rel === cur.end) {
      const star = starContext(entry, node, tokens, idx);
      if (star !== undefined) return star;
    }
  }
  const replace: Span = prefixToken ? { start: prefixToken.start, end: prefixToken.end } : { start: rel, end: rel };
  const prefix = prefixToken ? (prefixToken.kind === 'quoted' ? prefixToken.value : prefixToken.text) : '';
  const base = { entry, replace, prefix };

  // A dotted qualifier before the cursor: `e.`, `npd_i2.`, `npd_i2."<project number>".`.
  let qualifier: Name[] = [];
  let beforeIdx = prevIdx;
  if (tokens[prevIdx]?.kind === 'dot') {
    let j = prevIdx;
    while (j - 1 >= 0 && tokens[j]!.kind === 'dot' && (isNameToken(tokens[j - 1]) || tokens[j - 1]!.kind === 'dot')) {
      if (tokens[j - 1]!.kind === 'dot') {
        qualifier.unshift({ start: tokens[j]!.start, end: tokens[j]!.start, value: '', quoted: false });
        j -= 1;
        continue;
      }
      qualifier.unshift(nameOf(tokens[j - 1]!));
      j -= 2;
    }
    beforeIdx = j;
    if (qualifier.length === 0) return NONE;
  }
  const before = tokens[beforeIdx];
  const beforeWord = upper(before);
  const anchor = prefixToken?.start ?? (before?.end ?? rel);
  const block = innermostBlock(node, anchor);

  if (beforeWord === 'AS' && qualifier.length === 0) return NONE;
  // After WITH comes a CTE name (or a table hint), neither of which anything can complete.
  if (beforeWord === 'WITH' && qualifier.length === 0) return NONE;
  if (isCteListComma(node, tokens, beforeIdx)) return NONE;
  if (node.kind === 'declare' && block === undefined) return NONE;
  if (node.kind === 'create-table' || node.kind === 'create-index' || node.kind === 'create-routine') return NONE;

  if (TABLE_INTRODUCERS.has(beforeWord) || (before?.kind === 'comma' && isFromListComma(node, tokens, beforeIdx))) {
    // SELECT … INTO names a new table, which nothing can complete.
    if (beforeWord === 'INTO' && node.kind === 'select') return NONE;
    if (beforeWord === 'TABLE' && node.kind !== 'truncate' && node.kind !== 'drop') return NONE;
    return { kind: 'table', ...base, qualifier, afterJoin: beforeWord === 'JOIN' || beforeWord === 'APPLY', ...(block ? { block: block.id } : {}) };
  }
  if (qualifier.length === 0 && block !== undefined) {
    const sourcePosition = aliasPosition(block, prefixToken, before);
    if (sourcePosition === 'alias') return NONE;
    if (sourcePosition === 'after-alias') return { kind: 'keyword', ...base };
  }
  if (block === undefined) return NONE;
  const clause = clauseAt(block, anchor);
  if (clause === 'into' || clause === 'option' || clause === 'for' || clause === 'top' || clause === 'fetch') return NONE;
  if (qualifier.length > 0) return { kind: 'member', ...base, block: block.id, qualifier };
  const value = valueBeforeCursor(tokens, beforeIdx);
  if (value !== undefined && !prefixToken) return { kind: 'value', ...base, block: block.id, column: value, inString: false };
  if (clause === 'from') return { kind: 'keyword', ...base };
  return { kind: 'expression', ...base, block: block.id, clause };
}

const NONE: CompletionContext = { kind: 'none' };

/** Index of the last token that starts before `rel`, or -1. */
export function lastTokenBefore(tokens: readonly Token[], rel: number): number {
  return lastStartingBefore(tokens, rel);
}

/** The innermost query block whose span holds the offset. */
export function innermostBlock(node: StatementNode, offset: number): QueryBlock | undefined {
  let best: QueryBlock | undefined;
  for (const block of node.blocks) {
    if (block.start <= offset && offset <= block.end && (best === undefined || block.start >= best.start)) best = block;
  }
  return best;
}

/** The clause of the block that holds the offset: the latest one starting at or before it. */
export function clauseAt(block: QueryBlock, offset: number): ClauseKind {
  let kind: ClauseKind = 'other';
  let start = -1;
  for (const clause of block.clauses) {
    // An ON clause ends with its condition; past it the FROM clause goes on.
    if (clause.kind === 'on' && offset > clause.end) continue;
    if (clause.start <= offset && clause.start >= start) {
      kind = clause.kind;
      start = clause.start;
    }
  }
  if (kind === 'other' && block.kind !== 'select') return 'set';
  return kind;
}

/**
 * Where the cursor sits relative to a table source: where its alias goes (`FROM t |`, or typing the alias), or just
 * after its alias (`FROM t a |`), where join and clause keywords follow.
 */
function aliasPosition(block: QueryBlock, prefix: Token | undefined, before: Token | undefined): 'alias' | 'after-alias' | undefined {
  for (const source of block.sources) {
    if (prefix !== undefined && source.alias !== undefined && source.alias.start === prefix.start) return 'alias';
    if (prefix === undefined && before !== undefined) {
      if (source.alias !== undefined && source.alias.end === before.end) return 'after-alias';
      if (source.alias === undefined && source.end === before.end && source.on === undefined && !(source.kind === 'table' && source.hints)) return 'alias';
    }
  }
  return undefined;
}

/** True when the comma at index i separates CTEs (`WITH a AS (…), |`), where a new CTE name is being defined. */
function isCteListComma(node: StatementNode, tokens: readonly Token[], i: number): boolean {
  if (tokens[i]?.kind !== 'comma') return false;
  const close = tokens[i - 1];
  if (close?.kind !== 'rparen') return false;
  return node.queries.some((q) => q.ctes.some((c) => c.end === close.end));
}

/** True when the comma at index i is a top-level comma of a FROM clause (`FROM a, |`). */
function isFromListComma(node: StatementNode, tokens: readonly Token[], i: number): boolean {
  const comma = tokens[i]!;
  const block = innermostBlock(node, comma.start);
  if (block === undefined || clauseAt(block, comma.start) !== 'from') return false;
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind === 'rparen') depth++;
    else if (t.kind === 'lparen') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && isWord(t, 'FROM')) return true;
  }
  return false;
}

/** `col = |`, `col <> |`, `col IN (|`, `col IN ('a', |`: the column whose codes fit here. */
function valueBeforeCursor(tokens: readonly Token[], beforeIdx: number): Name[] | undefined {
  let j = beforeIdx;
  const t = tokens[j];
  if (t?.kind === 'operator' && (t.text === '=' || t.text === '<>' || t.text === '!=')) return chainEndingAt(tokens, j - 1);
  // Walk back over the values already in an IN list.
  while (j >= 0 && (tokens[j]!.kind === 'comma' || tokens[j]!.kind === 'string' || tokens[j]!.kind === 'number')) j--;
  if (tokens[j]?.kind !== 'lparen') return undefined;
  if (!isWord(tokens[j - 1], 'IN')) return undefined;
  const columnEnd = isWord(tokens[j - 2], 'NOT') ? j - 3 : j - 2;
  return chainEndingAt(tokens, columnEnd);
}

/** The dotted name whose last token is at index i. */
function chainEndingAt(tokens: readonly Token[], i: number): Name[] | undefined {
  if (!isNameToken(tokens[i])) return undefined;
  let start = i;
  while (start - 2 >= 0 && tokens[start - 1]!.kind === 'dot' && isNameToken(tokens[start - 2])) start -= 2;
  const chain = readChain(tokens, start, i + 1);
  return chain.parts.some((p) => p.value === '') ? undefined : chain.parts;
}

function valueInString(entry: StatementEntry, tokens: readonly Token[], idx: number, rel: number): CompletionContext {
  const str = tokens[idx]!;
  const node = entry.parsed.node;
  const block = innermostBlock(node, str.start);
  if (block === undefined) return NONE;
  const column = valueBeforeCursor(tokens, idx - 1);
  if (column === undefined) return NONE;
  const open = str.text.startsWith('N') || str.text.startsWith('n') ? str.start + 2 : str.start + 1;
  const close = str.unterminated ? str.end : str.end - 1;
  return { kind: 'value', entry, replace: { start: open, end: Math.max(open, close) }, prefix: str.value.slice(0, Math.max(0, rel - open)), block: block.id, column, inString: true };
}

function starContext(entry: StatementEntry, node: StatementNode, tokens: readonly Token[], idx: number): StarContext | undefined {
  const star = tokens[idx]!;
  const block = innermostBlock(node, star.start);
  const item = block?.items.find((i) => i.star?.star.start === star.start);
  if (block === undefined || item?.star === undefined) return undefined;
  return {
    kind: 'star',
    entry,
    replace: { start: item.star.start, end: item.star.end },
    prefix: '',
    block: block.id,
    star: { start: item.star.start, end: item.star.end },
    qualifier: item.star.qualifier?.parts ?? [],
  };
}

