/**
 * Tree-sitter's error recovery can take seconds on mangled text, so each parse has a time limit. A parse that
 * runs out of time gives the file one LEO000 limit note instead of an empty, silent analysis, and the parser
 * is left ready for the next document.
 */
import { strict as assert } from 'node:assert';
import { rLanguage } from '../../../server/src/languages/r/index';
import { initialiseRParser, PARSE_TIME_LIMIT_MS } from '../../../server/src/languages/r/parser/treeSitter';
import { isLimitNote } from '../../../server/src/model/notChecked';
import { bundledCatalogue } from '../../disclosure/support/catalogue';

describe('R parse time limit', () => {
  it('notes a parse that ran out of time, and parses the next document normally', async () => {
    const parser = await initialiseRParser();
    const context = { catalogue: bundledCatalogue(), severityOverrides: {} };
    const long = 'cohort <- readRDS("derived/cohort.rds")\n' + 'x <- f(a, (b + c) * d[[1]], e$g)\n'.repeat(20_000);
    const old = parser.setTimeLimit(0.001);
    let findings;
    try {
      findings = rLanguage.analyse(long, context).findings;
    } finally {
      parser.setTimeLimit(old);
    }
    assert.equal(old, PARSE_TIME_LIMIT_MS);
    assert.deepEqual(findings.map((f) => f.code), ['LEO000']);
    assert.ok(isLimitNote(findings[0]!.message), findings[0]!.message);
    const next = rLanguage.analyse('cohort <- readRDS("derived/cohort.rds")\ncohort$x <- 1\n', context);
    assert.deepEqual(next.findings, []);
    assert.ok(next.symbols().length > 0);
  });
});
