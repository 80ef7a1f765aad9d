/**
 * R prints a top-level value only when it is visible, and data.table changes tables in place. These cases
 * pin both down, since getting either wrong puts a warning on code that shows nothing or hides a real risk.
 */
import { strict as assert } from 'node:assert';
import { analyse, dedent, located, setUpDisclosure } from './support/check';

function findings(text: string): string[] {
  const source = dedent(text);
  return located(source, analyse('r', source)).map((f) => `${f.code}@${f.line}`);
}

const COHORT = 'cohort <- readRDS("derived/cohort.rds")';

describe('R visibility and data.table updates by reference', () => {
  before(setUpDisclosure);

  it('prints nothing for set* calls, := updates and invisible()', () => {
    assert.deepEqual(findings(`
      library(data.table)
      ${COHORT}
      setDT(cohort)
      setkey(cohort, fsm)
      cohort[, fsm_label := fifelse(fsm == 1, "FSM", "Not FSM")]
      cohort[, \`:=\`(a = 1L, b = 2L)]
      invisible(cohort)
    `), []);
  });

  it('still flags the table when it is printed by name or in parentheses', () => {
    assert.deepEqual(findings(`
      library(data.table)
      ${COHORT}
      setDT(cohort)
      (cohort[, band := 1L])
      cohort
    `), ['SDC002@4', 'SDC002@5']);
  });

  it('keeps the rounding of a := update on the variable, so the written table is rounded', () => {
    assert.deepEqual(findings(`
      library(data.table)
      ${COHORT}
      setDT(cohort)
      tab <- cohort[, .N, by = .(fsm, gender)]
      tab <- tab[N >= 10]
      tab[, N := round(N / 5) * 5]
      fwrite(tab, "outputs/fsm_by_gender.csv")
    `), []);
  });

  it('reads the rows of an update as the rows it changes: blanking small cells is suppression, not a filter', () => {
    const unguarded = findings(`
      library(data.table)
      ${COHORT}
      setDT(cohort)
      tab <- cohort[, .N, by = .(fsm, gender)]
      fwrite(tab, "outputs/fsm_by_gender.csv")
    `);
    assert.ok(unguarded.includes('SDC010@4'), unguarded.join(', '));
    const blanked = findings(`
      library(data.table)
      ${COHORT}
      setDT(cohort)
      tab <- cohort[, .N, by = .(fsm, gender)]
      tab[N < 10, N := NA]
      tab[, N := round(N / 5) * 5]
      fwrite(tab, "outputs/fsm_by_gender.csv")
    `);
    assert.ok(!blanked.some((f) => f.startsWith('SDC010')), blanked.join(', '));
  });
});

describe('a key in a whole-record listing is its own finding', () => {
  before(setUpDisclosure);

  // Independent labellers (and the SDC003 page) treat a listed key as a problem of its own: dropping the key is
  // a different fix from aggregating the records, so both are reported, whether or not the listing picked it.
  it('gives SDC003 beside SDC002 whether the listing shows every column or picks the key', () => {
    const load = `earn <- dbGetQuery(con, "SELECT e.Edukey, e.Earnings FROM LEO_i2.[2002237].leo_earnings AS e")`;
    assert.deepEqual(findings(`
      ${load}
      head(earn)
    `), ['SDC002@2', 'SDC003@2']);
    assert.deepEqual(findings(`
      ${load}
      earn |> dplyr::select(Edukey, Earnings) |> head(10)
    `), ['SDC002@2', 'SDC003@2']);
  });
});
