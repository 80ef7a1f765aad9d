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
  readonly #lastGood = new Map<string, { readonly text: string; readonly file: ParsedCatalogueFile }>();
  #used: readonly ParsedCatalogueFile[] = [];
  #mergeProblems: readonly CatalogueProblem[] = [];
  #conflicts: CatalogueStoreUpdate['conflicts'] = [];

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
      const previous = this.#lastGood.get(input.path);
      // An unchanged file needs no second validation; reusing it also lets the index be kept.
      if (previous && previous.text === input.text) {
        used.push(previous.file);
        continue;
      }
      const result = parseCatalogueFile(input);
      problems.push(...result.problems);
      if (result.file) {
        this.#lastGood.set(input.path, { text: input.text, file: result.file });
        used.push(result.file);
      } else if (previous) {
        stale.push(input.path);
        used.push(previous.file);
      }
    }
    const listed = new Set(files.map((file) => file.path));
    for (const path of [...this.#lastGood.keys()]) if (!listed.has(path)) this.#lastGood.delete(path);
    // When the files in use are the very ones already indexed, keep the index (and its caches).
    if (this.#current && sameFiles(used, this.#used)) {
      return { index: this.#current, problems: [...problems, ...this.#mergeProblems], conflicts: this.#conflicts, stale };
    }
    const result = loadParsed(used, []);
    if (result.index) {
      this.#current = result.index;
      this.#used = used;
      this.#mergeProblems = result.problems;
      this.#conflicts = result.conflicts;
    }
    return { ...result, problems: [...problems, ...result.problems], index: this.#current, stale };
  }
}

function sameFiles(a: readonly ParsedCatalogueFile[], b: readonly ParsedCatalogueFile[]): boolean {
  return a.length === b.length && a.every((file, index) => file === b[index]);
}
