/**
 * Indexes over a finished statement parse, built once per parse and kept beside it. The dataflow pass asks
 * the same two questions of every query block (which column references belong to it, which subqueries sit
 * directly inside it); answering them by scanning the whole parse for each block made a statement with
 * thousands of blocks or subqueries cost the square of its size.
 */
import type { ColumnRef, QueryBlock, QueryExpr } from '../ast';
import type { ParseState } from '../parseState';

interface ParseIndex {
  /** The lengths the index was built from: a parse that grew afterwards gets a fresh index. */
  readonly refCount: number;
  readonly queryCount: number;
  readonly refsByBlock: ReadonlyMap<number, readonly ColumnRef[]>;
  /** Indexes into `s.queries`, ordered by start, and by end descending among equal starts (outer first). */
  readonly queriesByStart: readonly number[];
}

const indexes = new WeakMap<ParseState, ParseIndex>();

function indexOf(s: ParseState): ParseIndex {
  const known = indexes.get(s);
  if (known !== undefined && known.refCount === s.columnRefs.length && known.queryCount === s.queries.length) return known;
  const refsByBlock = new Map<number, ColumnRef[]>();
  for (const ref of s.columnRefs) {
    const list = refsByBlock.get(ref.block);
    if (list === undefined) refsByBlock.set(ref.block, [ref]);
    else list.push(ref);
  }
  const queriesByStart = s.queries.map((_, i) => i);
  queriesByStart.sort((a, b) => s.queries[a]!.start - s.queries[b]!.start || s.queries[b]!.end - s.queries[a]!.end || a - b);
  const index: ParseIndex = { refCount: s.columnRefs.length, queryCount: s.queries.length, refsByBlock, queriesByStart };
  indexes.set(s, index);
  return index;
}

/** The column references made inside a block, in parse order. */
export function refsOfBlock(s: ParseState, blockId: number): readonly ColumnRef[] {
  return indexOf(s).refsByBlock.get(blockId) ?? [];
}

/**
 * The subqueries directly inside a block (starting after it starts and ending where it ends or before) that
 * no other such subquery contains, in parse order, leaving out those inside `skip` (the FROM clause, whose
 * subqueries are sources and are read elsewhere). Queries with the same span are all kept.
 */
export function outermostQueriesIn(s: ParseState, block: QueryBlock, skip?: { start: number; end: number }): QueryExpr[] {
  const { queriesByStart } = indexOf(s);
  const found: number[] = [];
  let position = firstStartingAfter(s, queriesByStart, block.start);
  while (position < queriesByStart.length) {
    const query = s.queries[queriesByStart[position]!]!;
    if (query.start > block.end) break;
    const taken = query.end <= block.end && !(skip !== undefined && query.start >= skip.start && query.end <= skip.end);
    // Every query that starts inside this one is nested in it, so none of them is outermost; a query with the
    // same span is not nested in it, and is judged on its own.
    let next = position + 1;
    while (next < queriesByStart.length) {
      const other = s.queries[queriesByStart[next]!]!;
      if (other.start >= query.end) break;
      if (other.start === query.start && other.end === query.end) {
        if (taken) found.push(queriesByStart[next]!);
      } else if (!(other.end <= query.end)) {
        // A query that starts inside this one but ends after it is not nested in it; keep walking from there.
        break;
      }
      next++;
    }
    if (taken) found.push(queriesByStart[position]!);
    position = next;
  }
  found.sort((a, b) => a - b);
  return found.map((i) => s.queries[i]!);
}

function firstStartingAfter(s: ParseState, order: readonly number[], offset: number): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (s.queries[order[middle]!]!.start <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
