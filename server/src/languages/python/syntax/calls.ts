/**
 * Reading Python calls and the small constant expressions the evaluator needs: the callee's name and receiver,
 * positional and keyword arguments, numbers, and the operator of a binary or comparison expression.
 */
import { field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';

export interface PyArg {
  /** The keyword, for `name=value`. */
  readonly name?: string;
  readonly value: PyNode;
  readonly node: PyNode;
}

export interface PyCall {
  readonly node: PyNode;
  /** The called name: `read_sql` for `pd.read_sql(…)`, `print` for `print(…)`. */
  readonly name: string;
  /** The object a method is called on (`df` in `df.groupby(…)`), if any. */
  readonly receiver?: PyNode;
  readonly args: readonly PyArg[];
  /** Positional arguments, in order. */
  readonly positional: readonly PyNode[];
  /** True when `*args` or `**kwargs` pass arguments the evaluator cannot see. */
  readonly splat: boolean;
}

/** The call a `call` node makes; read once per node. */
export function readCall(text: string, node: PyNode | undefined): PyCall | undefined {
  if (node?.type !== 'call') return undefined;
  const known = node.memo as PyCall | null | undefined;
  if (known !== undefined) return known ?? undefined;
  const fn = unparen(field(node, 'function'));
  let name: string | undefined;
  let receiver: PyNode | undefined;
  if (fn?.type === 'identifier') name = text.slice(fn.start, fn.end);
  else if (fn?.type === 'attribute') {
    const attribute = field(fn, 'attribute');
    name = attribute !== undefined ? text.slice(attribute.start, attribute.end) : undefined;
    receiver = field(fn, 'object');
  }
  const list = field(node, 'arguments');
  const args: PyArg[] = [];
  const positional: PyNode[] = [];
  let splat = false;
  for (const child of namedChildren(list)) {
    if (child.type === 'keyword_argument') {
      const key = field(child, 'name');
      const value = field(child, 'value');
      if (key !== undefined && value !== undefined) args.push({ name: text.slice(key.start, key.end), value, node: child });
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      splat = true;
    } else {
      args.push({ value: child, node: child });
      positional.push(child);
    }
  }
  const call = name === undefined ? undefined : receiver !== undefined ? { node, name, receiver, args, positional, splat } : { node, name, args, positional, splat };
  node.memo = call ?? null;
  return call;
}

/** The argument given by keyword, or else at the position (when `position` is given). */
export function argument(call: PyCall, name: string, position?: number): PyNode | undefined {
  const named = call.args.find((a) => a.name === name);
  if (named !== undefined) return named.value;
  return position !== undefined ? call.positional[position] : undefined;
}

/** A numeric literal (with a leading minus), else undefined. */
export function numberValue(text: string, node: PyNode | undefined): number | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  if (bare.type === 'integer' || bare.type === 'float') {
    const value = Number(text.slice(bare.start, bare.end).replace(/_/g, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (bare.type === 'unary_operator') {
    const operand = field(bare, 'argument');
    const op = bare.children.find((c) => !c.named);
    const inner = numberValue(text, operand);
    if (inner === undefined || op === undefined) return undefined;
    const sign = text.slice(op.start, op.end);
    return sign === '-' ? -inner : sign === '+' ? inner : undefined;
  }
  return undefined;
}

/** The operator token of a binary, boolean, comparison or unary expression. */
export function operatorOf(text: string, node: PyNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const op = node.children.find((c) => !c.named && c.field === 'operator')
    ?? node.children.find((c) => !c.named && c.type !== 'comment');
  return op !== undefined ? text.slice(op.start, op.end) : undefined;
}

/** True when the expression is `True`. */
export function isTrue(text: string, node: PyNode | undefined): boolean {
  return node !== undefined && text.slice(node.start, node.end) === 'True';
}
