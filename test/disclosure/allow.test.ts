/**
 * Allow comments: on the line or the line before, file-wide, with and without reasons.
 */
import { strict as assert } from 'node:assert';
import { analyse, applyFix, codes, setUpDisclosure } from './support/check';

const EARNINGS = 'LEO_i2."<project number>".leo_earnings';
const QUERY = `SELECT e.TaxYear, COUNT(*) AS n FROM ${EARNINGS} AS e GROUP BY e.TaxYear;`;

describe('disclosure allow comments', () => {
  before(setUpDisclosure);

  it('silences a finding from the line before, and keeps the reason', () => {
    const result = analyse('sql', `-- leo-lens: allow SDC010 -- national totals, every cell above a million\n${QUERY}\n`);
    assert.deepEqual(codes(result), []);
    assert.equal(result.allowances.length, 1);
    assert.equal(result.allowances[0]!.reason, 'national totals, every cell above a million');
    assert.deepEqual(result.allowances[0]!.silenced.map((f) => f.code), ['SDC010']);
  });

  it('silences a finding on the same line', () => {
    const result = analyse('sql', `${QUERY} -- leo-lens: allow SDC010 -- national totals\n`);
    assert.deepEqual(codes(result), []);
  });

  it('does not reach two lines down', () => {
    const result = analyse('sql', `-- leo-lens: allow SDC010 -- national totals\n\n${QUERY}\n`);
    assert.deepEqual(codes(result), ['SDC010']);
    assert.equal(result.allowances[0]!.silenced.length, 0);
  });

  it('allows a code across the file with allow-file', () => {
    const text = `-- leo-lens: allow-file SDC010 -- every table here is national\n\n${QUERY}\n\n${QUERY}\n`;
    const result = analyse('sql', text);
    assert.deepEqual(codes(result), []);
    assert.equal(result.allowances[0]!.scope, 'file');
    assert.equal(result.allowances[0]!.silenced.length, 2);
  });

  it('reports an allow without a reason as SDC000, and still silences', () => {
    const result = analyse('sql', `-- leo-lens: allow SDC010\n${QUERY}\n`);
    assert.deepEqual(codes(result), ['SDC000']);
    assert.equal(result.allowances[0]!.reason, undefined);
  });

  it('treats the placeholder reason as missing', () => {
    const result = analyse('r', `x <- read_csv("data/x.csv")\n# leo-lens: allow SDC010 -- <reason>\nx |> count(fsm)\n`);
    assert.deepEqual(codes(result), ['SDC000']);
  });

  it('reports an allow that names no SDC rule', () => {
    const result = analyse('sql', `-- leo-lens: allow SDC099 -- typo\n${QUERY}\n`);
    assert.deepEqual(codes(result), ['SDC000', 'SDC010']);
  });

  it('allows several codes at once', () => {
    const text = `earn <- read_csv("data/earnings.csv")\n# leo-lens: allow SDC011, SDC010 -- bands agreed with the output checker\nearn |> group_by(TaxYear) |> summarise(lo = min(Earnings))\n`;
    assert.deepEqual(codes(analyse('r', text)), []);
  });

  it('offers an allow comment as a quick fix; with a reason filled in it is clean', () => {
    const text = `${QUERY}\n`;
    const finding = analyse('sql', text).findings[0]!;
    const allow = finding.fixes!.find((f) => f.title.startsWith('Allow'))!;
    const fixed = applyFix(text, allow);
    assert.match(fixed, /^-- leo-lens: allow SDC010 -- <reason>\n/);
    assert.deepEqual(codes(analyse('sql', fixed)), ['SDC000']);
    assert.deepEqual(codes(analyse('sql', fixed.replace('<reason>', 'national totals'))), []);
  });
});
