/**
 * A median computed by a window function in a CTE and picked per group with MAX() or MIN() is that median: it
 * reaches the output as a median (SDC013 where it is computed when nothing guards it, quiet once guarded and rounded), not as an extreme
 * of a record. A maximum of plain values stays an extreme.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const EARNINGS = 'LEO_i2."<project number>".leo_earnings';

const query = (picked: string, tail: string): string =>
  `WITH earn AS (\n  SELECT e.TaxYear, e.Earnings,\n         PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY e.Earnings) OVER (PARTITION BY e.TaxYear) AS med\n  FROM ${EARNINGS} AS e\n)\nSELECT TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS earners, ${picked} AS median_earnings\nFROM earn\nGROUP BY TaxYear\n${tail};\n`;

describe('T-SQL: a window median picked per group', () => {
  before(setUpDisclosure);

  it('is a median, reported where the window computes it, not an extreme', () => {
    const text = query('MAX(med)', '');
    const found = located(text, analyse('sql', text)).map((f) => `${f.code}@${f.line}`).sort();
    assert.deepEqual(found, ['SDC010@8', 'SDC013@3']);
  });

  it('a WHERE on the CTE\'s window count guards the SELECT DISTINCT table the windows make', () => {
    const cte = `WITH earn AS (\n  SELECT e.TaxYear, COUNT(*) OVER (PARTITION BY e.TaxYear) AS n,\n         PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY e.Earnings) OVER (PARTITION BY e.TaxYear) AS med\n  FROM ${EARNINGS} AS e\n)\n`;
    const guarded = `${cte}SELECT DISTINCT TaxYear, ROUND(n / 5.0, 0) * 5 AS earners, ROUND(med, -2) AS median_earnings\nFROM earn\nWHERE n >= 10;\n`;
    assert.deepEqual(located(guarded, analyse('sql', guarded)), []);
    const open = guarded.replace('WHERE n >= 10', 'WHERE n >= 0 OR n IS NULL');
    assert.ok(located(open, analyse('sql', open)).some((f) => f.code === 'SDC010'));
  });

  it('is quiet once rounded under a guard, and MAX of the earnings themselves is still an extreme', () => {
    const rounded = query('ROUND(MIN(med), -2)', 'HAVING COUNT(*) >= 10');
    assert.deepEqual(located(rounded, analyse('sql', rounded)), []);
    const extreme = query('MAX(Earnings)', 'HAVING COUNT(*) >= 10');
    assert.ok(located(extreme, analyse('sql', extreme)).some((f) => f.code === 'SDC011'));
  });
});
