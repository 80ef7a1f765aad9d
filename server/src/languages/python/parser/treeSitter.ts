/**
 * Loads the tree-sitter Python grammar once and turns Python text into a PyNode tree.
 * Loading reads the WebAssembly files from disk (never from the network); it is the only I/O of the Python
 * front end, and it happens in `initialisePythonParser`, which the server and the CLI await first.
 */
import * as fs from 'node:fs';
import Parser from 'web-tree-sitter';
import { initialiseTreeSitterRuntime } from '../../embedded/treeSitterRuntime';
import { locateWasm, PYTHON_GRAMMAR_WASM } from '../../embedded/wasmFiles';
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

let loading: Promise<PythonParser> | undefined;
let loaded: PythonParser | undefined;

/** Loads the runtime and the grammar; repeated calls share one load, and a failed load may be retried. */
export function initialisePythonParser(directory?: string): Promise<PythonParser> {
  if (!loading) {
    loading = load(directory).then(
      (parser) => (loaded = parser),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
  }
  return loading;
}

/** The parser once `initialisePythonParser` has finished, else undefined. */
export function loadedPythonParser(): PythonParser | undefined {
  return loaded;
}

async function load(directory?: string): Promise<PythonParser> {
  await initialiseTreeSitterRuntime(directory);
  const language = await Parser.Language.load(fs.readFileSync(locateWasm(PYTHON_GRAMMAR_WASM, directory)));
  const parser = new Parser();
  parser.setLanguage(language);
  parser.setTimeoutMicros(PARSE_TIME_LIMIT_MS * 1000);
  const tables = nodeTables(language);
  return {
    languageVersion: language.version,
    parse: (text: string) => parseWith(parser, tables, text.length > MAX_PARSED_CHARACTERS ? text.slice(0, MAX_PARSED_CHARACTERS) : text),
    setTimeLimit: (milliseconds: number): number => {
      const old = parser.getTimeoutMicros() / 1000;
      parser.setTimeoutMicros(Math.max(1, Math.round(milliseconds * 1000)));
      return old;
    },
  };
}

function parseWith(parser: Parser, tables: NodeTables, text: string): PythonSyntax {
  let tree: Parser.Tree | undefined;
  try {
    tree = parser.parse(text);
    return copyTree(tree, tables);
  } catch (error) {
    // Tree-sitter throws when it runs out of time and would resume that parse on the next call, so it is reset.
    parser.reset();
    const abandoned = tree === undefined
      ? { reason: `the Python parser gave up after ${parser.getTimeoutMicros() / 1000} ms on this text`, cause: 'limit' as const }
      : { reason: error instanceof Error ? error.message : String(error), cause: 'error' as const };
    return { root: { type: 'module', start: 0, end: text.length, field: undefined, named: true, children: [] }, broken: new Set(), cuts: new Map(), abandoned };
  } finally {
    tree?.delete();
  }
}

interface NodeTables {
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | undefined)[];
}

/** Node type and field names by id, read once so the copy never asks WebAssembly for strings. */
function nodeTables(language: Parser.Language): NodeTables {
  const types: string[] = [];
  const named: boolean[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    types.push(language.nodeTypeForId(id) ?? '');
    named.push(language.nodeTypeIsNamed(id));
  }
  const fields: (string | undefined)[] = [undefined];
  for (let id = 1; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id) ?? undefined);
  return { types, named, fields };
}

/** tree-sitter gives ERROR nodes this id. */
const ERROR_ID = 65535;

/** Named leaves: asking them for a first child always fails, so the walk does not. */
const LEAVES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'comment', 'string_content', 'escape_sequence', 'string_start', 'string_end']);

/**
 * Punctuation that carries no meaning for the analysis once the tree is built; dropping it keeps the copy small.
 * Operators and keywords are kept: comparisons and `not`, `in` are read from them.
 */
const DROPPED = new Set(['(', ')', ',', ':', '[', ']', '{', '}', '.', ';']);

/** One cursor walk, asking tree-sitter for every position and field, with the depth cap. */
function copyTree(tree: Parser.Tree, tables: NodeTables): PythonSyntax {
  const cursor = tree.walk();
  const broken = new Set<PyNode>();
  const cuts = new Map<PyNode, PyNode>();
  try {
    const open: PyNode[] = [];
    let root: PyNode | undefined;
    for (;;) {
      const rawType = cursor.nodeTypeId;
      const isError = rawType === ERROR_ID;
      const named = isError || (tables.named[rawType] ?? false);
      const type = isError ? 'ERROR' : tables.types[rawType] ?? '';
      const parent = open[open.length - 1];
      if (named || !DROPPED.has(type) || parent === undefined) {
        const start = cursor.startIndex;
        const end = cursor.endIndex;
        // Read before descending: the cursor then stands on the first child.
        const fieldName = parent !== undefined ? tables.fields[cursor.currentFieldId] : undefined;
        const missing = start === end && cursor.nodeIsMissing;
        const descend = named && !LEAVES.has(type);
        const cut = descend && open.length >= MAX_TREE_DEPTH;
        const hasChildren = descend && !cut && cursor.gotoFirstChild();
        const node: PyNode = {
          type: cut ? 'too_deep' : type,
          start,
          end,
          field: fieldName,
          named,
          children: [],
        };
        if (parent) (parent.children as PyNode[]).push(node);
        else root = node;
        const statement = open[1] ?? node;
        if (cut && !cuts.has(statement)) cuts.set(statement, node);
        if (isError || missing) broken.add(statement);
        if (hasChildren) {
          open.push(node);
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root: root ?? { type: 'module', start: 0, end: 0, field: undefined, named: true, children: [] }, broken, cuts };
        open.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
