/**
 * `src PIVOT (SUM(claimants) FOR out_of_work IN ([0], [1])) AS pv`: the pivoted frame keeps the source's other
 * columns and gains one column per listed value, each holding what the pivot's aggregate makes of the measured
 * column. A count summed into its cell is still that count (so `ISNULL(pv.[0], 0)` fills zeros into counts, and the
 * table keeps the source's aggregation and guards); a pivot over records is itself the aggregation, grouped by the
 * columns it keeps. UNPIVOT, and a pivot clause this reader does not follow, leave the columns unknown.
 */
import type { Token } from '../tokenizer';
import { derive, findColumn, type ModelBuilder } from '../../../dataflow/builder';
import { identifiesUnit, NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, Frame, FrameColumn, FrameEvent, Span } from '../../../dataflow/model';
import { findTopLevelWord, spanOf } from './sqlExpr';
import { closeParen, findAggregates, isWordToken, rangeOfSpan, splitTopLevel } from './sqlTokens';

interface PivotClause {
  readonly aggregate: { readonly kind: ColumnStatistic['kind']; readonly measured: string; readonly span: Span; readonly distinct: boolean };
  readonly spread: string;
  readonly values: readonly { readonly name: string; readonly span: Span }[];
}

/** The frame a PIVOT makes of `inner`, or undefined when its clause is not one this reader follows. */
export function pivotFrame(builder: ModelBuilder, tokens: readonly Token[], span: Span, inner: Frame): Frame | undefined {
  const clause = readPivot(tokens, span);
  if (clause === undefined) return undefined;
  const measured = findColumn(inner, clause.aggregate.measured);
  const kept = inner.columns.filter((c) => !sameName(c.name, clause.aggregate.measured) && !sameName(c.name, clause.spread));
  const statistic = cellStatistic(clause, measured);
  const spread: FrameColumn[] = clause.values.map((value) => ({ name: value.name, span: value.span, facts: measured?.facts ?? NO_FACTS, statistic }));
  const columns = [...kept, ...spread];
  // In a grouped source every kept column that is not a statistic is one of its keys (under its alias), and the
  // spread column stops being a key: its values are now columns.
  if (inner.grain === 'aggregate' && measured?.statistic !== undefined) {
    return derive(builder, inner, { span, columns, columnsComplete: inner.columnsComplete, groupKeys: kept.filter((c) => c.statistic === undefined) });
  }
  // A pivot of records counts or sums them into cells keyed by the kept columns and the spread values.
  const event: FrameEvent = { kind: 'aggregate', span: clause.aggregate.span, keys: kept, perUnit: kept.some((k) => identifiesUnit(k.facts)), statistics: [statistic.kind] };
  return derive(builder, inner, { span, columns, columnsComplete: inner.columnsComplete, events: [event] });
}

/** A cell's statistic: the source's own when it already holds one (a count summed stays a count), else the pivot's. */
function cellStatistic(clause: PivotClause, measured: FrameColumn | undefined): ColumnStatistic {
  const own = measured?.statistic;
  if (own !== undefined && (clause.aggregate.kind === 'sum' || clause.aggregate.kind === 'max' || clause.aggregate.kind === 'min' || clause.aggregate.kind === 'mean')) return own;
  return {
    kind: clause.aggregate.kind,
    of: measured?.statistic?.of ?? measured?.facts ?? NO_FACTS,
    ofNames: [clause.aggregate.measured],
    span: clause.aggregate.span,
    ...(clause.aggregate.distinct ? { distinct: true } : {}),
  };
}

function readPivot(tokens: readonly Token[], span: Span): PivotClause | undefined {
  const range = rangeOfSpan(tokens, span);
  let at = -1;
  for (let i = range.from; i < range.to; i++) {
    if (isWordToken(tokens[i], 'UNPIVOT')) return undefined;
    if (isWordToken(tokens[i], 'PIVOT') && tokens[i + 1]?.kind === 'lparen') {
      at = i + 1;
      break;
    }
  }
  if (at < 0) return undefined;
  const close = closeParen(tokens, at, range.to);
  const forAt = findTopLevelWord(tokens, at + 1, close, 'FOR');
  const inAt = forAt < 0 ? -1 : findTopLevelWord(tokens, forAt + 1, close, 'IN');
  if (forAt < 0 || inAt !== forAt + 2 || tokens[inAt + 1]?.kind !== 'lparen') return undefined;
  const call = findAggregates(tokens, at + 1, forAt)[0];
  if (call === undefined || call.first !== at + 1 || call.next !== forAt || call.argTo - call.argFrom !== 1) return undefined;
  const measured = nameOf(tokens[call.argFrom]);
  const spread = nameOf(tokens[forAt + 1]);
  if (measured === undefined || spread === undefined) return undefined;
  const listClose = closeParen(tokens, inAt + 1, close + 1);
  const values: { name: string; span: Span }[] = [];
  for (const part of splitTopLevel(tokens, inAt + 2, listClose, (t) => t.kind === 'comma')) {
    const name = part.to - part.from === 1 ? nameOf(tokens[part.from]) : undefined;
    if (name === undefined) return undefined;
    values.push({ name, span: spanOf(tokens, part) });
  }
  if (values.length === 0) return undefined;
  return { aggregate: { kind: call.kind, measured, span: spanOf(tokens, { from: call.first, to: call.next }), distinct: call.distinct }, spread, values };
}

function nameOf(token: Token | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (token.kind === 'word' || token.kind === 'quoted') return token.value;
  if (token.kind === 'number') return token.text;
  return undefined;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
