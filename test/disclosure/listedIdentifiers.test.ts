/**
 * A listing of keys in a grouped output: `STRING_AGG(edukey, ',')` joins every key of a cell into one value, so
 * the table shows the identifiers themselves (SDC003), while a distinct count of them, or a listing of a field
 * that identifies nobody, shows none.
 */
import { strict as assert } from 'node:assert';
import { analyse, codes, setUpDisclosure } from './support/check';

const GEOGRAPHY = 'LEO_i2."<project number>".leo_geography';

const table = (extra: string): string =>
  `SELECT g.LAUA_anon, ROUND(COUNT(DISTINCT g.Edukey) / 5.0, 0) * 5 AS people${extra}\nFROM ${GEOGRAPHY} AS g\nGROUP BY g.LAUA_anon\nHAVING COUNT(DISTINCT g.Edukey) >= 10;\n`;

describe('SDC003: identifiers listed by STRING_AGG', () => {
  before(setUpDisclosure);

  it('flags the keys of each cell joined into one value', () => {
    assert.deepEqual(codes(analyse('sql', table(", STRING_AGG(CAST(g.Edukey AS varchar(max)), ',') AS keys"))), ['SDC003']);
  });

  it('leaves a distinct count of keys, and a listing of a field that identifies nobody, alone', () => {
    assert.deepEqual(codes(analyse('sql', table(''))), []);
    assert.deepEqual(codes(analyse('sql', table(", STRING_AGG(g.GORNM, ',') AS regions"))), []);
  });
});

describe('SDC003: identifiers listed by paste(collapse =) in R', () => {
  before(setUpDisclosure);

  const script = (value: string): string =>
    'library(dplyr)\n' +
    'pupils <- DBI::dbGetQuery(con, "SELECT PupilMatchingRefAnonymous_SPR19 AS pmr, HomeLA_SPR19_anon AS la FROM npd_i2.dbo.spring_census_2019")\n' +
    `by_la <- pupils %>% group_by(la) %>% summarise(n = n(), ${value}) %>% filter(n >= 10) %>% mutate(n = round(n / 5) * 5)\n` +
    'write.csv(by_la, "outputs/by_la.csv")\n';

  it('flags keys joined with paste(collapse =) or toString()', () => {
    assert.deepEqual(codes(analyse('r', script('ids = paste(pmr, collapse = ";")'))), ['SDC003']);
    assert.deepEqual(codes(analyse('r', script('ids = toString(pmr)'))), ['SDC003']);
  });

  it('leaves a paste without collapse (one label per group) alone', () => {
    assert.deepEqual(codes(analyse('r', script('label = paste("LA", first(la))'))), []);
  });
});
