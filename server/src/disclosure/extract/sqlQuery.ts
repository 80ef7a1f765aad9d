/**
 * Turns a query expression (CTEs, then blocks joined by UNION, EXCEPT or INTERSECT) into a frame.
 * A UNION of a grouped table with a less grouped one (a `'Total'` row) is recorded as totals: after the
 * table's guard when the total is itself guarded, and before it otherwise, which is what SDC015 looks for.
 */
import type { QueryBlock, QueryExpr } from '../../languages/sql/ast';
import type { ParseState } from '../../languages/sql/parseState';
import { combine, derive } from '../builder';
import { frameProtection, lastAggregation } from '../lineage';
import type { Frame, FrameEvent } from '../model';
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
  return unionFrame(env, frames, { start: query.start, end: query.end }, name);
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

function unionFrame(env: SqlEnv, frames: readonly Frame[], span: { start: number; end: number }, name?: string): Frame {
  const named = name !== undefined ? { name } : {};
  if (!frames.every((f) => f.grain === 'aggregate')) return combine(env.builder, frames, { ...named, span, union: true, columns: frames[0]!.columns });
  const main = frames.reduce((a, b) => (b.groupKeys.length > a.groupKeys.length ? b : a));
  const totals = frames.filter((f) => f.groupKeys.length < main.groupKeys.length);
  const others = frames.filter((f) => f !== main);
  if (totals.length === 0) return combine(env.builder, frames, { ...named, span, union: true, columns: frames[0]!.columns });
  const event: FrameEvent = { kind: 'totals', span: totals[0]!.span };
  const threshold = env.config.parameters.threshold;
  const totalsGuarded = totals.every((t) => frameProtection(t, threshold, env.config.parameters).state === 'protected');
  let history: readonly FrameEvent[];
  if (totalsGuarded) {
    history = [...main.history, event];
  } else {
    // The total row sums every unit, including the cells the table's guard drops: it comes "before" the guard.
    const last = lastAggregation(main);
    const at = last === undefined ? main.history.length : last.index + 1;
    history = [...main.history.slice(0, at), event, ...main.history.slice(at)];
  }
  return derive(env.builder, main, { ...named, span, history, columns: frames[0]!.columns, extraInputs: others, grain: 'aggregate' });
}
