/**
 * A count of the same groups kept in its own series (`n_la = cohort.groupby("la").size()`) guards a table indexed by
 * it (`rates[n_la >= 10]`); a count of other groups does not.
 */
import { strict as assert } from 'node:assert';
import { allFindings, codesAndLines, pyReady } from './support/analyse';

const script = (guard: string): string =>
  'import pandas as pd\n' +
  'cohort = pd.read_sql(\'SELECT HomeLA_SPR19_anon AS la, GOR_SPR19 AS region, FSMeligible_SPR19 AS fsm FROM npd_i2."<project number>".spring_census_2019\', con)\n' +
  `${guard}\n` +
  'rates = cohort.groupby("la")["fsm"].mean()[n >= 10].round(3)\n' +
  'rates.to_csv("outputs/la_fsm_rates.csv")\n';

describe('Python: a count series as a guard', () => {
  before(pyReady);

  it('guards a table of the same groups', () => {
    const text = script('n = cohort.groupby("la").size()');
    assert.deepEqual(codesAndLines(text, allFindings(text)).filter((f) => f.startsWith('SDC')), []);
  });

  it('does not guard a table of other groups', () => {
    const text = script('n = cohort.groupby("region").size()');
    assert.ok(codesAndLines(text, allFindings(text)).includes('SDC010@4'));
  });
});
