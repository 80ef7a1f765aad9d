/**
 * Loads the tree-sitter R grammar once and turns R text into an RNode tree.
 * Loading reads the two WebAssembly files from disk (never from the network); it is the only I/O of
 * the R front end, and it happens in `initialiseRParser`, which the server and the CLI await first.
 */
import * as fs from 'node:fs';
import Parser from 'web-tree-sitter';
import { RNode } from './syntaxTree';
import { locateWasm, R_GRAMMAR_WASM, RUNTIME_WASM } from './wasmFiles';

/** A loaded R parser. `parse` never throws: a parser failure yields an empty program. */
export interface RParser {
  /** The ABI version the grammar was generated for (14 for the pinned pair). */
  readonly languageVersion: number;
  parse(text: string): RNode;
}

let loading: Promise<RParser> | undefined;
let loaded: RParser | undefined;

/**
 * Loads the runtime and the grammar. Repeated calls share one load; a failed load may be retried.
 * `directory` overrides where the files are looked for first (tests use it to mimic `dist/`).
 */
export function initialiseRParser(directory?: string): Promise<RParser> {
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

/** The parser once `initialiseRParser` has finished, else undefined. */
export function loadedRParser(): RParser | undefined {
  return loaded;
}

async function load(directory?: string): Promise<RParser> {
  const runtimeBytes = fs.readFileSync(locateWasm(RUNTIME_WASM, directory));
  // Handing emscripten the bytes means it never goes looking for the file itself, which it would do
  // relative to the bundle and, outside Node, with fetch.
  await Parser.init({ wasmBinary: runtimeBytes });
  const language = await Parser.Language.load(fs.readFileSync(locateWasm(R_GRAMMAR_WASM, directory)));
  const parser = new Parser();
  parser.setLanguage(language);
  const tables = nodeTables(language);
  return {
    languageVersion: language.version,
    parse(text: string): RNode {
      let tree: Parser.Tree | undefined;
      try {
        tree = parser.parse(text);
        return convert(tree, tables);
      } catch {
        return new RNode('program', 0, text.length, undefined, true, false, []);
      } finally {
        tree?.delete();
      }
    },
  };
}

interface NodeTables {
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | undefined)[];
}

/** Node type and field names by id, read once so the conversion never asks WebAssembly for strings. */
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

/** Node types whose insides the analysis reads from the text itself, so the conversion skips them. */
const LEAF_TYPES = new Set(['string', 'comment']);

interface OpenNode {
  readonly typeId: number;
  readonly start: number;
  readonly end: number;
  readonly fieldId: number;
  readonly children: RNode[];
}

/**
 * Copies the tree with one cursor walk. Each cursor property is a call into WebAssembly, so the walk
 * reads only the four numbers it needs per node and maps them through the tables.
 */
function convert(tree: Parser.Tree, tables: NodeTables): RNode {
  const cursor = tree.walk();
  try {
    const ERROR_ID = -1;
    const open: OpenNode[] = [];
    let result: RNode | undefined;
    const finish = (node: OpenNode, missing: boolean): void => {
      const type = node.typeId === ERROR_ID ? 'ERROR' : tables.types[node.typeId] ?? '';
      const rnode = new RNode(
        type,
        node.start,
        node.end,
        tables.fields[node.fieldId],
        node.typeId === ERROR_ID || (tables.named[node.typeId] ?? false),
        missing,
        node.children,
      );
      const parent = open[open.length - 1];
      if (parent) parent.children.push(rnode);
      else result = rnode;
    };
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const node: OpenNode = {
        // tree-sitter gives ERROR nodes the id 65535; naming it here keeps the tables small.
        typeId: typeId === 65535 ? ERROR_ID : typeId,
        start,
        end,
        fieldId: open.length === 0 ? 0 : cursor.currentFieldId,
        children: [],
      };
      const type = tables.types[typeId];
      if (!(type !== undefined && LEAF_TYPES.has(type)) && cursor.gotoFirstChild()) {
        open.push(node);
        continue;
      }
      finish(node, start === end && cursor.nodeIsMissing);
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return result ?? new RNode('program', 0, 0, undefined, true, false, []);
        finish(open.pop()!, false);
      }
    }
  } finally {
    cursor.delete();
  }
}
