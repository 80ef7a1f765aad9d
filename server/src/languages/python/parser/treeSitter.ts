/**
 * Loads the tree-sitter Python grammar once and turns Python text into a PyNode tree.
 * Loading reads the WebAssembly files from disk (never from the network); it is the only I/O of the Python
 * front end, and it happens in `initialisePythonParser`, which the server and the CLI await first.
 */
import Parser from 'web-tree-sitter';
import { loadGrammar, type NodeTables, sharedLoad } from '../../embedded/treeSitterGrammar';
import { PYTHON_GRAMMAR_WASM } from '../../embedded/wasmFiles';
import { MAX_PARSED_CHARACTERS, MAX_TREE_DEPTH, PARSE_TIME_LIMIT_MS } from './analysisBudget';
import type { PyNode } from './syntaxTree';

export interface PythonSyntax {
  readonly root: PyNode;
  /** Top-level statements that hold a syntax error (an ERROR or MISSING node). */
  readonly broken: ReadonlySet<PyNode>;
  /** The first node cut at MAX_TREE_DEPTH in each top-level statement that holds one. */
  readonly cuts: ReadonlyMap<PyNode, PyNode>;
  /** Why there is no tree, when the parser gave up (its time limit) or failed; the root is then empty. */
  readonly abandoned?: { readonly reason: string; readonly cause: 'limit' | 'error' };
}

/** A loaded Python parser. `parse` never throws. */
export interface PythonParser {
  /** The ABI version the grammar was generated for (14 for the pinned pair). */
  readonly languageVersion: number;
  parse(text: string): PythonSyntax;
  /** Changes how long one parse may take (tests shorten it to see the parser give up); returns the old limit. */
  setTimeLimit(milliseconds: number): number;
}

const shared = sharedLoad(load);

/** Loads the runtime and the grammar; repeated calls share one load, and a failed load may be retried. */
export function initialisePythonParser(directory?: string): Promise<PythonParser> {
  return shared.initialise(directory);
}

/** The parser once `initialisePythonParser` has finished, else undefined. */
export function loadedPythonParser(): PythonParser | undefined {
  return shared.loaded();
}

async function load(directory?: string): Promise<PythonParser> {
  const { language, parser, tables, setTimeLimit } = await loadGrammar(PYTHON_GRAMMAR_WASM, PARSE_TIME_LIMIT_MS, directory);
  return {
    languageVersion: language.version,
    parse: (text: string) => parseWith(parser, tables, text.length > MAX_PARSED_CHARACTERS ? text.slice(0, MAX_PARSED_CHARACTERS) : text),
    setTimeLimit,
  };
}

function parseWith(parser: Parser, tables: NodeTables, text: string): PythonSyntax {
  let tree: Parser.Tree | undefined;
  try {
    tree = parser.parse(text);
    return copyTree(tree, tables, text);
  } catch (error) {
    // Tree-sitter throws when it runs out of time and would resume that parse on the next call, so it is reset.
    parser.reset();
    const abandoned = tree === undefined
      ? { reason: `the Python parser gave up after ${parser.getTimeoutMicros() / 1000} ms on this text`, cause: 'limit' as const }
      : { reason: error instanceof Error ? error.message : String(error), cause: 'error' as const };
    return { root: { type: 'module', start: 0, end: text.length, field: undefined, named: true, children: [], memo: undefined }, broken: new Set(), cuts: new Map(), abandoned };
  } finally {
    tree?.delete();
  }
}

/** tree-sitter gives ERROR nodes this id. */
const ERROR_ID = 65535;

/** Named leaves: asking them for a first child always fails, so the walk does not. */
const LEAVES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'comment', 'string_content', 'escape_sequence', 'string_start', 'string_end']);

/**
 * Anonymous tokens are kept only where the analysis reads them: the operators of operator expressions. Keywords
 * and punctuation elsewhere carry no meaning once the tree is built, and dropping them keeps the copy small.
 */
const OPERATOR_PARENTS = new Set(['binary_operator', 'comparison_operator', 'boolean_operator', 'unary_operator', 'not_operator', 'augmented_assignment']);

/**
 * Fields by position among the kept children, for node types whose layout is fixed, so the walk need not ask
 * tree-sitter for each child's field (every question is a call into WebAssembly, and they are most of the cost).
 * `null` marks parents whose children the analysis tells apart by type alone.
 */
const FIELDS_BY_POSITION: ReadonlyMap<string, readonly string[] | null> = new Map<string, readonly string[] | null>([
  ['call', ['function', 'arguments']],
  ['attribute', ['object', 'attribute']],
  ['keyword_argument', ['name', 'value']],
  ['pair', ['key', 'value']],
  ['binary_operator', ['left', 'operator', 'right']],
  ['boolean_operator', ['left', 'operator', 'right']],
  ['aliased_import', ['name', 'alias']],
  ['module', null], ['block', null], ['expression_statement', null], ['argument_list', null], ['list', null], ['tuple', null],
  ['dictionary', null], ['parenthesized_expression', null], ['string', null], ['concatenated_string', null], ['expression_list', null],
  ['pattern_list', null], ['comparison_operator', null], ['import_statement', null], ['import_from_statement', null],
]);

/** Characters that may continue a Python identifier, for the ASCII range; others make the walk ask. */
function identifierEnd(text: string, start: number): number | undefined {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) continue;
    if (c >= 128) return undefined;
    break;
  }
  return i > start ? i : undefined;
}

/**
 * One cursor walk with the depth cap. For a tree without syntax errors (the usual case) fields of the common node
 * types follow from their children's order and an identifier's end from its text; a tree with errors (MISSING nodes
 * are zero-width, ERROR nodes hold anything) is copied asking tree-sitter for every position and field.
 * Tests pass `exact` to compare the two walks on error-free trees.
 */
export function copyTree(tree: Parser.Tree, tables: NodeTables, text: string, exact = tree.rootNode.hasError): PythonSyntax {
  const cursor = tree.walk();
  const broken = new Set<PyNode>();
  const cuts = new Map<PyNode, PyNode>();
  try {
    const flags = typeFlags(tables);
    const open: Building[] = [];
    const openTypes: number[] = [];
    const positions: number[] = [];
    // The end of each open node's last kept child, or -1 after a dropped token (whose end is not read).
    const lastEnds: number[] = [];
    // Open nodes whose start is their first child's, waiting for it (outermost first).
    const awaiting: Building[] = [];
    let root: Building | undefined;
    for (;;) {
      const rawType = cursor.nodeTypeId;
      const isError = rawType === ERROR_ID;
      const named = isError || (tables.named[rawType] ?? false);
      const type = isError ? 'ERROR' : tables.types[rawType] ?? '';
      const parent = open[open.length - 1];
      const parentType = parent !== undefined ? openTypes[openTypes.length - 1]! : -1;
      if (named || parent === undefined || flags.operatorParent[parentType] === 1 || (exact && !DROPPED.has(type))) {
        const layout = !exact && parent !== undefined ? flags.layouts[parentType] : undefined;
        let fieldName: string | undefined;
        if (layout === undefined) {
          // Read before descending: the cursor then stands on the first child.
          fieldName = parent !== undefined ? tables.fields[cursor.currentFieldId] : undefined;
        } else if (layout !== null && !EXTRAS.has(type)) {
          // A comment or a line continuation between the parts fills no field (it would else take the next part's).
          const index = positions[positions.length - 1]!;
          fieldName = layout[Math.min(index, layout.length - 1)];
        }
        if (layout !== undefined && !EXTRAS.has(type)) positions[positions.length - 1]!++;
        const leafType = isError ? false : flags.leaf[rawType] === 1;
        const cut = named && !leafType && open.length >= MAX_TREE_DEPTH;
        const inferred = !exact && !cut && !isError && flags.firstAndLast[rawType] === 1;
        // A node whose first child starts it takes that child's start, unless it turns out to have no children.
        const start = inferred ? -1 : cursor.startIndex;
        const end = inferred ? -1 : !exact && type === 'identifier' ? identifierEnd(text, start) ?? cursor.endIndex : cursor.endIndex;
        const missing = !inferred && start === end && cursor.nodeIsMissing;
        // A plain string's three parts follow from its text, which spares walking into every literal.
        const parts = !exact && !cut && type === 'string' ? plainStringParts(text, start, end) : undefined;
        const descend = named && !leafType && parts === undefined;
        const node: Building = { type: cut ? 'too_deep' : type, start, end, field: fieldName, named, children: parts ?? NO_CHILDREN, memo: undefined };
        if (inferred && !(descend && cursor.gotoFirstChild())) {
          node.start = cursor.startIndex;
          node.end = cursor.endIndex;
        }
        const hasChildren = inferred ? node.start < 0 : descend && !cut && cursor.gotoFirstChild();
        if (hasChildren) node.children = [];
        if (awaiting.length > 0 && node.start >= 0) settleStarts(awaiting, node.start);
        if (parent) {
          (parent.children as PyNode[]).push(node);
          lastEnds[lastEnds.length - 1] = node.end;
        } else root = node;
        const statement = open[1] ?? node;
        if (cut && !cuts.has(statement)) cuts.set(statement, node);
        if (isError || missing) broken.add(statement);
        if (hasChildren) {
          if (node.start < 0) awaiting.push(node);
          open.push(node);
          openTypes.push(rawType);
          positions.push(0);
          lastEnds.push(-1);
          continue;
        }
      } else {
        // A dropped token: if it opens a node that waits for its start, it gives that start.
        if (awaiting.length > 0) settleStarts(awaiting, cursor.startIndex);
        lastEnds[lastEnds.length - 1] = -1;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root: root ?? { type: 'module', start: 0, end: 0, field: undefined, named: true, children: [], memo: undefined }, broken, cuts };
        const closed = open.pop()!;
        openTypes.pop();
        positions.pop();
        const lastEnd = lastEnds.pop()!;
        // The cursor is back on the closed node: its end is its last child's, or asked when that was dropped.
        if (closed.end < 0) closed.end = lastEnd >= 0 ? lastEnd : cursor.endIndex;
        if (lastEnds.length > 0) lastEnds[lastEnds.length - 1] = closed.end;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The type sets above as slots by node type id, so the walk indexes an array instead of hashing a name. */
interface TypeFlags {
  readonly leaf: Uint8Array;
  readonly operatorParent: Uint8Array;
  readonly firstAndLast: Uint8Array;
  /** The fields by position of each parent type, `null` for the ones told apart by type, undefined for the rest. */
  readonly layouts: readonly (readonly string[] | null | undefined)[];
}

const flagsCache = new WeakMap<NodeTables, TypeFlags>();

function typeFlags(tables: NodeTables): TypeFlags {
  let flags = flagsCache.get(tables);
  if (flags === undefined) {
    // ERROR nodes have an id past the grammar's types; they are no leaf, no operator and have no fixed layout.
    const size = Math.max(tables.types.length, ERROR_ID + 1);
    const make = (set: ReadonlySet<string>): Uint8Array => {
      const array = new Uint8Array(size);
      tables.types.forEach((type, id) => (array[id] = set.has(type) && tables.named[id] === true ? 1 : 0));
      return array;
    };
    flags = {
      leaf: make(LEAVES),
      operatorParent: make(OPERATOR_PARENTS),
      firstAndLast: make(FIRST_AND_LAST_CHILD),
      layouts: tables.types.map((type, id) => (tables.named[id] === true ? FIELDS_BY_POSITION.get(type) : undefined)),
    };
    flagsCache.set(tables, flags);
  }
  return flags;
}

/** A node while it is copied: its start and end may be settled after its children are read. */
type Building = { -readonly [K in keyof PyNode]: PyNode[K] };

/** Gives every node waiting for its start the start of the first token read inside it. */
function settleStarts(awaiting: Building[], start: number): void {
  for (const node of awaiting) node.start = start;
  awaiting.length = 0;
}

/**
 * Node types whose first and last children are always visible nodes, so that (in a tree without errors) a node
 * starts where its first child starts and ends where its last child ends, and the walk need not ask for either.
 */
const FIRST_AND_LAST_CHILD = new Set([
  'call', 'attribute', 'assignment', 'augmented_assignment', 'keyword_argument', 'binary_operator', 'boolean_operator', 'comparison_operator',
  'expression_statement', 'pair', 'conditional_expression', 'subscript',
]);

/** The children of every leaf, shared: most nodes are leaves, and an array each would only feed the collector. */
const NO_CHILDREN: readonly PyNode[] = Object.freeze([]);

/**
 * The children tree-sitter gives a string literal without interpolations, read from its text: `string_start` (the
 * prefix and the opening quotes), `string_content` when the literal is not empty (escapes stay inside it, as the
 * walk never descends into content), and `string_end`. Undefined for f-strings (and t-strings), whose
 * interpolations only the parser can find. Used for trees without errors only, where every literal is closed.
 */
function plainStringParts(text: string, start: number, end: number): PyNode[] | undefined {
  let open = start;
  let raw = false;
  for (; open < end; open++) {
    const c = text.charCodeAt(open);
    if (c === 34 || c === 39) break;
    if (c === 114 || c === 82) raw = true;
    // Prefix letters: r, b, u (either case) make a plain literal; f and t make one with interpolations.
    else if (c !== 98 && c !== 66 && c !== 117 && c !== 85) return undefined;
  }
  const quote = text[open];
  if (quote === undefined || text[end - 1] !== quote) return undefined;
  const width = end - open >= 6 && text[open + 1] === quote && text[open + 2] === quote ? 3 : 1;
  const contentStart = open + width;
  const contentEnd = end - width;
  if (contentEnd < contentStart) return undefined;
  // The grammar's scanner can end a raw literal at a backslash before its closing quote (`r'\\'`): the walk asks.
  if (raw && text.lastIndexOf('\\', contentEnd - 1) >= contentStart) return undefined;
  const parts = [leaf('string_start', start, contentStart)];
  if (contentEnd > contentStart) parts.push(leaf('string_content', contentStart, contentEnd));
  parts.push(leaf('string_end', contentEnd, end));
  return parts;
}

function leaf(type: string, start: number, end: number): PyNode {
  return { type, start, end, field: undefined, named: true, children: NO_CHILDREN, memo: undefined };
}

/** Nodes the grammar allows anywhere between tokens, which fill no field. */
const EXTRAS = new Set(['comment', 'line_continuation']);

/** Punctuation dropped from trees with errors too. */
const DROPPED = new Set(['(', ')', ',', ':', '[', ']', '{', '}', '.', ';']);
