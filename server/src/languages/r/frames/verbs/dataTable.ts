/**
 * data.table's `dt[i, j, by]`: `i` filters (or joins), `j` computes (`.(…)`, `list(…)`, `.N`,
 * `lapply(.SD, f)`) or assigns in place with `:=`, and `by`/`keyby` group. All three are evaluated
 * with the table's columns in scope. Also `setnames()` and the other in-place `set*` helpers.
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { type ArgInfo, nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../../syntax/calls';
import { constantValue } from '../../syntax/pieces';
import { decodeString, identifierName } from '../../syntax/strings';
import { findColumn } from '../builder';
import type { Evaluator } from '../evaluator';
import { column, like, pick, removeColumns, renamed, upsertColumns } from '../frameOps';
import type { Handler } from '../invocation';
import { maskedExpression, maskedName } from '../masking';
import type { Frame, FrameColumn, Span } from '../model';
import { rStatistic } from '../statistics';
import { UNKNOWN, type Value } from '../values';
import { comparisonsIn, deriveNamed } from './common';
import { stringColumns } from './extract';

export function dataTableSubset(ev: Evaluator, node: RNode, target: RNode | undefined, argumentsNode: RNode, frame: Frame, args: readonly ArgInfo[]): Value {
  const span = { start: node.start, end: node.end };
  const closed = argumentsNode.children[argumentsNode.children.length - 1];
  const end = closed && !closed.missing && closed.type === ']' ? closed.start : argumentsNode.end;
  ev.builder.site({ start: argumentsNode.start + 1, end, frame, form: 'names' });
  const positional = args.filter((arg) => arg.name === undefined);
  const named = (name: string): ArgInfo | undefined => args.find((arg) => arg.name === name);
  const i = positional[0]?.value;
  const j = positional[1]?.value;
  const byArg = named('by') ?? named('keyby');
  const withFalse = named('with')?.value !== undefined && /^(FALSE|F)$/.test(nodeText(ev.text, named('with')!.value!));
  for (const arg of args) {
    if (arg.name !== undefined && arg.name !== 'by' && arg.name !== 'keyby' && arg.name !== '.SDcols' && arg.value) ev.evaluate(arg.value);
  }

  let current = frame;
  if (i) current = readI(ev, frame, i, span);
  const by = byArg?.value ? readBy(ev, frame, byArg.value) : undefined;
  const sdCols = named('.SDcols')?.value;
  if (!j) return { kind: 'frame', frame: current };

  const assignment = assignmentIn(ev, j);
  if (assignment) {
    const made: FrameColumn[] = [];
    const removed: string[] = [];
    for (const { name, nameSpan, value } of assignment.targets) {
      if (value && value.type === 'null') {
        removed.push(name);
        continue;
      }
      made.push(value ? deriveNamed(ev, frame, name, nameSpan, value, ':=') : column(name, { kind: 'unknown', reason: 'assigned by code the analysis cannot read' }, nameSpan));
    }
    const columns = removeColumns(upsertColumns(frame.columns, made), removed);
    const result = ev.builder.addFrameStep(
      { kind: 'derive', fn: ':=', span, inputs: [frame.id], columns: made, removed, groups: by?.keys ?? [] },
      like(frame, span, { columns, certainty: assignment.certain && (by?.certain ?? true) ? frame.certainty : 'open' }),
    );
    ev.markInvisible();
    if (target?.type === 'identifier') ev.bind(identifierName(nodeText(ev.text, target)), { kind: 'frame', frame: result }, span, target);
    return { kind: 'frame', frame: result };
  }

  if (withFalse || isDotDot(ev, j)) {
    const picked = stringColumns(ev, current, stripDotDot(ev, j));
    const columns = picked.certain ? pick(current, picked.names) : picked.columns;
    return {
      kind: 'frame',
      frame: ev.builder.addFrameStep(
        { kind: 'select', fn: '[.data.table', span, inputs: [current.id], columns: columns.map((c) => c.name), renamed: [] },
        like(current, span, { columns, certainty: current.certainty === 'exact' && picked.certain ? 'exact' : 'open' }),
      ),
    };
  }

  const computed = readJ(ev, current, j, sdCols);
  if (!computed) {
    // A bare column (`dt[, x]`) is a vector; anything else yields a value the analysis does not follow.
    const inner = unwrapParens(j);
    if (inner.type === 'identifier' && !by) {
      const name = identifierName(nodeText(ev.text, inner));
      const found = findColumn(current, name);
      return found ? { kind: 'column', frame: current, name: found.name, column: found } : UNKNOWN;
    }
    if (!by) return UNKNOWN;
    const derived = deriveNamed(ev, current, 'V1', j, j, '[.data.table', undefined, false);
    return aggregateFrame(ev, current, span, by, [derived], true);
  }
  if (by || computed.aggregates) return aggregateFrame(ev, current, span, by ?? { keys: [], made: [], certain: true }, computed.columns, computed.certain);
  return {
    kind: 'frame',
    frame: ev.builder.addFrameStep(
      { kind: 'select', fn: '[.data.table', span, inputs: [current.id], columns: computed.columns.map((c) => c.name), renamed: [] },
      { frameClass: 'data.table', columns: computed.columns, certainty: computed.certain ? 'exact' : 'open', groups: [], grain: current.grain, span },
    ),
  };
}

interface ByKeys {
  readonly keys: string[];
  readonly made: FrameColumn[];
  readonly certain: boolean;
}

function aggregateFrame(ev: Evaluator, frame: Frame, span: Span, by: ByKeys, made: readonly FrameColumn[], certain: boolean): Value {
  const keyColumns = [
    ...by.made,
    ...by.keys.filter((k) => !by.made.some((m) => m.name === k)).map((k) => findColumn(frame, k) ?? column(k, { kind: 'unknown', reason: 'a grouping column of a table whose columns are not known' }, span)),
  ];
  const columns = upsertColumns(keyColumns, made);
  return {
    kind: 'frame',
    frame: ev.builder.addFrameStep(
      { kind: 'aggregate', fn: '[.data.table', span, inputs: [frame.id], keys: by.keys, columns: [...made] },
      { frameClass: 'data.table', columns, certainty: certain && by.certain ? 'exact' : 'open', groups: [], grain: 'aggregate', span },
    ),
  };
}

/** `i`: a filter on the table's columns, or (when it holds another table or a `J()` list) a join. */
function readI(ev: Evaluator, frame: Frame, i: RNode, span: Span): Frame {
  const inner = unwrapParens(i);
  if (inner.type === 'identifier') {
    const value = ev.lookup(identifierName(nodeText(ev.text, inner)));
    if (value.kind === 'frame' || value.kind === 'strings' || value.kind === 'number') {
      ev.evaluate(inner);
      return ev.builder.addFrameStep({ kind: 'filter', fn: '[.data.table', span, inputs: [frame.id], condition: nodeText(ev.text, i), comparisons: [] }, like(frame, span, { certainty: 'open' }));
    }
  }
  const call = readCall(ev.text, inner);
  if (call && (call.name === 'J' || call.name === '.' || call.name === 'list' || call.name === 'CJ')) {
    ev.evaluate(inner);
    return ev.builder.addFrameStep({ kind: 'filter', fn: '[.data.table', span, inputs: [frame.id], condition: nodeText(ev.text, i), comparisons: [] }, like(frame, span));
  }
  maskedExpression(ev, i, frame);
  if (call?.name === 'order') {
    return ev.builder.addFrameStep({ kind: 'sort', fn: 'order', span, inputs: [frame.id], keys: valueArgs(call).map((a) => nodeText(ev.text, a.value!)) }, like(frame, span));
  }
  return ev.builder.addFrameStep(
    { kind: 'filter', fn: '[.data.table', span, inputs: [frame.id], condition: nodeText(ev.text, i), comparisons: comparisonsIn(ev.text, i) },
    like(frame, span),
  );
}

/** `by` and `keyby`: `.(a, b)`, `list(a, b)`, `c("a", "b")`, `"a,b"`, `a`, or `.(band = cut(x, …))`. */
function readBy(ev: Evaluator, frame: Frame, node: RNode): ByKeys {
  const inner = unwrapParens(node);
  const keys: string[] = [];
  const made: FrameColumn[] = [];
  if (inner.type === 'identifier') {
    const name = identifierName(nodeText(ev.text, inner));
    maskedName(ev, inner, name, frame);
    return { keys: [findColumn(frame, name)?.name ?? name], made, certain: true };
  }
  if (inner.type === 'string') {
    const decoded = decodeString(ev.text, inner.start, inner.end);
    if (!decoded) return { keys, made, certain: false };
    let offset = 0;
    for (const part of decoded.value.split(',')) {
      const trimmed = part.trim();
      const from = offset + part.indexOf(trimmed);
      offset += part.length + 1;
      if (!trimmed) continue;
      const start = decoded.offsets[from] ?? decoded.contentStart;
      const reference = ev.builder.reference(frame, trimmed, { start, end: start + trimmed.length }, 'key', true);
      keys.push(reference.column?.name ?? trimmed);
    }
    ev.builder.site({ start: decoded.contentStart, end: decoded.contentEnd, frame, form: 'strings' });
    return { keys, made, certain: true };
  }
  const call = readCall(ev.text, inner);
  if (call?.name === 'c' && valueArgs(call).every((a) => a.value!.type === 'string')) {
    const picked = stringColumns(ev, frame, inner);
    return { keys: [...picked.names], made, certain: picked.certain };
  }
  if (call && (call.name === '.' || call.name === 'list')) {
    for (const arg of valueArgs(call)) {
      const value = unwrapParens(arg.value!);
      if (arg.name === undefined && value.type === 'identifier') {
        const name = identifierName(nodeText(ev.text, value));
        maskedName(ev, value, name, frame);
        keys.push(findColumn(frame, name)?.name ?? name);
        continue;
      }
      const name = arg.name ?? nodeText(ev.text, value);
      const nameSpan = arg.nameNode ?? value;
      made.push(deriveNamed(ev, frame, name, { start: nameSpan.start, end: nameSpan.end }, value, 'by'));
      keys.push(name);
    }
    return { keys, made, certain: true };
  }
  const value = ev.evaluate(node);
  if (value.kind === 'strings') {
    const names = value.items.map((item) => constantValue(item));
    if (names.every((n): n is string => n !== undefined)) return { keys: names, made, certain: true };
  }
  return { keys, made, certain: false };
}

interface Computed {
  readonly columns: FrameColumn[];
  readonly certain: boolean;
  /** True when the result has one row per group (or one row): every item is a statistic. */
  readonly aggregates: boolean;
}

/** `j` as `.(…)`, `list(…)`, `.N` or `lapply(.SD, f)`; undefined for anything else. */
function readJ(ev: Evaluator, frame: Frame, j: RNode, sdCols: RNode | undefined): Computed | undefined {
  const inner = unwrapParens(j);
  const text = ev.text;
  if (inner.type === 'identifier' && nodeText(text, inner) === '.N') {
    return { columns: [deriveNamed(ev, frame, 'N', inner, inner, '[.data.table')], certain: true, aggregates: true };
  }
  const call = readCall(text, inner);
  if (!call) return undefined;
  if (call.name === '.' || call.name === 'list') {
    const columns: FrameColumn[] = [];
    let aggregates = true;
    valueArgs(call).forEach((arg, index) => {
      const value = unwrapParens(arg.value!);
      if (arg.name === undefined && value.type === 'identifier' && nodeText(text, value) !== '.N') {
        const name = identifierName(nodeText(text, value));
        maskedName(ev, value, name, frame);
        const found = findColumn(frame, name);
        columns.push(found ?? column(name, { kind: 'unknown', reason: 'a column of a table whose columns are not known' }, value));
        aggregates = false;
        return;
      }
      const name = arg.name ?? (value.type === 'identifier' ? 'N' : `V${index + 1}`);
      const nameSpan = arg.nameNode ?? value;
      const derived = deriveNamed(ev, frame, name, { start: nameSpan.start, end: nameSpan.end }, value, '[.data.table', undefined, arg.nameNode !== undefined);
      if (derived.origin.kind !== 'derived' || !derived.origin.statistic) aggregates = false;
      columns.push(derived);
    });
    return { columns, certain: true, aggregates };
  }
  if (call.name === 'lapply' || call.name === 'sapply') {
    const [data, fn] = valueArgs(call);
    if (data?.value && nodeText(text, data.value) === '.SD' && fn?.value) {
      const fnName = nodeText(text, fn.value).replace(/^\w+::/, '');
      const statistic = rStatistic(fnName);
      const selection = sdCols ? stringColumns(ev, frame, sdCols) : { names: frame.columns.map((c) => c.name), columns: frame.columns, certain: frame.certainty === 'exact' };
      const columns = selection.columns.map((source) => column(source.name, {
        kind: 'derived',
        expression: `${fnName}(${source.name})`,
        inputs: [source],
        via: '.SD',
        statistics: statistic ? [{ kind: statistic.kind, fn: fnName, of: [source], ofNames: [source.name], span: { start: fn.value!.start, end: fn.value!.end } }] : [],
        ...(statistic ? { statistic: { kind: statistic.kind, fn: fnName, of: [source], ofNames: [source.name], span: { start: fn.value!.start, end: fn.value!.end } } } : {}),
      }, { start: inner.start, end: inner.end }));
      return { columns, certain: selection.certain, aggregates: statistic !== undefined };
    }
  }
  return undefined;
}

interface AssignmentTarget {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value?: RNode;
}

/** The columns `j` assigns with `:=`, in any of its forms. */
function assignmentIn(ev: Evaluator, j: RNode): { targets: AssignmentTarget[]; certain: boolean } | undefined {
  const text = ev.text;
  const inner = unwrapParens(j);
  if (inner.type === 'binary_operator' && operatorOf(text, inner) === ':=') {
    const lhs = childByField(inner, 'lhs');
    const rhs = childByField(inner, 'rhs');
    if (!lhs) return { targets: [], certain: false };
    const names = assignedNames(ev, lhs);
    if (!names) {
      if (rhs) ev.evaluate(rhs);
      return { targets: [], certain: false };
    }
    if (names.length === 1) return { targets: [{ ...names[0]!, ...(rhs ? { value: rhs } : {}) }], certain: true };
    const values = rhs ? readCall(text, unwrapParens(rhs)) : undefined;
    const items = values && (values.name === 'list' || values.name === '.') ? valueArgs(values) : [];
    return { targets: names.map((n, k) => ({ ...n, ...(items[k]?.value ? { value: items[k]!.value! } : {}) })), certain: true };
  }
  const call = readCall(text, inner);
  if (call && (call.name === ':=' || nodeText(text, childByField(inner, 'function') ?? inner) === '`:=`')) {
    const targets = valueArgs(call)
      .filter((arg) => arg.name !== undefined && arg.nameNode)
      .map((arg) => ({ name: arg.name!, nameSpan: { start: arg.nameNode!.start, end: arg.nameNode!.end }, value: arg.value! }));
    return { targets, certain: true };
  }
  return undefined;
}

function assignedNames(ev: Evaluator, lhs: RNode): { name: string; nameSpan: Span }[] | undefined {
  const text = ev.text;
  const inner = lhs;
  if (inner.type === 'identifier') return [{ name: identifierName(nodeText(text, inner)), nameSpan: { start: inner.start, end: inner.end } }];
  if (inner.type === 'string') {
    const decoded = decodeString(text, inner.start, inner.end);
    return decoded ? [{ name: decoded.value, nameSpan: { start: decoded.contentStart, end: decoded.contentEnd } }] : undefined;
  }
  const call = readCall(text, inner);
  if (call?.name === 'c' && valueArgs(call).every((a) => a.value!.type === 'string')) {
    return valueArgs(call).map((a) => {
      const decoded = decodeString(text, a.value!.start, a.value!.end)!;
      return { name: decoded.value, nameSpan: { start: decoded.contentStart, end: decoded.contentEnd } };
    });
  }
  return undefined;
}

function isDotDot(ev: Evaluator, node: RNode): boolean {
  const inner = unwrapParens(node);
  return inner.type === 'identifier' && nodeText(ev.text, inner).startsWith('..');
}

/** `..cols` refers to the variable `cols` outside the table. */
function stripDotDot(ev: Evaluator, node: RNode): RNode {
  const inner = unwrapParens(node);
  if (!isDotDot(ev, inner)) return node;
  return { ...inner, start: inner.start + 2 } as RNode;
}

/** `setnames(dt, old, new)` or `setnames(dt, new)`: renames in place. */
const setnames: Handler = {
  formals: ['x', 'old', 'new', 'skip_absent'],
  packages: ['data.table'],
  run(inv) {
    const ev = inv.evaluator;
    ev.markInvisible();
    const input = inv.input();
    if (input.kind !== 'frame') return UNKNOWN;
    const frame = input.frame;
    const oldArg = inv.arg('old');
    const newArg = inv.arg('new');
    inv.consume(oldArg);
    let columns: FrameColumn[] | undefined;
    const newNames = newArg ? inv.valueOf(newArg) : UNKNOWN;
    const targets = newNames.kind === 'strings' ? newNames.items.map((item) => constantValue(item)) : undefined;
    if (oldArg?.value && newArg) {
      const picked = stringColumns(ev, frame, oldArg.value);
      if (picked.certain && targets && targets.length === picked.names.length && targets.every((t) => t !== undefined)) {
        columns = frame.columns.map((c) => {
          const at = picked.columns.indexOf(c);
          return at >= 0 ? renamed(c, targets[at]!, newArg.value ?? inv.span) : c;
        });
      }
    } else if (oldArg?.value && !newArg) {
      // With one vector, setnames replaces every name in order.
      const all = inv.valueOf(oldArg);
      const names = all.kind === 'strings' ? all.items.map((item) => constantValue(item)) : [];
      if (names.length === frame.columns.length && names.every((n) => n !== undefined) && frame.certainty === 'exact') {
        columns = frame.columns.map((c, k) => renamed(c, names[k]!, oldArg.value!));
      }
    }
    const result = ev.builder.addFrameStep(
      { kind: 'select', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: (columns ?? []).map((c) => c.name), renamed: [] },
      like(frame, inv.span, columns ? { columns } : { columns: [], certainty: 'open' }),
    );
    const target = inv.inputNode();
    if (target?.type === 'identifier') ev.bind(identifierName(nodeText(ev.text, target)), { kind: 'frame', frame: result }, inv.span, target);
    return { kind: 'frame', frame: result };
  },
};

/** `setkey()`, `setorder()` and friends change order or keys in place; the columns stay. */
const inPlace: Handler = {
  formals: ['x', '...'],
  packages: ['data.table'],
  run(inv) {
    inv.evaluator.markInvisible();
    const input = inv.input();
    if (input.kind !== 'frame') return UNKNOWN;
    for (const arg of inv.dots) {
      inv.consume(arg);
      if (!arg.value || arg.name !== undefined) continue;
      const value = unwrapParens(arg.value);
      if (value.type === 'identifier') maskedName(inv.evaluator, value, identifierName(nodeText(inv.evaluator.text, value)), input.frame);
      else if (value.type === 'string' || readCall(inv.evaluator.text, value)?.name === 'c') stringColumns(inv.evaluator, input.frame, value);
      else inv.evaluator.evaluate(arg.value);
    }
    return UNKNOWN;
  },
};

/** `set(dt, i, j = "x", value)`: assigns columns in place; a constant `j` names them. */
const setColumns: Handler = {
  formals: ['x', 'i', 'j', 'value'],
  packages: ['data.table'],
  run(inv) {
    const ev = inv.evaluator;
    ev.markInvisible();
    const input = inv.input();
    if (input.kind !== 'frame') return UNKNOWN;
    const frame = input.frame;
    const j = inv.arg('j');
    inv.consume(j);
    // `j` names the columns to write, which may be new: they are not checked as uses.
    const names = j?.value ? assignedNames(ev, unwrapParens(j.value)) : undefined;
    const valueNode = inv.arg('value')?.value;
    inv.consume(inv.arg('value'));
    const made = names && valueNode ? names.map((n) => deriveNamed(ev, frame, n.name, n.nameSpan, valueNode, 'set', undefined, false)) : [];
    if (!made.length && valueNode) ev.evaluate(valueNode);
    const result = ev.builder.addFrameStep(
      { kind: 'derive', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: made, removed: [], groups: [] },
      like(frame, inv.span, names ? { columns: upsertColumns(frame.columns, made) } : { certainty: 'open' }),
    );
    const target = inv.inputNode();
    if (target?.type === 'identifier') ev.bind(identifierName(nodeText(ev.text, target)), { kind: 'frame', frame: result }, inv.span, target);
    return { kind: 'frame', frame: result };
  },
};

export const DATA_TABLE_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['setnames', setnames],
  ['set', setColumns],
  ['setkey', inPlace],
  ['setkeyv', inPlace],
  ['setorder', inPlace],
  ['setorderv', inPlace],
  ['setcolorder', inPlace],
  ['setindex', inPlace],
];
