/**
 * A plain copy of a tree-sitter R syntax tree, and helpers to read calls, arguments and literals from it.
 * The copy is made once per document so the extractor never crosses into WebAssembly while it walks,
 * and so tests can build trees by hand.
 */

import { decodeString } from '../syntax/strings';

/** A tree-sitter R syntax node, as web-tree-sitter exposes it (only what the extractor reads). */
export interface RSyntaxNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly children: readonly (RSyntaxNode | null)[];
}

/** A node already copied into plain objects, as the R front end's parser returns (`RParser.parse`). */
export interface PlainRSyntaxNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly named: boolean;
  readonly children: readonly PlainRSyntaxNode[];
}

export interface RNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly named: boolean;
  readonly children: readonly RNode[];
}

/** Copies a plain R syntax tree (the R front end's `RNode`), naming user-defined operators by their text. */
export function fromPlain(node: PlainRSyntaxNode, text: string): RNode {
  const children = node.children.map((c) => fromPlain(c, text));
  const type = node.type === 'special' && !node.named ? text.slice(node.start, node.end) : node.type;
  return { type, start: node.start, end: node.end, named: node.named, children };
}

/**
 * Copies a tree-sitter node (and its subtree) into plain objects. User-defined operators (`%>%`, `%in%`) arrive
 * as anonymous `special` tokens; the copy names them by their text so operators read alike.
 */
export function toPlain(node: RSyntaxNode, text: string): RNode {
  const children: RNode[] = [];
  for (const child of node.children) if (child !== null) children.push(toPlain(child, text));
  const type = node.type === 'special' && !node.isNamed ? text.slice(node.startIndex, node.endIndex) : node.type;
  return { type, start: node.startIndex, end: node.endIndex, named: node.isNamed, children };
}

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

/** The arguments of a `call`, `subset` or `subset2` node, empty ones included (for `dt[, j]`). */
export function argsOf(text: string, node: RNode): RArg[] {
  const list = node.children.find((c) => c.type === 'arguments');
  if (list === undefined) return [];
  const out: RArg[] = [];
  let pendingEmpty = true;
  for (const child of list.children) {
    if (child.type === 'comma') {
      if (pendingEmpty) out.push({ node: child });
      pendingEmpty = true;
      continue;
    }
    if (child.type !== 'argument') continue;
    pendingEmpty = false;
    const parts = child.children.filter((c) => c.type !== 'comment');
    const eq = parts.findIndex((c) => !c.named && c.type === '=');
    if (eq > 0) {
      const nameNode = parts[0]!;
      const value = parts[eq + 1];
      out.push({ name: stringValue(text, nameNode) ?? textOf(text, nameNode).replace(/^`|`$/g, ''), ...(value !== undefined ? { value } : {}), node: child });
    } else {
      const value = parts.find((c) => c.named);
      out.push(value !== undefined ? { value, node: child } : { node: child });
    }
  }
  return out;
}

/** The function of a call: `f` for `f(…)` and `pkg::f(…)`, with the package when written. */
export function callName(text: string, node: RNode): { name: string; pkg?: string } | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.children[0];
  if (fn === undefined) return undefined;
  if (fn.type === 'identifier') return { name: textOf(text, fn).replace(/^`|`$/g, '') };
  if (fn.type === 'namespace_operator') {
    const parts = named(fn);
    const pkg = parts[0] !== undefined ? textOf(text, parts[0]) : undefined;
    const name = parts[parts.length - 1];
    return name !== undefined ? { name: textOf(text, name), ...(pkg !== undefined ? { pkg } : {}) } : undefined;
  }
  if (fn.type === 'string') {
    const value = stringValue(text, fn);
    return value !== undefined ? { name: value } : undefined;
  }
  return undefined;
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

/** The operator of a binary or unary operator node. */
export function operatorOf(node: RNode): string | undefined {
  if (node.type === 'binary_operator') return node.children.find((c) => !c.named)?.type;
  if (node.type === 'unary_operator') return node.children[0]?.type;
  return undefined;
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
  if (node === undefined) return undefined;
  if (node.type === 'identifier') return textOf(text, node).replace(/^`|`$/g, '');
  return undefined;
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
