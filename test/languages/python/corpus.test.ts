/**
 * The realistic Python corpus (pyodbc and SQLAlchemy extraction, pandas merges on the LEO keys, guarded and
 * rounded tables) gives no LEO1xx and no disclosure findings; each seeded file gives exactly its listed codes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allFindings, analysePy, codesAndLines, lineOf, PY_FIXTURES, pyReady, readFixture } from './support/analyse';

const VALID = path.join(PY_FIXTURES, 'valid');
const SEEDED = path.join(PY_FIXTURES, 'seeded');

function pyFiles(directory: string): string[] {
  return fs.readdirSync(directory).filter((file) => file.endsWith('.py')).sort();
}

describe('Python: corpus', () => {
  before(pyReady);

  describe('valid scripts give no findings at all', () => {
    it('has at least ten scripts', () => assert.ok(pyFiles(VALID).length >= 10));
    for (const file of pyFiles(VALID)) {
      it(file, () => {
        const text = readFixture('valid', file);
        const findings = allFindings(text);
        assert.deepEqual(findings.map((f) => `${f.code} line ${lineOf(text, f.start)}: ${f.message}`), []);
      });
    }
    it('reads the SQL of every script that queries the server (the silence is not from ignorance)', () => {
      for (const file of pyFiles(VALID)) {
        const text = readFixture('valid', file);
        if (!text.includes('read_sql') && !text.includes('execute(')) continue;
        const model = analysePy(text).dataflow();
        assert.ok(model.frames.some((f) => f.columnsComplete && f.sources.some((s) => s.tableId !== undefined)), `${file}: a catalogued query frame`);
        if (text.includes('outputs/')) assert.ok(model.outputs.length > 0, `${file}: its outputs are modelled`);
      }
    });
  });

  describe('seeded scripts give exactly the expected codes and lines', () => {
    const expected = JSON.parse(fs.readFileSync(path.join(SEEDED, 'expected.json'), 'utf8')) as Record<string, { code: string; line: number }[]>;
    it('lists every seeded file', () => assert.deepEqual(Object.keys(expected).sort(), pyFiles(SEEDED)));
    for (const file of pyFiles(SEEDED)) {
      it(file, () => {
        const text = readFixture('seeded', file);
        const actual = codesAndLines(text, allFindings(text)).sort();
        assert.deepEqual(actual, (expected[file] ?? []).map((e) => `${e.code}@${e.line}`).sort());
      });
    }
  });
});
