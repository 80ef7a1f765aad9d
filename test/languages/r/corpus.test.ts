/**
 * The realistic R corpus (RODBC and DBI extraction, dplyr and data.table analysis, joins of census,
 * attainment and earnings) gives no LEO1xx diagnostics; the seeded files give exactly the listed ones.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseR, lineOf, R_FIXTURES, rReady, readFixture } from './support/analyse';

const VALID = path.join(R_FIXTURES, 'valid');
const SEEDED = path.join(R_FIXTURES, 'seeded');

function rFiles(directory: string): string[] {
  return fs.readdirSync(directory).filter((file) => file.endsWith('.R')).sort();
}

describe('R: corpus', () => {
  before(rReady);

  describe('valid scripts give no LEO1xx', () => {
    for (const file of rFiles(VALID)) {
      it(file, () => {
        const text = readFixture('valid', file);
        const findings = analyseR(text).findings.filter((f) => /^LEO1\d\d$/.test(f.code));
        assert.deepEqual(findings.map((f) => `${f.code} line ${lineOf(text, f.start)}: ${f.message}`), []);
      });
    }
  });

  describe('seeded scripts give exactly the expected codes and lines', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(SEEDED, 'expected.json'), 'utf8')) as Record<string, { code: string; line: number }[]>;
    it('lists every seeded file', () => assert.deepEqual(Object.keys(expected).sort(), rFiles(SEEDED)));
    for (const file of rFiles(SEEDED)) {
      it(file, () => {
        const text = readFixture('seeded', file);
        const actual = analyseR(text).findings.map((f) => `${f.code}@${lineOf(text, f.start)}`).sort();
        assert.deepEqual(actual, (expected[file] ?? []).map((e) => `${e.code}@${e.line}`).sort());
      });
    }
  });
});
