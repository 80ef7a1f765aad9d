/**
 * A CASE that maps a statistic to fixed labels is a category, and a statistic of one person's own records (their
 * earliest start date) is a value of that person's record: grouping by either shows no single record's value, while
 * a minimum over a group of people does.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const EMPLOYMENT = 'LEO_i2."<project number>".leo_employment';

function codesOf(text: string): string[] {
  return located(text, analyse('sql', text)).map((f) => `${f.code}@${f.line}`);
}

describe('banded statistics in T-SQL', () => {
  before(setUpDisclosure);

  const prep = `SELECT e.EduKey AS edukey, MIN(e.StartDate) AS first_start INTO #first FROM ${EMPLOYMENT} AS e GROUP BY e.EduKey;\n`;

  it('does not carry a minimum through a CASE of constant labels', () => {
    const text = `${prep}SELECT f.edukey, CASE WHEN DATEDIFF(month, '2019-07-01', f.first_start) < 6 THEN '0-5' ELSE '6+' END AS band INTO #gap FROM #first AS f;\n`
      + 'SELECT g.band, ROUND(COUNT(*) / 5.0, 0) * 5 AS people FROM #gap AS g GROUP BY g.band HAVING COUNT(*) >= 10;\n';
    assert.ok(!codesOf(text).some((c) => c.startsWith('SDC011')), codesOf(text).join(', '));
  });

  it('does not flag a per-person minimum used as a grouping key: each is one person\'s own value', () => {
    const text = `${prep}SELECT f.edukey, CASE WHEN f.first_start IS NULL THEN NULL ELSE f.first_start END AS start INTO #gap FROM #first AS f;\n`
      + 'SELECT g.start, ROUND(COUNT(*) / 5.0, 0) * 5 AS people FROM #gap AS g GROUP BY g.start HAVING COUNT(*) >= 10;\n';
    assert.ok(!codesOf(text).some((c) => c.startsWith('SDC011')), codesOf(text).join(', '));
  });

  it('still flags the earliest start over a group of people', () => {
    const text = `${prep}SELECT f.edukey, CASE WHEN f.first_start IS NULL THEN '1900-01-01' ELSE f.first_start END AS start INTO #gap FROM #first AS f;\n`
      + 'SELECT MIN(g.start) AS earliest, ROUND(COUNT(*) / 5.0, 0) * 5 AS people FROM #gap AS g HAVING COUNT(*) >= 10;\n';
    assert.ok(codesOf(text).some((c) => c.startsWith('SDC011')), codesOf(text).join(', '));
  });
});
