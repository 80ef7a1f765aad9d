/**
 * Tables and one-off statistics in R outside dplyr: `table()`, `xtabs()`, `aggregate()`, `tapply()`,
 * `summary()`, `quantile()` and friends on a column, survey estimates, and the record-level values of a model fit.
 */
import { addSource, derive } from '../../../dataflow/builder';
import { NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, Frame, FrameColumn, StatisticKind } from '../../../dataflow/model';
import { columnName, resolveName } from './rExpr';
import { argument, contextFor, frameOf, positional, spanOf, type Evaluate, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import { argsOf, callName, numberValue, operatorOf, textOf, unparen, type RNode } from './rTree';
import { aggregateResult, formulaTerms, keysFrom, statisticOfFunction, tableOf } from './rVerbs';

/** `table(df$a, df$b)`, `table(df$a)`, `table(df[c("a", "b")])`, and inside `with(df, table(a, b))`. */
export function tableCall(state: RState, call: RCall, evaluate: Evaluate): RValue {
  const keys: FrameColumn[] = [];
  let frame: Frame | undefined;
  const values = call.pipe !== undefined ? [call.data] : positional(call.allArgs).filter((a) => !['useNA', 'exclude', 'dnn', 'deparse.level'].includes(a.name ?? '')).map((a) => evaluate(a.value));
  for (const value of values) {
    if (value.kind === 'column') {
      frame ??= value.frame;
      keys.push(value.column);
    } else if (value.kind === 'frame') {
      frame ??= value.frame;
      keys.push(...value.frame.columns);
    }
  }
  return tableOf(state, call, frame, keys);
}

export function aggregateCall(state: RState, call: RCall, evaluate: Evaluate): RValue {
  const first = positional(call.allArgs)[0]?.value;
  const fun = argument(call.allArgs, 'FUN', 2)?.value;
  const kind = statisticOfFunction(state, fun);
  const bare = unparen(first);
  if (bare?.type === 'binary_operator' && operatorOf(bare) === '~') {
    const data = evaluate(argument(call.allArgs, 'data', 1)?.value);
    const frame = frameOf(data);
    if (frame === undefined) return UNKNOWN;
    const { response, terms } = formulaTerms(bare);
    const keys = keysFrom(state, frame, terms.map((t) => ({ value: t, node: t })));
    const measured = response !== undefined ? columnName(contextFor(state, frame), response) : undefined;
    return statisticTable(state, call, frame, keys, kind, measured);
  }
  const x = evaluate(first);
  const by = argument(call.allArgs, 'by', 1)?.value;
  const frame = frameOf(x);
  if (frame === undefined || by === undefined) return UNKNOWN;
  const keys = columnsOfList(state, by, evaluate);
  return statisticTable(state, call, frame, keys, kind, x.kind === 'column' ? x.column.name : undefined);
}

export function tapplyCall(state: RState, call: RCall, evaluate: Evaluate): RValue {
  const args = positional(call.allArgs);
  const x = evaluate(args[0]?.value);
  const frame = frameOf(x);
  if (frame === undefined || args[1] === undefined) return UNKNOWN;
  const keys = columnsOfList(state, args[1].value!, evaluate);
  const kind = statisticOfFunction(state, argument(call.allArgs, 'FUN', 2)?.value);
  return statisticTable(state, call, frame, keys, kind, x.kind === 'column' ? x.column.name : undefined);
}

function columnsOfList(state: RState, node: RNode, evaluate: Evaluate): FrameColumn[] {
  const bare = unparen(node);
  const items = bare !== undefined && callName(state.text, bare)?.name === 'list' ? positional(argsOf(state.text, bare)).map((a) => a.value) : [bare];
  const keys: FrameColumn[] = [];
  for (const item of items) {
    const value = evaluate(item);
    if (value.kind === 'column') keys.push(value.column);
  }
  return keys;
}

function statisticTable(state: RState, call: RCall, frame: Frame, keys: readonly FrameColumn[], kind: StatisticKind, measured: string | undefined): RValue {
  const of = measured !== undefined ? resolveName(contextFor(state, frame), measured) : undefined;
  const statistic: ColumnStatistic = { kind, of: of?.facts ?? NO_FACTS, ofNames: measured !== undefined ? [measured] : [], span: spanOf(call.node) };
  const columns: FrameColumn[] = [...keys, { name: measured ?? 'x', span: spanOf(call.node), facts: NO_FACTS, statistic }];
  return aggregateResult(state, call, { kind: 'frame', frame }, keys, columns, []);
}

/** A statistic of a whole vector or frame (`quantile(df$x)`, `min(df$x)`): a one-row table with no grouping. */
export function vectorStatistic(state: RState, call: RCall): RValue {
  const value = call.data;
  if (value.kind !== 'column' || value.frame === undefined || value.frame.grain !== 'record') return UNKNOWN;
  const kinds: StatisticKind[] = [];
  switch (call.name) {
    case 'quantile': {
      const probs = argument(call.args, 'probs', 0);
      if (probs === undefined) kinds.push('percentile', 'min', 'max');
      else kinds.push(numberValue(state.text, probs.value) === 0.5 ? 'median' : 'percentile');
      break;
    }
    case 'fivenum': kinds.push('median', 'min', 'max'); break;
    case 'IQR': kinds.push('percentile'); break;
    default: kinds.push(call.name as StatisticKind);
  }
  return oneRow(state, call, value.frame, value.column, kinds);
}

function oneRow(state: RState, call: RCall, frame: Frame, column: FrameColumn, kinds: readonly StatisticKind[]): RValue {
  const span = spanOf(call.node);
  const statistics: ColumnStatistic[] = kinds.map((kind) => ({ kind, of: column.facts, ofNames: [column.name], span }));
  const stat: FrameColumn = { name: `${call.name}(${column.name})`, span, facts: NO_FACTS, statistic: statistics[0]!, statistics };
  const frameOut = derive(state.builder, frame, {
    span,
    columns: [stat],
    columnsComplete: true,
    events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: [...kinds] }],
  });
  return { kind: 'frame', frame: frameOut };
}

/** `summary()` of record-level data prints minima and maxima; of a survival fit, its risk table. */
export function summaryCall(state: RState, call: RCall): RValue {
  const value = call.data;
  if (value.kind === 'survfit' && value.frame !== undefined) {
    const span = spanOf(call.node);
    const count: FrameColumn = { name: 'n.risk', span, facts: NO_FACTS, statistic: { kind: 'count', of: NO_FACTS, ofNames: [], span } };
    const keys = value.strata.length > 0 ? value.strata : [{ name: 'time', facts: NO_FACTS, span }];
    return aggregateResult(state, call, { kind: 'frame', frame: value.frame }, keys, [...keys, count], []);
  }
  if (value.kind === 'column' && value.frame?.grain === 'record') return oneRow(state, call, value.frame, value.column, ['min', 'max']);
  if (value.kind === 'frame' && value.frame.grain === 'record') {
    return oneRow(state, call, value.frame, { name: 'each column', facts: NO_FACTS }, ['min', 'max']);
  }
  return UNKNOWN;
}

/** survey: weighted statistics (by groups with `svyby`), with an unweighted count only when asked for. */
export function surveyCall(state: RState, call: RCall, evaluate: Evaluate): RValue {
  const args = positional(call.allArgs);
  const design = call.name === 'svyby' ? evaluate(argument(call.allArgs, 'design', 2)?.value) : evaluate(argument(call.allArgs, 'design', 1)?.value);
  const frame = frameOf(design);
  if (frame === undefined) return UNKNOWN;
  const span = spanOf(call.node);
  const measured = formulaTerms(args[0]?.value).terms.map((t) => columnName(contextFor(state, frame), t)).filter((n): n is string => n !== undefined);
  const kind: StatisticKind = call.name === 'svytotal' || call.name === 'svytable' ? (call.name === 'svytable' ? 'count' : 'sum') : call.name === 'svyquantile' ? 'percentile' : call.name === 'svyciprop' ? 'proportion' : 'mean';
  const of = measured.length > 0 ? resolveName(contextFor(state, frame), measured[0]!).facts : NO_FACTS;
  const columns: FrameColumn[] = [];
  let keys: FrameColumn[] = [];
  if (call.name === 'svyby') {
    keys = keysFrom(state, frame, formulaTerms(args[1]?.value).terms.map((t) => ({ value: t, node: t })));
    columns.push(...keys);
  }
  if (call.name === 'svytable') keys = keysFrom(state, frame, formulaTerms(args[0]?.value).terms.map((t) => ({ value: t, node: t })));
  columns.push({ name: measured[0] ?? 'estimate', span, facts: NO_FACTS, statistic: { kind, of, ofNames: measured, span, weighted: true } });
  if (call.allArgs.some((a) => a.value !== undefined && /unwtd\.count/.test(textOf(state.text, a.value)))) {
    columns.push({ name: 'counts', span, facts: NO_FACTS, statistic: { kind: 'count', of: NO_FACTS, ofNames: [], span } });
  }
  if (keys.length === 0) {
    const out = derive(state.builder, frame, { span, columns, columnsComplete: true, events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: [kind] }, { kind: 'weighted', span }] });
    return { kind: 'frame', frame: out };
  }
  return aggregateResult(state, call, { kind: 'frame', frame }, keys, call.name === 'svytable' ? [...keys, ...columns] : columns, [{ kind: 'weighted', span }]);
}

/** Residuals, fitted values and `augment()`: one value per record of the data the model was fitted on. */
export function modelValues(state: RState, call: RCall): RValue {
  const value = call.data;
  if (value.kind !== 'model') return UNKNOWN;
  const span = spanOf(call.node);
  const frame = value.frame !== undefined
    ? derive(state.builder, value.frame, { span, modelValues: true, grain: value.frame.grain === 'aggregate' ? 'aggregate' : 'record' })
    : addSource(state.builder, { span, grain: 'record', columns: [], columnsComplete: false, modelValues: true });
  return { kind: 'frame', frame };
}
