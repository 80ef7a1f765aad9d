/**
 * The checks never throw and stay quiet about what they cannot read: every prefix of real scripts, odd input,
 * and languages without an extractor.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_CASES } from './ruleCases';
import { checkDataflow, checkModel } from '../../server/src/disclosure/analyse';
import { resolveDisclosureConfig } from '../../server/src/disclosure/config';
import { analyse, setUpDisclosure } from './support/check';

describe('disclosure robustness', () => {
  before(setUpDisclosure);

  it('never throws on any prefix of the example scripts', () => {
    for (const example of RULE_CASES) {
      const text = example.failing;
      for (let end = 0; end <= text.length; end += 3) {
        const result = analyse(example.language, text.slice(0, end));
        for (const f of result.findings) assert.ok(f.start >= 0 && f.end <= end && f.start <= f.end, `${example.code} at ${end}`);
      }
    }
  });

  it('never throws on odd input', () => {
    const odd = ['', ';;;', 'SELECT', 'WITH', ')))(((', "'unterminated", '/* open', 'SELECT * FROM (SELECT', 'GROUP BY HAVING COUNT(*) >=',
      'x <- ', '|> filter(', 'df[,, by =]', 'ggplot() +', '%>% %>%', 'function(', '"\\', '\u0000\u0001', 'SELECT CASE WHEN THEN END'];
    for (const text of odd) {
      assert.doesNotThrow(() => analyse('sql', text));
      assert.doesNotThrow(() => analyse('r', text));
    }
  });

  it('builds the model of an R file with some hundred thousand comments (a spread of them into push overflowed the stack)', () => {
    const text = `x <- "a"\n${'#\n'.repeat(300_000)}`;
    const notes = analyse('r', text).findings.filter((f) => f.code === 'LEO000').map((f) => f.message);
    assert.ok(!notes.some((m) => /did not run/.test(m)), notes.join('; '));
  });

  it('on a table the catalogue does not describe, knows identifiers by name but claims no grain', () => {
    const text = 'SELECT TOP 10 EduKey, Earnings FROM project_db.dbo.linked_earnings;';
    const codes = analyse('sql', text).findings.map((f) => f.code).sort();
    assert.deepEqual(codes, ['SDC003']);
  });

  it('treats a record-level SELECT without TOP as an extraction that stays in the SRS', () => {
    const text = 'SELECT EduKey, Earnings FROM LEO_i2.dbo.leo_earnings;';
    assert.deepEqual(analyse('sql', text).findings, []);
  });

  it('treats a SELECT without aggregation from a project\'s own table as an extraction too', () => {
    assert.deepEqual(analyse('sql', 'SELECT c.pmr, c.EduKey, c.fsm FROM ProjectDB.dbo.cohort_2019 c;').findings, []);
    // A peek at a few rows is a listing, and its identifiers matter.
    const listing = analyse('sql', 'SELECT TOP 10 c.EduKey, c.fsm FROM ProjectDB.dbo.cohort_2019 c;');
    assert.deepEqual(listing.findings.map((f) => f.code), ['SDC003']);
  });

  it('never throws on the corpus scripts cut at random places', () => {
    const root = path.resolve(__dirname, '../fixtures/disclosure');
    if (!fs.existsSync(root)) return;
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % Math.max(1, n);
    };
    for (const dir of ['sql', 'r']) {
      const folder = path.join(root, dir);
      if (!fs.existsSync(folder)) continue;
      for (const name of fs.readdirSync(folder)) {
        const text = fs.readFileSync(path.join(folder, name), 'utf8');
        for (let i = 0; i < 5; i++) {
          const cut = text.slice(0, random(text.length)) + text.slice(random(text.length));
          assert.doesNotThrow(() => analyse(dir === 'sql' ? 'sql' : 'r', cut));
        }
      }
    }
  });
});

describe('disclosure notes what it could not check', () => {
  before(setUpDisclosure);

  it('turns a dataflow model that cannot be built into a LEO000 note, not silence', () => {
    const result = checkDataflow(() => {
      throw new TypeError('Reduce of empty array with no initial value');
    }, 'SELECT 1;', resolveDisclosureConfig());
    assert.deepEqual(result.findings.map((f) => [f.code, f.severity]), [['LEO000', 'info']]);
    assert.match(result.findings[0]!.message, /not checked.*Reduce of empty array/);
  });

  it('turns a rule that throws into a LEO000 note and keeps the other rules\' findings', () => {
    const text = 'SELECT TOP 10 EduKey, Earnings FROM LEO_i2.dbo.leo_earnings;';
    const model = analyse('sql', text).model!;
    const broken = { ...model, get outputs(): never { throw new Error('rule failure'); } };
    const result = checkModel(broken as typeof model, text, resolveDisclosureConfig());
    assert.ok(result.findings.some((f) => f.code === 'LEO000' && /rule SDC0\d\d/.test(f.message)), JSON.stringify(result.findings));
  });

  it('models a CTE list before INSERT into a table variable (a union of no readable branches) without failing', () => {
    // Reproduces the `Reduce of empty array` failure on production scripts: the statement must be checked, not noted.
    const text = 'declare @dates table ("date" date not null primary key);\nwith m as (select m = \'01\' union all select \'05\'), d as (select d = m from m) insert @dates select d from d;\n';
    assert.deepEqual(analyse('sql', text).findings.map((f) => f.code), []);
  });

  it('notes a statement the extractor failed on, and checks the rest', () => {
    const model = { ...analyse('sql', 'SELECT 1;').model!, incomplete: [{ start: 0, end: 9, reason: 'RangeError: too deep' }] };
    const result = checkModel(model, 'SELECT 1;', resolveDisclosureConfig());
    assert.deepEqual(result.findings.map((f) => [f.code, f.start, f.end]), [['LEO000', 0, 9]]);
  });
});
