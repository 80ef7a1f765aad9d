/**
 * Golden files for the extraction step: each R fixture's frame-provenance model, printed. The corpus
 * scripts are included, so a change in what the extractor sees in real-looking code shows as a diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { frameModelOf } from '../../../server/src/languages/r/index';
import { assertGolden } from './support/golden';
import { analyseR, R_FIXTURES, rReady, readFixture } from './support/analyse';
import { printModel } from './support/printModel';

const GOLDEN = path.join(R_FIXTURES, 'golden');

function inputs(): { directory: string; file: string }[] {
  const list: { directory: string; file: string }[] = [];
  for (const directory of ['golden', 'valid', 'seeded']) {
    for (const file of fs.readdirSync(path.join(R_FIXTURES, directory)).filter((f) => f.endsWith('.R')).sort()) list.push({ directory, file });
  }
  return list;
}

describe('R: extraction golden files', () => {
  before(rReady);

  for (const { directory, file } of inputs()) {
    it(`${directory}/${file}`, () => {
      const text = readFixture(directory, file);
      const model = frameModelOf(analyseR(text));
      if (!model) throw new Error('the analysis has no frame model');
      const name = directory === 'golden' ? file : `${directory}-${file}`;
      assertGolden(printModel(text, model), path.join(GOLDEN, name.replace(/\.R$/, '.frames.txt')));
    });
  }
});
