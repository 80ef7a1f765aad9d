/**
 * Turns a query expression (CTEs, then blocks joined by UNION, EXCEPT or INTERSECT) into a frame.
 */
import type { QueryBlock, QueryExpr } from '../ast';
import type { ParseState } from '../parseState';
import type { Frame } from '../../../dataflow/model';
import { unionFrames } from '../../../dataflow/union';
import { blockFrame } from './sqlBlock';
import type { SqlEnv } from './sqlEnv';

export function queryFrame(env: SqlEnv, s: ParseState, query: QueryExpr, outerCtes: ReadonlyMap<string, Frame>, name?: string): Frame {
  const ctes = new Map(outerCtes);
  const extract = (inner: QueryExpr, scope: ReadonlyMap<string, Frame>, innerName?: string): Frame => queryFrame(env, s, inner, scope, innerName);
  for (const cte of query.ctes) {
    let frame = queryFrame(env, s, cte.query, ctes, cte.name.value);
    if (cte.columns !== undefined) {
      const names = cte.columns.map((c) => c.value);
      frame = { ...frame, columns: frame.columns.map((c, i) => (names[i] !== undefined ? { ...c, name: names[i]! } : c)) };
      env.builder.frames[frame.id] = frame;
    }
    ctes.set(cte.name.value.toLowerCase(), frame);
  }
  const frames = query.branches.map((branch) => (isBlock(branch)
    ? blockFrame(env, s, branch, ctes, extract, name)
    : queryFrame(env, s, branch, ctes, name)));
  if (frames.length === 1) return frames[0]!;
  return unionFrames(env.builder, frames, { start: query.start, end: query.end }, env.config.parameters, name);
}

export function isBlock(branch: QueryBlock | QueryExpr): branch is QueryBlock {
  return (branch as QueryBlock).kind !== undefined && (branch as QueryBlock).items !== undefined;
}

/** The first block of a query, whose INTO and select list describe the statement's result. */
export function mainBlock(query: QueryExpr): QueryBlock | undefined {
  const first = query.branches[0];
  if (first === undefined) return undefined;
  return isBlock(first) ? first : mainBlock(first);
}

