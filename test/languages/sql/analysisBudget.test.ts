/**
 * A T-SQL document past the analysis budget is analysed up to the first statement past it; the rest gets one
 * LEO000 limit note and no findings from the front end or the disclosure checks.
 */
import { strict as assert } from 'node:assert';
import { MAX_ANALYSED_STATEMENTS } from '../../../server/src/languages/sql/analysisBudget';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import { isLimitNote } from '../../../server/src/model/notChecked';
import { analyse, setUpDisclosure } from '../../disclosure/support/check';
import { bundledCatalogue, contextWith } from './support/catalogues';

const LISTING = 'SELECT TOP 10 e.Earnings FROM LEO_i2."<project number>".leo_earnings AS e;\n';
const TYPO = 'SELECT e.Earnigs FROM LEO_i2."<project number>".leo_earnings AS e;\n';

describe('sql analysis budget', () => {
  before(setUpDisclosure);

  it('checks the statements within the budget, notes the rest once, and reports nothing past it', () => {
    const text = `${LISTING}${TYPO}${'SELECT 1;\n'.repeat(MAX_ANALYSED_STATEMENTS)}${LISTING}${TYPO}`;
    const front = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).findings;
    assert.deepEqual(front.filter((f) => f.code === 'LEO102').map((f) => f.start < 200), [true]);
    const notes = front.filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.ok(isLimitNote(notes[0]!.message), notes[0]!.message);
    assert.equal(notes[0]!.end, text.length);
    const listings = analyse('sql', text).findings.filter((f) => f.code === 'SDC002');
    assert.deepEqual(listings.map((f) => f.start < 200), [true]);
  });

  it('re-analyses an edit of a document past the budget the same way as a fresh one', () => {
    const text = `${'SELECT 1;\n'.repeat(MAX_ANALYSED_STATEMENTS + 5)}${TYPO}`;
    const first = sqlLanguage.analyse(text, contextWith(bundledCatalogue()));
    const edited = `${TYPO}${text}`;
    const again = sqlLanguage.analyse(edited, contextWith(bundledCatalogue()), first).findings;
    const fresh = sqlLanguage.analyse(edited, contextWith(bundledCatalogue())).findings;
    assert.deepEqual(again, fresh);
  });
});
