/**
 * Finds where a table or column entry is written in its catalogue file, so that go-to-definition on
 * a name opens the catalogue at that entry. The file is parsed once per text and kept.
 */
import { pathToFileURL } from 'node:url';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { Location } from 'vscode-languageserver-types';
import type { CatalogueLocator } from '../features/definition';
import { LineIndex } from '../util/lineIndex';
import type { FileReader } from './fileSystem';
import type { LoadedWorkspace } from './loadWorkspace';

interface ParsedCatalogueFile {
  readonly root: Node | undefined;
  readonly lines: LineIndex;
}

const parsedFiles = new WeakMap<LoadedWorkspace, Map<string, ParsedCatalogueFile>>();

export function createCatalogueLocator(workspace: LoadedWorkspace, reader: FileReader): CatalogueLocator {
  let files = parsedFiles.get(workspace);
  if (!files) {
    files = new Map();
    parsedFiles.set(workspace, files);
  }
  const cache = files;
  return (tableId, columnName) => {
    const table = workspace.catalogue?.tables.find((entry) => entry.id === tableId);
    if (!table) return undefined;
    const file = table.definedIn;
    let parsed = cache.get(file);
    if (!parsed) {
      const text = workspace.goodTexts.get(file) ?? reader.readText(file);
      if (typeof text !== 'string') return undefined;
      parsed = { root: parseTree(text), lines: new LineIndex(text) };
      cache.set(file, parsed);
    }
    const node = findEntry(parsed.root, tableId, columnName);
    if (!node) return undefined;
    const start = parsed.lines.positionAt(node.offset);
    const end = parsed.lines.positionAt(node.offset + node.length);
    const location: Location = { uri: pathToFileURL(file).href, range: { start, end } };
    return location;
  };
}

function findEntry(root: Node | undefined, tableId: string, columnName: string | undefined): Node | undefined {
  const tables = root && findNodeAtLocation(root, ['tables']);
  const table = tables?.children?.find((node) => propertyValue(node, 'id') === tableId);
  if (!table) return undefined;
  const tableAnchor = findNodeAtLocation(table, ['id']) ?? table;
  if (!columnName) return tableAnchor;
  const columns = findNodeAtLocation(table, ['columns']);
  const column = columns?.children?.find((node) => propertyValue(node, 'name')?.toLowerCase() === columnName.toLowerCase());
  return (column && findNodeAtLocation(column, ['name'])) ?? tableAnchor;
}

function propertyValue(node: Node, key: string): string | undefined {
  const value = findNodeAtLocation(node, [key])?.value;
  return typeof value === 'string' ? value : undefined;
}
