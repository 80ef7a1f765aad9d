/**
 * A variable made as `generate one = 1` counts records when summed, the way Stata users commonly count:
 * `collapse (sum) pupils = one` and `egen pupils = total(one)` are counts, so a guard on them is a minimum-count
 * guard, while a sum of any other variable stays a sum.
 */
import { strict as assert } from 'node:assert';
import { analyse, codes, setUpDisclosure } from '../../disclosure/support/check';

const LOAD = 'odbc load, exec("SELECT pupilmatchingrefanonymous_spr19 AS pmr, fsmeligible_spr19 AS fsm, gender_spr19 AS gender FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n';

function stata(text: string): string[] {
  return codes(analyse('stata', text));
}

describe('Stata: variables that count records', () => {
  before(setUpDisclosure);

  it('reads collapse (sum) of a constant one as a count, guarded by drop if', () => {
    const text = `${LOAD}generate byte one = 1\ncollapse (sum) pupils = one, by(fsm gender)\ndrop if pupils < 10\nreplace pupils = round(pupils, 5)\nexport delimited using "outputs/t.csv", replace\n`;
    assert.deepEqual(stata(text).filter((c) => c === 'SDC010' || c === 'SDC022'), []);
  });

  it('reads egen total() of a constant one as a count', () => {
    const text = `${LOAD}generate one = 1\negen pupils = total(one), by(fsm gender)\nbysort fsm gender: keep if _n == 1\nkeep fsm gender pupils\nreplace pupils = . if pupils < 10\nreplace pupils = round(pupils, 5)\nexport delimited using "outputs/t.csv", replace\n`;
    assert.deepEqual(stata(text).filter((c) => c === 'SDC010'), []);
  });

  it('still flags the table when nothing guards the count', () => {
    const text = `${LOAD}generate byte one = 1\ncollapse (sum) pupils = one, by(fsm gender)\nexport delimited using "outputs/t.csv", replace\n`;
    assert.ok(stata(text).includes('SDC010'));
  });
});

describe('Stata: per-unit values and the keys of a collapse', () => {
  before(setUpDisclosure);

  it('reads bysort pupil: gen n = _N as a value of each pupil, so a table keyed by it needs no rounding of the key', () => {
    const text = `${LOAD}bysort pmr: generate records = _N\nbysort pmr: keep if _n == 1\ncollapse (count) pupils = pmr, by(records)\ndrop if pupils < 10\nreplace pupils = round(pupils, 5)\nexport delimited using "outputs/records_per_pupil.csv", replace\n`;
    assert.ok(!stata(text).includes('SDC022'), 'the number of records per pupil is a category here, not an unrounded count');
  });

  it('still reads bysort group: gen n = _N as a count of the group', () => {
    const text = `${LOAD}bysort fsm: generate pupils = _N\nbysort fsm: keep if _n == 1\nkeep fsm pupils\ndrop if pupils < 10\nexport delimited using "outputs/t.csv", replace\n`;
    assert.ok(stata(text).includes('SDC022'));
  });

  it('keeps the by() names of a collapse on a dataset of unknown columns, so a named export writes only them', () => {
    const body = 'use "data/cohort.dta", clear\ncollapse (sum) employed = emp (count) pupils = emp, by(region)\ngen not_employed = pupils - employed\ndrop if pupils < 10 | employed < 10 | not_employed < 10\nreplace pupils = round(pupils, 5)\nreplace employed = round(employed, 5)\n';
    assert.ok(!stata(`${body}export delimited region pupils employed using "outputs/t.csv", replace\n`).includes('SDC022'));
    assert.ok(stata(`${body}export delimited using "outputs/t.csv", replace\n`).includes('SDC022'), 'exporting everything writes the unrounded complement');
  });
});
