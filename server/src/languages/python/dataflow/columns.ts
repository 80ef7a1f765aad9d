/**
 * Columns in Python code: the names a selection lists (`"a"`, `["a", "b"]`, a variable holding a list), the
 * column an expression reads (`df["n"]`, `df.n`, `t.n` in a lambda, a bare `n` in a `query` string), and
 * references recorded for LEO102, hover and go to definition.
 */
import { findColumn } from '../../../dataflow/builder';
import type { Frame, FrameColumn, Span } from '../../../dataflow/model';
import { field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { constantValue, literalValue } from '../syntax/strings';
import { type Evaluation, type PyState, spanOf } from './state';

/** A frame column, or a column of unknown content named as written, with the facts its name carries. */
export function columnOf(state: PyState, frame: Frame, name: string, span?: Span): FrameColumn {
  const found = findColumn(frame, name);
  if (found !== undefined) return span !== undefined ? { ...found, name, span } : { ...found, name };
  return { name, facts: state.facts.column(undefined, name), ...(span !== undefined ? { span } : {}) };
}

/** The constant value of a string literal node (not an f-string with holes). */
export function stringLiteral(state: PyState, node: PyNode | undefined): string | undefined {
  const bare = unparen(node);
  if (bare?.type !== 'string') return undefined;
  return literalValue(state.text, bare);
}

/**
 * A column name written as a string literal, or as a variable holding one (`t[col]` while `col` is bound to
 * `"pupils"`, as in a loop over column names).
 */
export function constantName(state: PyState, node: PyNode | undefined): string | undefined {
  const literal = stringLiteral(state, node);
  if (literal !== undefined) return literal;
  const bare = unparen(node);
  if (bare?.type !== 'identifier') return undefined;
  const bound = state.env.get(state.text.slice(bare.start, bare.end));
  return bound?.kind === 'string' ? constantValue(state.text, bound.pieces) : undefined;
}

/** The span of a string literal's content, where a column reference in it is reported. */
export function contentSpan(node: PyNode): Span {
  const content = node.children.filter((c) => c.type === 'string_content');
  if (content.length === 0) {
    const end = node.children.find((c) => c.type === 'string_end');
    return end !== undefined ? { start: end.start, end: end.start } : spanOf(node);
  }
  return { start: content[0]!.start, end: content[content.length - 1]!.end };
}

/** Names listed as columns: a string, or a list or tuple of them; undefined when any is not constant. */
export function namesOf(ev: Evaluation, node: PyNode | undefined): { name: string; span: Span }[] | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  const single = stringLiteral(ev.state, bare);
  if (single !== undefined) return [{ name: single, span: contentSpan(bare) }];
  if (bare.type === 'list' || bare.type === 'tuple' || bare.type === 'expression_list') {
    const out: { name: string; span: Span }[] = [];
    for (const item of namedChildren(bare)) {
      const name = stringLiteral(ev.state, item);
      if (name === undefined) return undefined;
      out.push({ name, span: contentSpan(unparen(item)!) });
    }
    return out;
  }
  if (bare.type === 'identifier') {
    const value = ev.state.env.get(ev.state.text.slice(bare.start, bare.end));
    if (value?.kind === 'names') return [...value.names];
  }
  return undefined;
}

/** Records that code names `name` on `frame`; the reference is found or not by the frame's columns. */
export function reference(state: PyState, frame: Frame, name: string, span: Span): void {
  // Inside a function followed from one of its calls, the frame is that call's: another call may pass a frame with
  // other columns, so names in a function body are not judged against it.
  if (state.inlining.active.length > 0) return;
  const column = findColumn(frame, name);
  state.references.push({ start: span.start, end: span.end, name, frame, ...(column !== undefined ? { column } : {}) });
}

/**
 * The column an expression reads, given the names that stand for the frame (`df`, a lambda's parameter):
 * `df["n"]`, `df.n`, `df.loc[:, "n"]`; and a bare name when `bare` (inside a `query` string or a formula).
 */
export function readColumn(state: PyState, node: PyNode | undefined, frameNames: ReadonlySet<string>, bare = false): string | undefined {
  const expr = unparen(node);
  if (expr === undefined) return undefined;
  if (expr.type === 'identifier') return bare ? state.text.slice(expr.start, expr.end) : undefined;
  if (expr.type === 'attribute') {
    const object = unparen(field(expr, 'object'));
    const attribute = field(expr, 'attribute');
    if (object?.type === 'identifier' && frameNames.has(state.text.slice(object.start, object.end)) && attribute !== undefined) {
      return state.text.slice(attribute.start, attribute.end);
    }
    return undefined;
  }
  if (expr.type === 'subscript') {
    const object = unparen(field(expr, 'value'));
    const index = namedChildren(expr).filter((c) => c.field === 'subscript');
    if (object?.type === 'identifier' && frameNames.has(state.text.slice(object.start, object.end)) && index.length === 1) {
      return constantName(state, index[0]);
    }
  }
  return undefined;
}
