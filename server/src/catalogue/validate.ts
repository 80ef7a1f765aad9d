/**
 * `leo-lens catalogue validate <file>`: checks one catalogue file. On its own a file is checked
 * for JSON syntax, the schema and its internal consistency; given the catalogues it will be
 * merged over (usually the bundled one), its references and conflicts are checked as well.
 */
import type { CatalogueFile, CatalogueProblem } from './api';
import { loadCatalogue } from './load';

/** Problems of one file; an empty list means it is valid. Never throws. */
export function validateCatalogueText(path: string, text: string, base: readonly CatalogueFile[] = []): readonly CatalogueProblem[] {
  const result = loadCatalogue([...base, { path, text }]);
  const own = result.problems.filter((problem) => problem.file === path);
  const conflicts = result.conflicts
    .filter((conflict) => conflict.winner === path)
    .map((conflict): CatalogueProblem => ({ file: path, path: '$', message: `conflict: ${conflict.message}`, severity: 'warning' }));
  return [...own, ...conflicts];
}
