/**
 * A plain JavaScript copy of the tree-sitter Python syntax tree. The WebAssembly tree is copied once per parse
 * and deleted at once, so nothing the analysis keeps points into WebAssembly memory.
 */

/** One node, with offsets in UTF-16 code units of the analysed text. */
export interface PyNode {
  /** The grammar's node type (`call`, `attribute`, `string` …), the token for anonymous nodes, `ERROR`, or `too_deep`. */
  readonly type: string;
  readonly start: number;
  readonly end: number;
  /** The grammar field this node fills in its parent (`function`, `arguments`, `left` …). */
  readonly field: string | undefined;
  /** False for punctuation and keywords that the grammar does not name. */
  readonly named: boolean;
  readonly children: readonly PyNode[];
  /**
   * What a reader worked out about this node once (the call read off a `call` node, the pieces and value of a
   * `string`), so the many readers of one
   * node share it. A slot on the node rather than a WeakMap: a weak map with a key per call node slows every
   * garbage collection of a long script.
   */
  memo?: unknown;
}

/** The first child that fills the field, if any. */
export function field(node: PyNode | undefined, name: string): PyNode | undefined {
  if (node === undefined) return undefined;
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/** The named children that are not comments. */
export function namedChildren(node: PyNode | undefined): PyNode[] {
  return node === undefined ? [] : node.children.filter((child) => child.named && child.type !== 'comment');
}

/**
 * Every node under (and including) `node`, parents first, in text order; iterative, so depth never overflows. An
 * array rather than a generator: the subtrees asked for are small and asked for often, and resuming a generator
 * per node costs more than the array.
 */
export function descendants(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const stack: PyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    out.push(current);
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return out;
}

/** The node without enclosing parentheses. */
export function unparen(node: PyNode | undefined): PyNode | undefined {
  let current = node;
  while (current?.type === 'parenthesized_expression') current = namedChildren(current)[0];
  return current;
}
