/**
 * Minimum-count guards in T-SQL as researchers write them: a count made by summing a 0/1 flag (`SUM(IIF(c, 1, 0))`,
 * `SUM(CASE WHEN c THEN 1 ELSE 0 END)`), and the complement of a cell (`COUNT(*) - SUM(flag) >= 10`), which bounds
 * the count itself. One guarded and one unguarded query per form.
 */
import { strict as assert } from 'node:assert';
import { analyse, codes, setUpDisclosure } from './support/check';

const NCCIS = 'npd_i2."<project number>".nccis_2011_to_2021';
const prep = `SELECT n.NCCIS_PupilMatchingRefAnonymous AS pmr, n.NCCIS_LEA_Code_Currently_Educated_anon AS la, IIF(n.NCCIS_Current_Activity_Code BETWEEN 540 AND 680, 1, 0) AS neet INTO #neet FROM ${NCCIS} AS n;\n`;

const GUARDED: readonly [string, string][] = [
  ['a sum of IIF flags', 'HAVING SUM(IIF(nt.neet = 1, 1, 0)) >= 10'],
  ['a sum of a 0/1 CASE', 'HAVING SUM(CASE WHEN nt.neet = 1 THEN 1 ELSE 0 END) >= 10'],
  ['the complement of a cell', 'HAVING SUM(nt.neet) >= 10 AND COUNT(*) - SUM(nt.neet) >= 10'],
  ['a plain count', 'HAVING COUNT(*) >= 10'],
];

describe('T-SQL minimum-count guards written as sums and complements', () => {
  before(setUpDisclosure);

  const query = (having: string): string =>
    `${prep}SELECT nt.la, ROUND(SUM(nt.neet) / 5.0, 0) * 5 AS neet_people, ROUND(COUNT(*) / 5.0, 0) * 5 AS people FROM #neet AS nt GROUP BY nt.la ${having};\n`;

  for (const [what, having] of GUARDED) {
    it(`accepts ${what} as the guard`, () => {
      assert.deepEqual(codes(analyse('sql', query(having))).filter((c) => c === 'SDC010'), []);
    });
  }

  it('still flags the table without a guard, or with a guard on a sum that is not a count', () => {
    assert.ok(codes(analyse('sql', query(''))).includes('SDC010'));
    const earnings = `SELECT e.TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS n FROM LEO_i2."<project number>".leo_earnings AS e GROUP BY e.TaxYear HAVING SUM(e.Earnings) >= 10;\n`;
    assert.ok(codes(analyse('sql', earnings)).includes('SDC010'));
  });
});
