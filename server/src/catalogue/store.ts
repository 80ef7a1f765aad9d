import type { CatalogueFile, CatalogueIndex, CatalogueLoadResult } from './api';
import { loadCatalogue } from './load';

export interface CatalogueStoreUpdate extends CatalogueLoadResult {
  /** Files that failed this time and whose last good version is still in use. */
  readonly stale: readonly string[];
}

/** Keeps the last good catalogue in use when a reload fails. */
export class CatalogueStore {
  #current: CatalogueIndex | undefined;
  get current(): CatalogueIndex | undefined {
    return this.#current;
  }
  /** Loads the bundled catalogue (first) and overlays (in order). */
  load(files: readonly CatalogueFile[]): CatalogueStoreUpdate {
    const result = loadCatalogue(files);
    if (result.index) this.#current = result.index;
    return { ...result, index: this.#current, stale: [] };
  }
}
