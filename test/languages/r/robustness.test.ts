/**
 * The analysis never throws and stays silent on half-typed code: every corpus script is cut at many
 * points (as it looks while being typed), and every feature is asked about every cut.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseR, R_FIXTURES, rReady, readFixture } from './support/analyse';

function corpus(): { name: string; text: string }[] {
  return ['valid', 'seeded', 'golden'].flatMap((directory) =>
    fs.readdirSync(path.join(R_FIXTURES, directory)).filter((f) => f.endsWith('.R')).map((f) => ({ name: `${directory}/${f}`, text: readFixture(directory, f) })));
}

describe('R: robustness', function () {
  this.timeout(120000);
  before(rReady);

  it('answers every request on every prefix of the valid corpus without throwing', () => {
    for (const { name, text } of corpus().filter((c) => c.name.startsWith('valid/'))) {
      const step = Math.max(1, Math.floor(text.length / 60));
      for (let cut = 0; cut <= text.length; cut += step) {
        const prefix = text.slice(0, cut);
        const analysis = analyseR(prefix);
        for (const offset of [0, Math.floor(cut / 2), cut]) {
          analysis.complete(offset);
          analysis.hover(offset);
          analysis.definition(offset);
        }
        analysis.symbols();
        analysis.folding();
        // A prefix of a valid script may end in the middle of a name, which may be reported while it is typed;
        // nothing before that may be.
        for (const finding of analysis.findings.filter((f) => f.code === 'LEO102')) {
          assert.ok(finding.end >= cut - 1, `${name} cut at ${cut}: ${finding.message}`);
        }
      }
    }
  });

  it('survives text that is not R at all', () => {
    const samples = ['\u0000\u0001', '((((((((((', '`'.repeat(50), 'r"(never closed', '%>% %>% |> |>', '[[[[]]]]', 'function(', '"\\U{FFFFFFFF}"', '\\(x) x$y'];
    for (const sample of samples) {
      const analysis = analyseR(sample);
      for (let offset = 0; offset <= sample.length; offset++) {
        analysis.complete(offset);
        analysis.hover(offset);
        analysis.definition(offset);
      }
    }
  });

  it('gives the outline: frames and functions as symbols, blocks and sections as folds', () => {
    const text = readFixture('valid', '02-dbi-earnings-by-fsm.R');
    const analysis = analyseR(text);
    const symbols = analysis.symbols().map((s) => `${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''}`);
    assert.ok(symbols.includes('frame earnings (data frame · 5 columns)'), symbols.join('\n'));
    assert.ok(symbols.includes('frame summary_table (data frame · 5 columns)'), symbols.join('\n'));
    const folds = analysis.folding();
    assert.ok(folds.some((f) => f.kind === 'region'), 'the RStudio section header folds');
    const query = text.indexOf('query <- "');
    assert.ok(folds.some((f) => f.start > query && f.start < query + 12 && text.slice(f.start, f.end).includes('TaxYear = 202021')), 'the multi-line SQL string folds');
  });
});
