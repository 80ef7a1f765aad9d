/**
 * The per-parse indexes answer the questions the dataflow pass used to answer by scanning the whole parse
 * for each block. These cases pin down which subqueries count as directly inside a block.
 */
import { strict as assert } from 'node:assert';
import type { ColumnRef, QueryBlock, QueryExpr } from '../../../../server/src/languages/sql/ast';
import { outermostQueriesIn, refsOfBlock } from '../../../../server/src/languages/sql/dataflow/parseIndex';
import type { ParseState } from '../../../../server/src/languages/sql/parseState';

function query(start: number, end: number): QueryExpr {
  return { start, end } as unknown as QueryExpr;
}

function state(queries: QueryExpr[], refs: { block: number; start: number }[] = []): ParseState {
  return { queries, columnRefs: refs as unknown as ColumnRef[] } as unknown as ParseState;
}

const block = { id: 1, start: 0, end: 100 } as unknown as QueryBlock;

describe('sql dataflow parse index', () => {
  it('keeps the outermost subqueries of a block in parse order, and leaves out nested, skipped and overhanging ones', () => {
    const own = query(0, 100);
    const nested = query(15, 25);
    const first = query(10, 30);
    const twinA = query(40, 50);
    const twinB = query(40, 50);
    const inFrom = query(60, 70);
    const nestedInFrom = query(62, 68);
    const overhanging = query(90, 120);
    const insideOverhanging = query(95, 99);
    const after = query(130, 140);
    // Parse order puts inner queries before the query that holds them, as the parser finishes them first.
    const s = state([nested, first, twinB, twinA, nestedInFrom, inFrom, insideOverhanging, overhanging, own, after]);
    const found = outermostQueriesIn(s, block, { start: 55, end: 75 });
    assert.deepEqual(found, [first, twinB, twinA]);
  });

  it('returns every direct subquery of a block with thousands of them', () => {
    const subqueries = Array.from({ length: 5000 }, (_, i) => query(10 + i * 10, 15 + i * 10));
    const wide = { id: 2, start: 0, end: 60000 } as unknown as QueryBlock;
    assert.equal(outermostQueriesIn(state(subqueries), wide).length, 5000);
  });

  it('groups column references by block and sees references added after the first question', () => {
    const refs = [{ block: 1, start: 5 }, { block: 2, start: 6 }, { block: 1, start: 7 }];
    const s = state([], refs);
    assert.deepEqual(refsOfBlock(s, 1).map((r) => r.start), [5, 7]);
    refs.push({ block: 2, start: 9 });
    assert.deepEqual(refsOfBlock(s, 2).map((r) => r.start), [6, 9]);
    assert.deepEqual(refsOfBlock(s, 3), []);
  });
});
