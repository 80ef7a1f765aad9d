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
    const open: PyNode[] = [];
    const positions: number[] = [];
    let root: PyNode | undefined;
    for (;;) {
      const rawType = cursor.nodeTypeId;
      const isError = rawType === ERROR_ID;
      const named = isError || (tables.named[rawType] ?? false);
      const type = isError ? 'ERROR' : tables.types[rawType] ?? '';
      const parent = open[open.length - 1];
      if (named || parent === undefined || OPERATOR_PARENTS.has(parent.type) || (exact && !DROPPED.has(type))) {
        const start = cursor.startIndex;
        const layout = !exact && parent !== undefined ? FIELDS_BY_POSITION.get(parent.type) : undefined;
        let fieldName: string | undefined;
        if (layout === undefined) {
          // Read before descending: the cursor then stands on the first child.
          fieldName = parent !== undefined ? tables.fields[cursor.currentFieldId] : undefined;
        } else if (layout !== null && type !== 'comment') {
          // A comment between the parts of a chain fills no field (it would else take the place of the attribute).
          const index = positions[positions.length - 1]!;
          fieldName = layout[Math.min(index, layout.length - 1)];
        }
        if (layout !== undefined && type !== 'comment') positions[positions.length - 1]!++;
        const end = !exact && type === 'identifier' ? identifierEnd(text, start) ?? cursor.endIndex : cursor.endIndex;
        const missing = start === end && cursor.nodeIsMissing;
        const cut = named && !LEAVES.has(type) && open.length >= MAX_TREE_DEPTH;
        // A plain string's three parts follow from its text, which spares walking into every literal.
        const parts = !exact && !cut && type === 'string' ? plainStringParts(text, start, end) : undefined;
        const descend = named && !LEAVES.has(type) && parts === undefined;
        const hasChildren = descend && !cut && cursor.gotoFirstChild();
        const node: PyNode = { type: cut ? 'too_deep' : type, start, end, field: fieldName, named, children: parts ?? (hasChildren ? [] : NO_CHILDREN), memo: undefined };
        if (parent) (parent.children as PyNode[]).push(node);
        else root = node;
        const statement = open[1] ?? node;
        if (cut && !cuts.has(statement)) cuts.set(statement, node);
        if (isError || missing) broken.add(statement);
        if (hasChildren) {
          open.push(node);
          positions.push(0);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root: root ?? { type: 'module', start: 0, end: 0, field: undefined, named: true, children: [], memo: undefined }, broken, cuts };
        open.pop();
        positions.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

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

/** Punctuation dropped from trees with errors too. */
const DROPPED = new Set(['(', ')', ',', ':', '[', ']', '{', '}', '.', ';']);
