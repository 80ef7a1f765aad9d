/**
 * A `UNION ALL` total row shows its statistics in the cells' columns: its `MAX(x)` is an extreme as the cells'
 * maxima are, and each is reported where it is computed.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const CENSUS = 'npd_i2."<project number>".spring_census_2019';

describe('T-SQL: a UNION ALL total row', () => {
  before(setUpDisclosure);

  it('reports the maximum of the total row as well as the cells\'', () => {
    const text =
      `SELECT sc.EthnicGroupMajor_SPR19 AS grp, MAX(sc.Age_SPR19) AS oldest\nFROM ${CENSUS} AS sc\nGROUP BY sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10\n` +
      `UNION ALL\nSELECT 'All', MAX(sc.Age_SPR19)\nFROM ${CENSUS} AS sc;\n`;
    const extremes = located(text, analyse('sql', text)).filter((f) => f.code === 'SDC011').map((f) => f.line);
    assert.deepEqual(extremes, [1, 6]);
  });
});
