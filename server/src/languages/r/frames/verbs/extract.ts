/**
 * Taking columns out of frames with `$`, `[[` and `[` (base R, tibbles and data.table), and the
 * column selections written as strings (`df[, c("a", "b")]`).
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { type ArgInfo, nodeText, readArguments, readCall, unwrapParens, valueArgs } from '../../syntax/calls';
import { constantValue } from '../../syntax/pieces';
import { decodeString, identifierName } from '../../syntax/strings';
import type { Evaluator } from '../evaluator';
import { like, pick } from '../frameOps';
import type { Handler } from '../invocation';
import type { Frame, FrameColumn } from '../model';
import { UNKNOWN, type Value } from '../values';
import { comparisonsIn, argumentsText } from './common';
import { dataTableSubset } from './dataTable';

/** `df$x`: a column (reported when the frame is exact and has none of that name). */
const dollar: Handler = {
  formals: [],
  run(inv) {
    const ev = inv.evaluator;
    const node = inv.node;
    const lhs = childByField(node, 'lhs');
    const rhs = childByField(node, 'rhs');
    const operator = childByField(node, 'operator');
    const value = lhs ? ev.evaluate(lhs) : UNKNOWN;
    if (value.kind !== 'frame' || !operator || nodeText(ev.text, operator) !== '$') return UNKNOWN;
    const frame = value.frame;
    // `df$` followed by a line break is being typed: R would take the next line's first name as the
    // column, but the user has not written one yet.
    const incomplete = !rhs || rhs.missing || ev.text.slice(operator.end, rhs.start).includes('\n');
    ev.builder.site({ start: operator.end, end: incomplete ? operator.end : Math.max(operator.end, rhs.end), frame, form: 'names' });
    if (incomplete) return UNKNOWN;
    const name = rhs.type === 'string' ? decodeString(ev.text, rhs.start, rhs.end)?.value : identifierName(nodeText(ev.text, rhs));
    if (name === undefined || name === '') return UNKNOWN;
    const reference = ev.builder.reference(frame, name, rhs.type === 'string' ? { start: rhs.start + 1, end: rhs.end - 1 } : rhs, 'read', true);
    return { kind: 'column', frame, name, ...(reference.column ? { column: reference.column } : {}) };
  },
};

/** `df[["x"]]`. */
const doubleBracket: Handler = {
  formals: [],
  run(inv) {
    const { ev, value, args } = readSubscript(inv);
    if (value.kind !== 'frame') {
      for (const arg of args) if (arg.value) ev.evaluate(arg.value);
      return UNKNOWN;
    }
    const first = args[0]?.value;
    if (!first) return UNKNOWN;
    for (const arg of args.slice(1)) if (arg.value) ev.evaluate(arg.value);
    const picked = stringColumns(ev, value.frame, first);
    const column = picked.columns[0];
    return picked.names.length === 1 ? { kind: 'column', frame: value.frame, name: picked.names[0]!, ...(column ? { column } : {}) } : UNKNOWN;
  },
};

/** `x[…]`: data.table semantics for data.tables, base R otherwise. */
const bracket: Handler = {
  formals: [],
  run(inv) {
    const { ev, node, target, argumentsNode, value, args } = readSubscript(inv);
    if (value.kind !== 'frame' || !argumentsNode) {
      for (const arg of args) if (arg.value) ev.evaluate(arg.value);
      return UNKNOWN;
    }
    if (value.frame.frameClass === 'data.table') return dataTableSubset(ev, node, target, argumentsNode, value.frame, args);
    return baseSubset(ev, node, value.frame, args);
  },
};

/** The parts of `x[…]` or `x[[…]]`, with `x` evaluated: what both subscript handlers start from. */
function readSubscript(inv: Parameters<Handler['run']>[0]) {
  const ev = inv.evaluator;
  const node = inv.node;
  const target = childByField(node, 'function');
  const argumentsNode = childByField(node, 'arguments');
  const value = target ? ev.evaluate(target) : UNKNOWN;
  const args = argumentsNode ? readArguments(ev.text, argumentsNode) : [];
  return { ev, node, target, argumentsNode, value, args };
}

function baseSubset(ev: Evaluator, node: RNode, frame: Frame, args: readonly ArgInfo[]): Value {
  const positional = args.filter((arg) => arg.name === undefined);
  for (const arg of args) if (arg.name !== undefined && arg.value) ev.evaluate(arg.value);
  const drop = args.find((arg) => arg.name === 'drop')?.value;
  const keepFrame = frame.frameClass === 'tibble' || (drop !== undefined && /^(FALSE|F)$/.test(nodeText(ev.text, drop)));
  const span = { start: node.start, end: node.end };
  if (positional.length === 1) {
    const only = positional[0]!.value;
    if (!only) return { kind: 'frame', frame };
    const picked = stringColumns(ev, frame, only);
    return selected(ev, frame, picked, span, true);
  }
  const [rows, cols] = positional;
  let current = frame;
  if (rows?.value) {
    ev.evaluate(rows.value);
    current = ev.builder.addFrameStep(
      { kind: 'filter', fn: '[', span, inputs: [frame.id], condition: argumentsText(ev.text, [rows]), comparisons: comparisonsIn(ev.text, rows.value) },
      like(frame, span),
    );
  }
  if (!cols?.value) return { kind: 'frame', frame: current };
  const picked = stringColumns(ev, current, cols.value);
  if (picked.names.length === 1 && picked.certain && !keepFrame && isSingleString(ev, cols.value)) {
    const column = picked.columns[0];
    return { kind: 'column', frame: current, name: picked.names[0]!, ...(column ? { column } : {}) };
  }
  return selected(ev, current, picked, span, keepFrame || picked.names.length !== 1);
}

function isSingleString(ev: Evaluator, node: RNode): boolean {
  const inner = unwrapParens(node);
  return inner.type === 'string' || (inner.type === 'identifier' && ev.lookup(identifierName(nodeText(ev.text, inner))).kind === 'strings');
}

function selected(ev: Evaluator, frame: Frame, picked: StringColumns, span: { start: number; end: number }, asFrame: boolean): Value {
  if (!asFrame) return UNKNOWN;
  const columns = picked.certain ? pick(frame, picked.names) : picked.columns;
  const made = ev.builder.addFrameStep(
    { kind: 'select', fn: '[', span, inputs: [frame.id], columns: columns.map((c) => c.name), renamed: [] },
    like(frame, span, { columns, certainty: frame.certainty === 'exact' && picked.certain ? 'exact' : 'open' }),
  );
  return { kind: 'frame', frame: made };
}

export interface StringColumns {
  readonly names: readonly string[];
  readonly columns: readonly FrameColumn[];
  /** False when the selection is not a list of names the analysis can read. */
  readonly certain: boolean;
}

/**
 * Columns named by strings: `"a"`, `c("a", "b")`, or a variable holding such a vector. Literal names
 * are checked and get a completion site; anything else (numbers, logical vectors) is uncertain.
 */
export function stringColumns(ev: Evaluator, frame: Frame, node: RNode): StringColumns {
  const inner = unwrapParens(node);
  const names: string[] = [];
  const columns: FrameColumn[] = [];
  const literal = (stringNode: RNode): boolean => {
    const decoded = decodeString(ev.text, stringNode.start, stringNode.end);
    if (!decoded) return false;
    ev.builder.site({ start: decoded.contentStart, end: decoded.contentEnd, frame, form: 'strings' });
    const reference = ev.builder.reference(frame, decoded.value, { start: decoded.contentStart, end: decoded.contentEnd }, 'read', true);
    names.push(decoded.value);
    if (reference.column) columns.push(reference.column);
    return true;
  };
  if (inner.type === 'string') {
    literal(inner);
    return { names, columns, certain: true };
  }
  const call = readCall(ev.text, inner);
  if (call?.name === 'c' && valueArgs(call).every((arg) => arg.value!.type === 'string')) {
    for (const arg of valueArgs(call)) literal(arg.value!);
    return { names, columns, certain: true };
  }
  const value = ev.evaluate(node);
  if (value.kind === 'strings') {
    const constants = value.items.map((item) => constantValue(item));
    if (constants.every((c): c is string => c !== undefined)) {
      const found = pick(frame, constants);
      return { names: constants, columns: found, certain: found.length === constants.length };
    }
  }
  return { names: [], columns: [], certain: false };
}

export const EXTRACT_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['[extract_operator]', dollar],
  ['[subset2]', doubleBracket],
  ['[subset]', bracket],
];
