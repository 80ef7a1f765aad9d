/**
 * The realistic Stata corpus (odbc load from the SRS SQL Server, merges on the matching references, collapses
 * with guards and rounding, tables of estimates written to outputs) gives no finding at all, LEO1xx or SDC;
 * the seeded files give exactly the listed codes on the listed lines.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setUpDisclosure } from '../../disclosure/support/check';
import { allFindings, doFiles, readFixture, STATA_FIXTURES } from './support';

describe('Stata: corpus', () => {
  before(setUpDisclosure);

  it('has at least ten valid do-files', () => assert.ok(doFiles('valid').length >= 10));

  describe('valid do-files give no finding', () => {
    for (const file of doFiles('valid')) {
      it(file, () => {
        const text = readFixture('valid', file);
        const lines = text.split('\n');
        assert.deepEqual(allFindings('stata', text).map((f) => `${f.code} line ${f.line}: ${lines[f.line - 1]?.trim()}`), []);
      });
    }
  });

  describe('seeded do-files give exactly the expected codes and lines', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(STATA_FIXTURES, 'seeded', 'expected.json'), 'utf8')) as Record<string, { code: string; line: number }[]>;
    it('lists every seeded file', () => assert.deepEqual(Object.keys(expected).sort(), doFiles('seeded')));
    for (const file of doFiles('seeded')) {
      it(file, () => {
        const text = readFixture('seeded', file);
        const actual = allFindings('stata', text).map((f) => `${f.code}@${f.line}`).sort();
        assert.deepEqual(actual, (expected[file] ?? []).map((e) => `${e.code}@${e.line}`).sort());
      });
    }
  });
});
