/**
 * How the R extractor reads the front end's syntax tree: thin views over the front end's own readers
 * (`syntax/calls`, `syntax/strings`), so that calls, arguments, operators and literals are read one way for
 * the whole R front end, and a call read by one pass is read from the same cache by the other.
 */
import { RNode } from '../parser/syntaxTree';
import { type ArgInfo, bareCall, operatorOf as operatorText, readArguments, readCall } from '../syntax/calls';

export { bareCall };
import { decodeString, identifierName as bareName } from '../syntax/strings';

export { RNode };

export function named(node: RNode): RNode[] {
  return node.children.filter((c) => c.named && c.type !== 'comment');
}

export function textOf(text: string, node: RNode): string {
  return text.slice(node.start, node.end);
}

/** One argument of a call: its name (for `name = value`) and value. */
export interface RArg {
  readonly name?: string;
  readonly value?: RNode;
  readonly node: RNode;
}

/**
 * The arguments of a `call`, `subset` or `subset2` node, empty ones included (for `dt[, j]`). A trailing empty
 * position (`x[i, ]`) is left out: the extractor counts positions by their commas. A call's arguments are the
 * ones its cached CallInfo holds; a subset's are read once and kept in the node's memo slot, which only calls use
 * otherwise.
 */
export function argsOf(text: string, node: RNode): readonly RArg[] {
  if (node.type === 'call') return withoutTrailingEmpty(readCall(text, node)?.args ?? []);
  if (node.memo !== undefined) return node.memo as readonly RArg[];
  const list = node.children.find((c) => c.type === 'arguments');
  const args = list !== undefined ? withoutTrailingEmpty(readArguments(text, list)) : [];
  node.memo = args;
  return args;
}

function withoutTrailingEmpty(args: readonly ArgInfo[]): readonly ArgInfo[] {
  const last = args[args.length - 1];
  return last !== undefined && last.value === undefined && last.node.type === 'arguments' ? args.slice(0, -1) : args;
}

/** The function of a call: `f` for `f(…)` and `pkg::f(…)`, with the package when written. */
export function callName(text: string, node: RNode): { name: string; pkg?: string } | undefined {
  const call = readCall(text, node);
  if (call === undefined || call.name === '') return undefined;
  return call.namespace !== undefined ? { name: call.name, pkg: call.namespace } : { name: call.name };
}

/** The content of a string literal, or undefined. */
export function stringValue(text: string, node: RNode | undefined): string | undefined {
  if (node === undefined || node.type !== 'string') return undefined;
  return decodeString(text, node.start, node.end)?.value ?? '';
}

/** The span of a string's content (inside the quotes). */
export function stringContentSpan(text: string, node: RNode): { start: number; end: number } {
  const decoded = decodeString(text, node.start, node.end);
  return decoded !== undefined ? { start: decoded.contentStart, end: decoded.contentEnd } : { start: node.start + 1, end: node.end - 1 };
}

/** The number a literal holds (`10`, `10L`, `1e3`, `-5`), or undefined. */
export function numberValue(text: string, node: RNode | undefined): number | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'float' || node.type === 'integer') {
    const value = Number(textOf(text, node).replace(/[Li]$/, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (node.type === 'unary_operator' && node.children[0]?.type === '-') {
    const inner = numberValue(text, node.children[1]);
    return inner === undefined ? undefined : -inner;
  }
  if (node.type === 'parenthesized_expression') return numberValue(text, named(node)[0]);
  return undefined;
}

/**
 * The operator of a binary or unary operator node. User-defined operators (`%>%`, `%in%`) are anonymous
 * `special` tokens, named by their text, so callers that test for one pass the text.
 */
export function operatorOf(node: RNode, text?: string): string | undefined {
  if (node.type !== 'binary_operator' && node.type !== 'unary_operator') return undefined;
  const token = node.type === 'binary_operator' ? node.children.find((c) => !c.named) : node.children[0];
  if (token?.type === 'special' && text !== undefined) return operatorText(text, node);
  return token?.type;
}

/** Left and right operands of a binary operator. */
export function operands(node: RNode): [RNode | undefined, RNode | undefined] {
  const parts = node.children.filter((c) => c.named && c.type !== 'comment');
  return [parts[0], parts[parts.length - 1]];
}

/** Unwraps `( … )`. */
export function unparen(node: RNode | undefined): RNode | undefined {
  let current = node;
  while (current?.type === 'parenthesized_expression') current = named(current)[0];
  return current;
}

/** The identifier name of a node (`x`, `` `x y` ``), or undefined. */
export function identifierName(text: string, node: RNode | undefined): string | undefined {
  if (node === undefined || node.type !== 'identifier') return undefined;
  return bareName(textOf(text, node));
}

/** True for NA, NULL and the typed NAs. */
export function isMissingLiteral(text: string, node: RNode | undefined): boolean {
  if (node === undefined) return false;
  if (node.type === 'na' || node.type === 'null') return true;
  const name = identifierName(text, node);
  return name !== undefined && /^(NA|NA_integer_|NA_real_|NA_character_|NULL)$/.test(name);
}

/**
 * Every node of a subtree, depth first in document order. An array built with an explicit stack rather than a
 * recursive generator: nested generators cost a frame per level for every node, which showed on long scripts.
 */
export function walk(node: RNode): RNode[] {
  const out: RNode[] = [];
  const stack: RNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    out.push(next);
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return out;
}
