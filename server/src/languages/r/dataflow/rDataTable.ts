/**
 * Subsetting with `[`: data.table's `dt[i, j, by]` (counts with `.N`, summaries in `.(…)`, guards such as
 * `[N >= 10]` and `if (.N >= 10)`) and data frame indexing `df[i, j]` (row filters and column selections).
 */
import { derive, findColumn } from '../../../dataflow/builder';
import { isCountColumn } from '../../../dataflow/lineage';
import type { Frame, FrameColumn, FrameEvent } from '../../../dataflow/model';
import { updateByReference, isUpdateByReference } from './rDataTableUpdate';
import { rComparison, type RContext } from './rExpr';
import { contextFor, spanOf, type Evaluate, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import { argsOf, callName, identifierName, named, textOf, unparen, walk, type RArg, type RNode } from './rTree';
import { sdItems, type JItem } from './rDataTableSD';
import { aggregateResult, columnFrom, conditionEvents, keysFrom, selectVerb } from './rVerbs';

/** data.table `dt[i, j, by]` and data frame `df[i, j]` subsetting. */
export function subsetValue(state: RState, node: RNode, evaluate: Evaluate): RValue {
  const object = evaluate(node.children[0]);
  if (object.kind === 'column') return object;
  if (object.kind !== 'frame') return UNKNOWN;
  const args = argsOf(state.text, node);
  const by = args.find((a) => a.name === 'by' || a.name === 'keyby');
  const positionalArgs = args.filter((a) => a.name === undefined);
  const i = positionalArgs[0]?.value;
  const j = positionalArgs[1]?.value;
  if (isUpdateByReference(state, j)) return updateByReference(state, node, node.children[0], object, i, j);
  const span = spanOf(node);
  let value: RValue & { kind: 'frame' } = object;
  const context = contextFor(state, value.frame);
  if (i !== undefined) {
    const iBare = unparen(i);
    const isSelection = iBare !== undefined && (iBare.type === 'string' || callName(state.text, iBare)?.name === 'c') && j === undefined && positionalArgs.length === 1;
    if (isSelection) {
      const call: RCall = { node, name: 'select', data: value, args: [{ value: iBare!, node: iBare! }], allArgs: args };
      return selectVerb(state, call, value);
    }
    const { events } = conditionEvents(state, selfMasked(state, context, node.children[0], value.frame), [i], false);
    value = { ...value, frame: derive(state.builder, value.frame, { span, events }) };
  }
  if (j === undefined) return value;
  const jBare = unparen(j);
  const dataTable = value.dataTable === true || by !== undefined || isDataTableJ(state, jBare);
  if (!dataTable) {
    const call: RCall = { node, name: 'select', data: value, args: [{ value: j, node: j }], allArgs: args };
    return selectVerb(state, call, value);
  }
  return dataTableJ(state, node, value, jBare, by);
}

/**
 * `tab[tab >= 10]`: a table subset by a test of its own cells. Inside the test the table's name stands for its
 * count, so the test reads as a minimum-count guard.
 */
export function selfMasked(state: RState, context: RContext, object: RNode | undefined, frame: Frame): RContext {
  const name = object !== undefined ? identifierName(state.text, object) : undefined;
  const count = frame.grain === 'aggregate' ? frame.columns.find(isCountColumn) : undefined;
  if (name === undefined || count === undefined || findColumn(frame, name) !== undefined) return context;
  return { ...context, frame: { ...frame, columns: [...frame.columns, { ...count, name }] } };
}

function isDataTableJ(state: RState, j: RNode | undefined): boolean {
  if (j === undefined) return false;
  if (textOf(state.text, j) === '.N') return true;
  const call = callName(state.text, j);
  if (call?.name === '.' || call?.name === 'list' || call?.name === ':=' || call?.name === '`:=`') return true;
  if (j.type === 'if_statement') return true;
  return [...walk(j)].some((n) => n.type === 'identifier' && textOf(state.text, n) === '.N');
}

function dataTableJ(state: RState, node: RNode, value: RValue & { kind: 'frame' }, j: RNode | undefined, by: RArg | undefined): RValue {
  if (j === undefined) return value;
  const frame = value.frame;
  const context = contextFor(state, frame);
  // `by = school` names the argument, not the key: the key is the column it holds.
  const keys = by?.value !== undefined ? keysFrom(state, frame, [{ value: by.value, node: by.node }]) : [];
  let body: RNode | undefined = j;
  let guard: { threshold?: number; span: { start: number; end: number } } | undefined;
  if (j.type === 'if_statement') {
    const [condition, consequence] = named(j);
    const test = rComparison(context, condition);
    if (test?.kind === 'at-least' && condition !== undefined) guard = { ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), span: spanOf(condition) };
    body = consequence;
  }
  const bare = unparen(body);
  if (bare === undefined) return value;
  const call = callName(state.text, bare);
  const plainItems = (): JItem[] => {
    if (call?.name !== '.' && call?.name !== 'list') return [{ name: textOf(state.text, bare) === '.N' ? 'N' : textOf(state.text, bare), node: bare }];
    return argsOf(state.text, bare).flatMap((arg) => (arg.value !== undefined ? [{ name: arg.name ?? textOf(state.text, arg.value), node: arg.value }] : []));
  };
  const items: JItem[] = sdItems(state, frame, bare, keys, argsOf(state.text, node)) ?? plainItems();
  const columns: FrameColumn[] = [...keys];
  for (const item of items) columns.push('column' in item ? item.column : columnFrom(context, item.name, item.node, spanOf(item.node)).column);
  if (!columns.some((c) => c.statistic !== undefined)) {
    const plain = items.filter((it): it is { name: string; node: RNode } => 'node' in it);
    const call2: RCall = { node, name: 'select', data: value, args: plain.map((it) => ({ value: it.node, node: it.node })), allArgs: [] };
    return selectVerb(state, call2, value);
  }
  const rCall: RCall = { node, name: '[', data: value, args: [], allArgs: [] };
  const extra: FrameEvent[] = guard !== undefined ? [{ kind: 'threshold', ...guard }] : [];
  const result = aggregateResult(state, rCall, { ...value, groups: [] }, keys, columns, extra);
  return result.kind === 'frame' ? { ...result, dataTable: true, frame: withDataTableInsertion(state, result.frame, node, columns) } : result;
}

/** For data.table the guard goes in a chained `[N >= threshold]`. */
function withDataTableInsertion(state: RState, frame: Frame, node: RNode, columns: readonly FrameColumn[]): Frame {
  const count = columns.find((c) => c.statistic?.kind === 'count')?.name;
  if (count === undefined) return frame;
  const updated: Frame = { ...frame, guardInsertion: { at: node.end, template: `[${count} >= {threshold}]`, title: `Keep only cells with ${count} >= {threshold}` } };
  state.builder.frames[frame.id] = updated;
  return updated;
}
