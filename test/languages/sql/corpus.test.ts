/**
 * The false-positive guard: realistic, valid LEO T-SQL (test/fixtures/sql/valid) must produce no LEO1xx finding,
 * and the seeded files (test/fixtures/sql/seeded) must produce exactly the codes their `-- expect` comments list,
 * on those lines.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import { bundledCatalogue, contextWith } from './support/catalogues';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sql');

function files(kind: 'valid' | 'seeded'): string[] {
  return fs.readdirSync(path.join(FIXTURES, kind)).filter((f) => f.endsWith('.sql')).sort();
}

function findingsByLine(text: string): string[] {
  return sqlLanguage.analyse(text, contextWith(bundledCatalogue())).findings
    .filter((f) => /^LEO1\d\d$/.test(f.code))
    .map((f) => `${text.slice(0, f.start).split('\n').length} ${f.code}`)
    .sort();
}

describe('sql corpus', () => {
  describe('valid scripts produce no LEO1xx finding', () => {
    for (const file of files('valid')) {
      it(file, () => {
        const text = fs.readFileSync(path.join(FIXTURES, 'valid', file), 'utf8');
        assert.deepEqual(findingsByLine(text), []);
      });
    }
  });

  describe('seeded mistakes produce exactly the expected findings', () => {
    for (const file of files('seeded')) {
      it(file, () => {
        const text = fs.readFileSync(path.join(FIXTURES, 'seeded', file), 'utf8');
        const expected: string[] = [];
        text.split('\n').forEach((line, i) => {
          const match = /-- expect ((?:LEO\d+\s*)+)$/.exec(line);
          if (match) for (const code of match[1]!.trim().split(/\s+/)) expected.push(`${i + 1} ${code}`);
        });
        assert.ok(expected.length > 0, 'a seeded file must expect something');
        assert.deepEqual(findingsByLine(text), expected.sort());
      });
    }
  });
});
