/**
 * Assignments: to a variable, to a column (`df$x <- …`, `df[["x"]] <- …`, `df[, "x"] <- …`), and to
 * the names of a frame (`names(df) <- …`, `names(df)[names(df) == "a"] <- "b"`). A frame is never
 * changed in place: the assignment makes a new frame and rebinds the variable to it.
 */
import { childByField, type RNode } from '../parser/syntaxTree';
import { nodeText, operatorOf, readArguments, readCall, unwrapParens } from '../syntax/calls';
import { constantValue } from '../syntax/pieces';
import { decodeString, identifierName } from '../syntax/strings';
import { findColumn } from './builder';
import { derivedOrigin } from './derivation';
import type { Evaluator } from './evaluator';
import { column, like, removeColumns, renamed, upsertColumns } from './frameOps';
import type { Frame, FrameColumn, Span } from './model';
import { numberLiteral } from './statistics';
import type { Value } from './values';

export function assignToTarget(ev: Evaluator, target: RNode, source: RNode, whole: RNode): Value {
  const text = ev.text;
  const node = unwrapParens(target);
  const span = { start: whole.start, end: whole.end };
  if (node.type === 'identifier' || node.type === 'string') {
    if (source.type === 'string') ev.assignedStrings.push(source);
    const value = ev.evaluate(source);
    const name = node.type === 'string' ? decodeString(text, node.start, node.end)?.value : identifierName(nodeText(text, node));
    // `<<-` assigns in the enclosing (here: the script's) environment, not in the function's.
    const global = operatorOf(text, whole) === '<<-' || operatorOf(text, whole) === '->>';
    if (name !== undefined) ev.bind(name, value, span, node, global);
    return value;
  }
  if (node.type === 'extract_operator' && operatorOf(text, node) === '$') {
    const owner = childByField(node, 'lhs');
    const rhs = childByField(node, 'rhs');
    if (owner && rhs) {
      const name = rhs.type === 'string' ? decodeString(text, rhs.start, rhs.end)?.value : identifierName(nodeText(text, rhs));
      const nameSpan = rhs.type === 'string' ? { start: rhs.start + 1, end: rhs.end - 1 } : { start: rhs.start, end: rhs.end };
      if (name !== undefined) return assignColumns(ev, owner, [{ name, span: nameSpan }], undefined, source, span);
    }
  }
  if (node.type === 'subset2' || node.type === 'subset') {
    const owner = childByField(node, 'function');
    const argumentsNode = childByField(node, 'arguments');
    const args = argumentsNode ? readArguments(text, argumentsNode).filter((arg) => arg.name === undefined) : [];
    const ownerNode = owner ? unwrapParens(owner) : undefined;
    const ownerCall = ownerNode ? readCall(text, ownerNode) : undefined;
    if (ownerNode && (ownerCall?.name === 'names' || ownerCall?.name === 'colnames')) {
      return assignNames(ev, ownerNode, args.length === 1 ? args[0]!.value : undefined, source, span);
    }
    // `df$x[rows] <- v` and `df[["x"]][rows] <- v` change the column x, and create it when it is new.
    const column = ownerNode ? columnTarget(text, ownerNode) : undefined;
    if (column) {
      for (const arg of args) if (arg.value) ev.evaluate(arg.value);
      return assignColumns(ev, column.frame, [column.name], undefined, source, span);
    }
    const rows = node.type === 'subset' && args.length === 2 ? args[0]?.value : undefined;
    const columnsNode = node.type === 'subset2' || args.length === 1 ? args[0]?.value : args[1]?.value;
    const names = columnsNode ? literalNames(text, columnsNode) : undefined;
    if (owner && names) return assignColumns(ev, owner, names, rows, source, span);
    // Columns named by code (`df[[name]] <- …`, `df[, cols] <- …`): which columns exist afterwards is not known.
    if (owner && columnsNode) {
      for (const arg of args) if (arg.value) ev.evaluate(arg.value);
      const value = ev.evaluate(source);
      const current = ev.evaluate(owner);
      if (current.kind === 'frame') openFrame(ev, owner, current.frame, span);
      return value;
    }
  }
  if (node.type === 'call') {
    const call = readCall(text, node);
    if (call && (call.name === 'names' || call.name === 'colnames')) return assignNames(ev, node, undefined, source, span);
  }
  ev.evaluate(node);
  return ev.evaluate(source);
}

/** The frame and column of `df$x` or `df[["x"]]` written with a constant name. */
function columnTarget(text: string, node: RNode): { frame: RNode; name: { name: string; span: Span } } | undefined {
  if (node.type === 'extract_operator' && operatorOf(text, node) === '$') {
    const frame = childByField(node, 'lhs');
    const rhs = childByField(node, 'rhs');
    if (!frame || !rhs) return undefined;
    const name = rhs.type === 'string' ? decodeString(text, rhs.start, rhs.end)?.value : identifierName(nodeText(text, rhs));
    const nameSpan = rhs.type === 'string' ? { start: rhs.start + 1, end: rhs.end - 1 } : { start: rhs.start, end: rhs.end };
    return name === undefined ? undefined : { frame, name: { name, span: nameSpan } };
  }
  if (node.type === 'subset2') {
    const frame = childByField(node, 'function');
    const argumentsNode = childByField(node, 'arguments');
    const first = argumentsNode ? readArguments(text, argumentsNode)[0]?.value : undefined;
    const names = first ? literalNames(text, first) : undefined;
    return frame && names?.length === 1 ? { frame, name: names[0]! } : undefined;
  }
  return undefined;
}

/** After a change the analysis cannot follow, the frame's columns are no longer certain. */
function openFrame(ev: Evaluator, owner: RNode, frame: Frame, span: Span): Value {
  return rebind(ev, owner, frame, span, { kind: 'derive', columns: [], removed: [] }, like(frame, span, { certainty: 'open' }));
}

/** Names written as a string or `c()` of strings, with the span of each name's text. */
function literalNames(text: string, node: RNode): { name: string; span: Span }[] | undefined {
  const inner = unwrapParens(node);
  const one = (n: RNode): { name: string; span: Span } | undefined => {
    const decoded = n.type === 'string' ? decodeString(text, n.start, n.end) : undefined;
    return decoded ? { name: decoded.value, span: { start: decoded.contentStart, end: decoded.contentEnd } } : undefined;
  };
  if (inner.type === 'string') {
    const name = one(inner);
    return name ? [name] : undefined;
  }
  const call = readCall(text, inner);
  if (call?.name !== 'c') return undefined;
  const names = call.args.map((arg) => (arg.value ? one(unwrapParens(arg.value)) : undefined));
  return names.every((n): n is { name: string; span: Span } => n !== undefined) && names.length > 0 ? names : undefined;
}

/** `df$x <- value` and its bracket forms: the frame gains (or replaces, or with NULL loses) columns. */
function assignColumns(ev: Evaluator, owner: RNode, names: readonly { name: string; span: Span }[], rows: RNode | undefined, source: RNode, span: Span): Value {
  const current = ev.evaluate(owner);
  if (rows) ev.evaluate(rows);
  const before = ev.builder.references.length;
  const value = ev.evaluate(source);
  if (current.kind !== 'frame') return value;
  const frame = current.frame;
  const text = ev.text;
  const inner = unwrapParens(source);
  if (inner.type === 'null') {
    const removed = names.map((n) => n.name);
    for (const n of names) ev.builder.reference(frame, n.name, n.span, 'drop', false);
    return rebind(ev, owner, frame, span, { kind: 'derive', columns: [], removed }, like(frame, span, { columns: removeColumns(frame.columns, removed) }));
  }
  const copied = value.kind === 'column' && value.column && (inner.type === 'extract_operator' || inner.type === 'subset2') ? value.column : undefined;
  const made: FrameColumn[] = names.map((n) => {
    const created = copied
      ? renamed(copied, n.name, n.span)
      : column(n.name, derivedOrigin(text, source, ev.builder.references.slice(before), '<-'), n.span);
    ev.builder.resolvedReference(frame, n.name, n.span, 'define', created);
    return created;
  });
  return rebind(ev, owner, frame, span, { kind: 'derive', columns: made, removed: [] }, like(frame, span, { columns: upsertColumns(frame.columns, made) }));
}

/** `names(df) <- c(…)`, `names(df)[names(df) == "old"] <- "new"`, `names(df)[2] <- "x"`. */
function assignNames(ev: Evaluator, namesCall: RNode, index: RNode | undefined, source: RNode, span: Span): Value {
  const text = ev.text;
  const call = readCall(text, namesCall);
  const owner = call?.args[0]?.value;
  if (index) ev.evaluate(index);
  const value = ev.evaluate(source);
  const current = owner ? ev.evaluate(owner) : undefined;
  if (!owner || current?.kind !== 'frame') return value;
  const frame = current.frame;
  const newNames = value.kind === 'strings' ? value.items.map((item) => constantValue(item)) : undefined;
  let columns: FrameColumn[] | undefined;
  if (!index && newNames && frame.certainty === 'exact' && newNames.length === frame.columns.length && newNames.every((n) => n !== undefined)) {
    columns = frame.columns.map((c, k) => renamed(c, newNames[k]!, source));
  } else if (index && newNames?.length === 1 && newNames[0] !== undefined) {
    const old = oldName(ev, index, frame);
    if (old) columns = frame.columns.map((c) => (c === old ? renamed(c, newNames[0]!, source) : c));
  }
  const renames = columns ? frame.columns.map((c, k) => ({ from: c.name, to: columns![k]!.name })).filter((r) => r.from !== r.to) : [];
  return rebind(
    ev, owner, frame, span,
    { kind: 'select', columns: (columns ?? []).map((c) => c.name), renamed: renames },
    like(frame, span, columns ? { columns } : { columns: [], certainty: 'open' }),
  );
}

/** The column an index into `names(df)` picks: `names(df) == "old"` or a position. */
function oldName(ev: Evaluator, index: RNode, frame: Frame): FrameColumn | undefined {
  const text = ev.text;
  const inner = unwrapParens(index);
  const position = numberLiteral(text, inner);
  if (position !== undefined) return frame.certainty === 'exact' ? frame.columns[position - 1] : undefined;
  if (inner.type === 'binary_operator' && operatorOf(text, inner) === '==') {
    const rhs = childByField(inner, 'rhs');
    if (rhs?.type === 'string') {
      const decoded = decodeString(text, rhs.start, rhs.end);
      if (!decoded) return undefined;
      const reference = ev.builder.reference(frame, decoded.value, { start: decoded.contentStart, end: decoded.contentEnd }, 'rename', true);
      return reference.column ?? findColumn(frame, decoded.value);
    }
  }
  return undefined;
}

type ChangeStep =
  | { readonly kind: 'derive'; readonly columns: readonly FrameColumn[]; readonly removed: readonly string[] }
  | { readonly kind: 'select'; readonly columns: readonly string[]; readonly renamed: readonly { from: string; to: string }[] };

/** Records the change as a step and rebinds the variable (when the target is a plain variable). */
function rebind(ev: Evaluator, owner: RNode, frame: Frame, span: Span, change: ChangeStep, spec: ReturnType<typeof like>): Value {
  const step = change.kind === 'derive'
    ? { kind: 'derive' as const, fn: '<-', span, inputs: [frame.id], columns: change.columns, removed: change.removed, groups: frame.groups }
    : { kind: 'select' as const, fn: 'names<-', span, inputs: [frame.id], columns: change.columns, renamed: change.renamed };
  const made = ev.builder.addFrameStep(step, spec);
  const inner = unwrapParens(owner);
  if (inner.type === 'identifier') ev.bind(identifierName(nodeText(ev.text, inner)), { kind: 'frame', frame: made }, span, inner);
  return { kind: 'frame', frame: made };
}
