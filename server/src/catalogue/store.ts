/**
 * Keeps a catalogue in use across reloads. Each file's last valid version is remembered, so a
 * half-edited overlay with a syntax error does not take away its tables (or anyone else's):
 * the store reports the problems and goes on using what last loaded.
 */
import type { CatalogueFile, CatalogueIndex, CatalogueLoadResult, CatalogueProblem } from './api';
import { loadParsed } from './load';
import { parseCatalogueFile, type ParsedCatalogueFile } from './parseFile';

export interface CatalogueStoreUpdate extends CatalogueLoadResult {
  /** Files that failed this time and whose last good version is still in use. */
  readonly stale: readonly string[];
}

export class CatalogueStore {
  #current: CatalogueIndex | undefined;
  readonly #lastGood = new Map<string, ParsedCatalogueFile>();

  /** The catalogue in use, or undefined before the first successful load. */
  get current(): CatalogueIndex | undefined {
    return this.#current;
  }

  /**
   * Loads the bundled catalogue (first) and the overlays (in order). Files that fail keep their
   * last good version; files no longer listed are dropped.
   */
  load(files: readonly CatalogueFile[]): CatalogueStoreUpdate {
    const problems: CatalogueProblem[] = [];
    const stale: string[] = [];
    const used: ParsedCatalogueFile[] = [];
    for (const input of files) {
      const result = parseCatalogueFile(input);
      problems.push(...result.problems);
      if (result.file) {
        this.#lastGood.set(input.path, result.file);
        used.push(result.file);
      } else {
        const previous = this.#lastGood.get(input.path);
        if (previous) {
          stale.push(input.path);
          used.push(previous);
        }
      }
    }
    const listed = new Set(files.map((file) => file.path));
    for (const path of [...this.#lastGood.keys()]) if (!listed.has(path)) this.#lastGood.delete(path);
    const result = loadParsed(used, problems);
    if (result.index) this.#current = result.index;
    return { ...result, index: this.#current, stale };
  }
}
