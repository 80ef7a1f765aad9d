/**
 * R functions the script defines are followed where they are called, and the function given to `walk`, `map_dfr`
 * or `lapply` is run once: the frames they return and the files they write are checked as if written in place.
 * A helper named for protecting a table stays opaque, a call before the definition is not followed, and a
 * function calling itself is not followed into itself.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const COHORT = 'cohort <- DBI::dbGetQuery(con, "SELECT sc.PupilMatchingRefAnonymous_SPR19 AS pmr, sc.FSMeligible_SPR19 AS fsm, sc.LA_SPR19_anon AS la FROM npd_i2.dbo.spring_census_2019 AS sc")\n';

function found(text: string): string[] {
  return located(text, analyse('r', text)).map((f) => `${f.code}@${f.line}`).sort();
}

describe('R: functions the script defines', () => {
  before(setUpDisclosure);

  it('a function returning the extract gives it to the caller, called directly or through map_dfr', () => {
    const text = 'read_year <- function(yy) {\n  DBI::dbGetQuery(con, "SELECT sc.PupilMatchingRefAnonymous_SPR19 AS pmr FROM npd_i2.dbo.spring_census_2019 AS sc")\n}\n' +
      'one <- read_year(19)\nwrite_parquet(one, "outputs/one.parquet")\n' +
      'all <- purrr::map_dfr(c(17, 18), read_year)\nwrite_parquet(all, "outputs/all.parquet")\n';
    assert.deepEqual(found(text), ['SDC001@5', 'SDC001@7', 'SDC003@5', 'SDC003@7']);
  });

  it('a table written inside walk() is checked once, at its write; a guarded, rounded one is quiet', () => {
    const body = (round: string): string => `${COHORT}walk(c(2017, 2018), \\(y) {\n  tab <- cohort |> count(la, fsm) |> filter(n >= 10)${round}\n  write_csv(tab, glue("outputs/t_{y}.csv"))\n})\n`;
    assert.deepEqual(found(body('')), ['SDC022@4']);
    assert.deepEqual(found(body(' |> mutate(n = round(n / 5) * 5)')), []);
  });

  it('arguments bind by position and by name, defaults fill the rest, and the body\'s variables do not leak', () => {
    const text = `${COHORT}table_of <- function(data, key, k = 10) {\n  raw <- data |> count({{ key }})\n  raw |> filter(n >= k)\n}\n` +
      '\nout <- table_of(cohort, la) |> mutate(n = round(n / 5) * 5)\nwrite_csv(out, "outputs/la.csv")\nprint(raw)\n';
    assert.deepEqual(found(text), []);
    const named = text.replace('table_of(cohort, la) |> mutate(n = round(n / 5) * 5)', 'table_of(key = la, data = cohort)');
    assert.deepEqual(found(named), ['SDC022@8']);
  });

  it('a helper named for protecting a table stays opaque; a call before the definition and recursion are not followed', () => {
    const helper = `${COHORT}suppress_small <- function(tab, col = "n") {\n  tab[[col]] <- ifelse(tab[[col]] < 10, NA, tab[[col]])\n  tab\n}\n` +
      'out <- cohort |> count(la) |> suppress_small()\nwrite_csv(out, "outputs/la.csv")\n';
    assert.deepEqual(found(helper), []);
    const early = `${COHORT}out <- early(cohort)\nwrite_csv(out, "outputs/la.csv")\nearly <- function(d) d |> count(la)\n`;
    assert.deepEqual(found(early), []);
    const recursive = `${COHORT}again <- function(d) again(d)\nout <- again(cohort)\nwrite_csv(out, "outputs/la.csv")\n`;
    assert.deepEqual(found(recursive), []);
  });
});
