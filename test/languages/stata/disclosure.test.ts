/**
 * The SDC rules on Stata, through the dataflow model the front end emits: the idioms that guard a table
 * (`drop if n < 10`, `keep if n >= 10`, `replace x = . if n < 10`, rounding, a configured helper program), the
 * outputs and what `quietly` hides, weights, models, graphics, and allow comments written as Stata comments.
 */
import { strict as assert } from 'node:assert';
import { analyse, applyFix, codes, located, setUpDisclosure } from '../../disclosure/support/check';

const LOAD = 'odbc load, exec("SELECT pupilmatchingrefanonymous_spr19 AS pmr, fsmeligible_spr19 AS fsm, gender_spr19 AS gender FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n';
const TABLE = `${LOAD}collapse (count) n = pmr, by(fsm gender)\n`;

function stata(text: string, config?: Parameters<typeof analyse>[2]): string[] {
  return codes(analyse('stata', text, config));
}

describe('Stata: disclosure rules', () => {
  before(setUpDisclosure);

  it('reads a tempfile appended before it is saved (a loop\'s first pass) as the script\'s own data, not as microdata', () => {
    const pass = 'use "derived/earnings_long.dta", clear\ncollapse (p50) median = earnings (count) earners = earnings, by(level)\ndrop if earners < 10\nreplace median = round(median, 100)\nreplace earners = round(earners, 5)\n';
    const text = `tempfile results\nlocal first = 1\nforeach y in 2015 2017 {\n${pass}if \`first' == 0 {\n  append using \`results'\n}\nsave \`results', replace\nlocal first = 0\n}\nuse \`results', clear\nexport delimited level earners median using "outputs/m.csv", replace\n`;
    assert.ok(!stata(text).includes('SDC001'));
    // A file the script did not make is still read as record-level.
    const other = `${pass}append using "derived/more_learners.dta"\nexport delimited level earners median using "outputs/m.csv", replace\n`;
    assert.ok(stata(other).includes('SDC001'));
  });

  it('flags a table written without a guard, and offers the Stata guard as a fix', () => {
    const text = `${TABLE}export delimited using "outputs/t.csv", replace\n`;
    const result = analyse('stata', text);
    assert.ok(codes(result).includes('SDC010'));
    const fix = result.findings.find((f) => f.code === 'SDC010')?.fixes?.[0];
    assert.ok(fix, 'a guard fix');
    const fixed = applyFix(text, fix);
    assert.match(fixed, /drop if n < 10/);
    assert.ok(!stata(fixed).includes('SDC010'));
  });

  for (const guard of ['drop if n < 10', 'keep if n >= 10', 'drop if n <= 9', 'keep if n > 9', 'drop if n < 10 | missing(n)', 'replace n = . if n < 10']) {
    it(`takes \`${guard}\` as a guard`, () => {
      const text = `${TABLE}${guard}\nreplace n = round(n, 5)\nexport delimited using "outputs/t.csv", replace\n`;
      assert.deepEqual(stata(text), []);
    });
  }

  it('reports a guard below the threshold as weak', () => {
    const text = `${TABLE}drop if n < 5\nreplace n = round(n, 5)\nexport delimited using "outputs/t.csv", replace\n`;
    assert.deepEqual(stata(text), ['SDC010']);
  });

  it('wants counts rounded, by round(n, 5) or round(n/5)*5', () => {
    const base = `${TABLE}drop if n < 10\n`;
    const out = 'export delimited using "outputs/t.csv", replace\n';
    assert.deepEqual(stata(`${base}${out}`), ['SDC022']);
    assert.deepEqual(stata(`${base}replace n = round(n/5)*5\n${out}`), []);
  });

  it('trusts a configured suppression helper program', () => {
    const text = `${TABLE}sdc_suppress n\nreplace n = round(n, 5)\nexport delimited using "outputs/t.csv", replace\n`;
    assert.deepEqual(stata(text, { suppressionHelpers: ['sdc_suppress'] }), []);
    assert.ok(stata(text).includes('SDC010'));
  });

  it('sees displayed tables but not quiet ones', () => {
    assert.deepEqual(stata(`${LOAD}tabulate fsm gender\n`).filter((c) => c === 'SDC010'), ['SDC010']);
    assert.deepEqual(stata(`${LOAD}quietly tabulate fsm gender\n`), []);
    assert.deepEqual(stata(`${LOAD}quietly {\n  tabulate fsm\n  summarize pmr\n}\n`), []);
  });

  it('flags summarize of records for its minimum and maximum, and percentiles with detail', () => {
    assert.deepEqual(stata(`${LOAD}generate score = 1\nsummarize score\n`), ['SDC011']);
    assert.ok(stata(`${LOAD}generate score = 1\nsummarize score, detail\n`).includes('SDC013'));
    assert.deepEqual(stata(`${LOAD}generate score = 1\nsummarize score, meanonly\n`), []);
  });

  it('flags record listings and record-level files', () => {
    assert.deepEqual(stata(`${LOAD}list fsm gender in 1/5\n`), ['SDC002']);
    assert.ok(stata(`${LOAD}save "outputs/extract.dta", replace\n`).includes('SDC001'));
    assert.deepEqual(stata(`${LOAD}save "work/extract.dta", replace\n`), []);
  });

  it('flags unit fixed effects in regressions', () => {
    const base = `${LOAD}generate urn = 1\ngenerate score = 1\n`;
    assert.deepEqual(stata(`${base}regress score i.urn gender\n`), ['SDC016']);
    assert.deepEqual(stata(`${base}areg score gender, absorb(urn)\n`), ['SDC016']);
    assert.deepEqual(stata(`${base}xtset urn\nxtreg score gender, fe\n`), ['SDC016']);
    assert.deepEqual(stata(`${base}regress score gender\n`), []);
  });

  it('makes a quiet fit an output when its estimates are written', () => {
    const base = `${LOAD}generate urn = 1\ngenerate score = 1\nquietly regress score i.urn\n`;
    assert.deepEqual(stata(base), []);
    assert.deepEqual(stata(`${base}esttab using "outputs/m.rtf", replace\n`), ['SDC016']);
  });

  it('flags scatter plots of records and graph formats that embed data', () => {
    assert.deepEqual(stata(`${LOAD}generate score = 1\nscatter score fsm\n`), ['SDC017']);
    assert.deepEqual(stata(`${LOAD}generate score = 1\ntwoway (scatter score fsm) (lfit score fsm)\n`), ['SDC017']);
    // One density per group, on two lines of one graph: one finding, at the first layer.
    const densityText = `${LOAD}generate score = 1\ntwoway (kdensity score if fsm == 1) ///\n  (kdensity score if fsm == 0)\n`;
    const densities = { text: densityText, result: analyse('stata', densityText) };
    assert.deepEqual(located(densities.text, densities.result).filter((f) => f.code === 'SDC017').map((f) => f.line), [3]);
    assert.deepEqual(stata(`${TABLE}drop if n < 10\ngraph bar n, over(fsm)\ngraph save "outputs/bar.gph", replace\n`), ['SDC018']);
    assert.deepEqual(stata(`${TABLE}drop if n < 10\ngraph bar n, over(fsm)\ngraph export "outputs/bar.png", replace\n`), []);
  });

  it('flags weighted statistics without an unweighted count', () => {
    const text = `${LOAD}generate w = 1\ngenerate score = 1\ncollapse (mean) score [pw = w], by(fsm)\nexport delimited using "outputs/w.csv", replace\n`;
    assert.ok(stata(text).includes('SDC023'));
  });

  it('honours allow comments written as Stata comments, and its fix inserts one', () => {
    const text = `${LOAD}list fsm gender in 1/5\n`;
    const result = analyse('stata', text);
    const allow = result.findings[0]?.fixes?.find((f) => /allow/i.test(f.title));
    assert.ok(allow, 'an allow fix');
    const fixed = applyFix(text, allow);
    assert.match(fixed, /^\/\/ leo-lens: allow SDC002/m);
    const allowed = `${LOAD}// leo-lens: allow SDC002 -- checking the join on five rows, log not released\nlist fsm gender in 1/5\n`;
    assert.deepEqual(stata(allowed), []);
    const starred = `${LOAD}* leo-lens: allow SDC002 -- checking the join on five rows, log not released\nlist fsm gender in 1/5\n`;
    assert.deepEqual(stata(starred), []);
  });

  it('reads counts in comments', () => {
    assert.ok(stata(`${LOAD}// 7 pupils in Rutland had FSM\n`).includes('SDC025'));
  });

  it('follows preserve and restore', () => {
    const text = `${LOAD}preserve\ncollapse (count) n = pmr, by(fsm)\ndrop if n < 10\nreplace n = round(n, 5)\nexport delimited using "outputs/t.csv", replace\nrestore\nexport delimited using "outputs/records.csv", replace\n`;
    assert.ok(stata(text).includes('SDC001'));
    assert.equal(stata(text).filter((c) => c === 'SDC010').length, 0);
  });
});
