/**
 * PIVOT keeps what its source's cells are: counts summed into the spread columns are still counts, so a zero-fill
 * of a pivot column (`ISNULL(pv.[0], 0)`) is SDC014 and the source's missing guard is SDC010 on its GROUP BY; a
 * guarded and rounded source pivots quietly; a pivot over records is itself the aggregation.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const CENSUS = 'npd_i2."<project number>".spring_census_2019';

const pivoted = (select: string, having: string): string =>
  `SELECT pv.home_la, ${select}\nFROM (\n    SELECT sc.HomeLA_SPR19_anon AS home_la, sc.FSMeligible_SPR19 AS fsm,\n           ROUND(COUNT(*) / 5.0, 0) * 5 AS pupils\n` +
  `    FROM ${CENSUS} AS sc\n    GROUP BY sc.HomeLA_SPR19_anon, sc.FSMeligible_SPR19\n${having}) AS src\nPIVOT (SUM(pupils) FOR fsm IN ([0], [1])) AS pv;\n`;

const found = (text: string): string[] => located(text, analyse('sql', text)).map((f) => `${f.code}@${f.line}`).sort();

describe('T-SQL: PIVOT', () => {
  before(setUpDisclosure);

  it('reports a zero-filled pivot column and the unguarded source table', () => {
    const text = pivoted('ISNULL(pv.[0], 0) AS not_fsm, ISNULL(pv.[1], 0) AS fsm', '');
    assert.deepEqual(found(text), ['SDC010@6', 'SDC014@1']);
  });

  it('is quiet over a guarded, rounded source', () => {
    const text = pivoted('pv.[0] AS not_fsm, pv.[1] AS fsm', '    HAVING COUNT(*) >= 10\n');
    assert.deepEqual(found(text), []);
  });

  it('a pivot of records is the aggregation, unguarded', () => {
    const text =
      `SELECT pv.home_la, pv.[0] AS not_fsm, pv.[1] AS fsm\nFROM (\n    SELECT sc.HomeLA_SPR19_anon AS home_la, sc.FSMeligible_SPR19 AS fsm, sc.PupilMatchingRefAnonymous_SPR19 AS pmr\n` +
      `    FROM ${CENSUS} AS sc\n) AS src\nPIVOT (COUNT(pmr) FOR fsm IN ([0], [1])) AS pv;\n`;
    assert.ok(found(text).includes('SDC010@6'), found(text).join(', '));
  });
});
