/**
 * `cat()` and `message()` print every value they are given, so an extreme among them is shown (SDC011); text and
 * counts of the whole extract are not findings.
 */
import { strict as assert } from 'node:assert';
import { analyse, located, setUpDisclosure } from './support/check';

const HEAD = 'earners <- DBI::dbGetQuery(con, "SELECT Edukey, Earnings AS earn FROM LEO_i2.dbo.leo_earnings")\n';

describe('R: cat() and message() print their values', () => {
  before(setUpDisclosure);

  it('an extreme among the values is SDC011 on the call', () => {
    const text = `${HEAD}cat("Highest earnings:", max(earners$earn), "\\n")\nmessage("Lowest: ", min(earners$earn))\n`;
    assert.deepEqual(located(text, analyse('r', text)).map((f) => `${f.code}@${f.line}`), ['SDC011@2', 'SDC011@3']);
  });

  it('progress messages and the size of the whole extract are quiet', () => {
    const text = `${HEAD}message("Rows read: ", nrow(earners))\ncat("done\\n")\n`;
    assert.deepEqual(located(text, analyse('r', text)), []);
  });
});
