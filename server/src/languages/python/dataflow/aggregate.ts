/**
 * Aggregations in pandas: `groupby(…)` followed by `agg` (named, by dictionary, by list or by name), `size`,
 * `count`, `nunique`, `mean`, `sum`, `median`, `quantile`, `min`, `max`, `describe`; `value_counts`, `pd.crosstab`
 * and `pivot_table`; and statistics of a whole column (`df["earnings"].max()`). Each makes an aggregate frame whose
 * statistic columns say what they hold, so the same rules apply as to SQL `GROUP BY` and dplyr `summarise`.
 */
import { derive, findColumn } from '../../../dataflow/builder';
import { identifiesUnit, NO_FACTS } from '../../../dataflow/facts';
import { isCountColumn } from '../../../dataflow/lineage';
import type { ColumnStatistic, Frame, FrameColumn, FrameEvent, GuardInsertion, Span, StatisticKind } from '../../../dataflow/model';
import { field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { argument, isTrue, numberValue, operatorOf, type PyCall, readCall } from '../syntax/calls';
import { columnOf, contentSpan, namesOf, readColumn, reference, stringLiteral } from './columns';
import { type Evaluation, type PyValue, spanOf } from './state';

/** pandas aggregation names (and numpy functions passed as `aggfunc`) as statistic kinds. */
const STATISTICS: Readonly<Record<string, StatisticKind>> = {
  count: 'count', size: 'count', nunique: 'count', sum: 'sum', mean: 'mean', average: 'mean', median: 'median', min: 'min', max: 'max',
  std: 'sd', var: 'variance', quantile: 'percentile', percentile: 'percentile', first: 'other', last: 'other', mode: 'mode', prod: 'other',
  sem: 'sd', nanmean: 'mean', nansum: 'sum', nanmedian: 'median', nanmin: 'min', nanmax: 'max', amin: 'min', amax: 'max', len: 'count',
};

/** What `describe()` shows of a numeric column, by pandas' labels: the quartiles and median beside the extremes. */
const DESCRIBED: readonly (readonly [string, StatisticKind])[] = [
  ['count', 'count'], ['mean', 'mean'], ['std', 'sd'], ['min', 'min'], ['25%', 'percentile'], ['50%', 'median'], ['75%', 'percentile'], ['max', 'max'],
];

export const AGGREGATIONS = new Set(['agg', 'aggregate', 'size', 'count', 'nunique', 'sum', 'mean', 'median', 'min', 'max', 'std', 'var', 'quantile', 'describe', 'first', 'last', 'sem', 'prod']);

/** The statistic a function named in code stands for: `"mean"`, `np.mean`, `"count"`, `len`, `lambda s: s.mode().iloc[0]`. */
function statisticNamed(ev: Evaluation, node: PyNode | undefined): { kind: StatisticKind; name: string; distinct?: boolean; weighted?: boolean } | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  if (bare.type === 'lambda') {
    const reduction = lambdaReduction(ev, bare);
    return reduction !== undefined ? { kind: reduction.kind, name: reduction.name, ...(reduction.distinct ? { distinct: true } : {}), ...(reduction.weighted ? { weighted: true } : {}) } : undefined;
  }
  const text = ev.state.text;
  const literal = stringLiteral(ev.state, bare);
  const name = literal ?? (bare.type === 'identifier' ? text.slice(bare.start, bare.end)
    : bare.type === 'attribute' ? text.slice(field(bare, 'attribute')!.start, bare.end) : undefined);
  if (name === undefined) return undefined;
  const kind = STATISTICS[name];
  return kind !== undefined ? { kind, name, ...(name === 'nunique' ? { distinct: true } : {}) } : { kind: 'other', name };
}

/** What a lambda passed to `agg` or `apply` reduces each group to, when its body is one known reduction. */
export interface LambdaReduction {
  readonly kind: StatisticKind;
  readonly name: string;
  /** The column the reduction reads (`g["earnings"].mean()`), when the lambda's argument is a group frame. */
  readonly column?: string;
  readonly weighted?: boolean;
  readonly distinct?: boolean;
  /** The reduction's own code, where its statistic is computed. */
  readonly span: Span;
}

/**
 * `lambda s: s.mode().iloc[0]`, `lambda g: g["earnings"].median()`, `lambda g: np.average(g["x"], weights=g["w"])`,
 * `lambda s: len(s)`: the body reduces the group (or the group's column) to one value, so `agg` and `apply` make one
 * row per group holding that statistic. Any other body is not read, and the caller leaves the result open.
 */
export function lambdaReduction(ev: Evaluation, node: PyNode | undefined): LambdaReduction | undefined {
  const text = ev.state.text;
  const bare = unparen(node);
  if (bare?.type !== 'lambda') return undefined;
  const params = new Set(namedChildren(field(bare, 'parameters')).filter((p) => p.type === 'identifier').map((p) => text.slice(p.start, p.end)));
  if (params.size !== 1) return undefined;
  let body = unparen(field(bare, 'body'));
  // `….iloc[0]`, `…[0]`, `….values[0]`: the first of the values a reduction returns (a mode can return several).
  for (let guard = 0; guard < 4 && body?.type === 'subscript'; guard++) {
    const holder = unparen(field(body, 'value'));
    body = holder?.type === 'attribute' && /^(iloc|values|array|loc)$/.test(text.slice(field(holder, 'attribute')!.start, holder.end)) ? unparen(field(holder, 'object')) : holder;
  }
  const ratio = weightedSumRatio(ev, body, params);
  if (ratio !== undefined) return ratio;
  const call = readCall(text, body);
  if (call === undefined || body === undefined) return undefined;
  const span = spanOf(body);
  // The group itself or one of its columns: `s`, `g["x"]`, `g.x`.
  const readsGroup = (operand: PyNode | undefined): { column?: string } | undefined => {
    const inner = unparen(operand);
    if (inner === undefined) return undefined;
    if (inner.type === 'identifier') return params.has(text.slice(inner.start, inner.end)) ? {} : undefined;
    const column = readColumn(ev.state, inner, params);
    return column !== undefined ? { column } : undefined;
  };
  if (call.receiver !== undefined) {
    const group = readsGroup(call.receiver);
    const kind = STATISTICS[call.name];
    if (group !== undefined && kind !== undefined) {
      const level = call.name === 'quantile' ? numberValue(text, argument(call, 'q', 0)) : undefined;
      return { kind: level === 0.5 ? 'median' : kind, name: call.name, ...group, ...(call.name === 'nunique' ? { distinct: true } : {}), span };
    }
    // `np.average(g["x"], weights=g["w"])`, `np.mean(s)`, `np.percentile(s, 90)`.
    if (call.receiver.type !== 'identifier' || !/^(np|numpy)$/.test(text.slice(call.receiver.start, call.receiver.end))) return undefined;
  }
  const group = readsGroup(call.positional[0]);
  const kind = STATISTICS[call.name];
  if (group === undefined || kind === undefined) return undefined;
  const weighted = call.name === 'average' && argument(call, 'weights', 2) !== undefined;
  return { kind, name: call.name, ...group, ...(weighted ? { weighted: true } : {}), span };
}

/**
 * `(g["x"] * g["w"]).sum() / g["w"].sum()`: the weighted mean of `x`, written out. The sum in the denominator names
 * one of the two factors of the product, which is then the weight.
 */
function weightedSumRatio(ev: Evaluation, body: PyNode | undefined, params: ReadonlySet<string>): LambdaReduction | undefined {
  const text = ev.state.text;
  if (body?.type !== 'binary_operator' || operatorOf(text, body) !== '/') return undefined;
  const summed = (node: PyNode | undefined): PyNode | undefined => {
    const call = readCall(text, unparen(node));
    return call?.name === 'sum' && call.args.length === 0 && call.receiver !== undefined ? unparen(call.receiver) : undefined;
  };
  const product = summed(field(body, 'left'));
  const weight = summed(field(body, 'right'));
  if (product?.type !== 'binary_operator' || operatorOf(text, product) !== '*' || weight === undefined) return undefined;
  const weightName = readColumn(ev.state, weight, params);
  const factors = [field(product, 'left'), field(product, 'right')].map((f) => (f !== undefined ? readColumn(ev.state, unparen(f)!, params) : undefined));
  if (weightName === undefined || factors.some((f) => f === undefined) || !factors.includes(weightName)) return undefined;
  const column = factors[0] === weightName ? factors[1]! : factors[0]!;
  return { kind: 'mean', name: 'average', column, weighted: true, span: spanOf(body) };
}

/** A statistic column computed over `source` (a sum of counts is still a count). */
function statisticColumn(name: string, kind: StatisticKind, source: FrameColumn | undefined, span: Span, extra: Partial<ColumnStatistic> = {}): FrameColumn {
  const effective: StatisticKind = kind === 'sum' && source !== undefined && isCountColumn(source) ? 'count' : kind;
  const statistic: ColumnStatistic = { kind: effective, of: source?.facts ?? NO_FACTS, ofNames: source !== undefined ? [source.name] : [], span, ...extra };
  return { name, span, facts: NO_FACTS, statistic, statistics: [statistic] };
}

/** The grouping keys of `groupby(by)`, with references recorded. */
export function groupKeys(ev: Evaluation, frame: Frame, node: PyNode | undefined): FrameColumn[] | undefined {
  const names = namesOf(ev, node);
  if (names === undefined) return undefined;
  return names.map(({ name, span }) => {
    reference(ev.state, frame, name, span);
    return columnOf(ev.state, frame, name, span);
  });
}

/** Builds the aggregate frame with its event, and the place a minimum-count guard could go. */
export function aggregateFrame(ev: Evaluation, input: Frame, keys: readonly FrameColumn[], columns: readonly FrameColumn[], span: Span, complete: boolean, extra: readonly FrameEvent[] = [], insertionAt?: number): PyValue {
  const statistics = columns.filter((c) => c.statistic !== undefined);
  const aggregate: FrameEvent = { kind: 'aggregate', span, keys, perUnit: keys.some((k) => identifiesUnit(k.facts)), statistics: statistics.map((c) => c.statistic!.kind) };
  const count = statistics.find((c) => c.statistic!.kind === 'count')?.name;
  const insertion: GuardInsertion | undefined = count !== undefined && insertionAt !== undefined
    ? { at: insertionAt, template: `.loc[lambda t: t["${count}"] >= {threshold}]`, title: `Keep only cells with ${count} >= {threshold}` }
    : undefined;
  const frame = derive(ev.state.builder, input, {
    span,
    columns: [...keys, ...columns],
    columnsComplete: complete,
    events: [aggregate, ...extra],
    ...(insertion !== undefined ? { guardInsertion: insertion } : {}),
  });
  return { kind: 'frame', frame };
}

/** The columns an aggregation without a column list applies to: the selection, or every column but the keys. */
function targets(ev: Evaluation, value: PyValue & { kind: 'grouped' }): { columns: FrameColumn[]; complete: boolean } {
  if (value.selected !== undefined) return { columns: value.selected.map((n) => columnOf(ev.state, value.frame, n)), complete: true };
  const keyNames = new Set(value.keys.map((k) => k.name.toLowerCase()));
  return { columns: value.frame.columns.filter((c) => !keyNames.has(c.name.toLowerCase())), complete: value.frame.columnsComplete };
}

/** `grouped.agg(…)`, `grouped.size()`, `grouped.mean()` and the other reductions. */
/**
 * `grouped.apply(lambda g: np.average(g["x"], weights=g["w"]))`: a function that reduces each group to one value
 * gives one row per group, as an aggregation would; pandas names the values `0` until they are renamed.
 * Undefined when the function is not one known reduction (what `apply` returns then is not known).
 */
export function groupedApply(ev: Evaluation, value: PyValue & { kind: 'grouped' }, call: PyCall): PyValue | undefined {
  const reduction = lambdaReduction(ev, argument(call, 'func', 0));
  if (reduction === undefined) return undefined;
  const columnName = reduction.column ?? value.selected?.[0];
  if (columnName !== undefined && reduction.column !== undefined) reference(ev.state, value.frame, columnName, reduction.span);
  const source = columnName !== undefined ? columnOf(ev.state, value.frame, columnName) : undefined;
  const extra: Partial<ColumnStatistic> = { ...(reduction.weighted ? { weighted: true } : {}), ...(reduction.distinct ? { distinct: true } : {}) };
  // A selected column's values keep its name (`g["x"].apply(…)` is a Series named `x`); a frame's are unnamed.
  const name = value.selected?.length === 1 ? value.selected[0]! : '0';
  const column = { ...statisticColumn(name, reduction.kind, source, reduction.span, extra), span: reduction.span };
  return aggregateFrame(ev, value.frame, value.keys, [column], stepSpan(call), true);
}

/**
 * The code of one method in a chain, from its name to its closing parenthesis (`.apply(…)` in
 * `df.groupby("a")\n.apply(…)`), where a finding about that step belongs.
 */
export function stepSpan(call: PyCall): Span {
  const fn = unparen(field(call.node, 'function'));
  const name = fn?.type === 'attribute' ? field(fn, 'attribute') : undefined;
  return name !== undefined ? { start: name.start, end: call.node.end } : spanOf(call.node);
}

export function groupedCall(ev: Evaluation, value: PyValue & { kind: 'grouped' }, call: PyCall): PyValue {
  const span = spanOf(call.node);
  const frame = value.frame;
  const keys = value.keys;
  const state = ev.state;
  if (call.name === 'size') return aggregateFrame(ev, frame, keys, [statisticColumn('size', 'count', undefined, span)], span, true, [], undefined);
  if (call.name === 'describe') {
    const { columns, complete } = targets(ev, value);
    const stats = columns.flatMap((c) => DESCRIBED.map(([label, kind]) => statisticColumn(`${c.name}_${label}`, kind, c, span)));
    // `describe` makes two-level column names (column, statistic), which this model does not spell.
    void complete;
    return aggregateFrame(ev, frame, keys, stats, span, false);
  }
  if (call.name === 'agg' || call.name === 'aggregate') return aggCall(ev, value, call, span);
  const kind = STATISTICS[call.name] ?? 'other';
  const { columns, complete } = targets(ev, value);
  const level = call.name === 'quantile' ? numberValue(state.text, argument(call, 'q', 0)) : undefined;
  const effective: StatisticKind = call.name === 'quantile' && level === 0.5 ? 'median' : kind;
  const stats = columns.map((c) => statisticColumn(c.name, effective, c, span, call.name === 'nunique' ? { distinct: true } : {}));
  return aggregateFrame(ev, frame, keys, stats, span, complete, [], undefined);
}

function statisticExtra(statistic: { distinct?: boolean; weighted?: boolean } | undefined): Partial<ColumnStatistic> {
  return { ...(statistic?.distinct ? { distinct: true } : {}), ...(statistic?.weighted ? { weighted: true } : {}) };
}

function aggCall(ev: Evaluation, value: PyValue & { kind: 'grouped' }, call: PyCall, span: Span): PyValue {
  const state = ev.state;
  const frame = value.frame;
  const columns: FrameColumn[] = [];
  let complete = true;
  // Named aggregation: `n=("pupil", "count")`, `n=pd.NamedAgg(column="pupil", aggfunc="count")`.
  for (const arg of call.args) {
    if (arg.name === undefined) continue;
    const tuple = unparen(arg.value);
    let columnNode: PyNode | undefined;
    let fnNode: PyNode | undefined;
    if (tuple?.type === 'tuple') [columnNode, fnNode] = namedChildren(tuple);
    else {
      const named = readCall(state.text, tuple);
      if (named?.name === 'NamedAgg') {
        columnNode = argument(named, 'column', 0);
        fnNode = argument(named, 'aggfunc', 1);
      } else if (value.selected !== undefined) fnNode = tuple;
    }
    const sourceName = columnNode !== undefined ? stringLiteral(state, columnNode) : value.selected?.[0];
    if (sourceName !== undefined && columnNode !== undefined) reference(state, frame, sourceName, contentSpan(unparen(columnNode)!));
    const source = sourceName !== undefined ? columnOf(state, frame, sourceName) : undefined;
    const statistic = statisticNamed(ev, fnNode);
    columns.push(statisticColumn(arg.name, statistic?.kind ?? 'other', source, spanOf(arg.node), statisticExtra(statistic)));
  }
  const first = call.positional[0];
  const bare = unparen(first);
  if (bare?.type === 'dictionary') {
    for (const pair of namedChildren(bare)) {
      if (pair.type !== 'pair') {
        complete = false;
        continue;
      }
      const keyNode = field(pair, 'key');
      const name = stringLiteral(state, keyNode);
      if (name === undefined) {
        complete = false;
        continue;
      }
      reference(state, frame, name, contentSpan(unparen(keyNode)!));
      const source = columnOf(state, frame, name);
      const fns = unparen(field(pair, 'value'));
      const list = fns?.type === 'list' || fns?.type === 'tuple' ? namedChildren(fns) : fns !== undefined ? [fns] : [];
      // Several functions for one column make two-level column names, which this model does not spell.
      if (list.length > 1) complete = false;
      for (const fn of list) {
        const statistic = statisticNamed(ev, fn);
        columns.push(statisticColumn(list.length > 1 ? `${name}_${statistic?.name ?? 'value'}` : name, statistic?.kind ?? 'other', source, spanOf(pair), statisticExtra(statistic)));
      }
    }
  } else if (bare !== undefined) {
    const fns = bare.type === 'list' || bare.type === 'tuple' ? namedChildren(bare) : [bare];
    const over = targets(ev, value);
    complete = over.complete && fns.length === 1;
    for (const source of over.columns) {
      for (const fn of fns) {
        const statistic = statisticNamed(ev, fn);
        columns.push(statisticColumn(fns.length > 1 ? `${source.name}_${statistic?.name ?? 'value'}` : source.name, statistic?.kind ?? 'other', source, span, statisticExtra(statistic)));
      }
    }
  }
  if (call.splat) complete = false;
  return aggregateFrame(ev, frame, value.keys, columns, span, complete, [], call.node.end);
}

/** `df["col"].value_counts()`, `df.value_counts(["a", "b"])`: a count for each value. */
export function valueCounts(ev: Evaluation, frame: Frame, keys: readonly FrameColumn[], call: PyCall): PyValue {
  const span = spanOf(call.node);
  const normalised = isTrue(ev.state.text, argument(call, 'normalize'));
  const column = statisticColumn(normalised ? 'proportion' : 'count', normalised ? 'proportion' : 'count', undefined, span);
  // The count column is `count` from pandas 2 and unnamed (`0`, or the key's name) before: its name is left open.
  return aggregateFrame(ev, frame, keys, [column], span, false);
}

/** `pd.crosstab(df.a, df.b, margins=True)`: counts (or a statistic of `values`) for every combination. */
export function crosstab(ev: Evaluation, call: PyCall): PyValue {
  const span = spanOf(call.node);
  const parts = [argument(call, 'index', 0), argument(call, 'columns', 1)].flatMap((node) => {
    const bare = unparen(node);
    return bare?.type === 'list' ? namedChildren(bare) : bare !== undefined ? [bare] : [];
  });
  let frame: Frame | undefined;
  const keys: FrameColumn[] = [];
  for (const part of parts) {
    const value = ev.evaluate(part);
    if (value.kind !== 'column') return { kind: 'unknown' };
    frame ??= value.frame;
    keys.push({ ...value.column, span: spanOf(part) });
  }
  if (frame === undefined) return { kind: 'unknown' };
  const valuesNode = argument(call, 'values');
  const values = valuesNode !== undefined ? ev.evaluate(valuesNode) : undefined;
  const statistic = statisticNamed(ev, argument(call, 'aggfunc'));
  const cell = values?.kind === 'column' && statistic !== undefined
    ? statisticColumn(values.column.name, statistic.kind, values.column, span)
    : statisticColumn(isTrue(ev.state.text, argument(call, 'normalize')) ? 'proportion' : 'count', isTrue(ev.state.text, argument(call, 'normalize')) ? 'proportion' : 'count', undefined, span);
  const extra: FrameEvent[] = [];
  if (keys.length >= 2) extra.push({ kind: 'zero-fill', span });
  if (isTrue(ev.state.text, argument(call, 'margins'))) extra.push({ kind: 'totals', span: spanOf(call.args.find((a) => a.name === 'margins')!.node) });
  return aggregateFrame(ev, frame, keys, [cell], span, true, extra);
}

/** `df.pivot_table(values="earnings", index="region", columns="sex", aggfunc="median", margins=True)`. */
export function pivotTable(ev: Evaluation, frame: Frame, call: PyCall, dataIsFirst: boolean): PyValue {
  const state = ev.state;
  const span = spanOf(call.node);
  const shift = dataIsFirst ? 1 : 0;
  const index = groupKeys(ev, frame, argument(call, 'index', 1 + shift)) ?? [];
  const across = groupKeys(ev, frame, argument(call, 'columns', 2 + shift)) ?? [];
  const valueNames = namesOf(ev, argument(call, 'values', shift));
  for (const v of valueNames ?? []) reference(state, frame, v.name, v.span);
  // A table pivoted on exactly its own keys has one row behind each cell: `aggfunc` only moves the values, so the
  // cells keep their statistics, guards and rounding, and no new aggregation starts.
  if (sameKeys(frame, [...index, ...across])) return { kind: 'frame', frame: spreadTable(ev, frame, across, valueNames?.map((v) => v.name), call, 'fill_value') };
  const statistic = statisticNamed(ev, argument(call, 'aggfunc', 3 + shift)) ?? { kind: 'mean' as StatisticKind, name: 'mean' };
  const sources = valueNames !== undefined ? valueNames.map((v) => columnOf(state, frame, v.name)) : [];
  const columns = sources.length > 0 ? sources.map((s) => statisticColumn(s.name, statistic.kind, s, span)) : [statisticColumn(statistic.name, statistic.kind, undefined, span)];
  const extra: FrameEvent[] = [];
  const margins = call.args.find((a) => a.name === 'margins');
  if (margins !== undefined && isTrue(state.text, margins.value)) extra.push({ kind: 'totals', span: spanOf(margins.node) });
  const fill = call.args.find((a) => a.name === 'fill_value');
  if (fill !== undefined && numberValue(state.text, fill.value) === 0) extra.push({ kind: 'zero-fill', span: spanOf(fill.node) });
  return aggregateFrame(ev, frame, [...index, ...across], columns, span, valueNames !== undefined || sources.length === 0, extra);
}

/** True when `keys` are the grouping keys of an aggregated frame, in any order. */
function sameKeys(frame: Frame, keys: readonly FrameColumn[]): boolean {
  if (frame.grain !== 'aggregate' || frame.groupKeys.length === 0 || keys.length !== frame.groupKeys.length) return false;
  const own = new Set(frame.groupKeys.map((k) => k.name.toLowerCase()));
  return keys.every((k) => own.has(k.name.toLowerCase()));
}

/**
 * A table spread wide on some of its keys (`unstack()`, `pivot`, a `pivot_table` on its own keys): the values of
 * `across` become column names, which the code does not spell, so the value columns stand for the spread ones
 * (as R's `pivot_wider` does) and the columns are left open. The grouping and the history are the table's; a
 * `fill_value` of 0 writes zeros into the empty cells.
 */
export function spreadTable(ev: Evaluation, frame: Frame, across: readonly FrameColumn[], valueNames: readonly string[] | undefined, call: PyCall, fillName: string): Frame {
  const span = spanOf(call.node);
  const spread = new Set(across.map((k) => k.name.toLowerCase()));
  const keyNames = new Set(frame.groupKeys.map((k) => k.name.toLowerCase()));
  const wanted = valueNames !== undefined ? new Set(valueNames.map((n) => n.toLowerCase())) : undefined;
  const columns = frame.columns.filter((c) => !spread.has(c.name.toLowerCase())
    && (keyNames.has(c.name.toLowerCase()) || wanted === undefined || wanted.has(c.name.toLowerCase())));
  const events: FrameEvent[] = [];
  const fill = call.args.find((a) => a.name === fillName);
  if (fill !== undefined && numberValue(ev.state.text, fill.value) === 0) events.push({ kind: 'zero-fill', span: spanOf(fill.node) });
  const margins = call.args.find((a) => a.name === 'margins');
  if (margins !== undefined && isTrue(ev.state.text, margins.value)) events.push({ kind: 'totals', span: spanOf(margins.node) });
  return derive(ev.state.builder, frame, { span, columns, columnsComplete: false, events });
}

/** A statistic of one column of record-level data (`df["earnings"].max()`): one row, no keys. */
export function columnStatistic(ev: Evaluation, frame: Frame, column: FrameColumn, call: PyCall): PyValue {
  const span = spanOf(call.node);
  if (frame.grain !== 'record') return { kind: 'unknown' };
  if (call.name === 'describe') {
    // `describe()` of numbers shows eight statistics, each labelled: count, mean, std, min, 25%, 50%, 75% and max.
    const described = DESCRIBED.map(([label, kind]): FrameColumn => {
      const statistic: ColumnStatistic = { kind, of: column.facts, ofNames: [column.name], span };
      return { name: label, span, facts: NO_FACTS, statistic, statistics: [statistic] };
    });
    const kindsShown = DESCRIBED.map(([, kind]) => kind);
    const out = derive(ev.state.builder, frame, { span, columns: described, columnsComplete: true, events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: kindsShown }] });
    return { kind: 'frame', frame: out };
  }
  let kinds: StatisticKind[];
  if (call.name === 'quantile') kinds = [numberValue(ev.state.text, argument(call, 'q', 0)) === 0.5 ? 'median' : 'percentile'];
  else kinds = [STATISTICS[call.name] ?? 'other'];
  const statistics: ColumnStatistic[] = kinds.map((kind) => ({ kind, of: column.facts, ofNames: [column.name], span }));
  const stat: FrameColumn = { name: `${call.name}(${column.name})`, span, facts: NO_FACTS, statistic: statistics[0]!, statistics };
  const out = derive(ev.state.builder, frame, { span, columns: [stat], columnsComplete: true, events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: kinds }] });
  return { kind: 'frame', frame: out };
}

/**
 * `df[["p8", "att8"]].agg(["min", "max"])`, `df["earnings"].agg("median")`, `df.agg({"p8": "max"})` on
 * record-level data: each function of each column over every record, one ungrouped table. Undefined when the
 * functions are not written as names (a function of unknown effect).
 */
export function recordAgg(ev: Evaluation, frame: Frame, only: FrameColumn | undefined, call: PyCall): PyValue | undefined {
  if (frame.grain !== 'record') return undefined;
  const span = spanOf(call.node);
  const spec = unparen(argument(call, 'func', 0));
  if (spec === undefined) return undefined;
  const pairs: { column: FrameColumn; fns: PyNode[] }[] = [];
  const listed = (node: PyNode): PyNode[] => (node.type === 'list' || node.type === 'tuple' ? namedChildren(node) : [node]);
  if (spec.type === 'dictionary') {
    for (const pair of namedChildren(spec)) {
      const keyNode = field(pair, 'key');
      const name = stringLiteral(ev.state, keyNode);
      const fns = unparen(field(pair, 'value'));
      if (name === undefined || fns === undefined) return undefined;
      reference(ev.state, frame, name, contentSpan(unparen(keyNode)!));
      pairs.push({ column: columnOf(ev.state, frame, name), fns: listed(fns) });
    }
  } else {
    const columns = only !== undefined ? [only] : frame.columnsComplete ? frame.columns : [{ name: 'each column', facts: NO_FACTS }];
    for (const column of columns) pairs.push({ column, fns: listed(spec) });
  }
  const out: FrameColumn[] = [];
  for (const { column, fns } of pairs) {
    for (const fn of fns) {
      const statistic = statisticNamed(ev, fn);
      if (statistic === undefined) return undefined;
      const stat: ColumnStatistic = { kind: statistic.kind, of: column.facts, ofNames: [column.name], span };
      out.push({ name: `${column.name}_${statistic.name}`, span, facts: NO_FACTS, statistic: stat, statistics: [stat] });
    }
  }
  if (out.length === 0) return undefined;
  const kinds = out.map((c) => c.statistic!.kind);
  return { kind: 'frame', frame: derive(ev.state.builder, frame, { span, columns: out, columnsComplete: false, events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: kinds }] }) };
}

/** `df.describe()` of record-level data shows minima and maxima of every numeric column. */
export function describeFrame(ev: Evaluation, frame: Frame, call: PyCall): PyValue {
  if (frame.grain !== 'record') return { kind: 'frame', frame: derive(ev.state.builder, frame, { span: spanOf(call.node) }) };
  return columnStatistic(ev, frame, { name: 'each column', facts: NO_FACTS }, call);
}

export { findColumn };
