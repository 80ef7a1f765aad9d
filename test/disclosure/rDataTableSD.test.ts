/**
 * data.table summaries through `.SD`: `lapply(.SD, mean)` by a key is an aggregate (one statistic per `.SDcols`
 * column), alone or joined with named items in `c(…, list(pupils = .N))`, so the table rules apply to it, not the
 * record-level export rule.
 */
import { strict as assert } from 'node:assert';
import { analyse, codes, setUpDisclosure } from './support/check';

const LOAD = 'ks4 <- data.table::as.data.table(readRDS("derived/ks4.rds"))\n';

describe('R data.table summaries through .SD', () => {
  before(setUpDisclosure);

  it('reads lapply(.SD, mean) by a key as a table, not as records', () => {
    const text = `${LOAD}profile <- ks4[, lapply(.SD, mean), by = region, .SDcols = c("att8", "p8")]\ndata.table::fwrite(profile, "outputs/profile.csv")\n`;
    const found = codes(analyse('r', text));
    assert.ok(!found.includes('SDC001'), found.join(', '));
    assert.ok(found.includes('SDC010'), found.join(', '));
  });

  it('sees the count joined in with c(), and the guard and rounding on it', () => {
    const text = `${LOAD}cols <- c("att8", "p8")\nprofile <- ks4[, c(lapply(.SD, mean, na.rm = TRUE), list(pupils = .N)), by = region, .SDcols = cols]\n`
      + 'profile <- profile[pupils >= 10]\nprofile[, pupils := round(pupils / 5) * 5]\ndata.table::fwrite(profile, "outputs/profile.csv")\n';
    const found = codes(analyse('r', text));
    assert.deepEqual(found.filter((c) => c === 'SDC001' || c === 'SDC010'), [], found.join(', '));
  });
});
