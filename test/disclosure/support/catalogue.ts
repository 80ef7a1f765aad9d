/**
 * The bundled LEO catalogue, loaded once for the disclosure tests and the eval script.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUNDLED_CATALOGUE_PATH, loadCatalogue, type CatalogueIndex } from '../../../server/src/catalogue/index';

let cached: CatalogueIndex | undefined;

export function bundledCatalogue(): CatalogueIndex {
  if (cached !== undefined) return cached;
  const file = path.resolve(__dirname, '../../..', BUNDLED_CATALOGUE_PATH);
  const result = loadCatalogue([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
  if (result.index === undefined) throw new Error(`the bundled catalogue did not load: ${result.problems.map((p) => p.message).join('; ')}`);
  cached = result.index;
  return cached;
}
