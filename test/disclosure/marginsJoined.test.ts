/**
 * A margin made apart from the cells and joined beside them after the cells were guarded (SDC015, where the margin
 * is computed): the margin still counts the removed cells. Computed from the guarded cells, it is quiet.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const script = (totalsFrom: string): string =>
  'library(dplyr)\n' +
  'pupils <- DBI::dbGetQuery(con, "SELECT GOR_SPR19 AS region, Gender_SPR19 AS sex FROM npd_i2.dbo.spring_census_2019")\n' +
  'cells_all <- pupils %>% count(region, sex)\n' +
  'cells <- cells_all %>% filter(n >= 10)\n' +
  `totals <- ${totalsFrom} %>% group_by(region) %>% summarise(total = sum(n))\n` +
  'table <- cells %>% left_join(totals, by = "region") %>% mutate(n = round(n / 5) * 5, total = round(total / 5) * 5)\n' +
  'readr::write_csv(table, "outputs/region_sex.csv")\n';

describe('SDC015: a margin joined beside guarded cells', () => {
  before(setUpDisclosure);

  it('is reported where the margin of every cell is computed', () => {
    const text = script('cells_all');
    assert.deepEqual(located(text, analyse('r', text)).filter((f) => f.code === 'SDC015').map((f) => f.line), [5]);
  });

  it('is quiet when the margin sums the published cells', () => {
    const text = script('cells');
    assert.deepEqual(located(text, analyse('r', text)).filter((f) => f.code === 'SDC015'), []);
  });
});
