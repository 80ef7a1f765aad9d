import type { CatalogueFile, CatalogueLoadResult } from './api';

/** Loads the base catalogue (first file) and merges the rest over it, in order. Never throws. */
export function loadCatalogue(files: readonly CatalogueFile[]): CatalogueLoadResult {
  return { problems: files.map((f) => ({ file: f.path, path: '$', message: 'catalogue loading is not implemented yet', severity: 'error' as const })), conflicts: [] };
}
