/**
 * A bcp command inside a T-SQL string quotes its query for the shell (`""` for a double quote) and for T-SQL
 * (`''` for a single quote). The export must still be read, with the query's columns at their own offsets.
 */
import { strict as assert } from 'node:assert';
import { analyse, setUpDisclosure } from './support/check';

describe('bcp queryout with escaped quotes', () => {
  before(setUpDisclosure);

  it('reads the query, so the record-level export and the key in it are found where they are written', () => {
    const text = `EXEC xp_cmdshell 'bcp "SELECT k.KS4_PupilMatchingRefAnonymous, k.KS4_FSM6 FROM npd_i2.""<project number>"".KS4Pupil_2015_to_2021 AS k WHERE k.KS4_ACADYR = ''2019/2020''" queryout "outputs\\ks4.csv" -c -T';\n`;
    const findings = analyse('sql', text).findings;
    assert.deepEqual(findings.map((f) => f.code), ['SDC001', 'SDC003']);
    const key = findings.find((f) => f.code === 'SDC003')!;
    assert.equal(text.slice(key.start, key.end), 'k.KS4_PupilMatchingRefAnonymous');
    const exported = analyse('sql', text).model!.outputs[0]!;
    assert.equal(exported.target, 'outputs\\ks4.csv');
  });
});
