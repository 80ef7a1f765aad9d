/**
 * Parses R with the tree-sitter grammar the extension bundles, for the disclosure tests and the eval script.
 * The parser is set up once; `parseR` is synchronous after `initRParser()` has resolved.
 */
import * as path from 'node:path';
import Parser from 'web-tree-sitter';
import type { RSyntaxNode, RTreeInput } from '../../../server/src/disclosure/extract/r';

let parser: Parser | undefined;

export async function initRParser(): Promise<void> {
  if (parser !== undefined) return;
  await Parser.init();
  const wasm = path.resolve(__dirname, '../../../node_modules/@davisvaughan/tree-sitter-r/tree-sitter-r.wasm');
  const language = await Parser.Language.load(wasm);
  const instance = new Parser();
  instance.setLanguage(language);
  parser = instance;
}

export function parseR(text: string): RTreeInput {
  if (parser === undefined) throw new Error('call initRParser() first');
  const tree = parser.parse(text);
  return { rootNode: tree.rootNode as unknown as RSyntaxNode };
}
