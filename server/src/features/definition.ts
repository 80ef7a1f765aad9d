/**
 * Go to definition. Targets in the same document map directly; catalogue targets are located by an
 * injected function, because only the adapter knows where the catalogue file lives.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../languages/types';
import type { NotebookDefinitionTarget } from '../notebook/notebookAnalysis';

export type CatalogueLocator = (table: string, column: string | undefined) => Location | undefined;

export function getDefinition(
  document: TextDocument,
  analysis: DocumentAnalysis,
  offset: number,
  locateInCatalogue: CatalogueLocator,
): Location[] {
  const locations: Location[] = [];
  for (const target of analysis.definition(offset)) {
    if (target.kind === 'document') {
      locations.push({
        uri: document.uri,
        range: { start: document.positionAt(target.start), end: document.positionAt(target.end) },
      });
    } else {
      const location = locateInCatalogue(target.table, target.column);
      if (location) locations.push(location);
    }
  }
  return locations;
}

/** Go to definition from a notebook cell: targets in any cell of the notebook, or in the catalogue. */
export function getNotebookDefinition(
  targets: readonly NotebookDefinitionTarget[],
  cellDocument: (cell: number) => TextDocument | undefined,
  locateInCatalogue: CatalogueLocator,
): Location[] {
  const locations: Location[] = [];
  for (const target of targets) {
    if (target.kind === 'cell') {
      const document = cellDocument(target.cell);
      if (document) locations.push({ uri: document.uri, range: { start: document.positionAt(target.start), end: document.positionAt(target.end) } });
    } else {
      const location = locateInCatalogue(target.table, target.column);
      if (location) locations.push(location);
    }
  }
  return locations;
}
