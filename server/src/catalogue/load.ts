/**
 * Loads catalogue files (text in, index out): validates each file, merges them in order (the
 * bundled catalogue first, then overlays) and indexes the result. A file with errors is left out
 * and its problems are returned; the others still load. Never throws.
 */
import type { CatalogueFile, CatalogueLoadResult, CatalogueProblem } from './api';
import { LeoCatalogueIndex } from './catalogueIndex';
import { mergeCatalogueFiles } from './merge';
import { parseCatalogueFile, type ParsedCatalogueFile } from './parseFile';

/** Loads the base catalogue (first file) and merges the rest over it, in order. */
export function loadCatalogue(files: readonly CatalogueFile[]): CatalogueLoadResult {
  const parsed = files.map(parseCatalogueFile);
  const problems: CatalogueProblem[] = parsed.flatMap((result) => result.problems);
  const good = parsed.map((result) => result.file).filter((file): file is ParsedCatalogueFile => file !== undefined);
  return loadParsed(good, problems);
}

/** Merges and indexes files that have already been validated (the store keeps them between reloads). */
export function loadParsed(files: readonly ParsedCatalogueFile[], problems: readonly CatalogueProblem[] = []): CatalogueLoadResult {
  const merged = mergeCatalogueFiles(files);
  return {
    index: merged.model ? new LeoCatalogueIndex(merged.model) : undefined,
    problems: [...problems, ...merged.problems],
    conflicts: merged.conflicts,
  };
}
