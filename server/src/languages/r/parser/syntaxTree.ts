/**
 * A plain JavaScript copy of the tree-sitter R syntax tree.
 * The WebAssembly tree is converted once per parse and deleted at once, so nothing the analysis keeps
 * points into WebAssembly memory and every later walk is an ordinary property access.
 */

/** One node of the R syntax tree, with offsets in UTF-16 code units of the analysed text. */
export class RNode {
  constructor(
    /** The grammar's node type (`call`, `binary_operator`, `identifier`, `ERROR` …), or the token for anonymous nodes. */
    readonly type: string,
    readonly start: number,
    readonly end: number,
    /** The grammar field this node fills in its parent (`lhs`, `function`, `arguments` …). */
    readonly field: string | undefined,
    /** False for punctuation and keywords that the grammar does not name. */
    readonly named: boolean,
    /** True for a zero-width node that error recovery inserted (a missing `)`, say). */
    readonly missing: boolean,
    readonly children: readonly RNode[],
  ) {}

  /**
   * What a reader worked out about this node once (the call read off a `call` node), so the many readers of
   * one node share it. A slot on the node rather than a WeakMap: weak maps with a key per call node made every
   * garbage collection of a long script slower.
   */
  memo: unknown = undefined;

  /**
   * What readers worked out about a top-level statement that holds wherever the statement is (`statementMemo.ts`);
   * a slot on every node rather than a weak map, for the same reason as `memo`.
   */
  shared: unknown = undefined;
}

/** The first child that fills the field, if any. */
export function childByField(node: RNode, field: string): RNode | undefined {
  for (const child of node.children) if (child.field === field) return child;
  return undefined;
}

/** The named children that are not comments. */
export function namedChildren(node: RNode): RNode[] {
  return node.children.filter((child) => child.named && child.type !== 'comment');
}

/** Calls the visitor on the node and every descendant, parents before children, in text order. */
export function walk(node: RNode, visit: (node: RNode) => void): void {
  const stack: RNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    visit(current);
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
}
