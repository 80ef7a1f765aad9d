/**
 * A document longer than the analysis budget (in characters or in tokens) is analysed up to the first top-level
 * statement that ends past it; the rest gets one LEO000 limit note and no findings, so a pasted dump cannot
 * freeze the editor.
 */
import { strict as assert } from 'node:assert';
import { budgetOf, MAX_ANALYSED_CHARACTERS, MAX_ANALYSED_TOKENS } from '../../../server/src/languages/r/parser/analysisBudget';
import { initialiseRParser } from '../../../server/src/languages/r/parser/treeSitter';
import { isLimitNote } from '../../../server/src/model/notChecked';
import { languageSupport } from '../../../server/src/languages/registry';
import { analyse, setUpDisclosure } from '../../disclosure/support/check';
import { bundledCatalogue } from '../../disclosure/support/catalogue';

function frontEndFindings(text: string) {
  return languageSupport('r').analyse(text, { catalogue: bundledCatalogue(), severityOverrides: {} }).findings;
}

describe('R analysis budget', () => {
  before(setUpDisclosure);
  // The parse of a budget-sized document takes most of a second on a busy machine; this test is about the
  // budget, not the parse time limit (parseTimeLimit.test.ts), so the limit is lifted while it runs.
  let oldLimit: number | undefined;
  before(async () => {
    oldLimit = (await initialiseRParser()).setTimeLimit(60_000);
  });
  after(async () => {
    if (oldLimit !== undefined) (await initialiseRParser()).setTimeLimit(oldLimit);
  });

  it('checks the part within the budget, notes the rest once, and reports nothing past it', () => {
    const load = 'cohort <- readRDS("derived/cohort.rds")\nhead(cohort)\n';
    const filler = 'x <- 1\n'.repeat(Math.ceil(MAX_ANALYSED_CHARACTERS / 7) + 10);
    const text = `${load}${filler}head(cohort)\n`;
    const findings = analyse('r', text).findings;
    const listings = findings.filter((f) => f.code === 'SDC002');
    assert.equal(listings.length, 1);
    assert.ok(listings[0]!.start < load.length);
    const notes = frontEndFindings(text).filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.ok(isLimitNote(notes[0]!.message), notes[0]!.message);
    assert.ok(notes[0]!.start < MAX_ANALYSED_CHARACTERS && notes[0]!.end === text.length);
  });

  it('stops at the token budget on a dense document shorter than the character budget', () => {
    const load = 'cohort <- readRDS("derived/cohort.rds")\nhead(cohort)\n';
    // One call with a great many one-letter arguments: short in characters, long in tokens.
    const wide = `f(${Array.from({ length: MAX_ANALYSED_TOKENS }, () => 'a').join(', ')})\n`;
    const text = `${load}${wide}head(cohort)\n`;
    assert.ok(text.length < MAX_ANALYSED_CHARACTERS, 'within the character budget');
    const findings = analyse('r', text).findings;
    assert.deepEqual(findings.filter((f) => f.code === 'SDC002').map((f) => f.start < load.length), [true], 'only the listing before the budget');
    const notes = frontEndFindings(text).filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.ok(isLimitNote(notes[0]!.message) && /tokens/.test(notes[0]!.message), notes[0]!.message);
    assert.equal(notes[0]!.start, load.length, 'from the wide call to the end');
  });

  it('counts tokens as runs of word characters, single other characters and whole strings', () => {
    assert.equal(budgetOf('x <- 1\n').analysedEnd, 'x <- 1\n'.length);
    const dense = ', a'.repeat(MAX_ANALYSED_TOKENS);
    const budget = budgetOf(dense);
    assert.equal(budget.limit, 'tokens');
    // Each `, a` is two tokens, so the budget runs out half way through the repeats.
    assert.ok(Math.abs(budget.analysedEnd - (MAX_ANALYSED_TOKENS / 2) * 3) <= 3, String(budget.analysedEnd));
    assert.ok(budget.parsedEnd > budget.analysedEnd && budget.parsedEnd < dense.length);
    // A string is one token however many words it holds, and a quote in a comment opens no string.
    const strings = `q <- "${'SELECT a, b '.repeat(MAX_ANALYSED_TOKENS / 4)}"\n# don't\n`;
    assert.equal(budgetOf(strings).limit, undefined);
    assert.equal(budgetOf(`# it's\n${dense}`).limit, 'tokens');
  });

  it('gives no note to a document within the budget', () => {
    const text = 'cohort <- readRDS("derived/cohort.rds")\nhead(cohort)\n';
    assert.deepEqual(analyse('r', text).findings.map((f) => f.code), ['SDC002']);
    assert.deepEqual(frontEndFindings(text).filter((f) => f.code === 'LEO000'), []);
  });
});
