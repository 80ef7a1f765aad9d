/**
 * Base R tables printed through arithmetic and rounding (`round(100 * prop.table(table(a, b), 1), 1)`,
 * `round(tapply(x, g, mean), -2)`) are still the tables they wrap, so the table rules see them; rounding to a
 * negative number of digits is a rounding to that base.
 */
import { strict as assert } from 'node:assert';
import { analyse, codes, setUpDisclosure } from './support/check';

const LOAD = 'dest <- readRDS("derived/destinations.rds")\n';

describe('R tables printed through arithmetic and round()', () => {
  before(setUpDisclosure);

  it('checks a percentage table printed through round() and 100 *', () => {
    const found = codes(analyse('r', `${LOAD}round(100 * prop.table(table(dest$ethnic, dest$status), 1), 1)\n`));
    assert.ok(found.includes('SDC010') && found.includes('SDC014'), found.join(', '));
  });

  it('checks a tapply of means printed through round(, -2)', () => {
    const found = codes(analyse('r', `${LOAD}round(tapply(dest$earnings, dest$region, mean), -2)\n`));
    assert.ok(found.includes('SDC010') && found.includes('SDC012'), found.join(', '));
  });

  it('prints nothing when the rounded table is assigned', () => {
    const found = codes(analyse('r', `${LOAD}shares <- round(100 * prop.table(table(dest$ethnic, dest$status), 1), 1)\n`));
    assert.deepEqual(found.filter((c) => c.startsWith('SDC01')), [], found.join(', '));
  });
});

describe('R tables subset by their own cells and rounded whole', () => {
  before(setUpDisclosure);

  it('reads tab[tab >= 10] as the guard and round(tab / 5) * 5 as rounding to 5', () => {
    const text = `${LOAD}tab <- table(dest$status)\ntab <- tab[tab >= 10]\ntab <- round(tab / 5) * 5\nprint(tab)\n`;
    const found = codes(analyse('r', text));
    assert.deepEqual(found.filter((c) => c === 'SDC010' || c === 'SDC022'), [], found.join(', '));
  });

  it('still flags the same table printed without the guard', () => {
    const text = `${LOAD}tab <- table(dest$status)\ntab <- round(tab / 5) * 5\nprint(tab)\n`;
    assert.ok(codes(analyse('r', text)).includes('SDC010'));
  });
});
