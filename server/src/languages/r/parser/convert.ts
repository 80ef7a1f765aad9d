/**
 * Copies a tree-sitter tree into RNodes with one cursor walk.
 *
 * Every cursor property is a call into WebAssembly, and those calls are most of the cost of a large
 * file, so the walk asks for as little as it can. For a tree without syntax errors (the usual case)
 * it reads only each node's type and start: a leaf's end follows from its text, an inner node's end is
 * its last child's, and the fields of the common node types follow from the order of their children.
 * A tree with errors (MISSING nodes are zero-width and ERROR nodes hold anything) is copied exactly,
 * asking tree-sitter for every position and field. Both walks give the same tree for the same input;
 * a test checks that on the corpus.
 */
import type Parser from 'web-tree-sitter';
import { RNode } from './syntaxTree';
import { shareStatementMemo } from './statementMemo';
import { tokenEnd } from './tokenEnds';
import type { TextEdit } from './textEdit';
import type { NodeTables } from '../../embedded/treeSitterGrammar';

export type { NodeTables } from '../../embedded/treeSitterGrammar';

export interface Converted {
  readonly root: RNode;
  /** Top-level statements that hold a syntax error (an ERROR or MISSING node). */
  readonly broken: ReadonlySet<RNode>;
  /** Which walk made the copy (tests check the fast one is used where it should be). */
  readonly walk: 'fast' | 'exact';
  /** Why there is no tree, when the parser gave up (its time limit) or failed; the root is then empty. */
  readonly abandoned?: { readonly reason: string; readonly cause: 'limit' | 'error' };
}

/**
 * How deep the copy goes. Every later walk of the tree (the frame evaluator, the dataflow pass, the features)
 * recurses along it, so a pasted expression nested thousands of levels deep would overflow the stack; below
 * this depth a node is kept as one opaque `too_deep` leaf instead, and the analysis says what it left out.
 * An R call is three levels here (call, arguments, argument), so this is 150 nested calls, or a pipe chain of
 * about 450 steps: far beyond what people write.
 */
export const MAX_TREE_DEPTH = 450;

/** The type of the leaf that stands for a subtree cut at MAX_TREE_DEPTH. */
const TOO_DEEP_TYPE = 'too_deep';

/** The first cut node of each top-level statement that holds one (kept across reuse and shifting). */
const firstCut = new WeakMap<RNode, RNode>();

/** The first node cut at MAX_TREE_DEPTH inside a top-level statement, if the statement holds one. */
export function firstCutIn(statement: RNode): RNode | undefined {
  return firstCut.get(statement);
}

function noteCut(statement: RNode, cut: RNode): void {
  if (!firstCut.has(statement)) firstCut.set(statement, cut);
}

const NO_CHILDREN: readonly RNode[] = Object.freeze([]);

/** tree-sitter gives ERROR nodes this id. */
const ERROR_ID = 65535;

/**
 * Node types the walk does not descend into: strings and comments (the analysis reads their insides
 * from the text) and the grammar's leaves, for which asking for a first child always fails.
 */
const LEAF_TYPES = new Set([
  'string', 'comment', 'identifier', 'integer', 'float', 'complex', 'comma', 'true', 'false', 'null', 'na',
  'inf', 'nan', 'dots', 'dot_dot_i', 'break', 'next',
]);

/** Parents whose children the analysis tells apart by type alone, so their field is never read. */
const FIELDLESS_PARENTS = new Set(['program', 'arguments', 'braced_expression', 'parameters', 'ERROR']);

/**
 * Parents whose punctuation is kept although it fills no field: the closing bracket of an argument
 * list (completion checks it is really there) and the tokens that end a block or an argument.
 */
const KEEP_PUNCTUATION = new Set(['arguments', 'braced_expression', 'parameters', 'argument', 'parameter']);

/** Fields by position among the non-comment children, for the node types whose layout is fixed. */
const FIELDS_BY_POSITION: ReadonlyMap<string, readonly string[]> = new Map([
  ['binary_operator', ['lhs', 'operator', 'rhs']],
  ['extract_operator', ['lhs', 'operator', 'rhs']],
  ['namespace_operator', ['lhs', 'operator', 'rhs']],
  ['unary_operator', ['operator', 'rhs']],
  ['call', ['function', 'arguments']],
  ['subset', ['function', 'arguments']],
  ['subset2', ['function', 'arguments']],
  ['parenthesized_expression', ['open', 'body', 'close']],
]);

/** The sets above as flags by node type id, so the walk tests an array slot instead of hashing a string. */
interface TypeFlags {
  readonly leaf: Uint8Array;
  readonly fieldless: Uint8Array;
  readonly keepPunctuation: Uint8Array;
  readonly byPosition: Uint8Array;
}

const flagsCache = new WeakMap<NodeTables, TypeFlags>();

function typeFlags(tables: NodeTables): TypeFlags {
  let flags = flagsCache.get(tables);
  if (!flags) {
    const size = Math.max(tables.types.length, ERROR_ID + 1);
    const make = (test: (type: string) => boolean): Uint8Array => {
      const array = new Uint8Array(size);
      tables.types.forEach((type, id) => (array[id] = test(type) ? 1 : 0));
      return array;
    };
    flags = {
      leaf: make((type) => LEAF_TYPES.has(type)),
      fieldless: make((type) => FIELDLESS_PARENTS.has(type)),
      keepPunctuation: make((type) => KEEP_PUNCTUATION.has(type)),
      byPosition: make((type) => FIELDS_BY_POSITION.has(type)),
    };
    flags.fieldless[ERROR_ID] = 1;
    flagsCache.set(tables, flags);
  }
  return flags;
}

/** The copy of the previous version's tree and the edit since, for taking over unchanged statements. */
export interface Reuse {
  readonly previous: Converted;
  readonly edit: TextEdit;
}

export function convert(tree: Parser.Tree, text: string, tables: NodeTables, reuse?: Reuse): Converted {
  try {
    return convertFast(tree, text, tables, reuse, tree.rootNode.hasError);
  } catch (error) {
    if (error instanceof PositionDrift) return convertExact(tree, tables);
    throw error;
  }
}

/** The walk for trees with errors: every position and field comes from tree-sitter. */
export function convertExact(tree: Parser.Tree, tables: NodeTables): Converted {
  const cursor = tree.walk();
  const broken = new Set<RNode>();
  try {
    // The whole tree is one subtree copied the exact way, with nothing open above it.
    return { root: copyExact(cursor, tables, [], broken), broken, walk: 'exact' };
  } finally {
    cursor.delete();
  }
}

/**
 * The fast walk (see the module comment). In a tree with errors (`withErrors`), each top-level statement that holds
 * one is copied the exact way and noted as broken, and the others the fast way: one unfinished statement while
 * typing no longer makes the whole document's copy slow, nor keeps the statements around it from being taken over.
 */
export function convertFast(tree: Parser.Tree, text: string, tables: NodeTables, reuse?: Reuse, withErrors = false): Converted {
  const flags = typeFlags(tables);
  const statements = reuse !== undefined ? new UnchangedStatements(reuse) : undefined;
  const broken = new Set<RNode>();
  const cursor = tree.walk();
  try {
    const open: RNode[] = [];
    const openTypes: number[] = [];
    const rootEnd = cursor.endIndex;
    let root: RNode | undefined;
    // The end of the last token read: the next node starts after the whitespace (and any hidden `;`) after it.
    let position = 0;
    for (;;) {
      const rawType = cursor.nodeTypeId;
      const named = tables.named[rawType] ?? false;
      const depth = open.length;
      const parentType = depth > 0 ? openTypes[depth - 1]! : -1;
      const inferred = parentType >= 0 && flags.byPosition[parentType] === 1;
      const fieldId = parentType < 0 || inferred || flags.fieldless[parentType] === 1 ? 0 : cursor.currentFieldId;
      const keep = named || fieldId !== 0 || parentType < 0 || inferred || flags.keepPunctuation[parentType] === 1;
      const type = tables.types[rawType] ?? '';
      const leaf = !named || flags.leaf[rawType] === 1;
      if (depth === 1 && withErrors && (rawType === ERROR_ID || cursor.currentNode.hasError)) {
        // An anonymous token cannot hold an error; if one is reported, the whole tree is copied the exact way.
        if (rawType !== ERROR_ID && !named) throw new PositionDrift();
        const statement = copyExact(cursor, tables, open, broken);
        copiedExactly.add(statement);
        position = statement.end;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) return finishRoot(root, text, position, rootEnd, broken);
          openTypes.pop();
          finish(open.pop()!);
        }
        continue;
      }
      const start = depth === 0 ? 0 : skipSpace(text, position);
      // Each top-level statement's start is checked against tree-sitter's, so a token rule that went
      // wrong can never shift positions unnoticed: the exact walk takes over instead.
      if (depth === 1 && cursor.startIndex !== start) throw new PositionDrift();
      const unchanged = depth === 1 && statements !== undefined ? statements.take(start, type, cursor) : undefined;
      if (unchanged !== undefined) {
        (open[0]!.children as RNode[]).push(unchanged);
        position = unchanged.end;
      } else if (leaf) {
        position = tokenEnd(text, type, named, start);
      }
      if (keep && unchanged === undefined) {
        const cut = !leaf && depth >= MAX_TREE_DEPTH;
        const hasChildren = !leaf && !cut && cursor.gotoFirstChild();
        // Inner nodes get their end when their last child is known; a childless inner node asks.
        const end = leaf ? position : hasChildren ? start : cursor.endIndex;
        const node = new RNode(cut ? TOO_DEEP_TYPE : type, start, end, tables.fields[fieldId], named, false, hasChildren ? [] : NO_CHILDREN);
        if (depth > 0) (open[depth - 1]!.children as RNode[]).push(node);
        else root = node;
        if (cut) {
          // The cut subtree is not walked, so the next token starts after its end.
          position = end;
          noteCut(open[1]!, node);
        }
        if (hasChildren) {
          open.push(node);
          openTypes.push(rawType);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return finishRoot(root, text, position, rootEnd, broken);
        openTypes.pop();
        finish(open.pop()!);
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Top-level statements tree-sitter said hold an error, copied the exact way. Some hold none the copy keeps (an
 * error inside a string, say), so they are not all broken; none is ever taken over by a later parse.
 */
const copiedExactly = new WeakSet<RNode>();

/** Completes the root once the walk is back at it, checking that the last token read ends the text. */
function finishRoot(root: RNode | undefined, text: string, position: number, rootEnd: number, broken: Set<RNode>): Converted {
  const top = root ?? new RNode('program', 0, 0, undefined, true, false, []);
  if (skipSpace(text, position) < rootEnd && top.children.length > 0) throw new PositionDrift();
  setEnd(top, rootEnd);
  return { root: top, broken, walk: 'fast' };
}

/**
 * Copies the subtree at the cursor the exact way (as `convertExact` does) under the open nodes, and leaves the
 * cursor on the subtree's root. The subtree's root is named, so it is always kept.
 */
function copyExact(cursor: Parser.TreeCursor, tables: NodeTables, open: RNode[], broken: Set<RNode>): RNode {
  const base = open.length;
  let top: RNode | undefined;
  for (;;) {
    const rawType = cursor.nodeTypeId;
    const isError = rawType === ERROR_ID;
    const named = isError || (tables.named[rawType] ?? false);
    const parent = open[open.length - 1];
    const fieldId = !parent || FIELDLESS_PARENTS.has(parent.type) ? 0 : cursor.currentFieldId;
    const type = isError ? 'ERROR' : tables.types[rawType] ?? '';
    const keep = named || fieldId !== 0 || !parent || KEEP_PUNCTUATION.has(parent.type);
    if (keep) {
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const missing = start === end && cursor.nodeIsMissing;
      const descend = named && !LEAF_TYPES.has(type);
      const cut = descend && open.length >= MAX_TREE_DEPTH;
      const hasChildren = descend && !cut && cursor.gotoFirstChild();
      const node = new RNode(cut ? TOO_DEEP_TYPE : type, start, end, tables.fields[fieldId], named, missing, hasChildren ? [] : NO_CHILDREN);
      if (parent) (parent.children as RNode[]).push(node);
      top ??= node;
      if (cut) noteCut(open[1] ?? node, node);
      if (isError || missing) broken.add(open[1] ?? node);
      if (hasChildren) {
        open.push(node);
        continue;
      }
    }
    for (;;) {
      if (open.length === base) return top!;
      if (cursor.gotoNextSibling()) break;
      cursor.gotoParent();
      open.pop();
    }
  }
}

/**
 * Top-level statements of the previous version that the edit did not touch. A statement before the edit is
 * taken over as it is (the same object, so caches keyed by node keep working); one after it is copied with its
 * offsets shifted. Either only when tree-sitter's new statement has the same type and extent, so its text, and
 * hence its subtree, is the same; statements that held errors (or that tree-sitter said did) are always copied afresh.
 */
class UnchangedStatements {
  readonly #byStart = new Map<number, RNode>();
  readonly #edit: TextEdit;
  readonly #broken: ReadonlySet<RNode>;
  readonly #shift: number;

  constructor(reuse: Reuse) {
    for (const statement of reuse.previous.root.children) this.#byStart.set(statement.start, statement);
    this.#edit = reuse.edit;
    this.#broken = reuse.previous.broken;
    this.#shift = reuse.edit.newEnd - reuse.edit.oldEnd;
  }

  take(start: number, type: string, cursor: Parser.TreeCursor): RNode | undefined {
    const edit = this.#edit;
    if (start < edit.start) {
      const old = this.#byStart.get(start);
      if (old === undefined || old.end > edit.start || old.type !== type || this.#broken.has(old) || copiedExactly.has(old)) return undefined;
      return cursor.endIndex === old.end ? old : undefined;
    }
    if (start < edit.newEnd) return undefined;
    const old = this.#byStart.get(start - this.#shift);
    if (old === undefined || old.start < edit.oldEnd || old.type !== type || this.#broken.has(old) || copiedExactly.has(old)) return undefined;
    if (cursor.endIndex !== old.end + this.#shift) return undefined;
    return this.#shift === 0 ? old : shifted(old, this.#shift);
  }
}

/** A copy of a statement with every offset moved; the recursion is bounded by MAX_TREE_DEPTH. */
function shifted(statement: RNode, by: number): RNode {
  const cuts: RNode[] = [];
  const copy = shiftedNode(statement, by, cuts);
  if (cuts.length > 0) noteCut(copy, cuts[0]!);
  shareStatementMemo(statement, copy);
  return copy;
}

function shiftedNode(node: RNode, by: number, cuts: RNode[]): RNode {
  const children = node.children.length === 0 ? NO_CHILDREN : node.children.map((child) => shiftedNode(child, by, cuts));
  const copy = new RNode(node.type, node.start + by, node.end + by, node.field, node.named, node.missing, children);
  if (node.type === TOO_DEEP_TYPE) cuts.push(copy);
  return copy;
}

/** The fast walk's positions disagreed with tree-sitter's; the exact walk is used instead. */
class PositionDrift extends Error {}

/** Skips what tree-sitter leaves out of the tree: whitespace and the `;` between statements. */
function skipSpace(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9 && code !== 59 && code !== 12 && code !== 11 && code !== 0xa0 && code !== 0xfeff) break;
  }
  return i;
}

/** Completes an inner node: its end, and the fields its children fill by position. */
function finish(node: RNode): void {
  const children = node.children;
  const last = children[children.length - 1];
  if (last) setEnd(node, last.end);
  const fields = FIELDS_BY_POSITION.get(node.type);
  if (!fields) return;
  let position = 0;
  for (const child of children) {
    if (child.type === 'comment') continue;
    setField(child, fields[position++]);
  }
}

// RNodes are read-only to the analysis; only this module fills in what it learns after creating them.
function setEnd(node: RNode, end: number): void {
  (node as { end: number }).end = end;
}

function setField(node: RNode, field: string | undefined): void {
  (node as { field: string | undefined }).field = field;
}
