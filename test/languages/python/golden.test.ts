/**
 * Golden dataflow models: for each script in `test/fixtures/python/golden/` (and the valid and seeded corpora),
 * the printed model must match the `.model.txt` beside it. `UPDATE_GOLDEN=1` rewrites them; a missing golden file
 * fails, so a new fixture cannot pass unseen. Review the diff before committing.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysePy, PY_FIXTURES, pyReady } from './support/analyse';
import { printModel } from './support/printModel';

const GOLDEN = path.join(PY_FIXTURES, 'golden');

function inputs(): { name: string; file: string }[] {
  const own = fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.py')).map((f) => ({ name: f.replace(/\.py$/, ''), file: path.join(GOLDEN, f) }));
  const corpus = ['valid', 'seeded'].flatMap((dir) => fs.readdirSync(path.join(PY_FIXTURES, dir)).filter((f) => f.endsWith('.py')).map((f) => ({ name: `${dir}-${f.replace(/\.py$/, '')}`, file: path.join(PY_FIXTURES, dir, f) })));
  return [...own, ...corpus].sort((a, b) => a.name.localeCompare(b.name));
}

describe('Python: golden dataflow models', () => {
  before(pyReady);
  for (const { name, file } of inputs()) {
    it(name, () => {
      const text = fs.readFileSync(file, 'utf8');
      const actual = printModel(text, analysePy(text).dataflow());
      const golden = path.join(GOLDEN, `${name}.model.txt`);
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.writeFileSync(golden, actual);
        return;
      }
      assert.ok(fs.existsSync(golden), `${golden} is missing; run with UPDATE_GOLDEN=1 and review it`);
      assert.equal(actual, fs.readFileSync(golden, 'utf8').replace(/\r\n/g, '\n'), `${golden} differs; run with UPDATE_GOLDEN=1 to accept the new output`);
    });
  }
});
