/**
 * The checks never throw and stay quiet about what they cannot read: every prefix of real scripts, odd input,
 * and languages without an extractor.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseDisclosure } from '../../server/src/disclosure/analyse';
import { initialiseRParser } from '../../server/src/languages/r/parser/treeSitter';
import { RULE_CASES } from './ruleCases';
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

  it('returns nothing for languages without an extractor, and for R without a tree', () => {
    assert.deepEqual(analyseDisclosure('python', 'df.to_csv("x.csv")', undefined, undefined).findings, []);
    assert.deepEqual(analyseDisclosure('r', 'head(df)', undefined, undefined).findings, []);
  });

  it('works without a catalogue, on names alone', () => {
    const text = 'SELECT TOP 10 EduKey, Earnings FROM LEO_i2.dbo.leo_earnings;';
    const codes = analyseDisclosure('sql', text, undefined, undefined).findings.map((f) => f.code).sort();
    assert.deepEqual(codes, ['SDC002', 'SDC003']);
  });

  it('treats a record-level SELECT without TOP as an extraction that stays in the SRS', () => {
    const text = 'SELECT EduKey, Earnings FROM LEO_i2.dbo.leo_earnings;';
    assert.deepEqual(analyseDisclosure('sql', text, undefined, undefined).findings, []);
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

describe('disclosure with the R front end\'s own parser', () => {
  it('reads the plain tree the R front end returns as well as a tree-sitter tree', async () => {
    const parser = await initialiseRParser();
    const text = 'cohort <- read_csv("data/c.csv")\ncohort %>% count(fsm, sen)\n';
    const codes = analyseDisclosure('r', text, { r: { root: parser.parse(text) } }, undefined).findings.map((f) => f.code);
    assert.deepEqual(codes, ['SDC010']);
  });
});
