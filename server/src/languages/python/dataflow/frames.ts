/**
 * pandas steps that reshape a frame without aggregating it: selections, filters, new and renamed columns,
 * dropped columns, joins and stacking, and the guards written as filters or value suppression.
 */
import { combine, derive, findColumn } from '../../../dataflow/builder';
import { NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, Frame, FrameColumn, FrameEvent, Span } from '../../../dataflow/model';
import { unionFrames } from '../../../dataflow/union';
import { descendants, field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { argument, numberValue, operatorOf, type PyCall, readCall } from '../syntax/calls';
import { columnOf, contentSpan, namesOf, readColumn, reference, stringLiteral } from './columns';
import { conditionEvents, roundingOf, suppressionTest } from './guards';
import { type Evaluation, type PyValue, spanOf } from './state';

/** A new frame with the columns listed, in that order (a selection). */
export function selectColumns(ev: Evaluation, frame: Frame, names: readonly { name: string; span: Span }[], span: Span): Frame {
  const columns = names.map(({ name, span: at }) => {
    reference(ev.state, frame, name, at);
    return columnOf(ev.state, frame, name);
  });
  return derive(ev.state.builder, frame, { span, columns, columnsComplete: true });
}

/** A row filter, with its guards and population filters as events. */
export function filterRows(ev: Evaluation, frame: Frame, condition: PyNode, frameNames: ReadonlySet<string>, span: Span): Frame {
  const events = conditionEvents(ev.state, frame, condition, frameNames);
  return derive(ev.state.builder, frame, { span, events });
}

/** The parameter names of a lambda (`lambda t: …`), which stand for the frame in its body, and the body. */
export function lambdaParams(text: string, node: PyNode | undefined): { params: Set<string>; body: PyNode } | undefined {
  const bare = unparen(node);
  if (bare?.type !== 'lambda') return undefined;
  const body = field(bare, 'body');
  const list = field(bare, 'parameters');
  const params = new Set<string>();
  for (const p of namedChildren(list)) if (p.type === 'identifier') params.add(text.slice(p.start, p.end));
  return body !== undefined ? { params, body } : undefined;
}

export interface ColumnResult {
  readonly column: FrameColumn;
  readonly events: FrameEvent[];
}

/**
 * The column an expression makes, named `name`: a copy of the column it reads, a rounding or a suppression of one,
 * or a value computed from statistic columns (which carries their statistic, as a proportion when divided).
 */
export function columnFromExpression(ev: Evaluation, frame: Frame, name: string, node: PyNode, frameNames: ReadonlySet<string>, span: Span, listed = false): ColumnResult {
  const state = ev.state;
  const events: FrameEvent[] = [];
  let inner: PyNode = node;
  let rounding: FrameColumn['rounding'];
  let suppression: FrameColumn['suppression'];
  for (let guard = 0; guard < 8; guard++) {
    const lambda = lambdaParams(state.text, inner);
    if (lambda !== undefined) {
      frameNames = new Set([...frameNames, ...lambda.params]);
      inner = lambda.body;
      continue;
    }
    const rounded = roundingOf(state, inner);
    if (rounded !== undefined) {
      rounding = rounded.rounding;
      events.push({ kind: 'round', span: rounded.rounding.span, base: rounded.rounding.base, columns: [name], ...(rounded.rounding.trusted ? { trusted: true } : {}) });
      inner = rounded.inner;
      continue;
    }
    const suppressed = suppressionOf(ev, frame, inner, frameNames);
    if (suppressed !== undefined) {
      suppression = { span: suppressed.span, ...(suppressed.threshold !== undefined ? { threshold: suppressed.threshold } : {}) };
      events.push({ kind: 'suppress', span: suppressed.span, ...(suppressed.threshold !== undefined ? { threshold: suppressed.threshold } : {}), columns: [name] });
      inner = suppressed.inner;
      continue;
    }
    const call = readCall(state.text, unparen(inner));
    if (call !== undefined && call.receiver !== undefined && ['astype', 'fillna', 'copy', 'abs'].includes(call.name)) {
      inner = call.receiver;
      continue;
    }
    break;
  }
  const extras: { rounding?: FrameColumn['rounding']; suppression?: FrameColumn['suppression'] } = {
    ...(rounding !== undefined ? { rounding } : {}), ...(suppression !== undefined ? { suppression } : {}),
  };
  // In `t[["a", "b"]] = (t[["a", "b"]] / 5).round() * 5` each listed column is made from its own column.
  const read = readColumn(state, inner, frameNames) ?? (listed && listsColumn(state, inner, frameNames, name) ? name : undefined);
  if (read !== undefined) {
    const base = columnOf(state, frame, read);
    return { column: { ...base, name, span, ...extras }, events };
  }
  const stats: ColumnStatistic[] = [];
  let operandSuppression: FrameColumn['suppression'];
  for (const sub of descendants(inner)) {
    const ref = readColumn(state, sub, frameNames);
    const column = ref !== undefined ? findColumn(frame, ref) : undefined;
    if (column?.statistic !== undefined) stats.push(column.statistic);
    operandSuppression ??= column?.suppression;
  }
  // Arithmetic on a blanked cell gives a blank (NaN propagates), so a share of suppressed counts is suppressed where
  // they are; a fill of the blanks first (`fillna(0)`) undoes that.
  if (suppression === undefined && operandSuppression !== undefined && !refills(state.text, inner)) extras.suppression = operandSuppression;
  if (stats.length > 0) {
    const divided = [...descendants(inner)].some((n) => n.type === 'binary_operator' && operatorOf(state.text, n) === '/');
    // A share is a new statistic, made here; a statistic only scaled or shifted (`100 * mean`) is still the one
    // computed where it was, and findings about it stay there.
    const statistic = divided ? { ...stats[0]!, kind: 'proportion' as const, span: spanOf(inner) } : stats[0]!;
    return { column: { name, span, facts: NO_FACTS, statistic, statistics: stats, ...extras }, events };
  }
  return { column: { name, span, facts: state.facts.column(undefined, name), ...extras }, events };
}

/** True when the expression is `t[[…]]` of one of the frame's names, with `name` among the listed columns. */
function listsColumn(state: Evaluation['state'], node: PyNode, frameNames: ReadonlySet<string>, name: string): boolean {
  const expr = unparen(node);
  if (expr?.type !== 'subscript') return false;
  const object = unparen(field(expr, 'value'));
  const index = namedChildren(expr).filter((c) => c.field === 'subscript');
  if (object?.type !== 'identifier' || !frameNames.has(state.text.slice(object.start, object.end)) || index.length !== 1) return false;
  const list = unparen(index[0]);
  if (list?.type !== 'list') return false;
  return namedChildren(list).some((item) => stringLiteral(state, item)?.toLowerCase() === name.toLowerCase());
}

const REFILLS = new Set(['fillna', 'nan_to_num', 'combine_first', 'replace']);

/** True when the expression fills blanks back in (`fillna`, `np.nan_to_num`, `combine_first`). */
function refills(text: string, node: PyNode): boolean {
  return descendants(node).some((n) => REFILLS.has(readCall(text, n)?.name ?? ''));
}

/** `x.where(x >= 10)`, `x.mask(x < 10)`, `np.where(x < 10, np.nan, x)`: the suppressed expression and its threshold. */
function suppressionOf(ev: Evaluation, frame: Frame, node: PyNode, frameNames: ReadonlySet<string>): { span: Span; threshold?: number; inner: PyNode } | undefined {
  const call = readCall(ev.state.text, unparen(node));
  if (call === undefined) return undefined;
  if ((call.name === 'where' || call.name === 'mask') && call.receiver !== undefined && !isNumpy(ev, call.receiver)) {
    const condition = argument(call, 'cond', 0);
    const test = suppressionTest(ev.state, frame, lambdaParams(ev.state.text, condition)?.body ?? condition, new Set([...frameNames, ...(lambdaParams(ev.state.text, condition)?.params ?? [])]), call.name === 'where');
    return test !== undefined ? { span: test.span, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), inner: call.receiver } : undefined;
  }
  if (call.name === 'where' && call.positional.length === 3) {
    const [condition, yes, no] = call.positional;
    const below = suppressionTest(ev.state, frame, condition, frameNames, false);
    if (below !== undefined && isBlank(ev, yes)) return { span: below.span, ...(below.threshold !== undefined ? { threshold: below.threshold } : {}), inner: no! };
    const above = suppressionTest(ev.state, frame, condition, frameNames, true);
    if (above !== undefined && isBlank(ev, no)) return { span: above.span, ...(above.threshold !== undefined ? { threshold: above.threshold } : {}), inner: yes! };
  }
  return undefined;
}

function isNumpy(ev: Evaluation, node: PyNode): boolean {
  const text = ev.state.text.slice(node.start, node.end);
  return text === 'np' || text === 'numpy';
}

/** `np.nan`, `None`, `pd.NA`, `"<10"`, `"c"`: what a suppressed cell is replaced with. */
export function isBlank(ev: Evaluation, node: PyNode | undefined): boolean {
  if (node === undefined) return false;
  const text = ev.state.text.slice(node.start, node.end).trim();
  return /^(?:np\.nan|numpy\.nan|np\.NaN|None|pd\.NA|float\(["']nan["']\)|math\.nan)$/.test(text) || /^[rbuRBU]?["'][^"']{0,6}["']$/.test(text);
}

/** `df.assign(rate=lambda t: t.n / t.total)`: new columns, each read like a column expression. */
export function assignColumns(ev: Evaluation, frame: Frame, call: PyCall): Frame {
  let columns = [...frame.columns];
  const events: FrameEvent[] = [];
  for (const arg of call.args) {
    if (arg.name === undefined) continue;
    const working: Frame = { ...frame, columns };
    const result = columnFromExpression(ev, working, arg.name, arg.value, new Set(), spanOf(arg.node));
    columns = [...columns.filter((c) => c.name.toLowerCase() !== arg.name!.toLowerCase()), result.column];
    events.push(...result.events);
  }
  return derive(ev.state.builder, frame, { span: spanOf(call.node), columns, ...(call.splat ? { columnsComplete: false } : {}), events });
}

/** `df.rename(columns={"a": "b"})`; a renaming function or non-constant mapping makes the columns unknown. */
export function renameColumns(ev: Evaluation, frame: Frame, call: PyCall): Frame {
  const span = spanOf(call.node);
  // `series.rename("share")` names a Series (a DataFrame's rename takes a mapping or a function, never a string):
  // here the one statistic of a grouped result, beside its keys.
  const newName = stringLiteral(ev.state, call.positional[0]);
  if (newName !== undefined && call.args.length === 1) {
    const values = frame.columns.filter((c) => !frame.groupKeys.some((k) => k.name.toLowerCase() === c.name.toLowerCase()));
    if (values.length !== 1 || values[0]!.statistic === undefined) return derive(ev.state.builder, frame, { span, columnsComplete: false });
    const at = contentSpan(unparen(call.positional[0])!);
    return derive(ev.state.builder, frame, { span, columns: frame.columns.map((c) => (c === values[0] ? { ...c, name: newName, span: at } : c)), columnsComplete: frame.columnsComplete });
  }
  const mapping = unparen(argument(call, 'columns') ?? (argument(call, 'axis') !== undefined ? call.positional[0] : undefined));
  if (mapping?.type !== 'dictionary') {
    if (mapping === undefined && argument(call, 'index') !== undefined) return frame;
    return derive(ev.state.builder, frame, { span, columnsComplete: false });
  }
  const renames = new Map<string, { to: string; span: Span }>();
  let complete = frame.columnsComplete;
  for (const pair of namedChildren(mapping)) {
    const from = stringLiteral(ev.state, field(pair, 'key'));
    const to = stringLiteral(ev.state, field(pair, 'value'));
    if (from === undefined || to === undefined) {
      complete = false;
      continue;
    }
    renames.set(from.toLowerCase(), { to, span: contentSpan(unparen(field(pair, 'value'))!) });
  }
  const columns = frame.columns.map((c) => {
    const rename = renames.get(c.name.toLowerCase());
    return rename !== undefined ? { ...c, name: rename.to, span: rename.span } : c;
  });
  return derive(ev.state.builder, frame, { span, columns, columnsComplete: complete });
}

/** `df.drop(columns=["a"])`, `df.drop(["a"], axis=1)`; dropping rows (`drop(index=…)`) keeps the columns. */
export function dropColumns(ev: Evaluation, frame: Frame, call: PyCall): Frame {
  const span = spanOf(call.node);
  const axis = argument(call, 'axis');
  const axisText = axis !== undefined ? ev.state.text.slice(axis.start, axis.end) : undefined;
  const node = argument(call, 'columns') ?? (axisText === '1' || axisText === '"columns"' || axisText === "'columns'" ? argument(call, 'labels', 0) : undefined);
  if (node === undefined) return derive(ev.state.builder, frame, { span });
  const names = namesOf(ev, node);
  if (names === undefined) return derive(ev.state.builder, frame, { span, columnsComplete: false });
  const errors = ev.state.text.slice(call.node.start, call.node.end).includes('errors="ignore"') || ev.state.text.slice(call.node.start, call.node.end).includes("errors='ignore'");
  if (!errors) for (const n of names) reference(ev.state, frame, n.name, n.span);
  const dropped = new Set(names.map((n) => n.name.toLowerCase()));
  return derive(ev.state.builder, frame, { span, columns: frame.columns.filter((c) => !dropped.has(c.name.toLowerCase())) });
}

/** `a.merge(b, on="EduKey")`, `pd.merge(a, b, left_on=…, right_on=…)`, `a.join(b)`: the columns of both, keys once. */
export function mergeFrames(ev: Evaluation, left: Frame, right: PyValue, call: PyCall): PyValue {
  const span = spanOf(call.node);
  if (right.kind !== 'frame' && right.kind !== 'column') return { kind: 'frame', frame: derive(ev.state.builder, left, { span, columnsComplete: false }) };
  const other = right.kind === 'column' ? derive(ev.state.builder, right.frame, { span: right.column.span ?? span, columns: [right.column], columnsComplete: true }) : right.frame;
  const on = namesOf(ev, argument(call, 'on'));
  const leftOn = namesOf(ev, argument(call, 'left_on')) ?? on;
  const rightOn = namesOf(ev, argument(call, 'right_on')) ?? on;
  for (const n of leftOn ?? []) reference(ev.state, left, n.name, n.span);
  for (const n of rightOn ?? []) reference(ev.state, other, n.name, n.span);
  // pandas matches column names exactly: `EDUKEY` and `Edukey` are two columns of the result.
  const shared = new Set((on ?? []).map((n) => n.name));
  const leftNames = new Set(left.columns.map((c) => c.name));
  const columns = [...left.columns, ...other.columns.filter((c) => !shared.has(c.name) && !leftNames.has(c.name))];
  if (argument(call, 'indicator') !== undefined) columns.push({ name: '_merge', span: spanOf(call.node), facts: {} });
  // Columns both sides have and that are not keys get suffixes (`_x`, `_y`): which names result is left open.
  const clash = other.columns.some((c) => !shared.has(c.name) && leftNames.has(c.name));
  const uses = [...(leftOn ?? []), ...(rightOn ?? [])].map((n) => ({ name: n.name, facts: columnOf(ev.state, left, n.name).facts, span: n.span }));
  const frame = combine(ev.state.builder, [left, other], { span, columns, columnsComplete: left.columnsComplete && other.columnsComplete && !clash, uses });
  return { kind: 'frame', frame };
}

/** `pd.concat([a, b])` stacks rows (a table with its total row adds totals); `axis=1` puts columns side by side. */
export function concatFrames(ev: Evaluation, call: PyCall): PyValue {
  const list = unparen(argument(call, 'objs', 0));
  if (list?.type !== 'list' && list?.type !== 'tuple') return { kind: 'unknown' };
  const frames: Frame[] = [];
  for (const item of namedChildren(list)) {
    const value = ev.evaluate(item);
    if (value.kind !== 'frame') return { kind: 'unknown' };
    frames.push(value.frame);
  }
  const span = spanOf(call.node);
  const axis = argument(call, 'axis');
  if (axis !== undefined && /^(1|["']columns["'])$/.test(ev.state.text.slice(axis.start, axis.end))) {
    return { kind: 'frame', frame: combine(ev.state.builder, frames, { span }) };
  }
  if (frames.length === 0) return { kind: 'unknown' };
  const complete = frames.every((f) => f.columnsComplete);
  const names = new Map<string, FrameColumn>();
  for (const f of frames) for (const c of f.columns) if (!names.has(c.name.toLowerCase())) names.set(c.name.toLowerCase(), c);
  const stacked = unionFrames(ev.state.builder, frames, span, ev.state.config.parameters);
  const frame = stacked === frames[0] ? stacked : derive(ev.state.builder, stacked, { span, columns: [...names.values()], columnsComplete: complete });
  return { kind: 'frame', frame };
}

/** `t.sum()` of an aggregated table: the total of each column, a less grouped table that a total row is made from. */
export function totalsRow(ev: Evaluation, frame: Frame, call: PyCall): Frame {
  const span = spanOf(call.node);
  const columns = frame.columns.filter((c) => c.statistic !== undefined);
  return derive(ev.state.builder, frame, {
    span,
    columns,
    columnsComplete: frame.columnsComplete,
    events: [{ kind: 'aggregate', span, keys: [], perUnit: false, statistics: columns.map((c) => c.statistic!.kind) }],
    groupKeys: [],
  });
}

/** `df.round(-1)`: every numeric column rounded; the base is a power of ten. */
export function roundFrame(ev: Evaluation, frame: Frame, call: PyCall): Frame {
  const digits = numberValue(ev.state.text, argument(call, 'decimals', 0)) ?? 0;
  const span = spanOf(call.node);
  const base = digits < 0 ? 10 ** -digits : 1;
  return derive(ev.state.builder, frame, { span, events: [{ kind: 'round', span, base }] });
}

/** `t.where(t["n"] >= 10)`, `t.mask(t.n < 10)`: cells of small counts blanked across the frame. */
export function suppressFrame(ev: Evaluation, frame: Frame, call: PyCall, frameNames: ReadonlySet<string>): Frame {
  const span = spanOf(call.node);
  const condition = argument(call, 'cond', 0);
  const lambda = lambdaParams(ev.state.text, condition);
  const test = suppressionTest(ev.state, frame, lambda?.body ?? condition, lambda !== undefined ? new Set([...frameNames, ...lambda.params]) : frameNames, call.name === 'where');
  if (test === undefined) return derive(ev.state.builder, frame, { span });
  return derive(ev.state.builder, frame, { span, events: [{ kind: 'suppress', span: test.span, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}) }] });
}
