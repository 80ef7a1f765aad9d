/**
 * Hover, driven by fixtures with the cursor marked `$0`: each case names text the hover must contain,
 * or `undefined` when there must be no hover.
 */
import { strict as assert } from 'node:assert';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import { bundledCatalogue, contextWith } from './support/catalogues';
import { withCursor } from './support/cursor';

const P = '"<project number>"';
const EARNINGS = `LEO_i2.${P}.leo_earnings`;
const CENSUS = `npd_i2.${P}.spring_census_2019`;

function check(fixture: string, expected: readonly string[] | undefined, range?: string): void {
  const { text, offset } = withCursor(fixture);
  const result = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).hover(offset);
  if (expected === undefined) {
    assert.equal(result, undefined, `expected no hover in: ${fixture}`);
    return;
  }
  assert.ok(result, `expected a hover in: ${fixture}`);
  for (const part of expected) assert.ok(result.markdown.includes(part), `hover lacks "${part}":\n${result.markdown}`);
  if (range !== undefined) assert.equal(text.slice(result.start, result.end), range);
}

describe('sql hover', () => {
  it('documents a census column with its instantiated term and year', () => {
    check(`SELECT sc.fsmelig$0ible_spr19 FROM ${CENSUS} sc`,
      ['**FSMeligible_SPR19**', 'Free School Meals', 'spring 2019 census (2018/19)', '`1` True', 'Sensitivity C', 'Identification risk 5'],
      'fsmeligible_spr19');
    check(`SELECT fsmeligible_spr19$0 FROM ${CENSUS}`, ['Free School Meals']);
  });

  it('says when a column has no data for the view', () => {
    check(`SELECT sc.EVERFSM_6_SP$0R12 FROM npd_i2.${P}.spring_census_2012 sc`, ['Not populated']);
  });

  it('says when the form files a column under another sub-table of the dataset', () => {
    check(`SELECT x.FSMelig$0ible_ex19 FROM npd_i2.${P}.exclusions_table_1_2019 x`, ['**May not be in this view.**', 'under Table 2']);
  });

  it('documents a table with its grain, person key, years and columns', () => {
    check(`SELECT * FROM ${CENSUS.replace('spring_census_2019', 'spring_census_20$019')} sc`,
      ['**spring_census_2019**', 'Grain', 'Person key', '`PupilMatchingRefAnonymous_SPR19`', 'Availability', '**Columns**']);
    check(`SELECT * FROM ${EARNINGS.replace('leo_earnings', 'leo_ear$0nings')}`, ['Edukey', 'TaxYear', 'Earnings']);
  });

  it('says what an alias or qualifier stands for', () => {
    check(`SELECT e$0.TaxYear FROM ${EARNINGS} e`, ['`e` is an alias', '**leo_earnings**'], 'e');
    check(`SELECT e.TaxYear FROM ${EARNINGS} e$0`, ['`e` is an alias']);
  });

  it('describes CTEs, temp tables and columns that come through them', () => {
    check(`WITH ea$0rn AS (SELECT e.Edukey, SUM(e.Earnings) AS total FROM ${EARNINGS} e GROUP BY e.Edukey) SELECT * FROM earn`, ['**CTE earn**', 'Edukey', 'total']);
    check(`WITH earn AS (SELECT e.Edukey, SUM(e.Earnings) AS total FROM ${EARNINGS} e GROUP BY e.Edukey) SELECT * FROM ea$0rn`, ['CTE earn', 'total']);
    check(`SELECT sc.FSMeligible_SPR19 AS fsm INTO #p FROM ${CENSUS} sc;\nSELECT p.fs$0m FROM #p p`, ['temp table #p', 'Free School Meals']);
    check(`SELECT sc.FSMeligible_SPR19 AS fsm INTO #p FROM ${CENSUS} sc;\nSELECT * FROM #$0p`, ['temp table #p', 'created on line 1', 'fsm']);
    check(`CREATE TABLE #t (id int, label varchar(10));\nSELECT t.lab$0el FROM #t t`, ['**label** · varchar(10)', 'temp table #t']);
  });

  it('lists the columns * expands to', () => {
    check(`SELECT *$0 FROM ${EARNINGS}`, ['expands to 17 columns', 'Edukey']);
  });

  it('stays quiet where nothing is known', () => {
    check('SELECT x.y$0 FROM dbo.unknown_table x', undefined);
    check(`SELECT 1 -- a com$0ment`, undefined);
    check(`SELECT e.NoSuchColumn$0 FROM ${EARNINGS} e`, undefined);
  });
});
