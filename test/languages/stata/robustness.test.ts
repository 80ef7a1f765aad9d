/**
 * The Stata front end never throws and stays bounded: random and half-typed text, unterminated strings,
 * comments and macros, blocks nested past the limit, loops that would run too many commands, and a file longer
 * than the analysed budget, which gets one LEO000 limit note.
 */
import { strict as assert } from 'node:assert';
import { analyseStata as analyseWithLimit } from '../../../server/src/languages/stata/analysis';
import { MAX_NAME_FINDINGS } from '../../../server/src/languages/stata/resolve';
import { SiteList } from '../../../server/src/languages/stata/state';
import { lex } from '../../../server/src/languages/stata/syntax/lexer';
import { analyseStata, readFixture } from './support';
import { bundledCatalogue } from '../r/support/analyse';

function exercise(text: string): void {
  const analysis = analyseStata(text);
  void analysis.findings;
  void analysis.dataflow();
  for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 50))) {
    analysis.complete(offset);
    analysis.hover(offset);
    analysis.definition(offset);
  }
  analysis.symbols();
  analysis.folding();
}

describe('Stata: robustness', () => {
  it('never throws on half-typed and broken text', () => {
    const pieces = ['odbc load, exec("SELECT', '`"', "`x", '$', '${', '/*', '///', '#delimit ;', 'foreach v of varlist', '{', '}', 'by x:', 'bysort (', 'collapse (', 'tab x [aw=', 'gen = ', 'rename (a b', 'merge 1:', ', keepusing(', 'program define', 'end', 'frame f:', '\r\n', '\n', ';', '"', "'", 'i.(', '#', 'keep a-', '*'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let k = 0; k < 30; k++) text += `${pieces[next() % pieces.length]}${next() % 3 === 0 ? '\n' : ' '}`;
      exercise(text);
    }
  });

  it('never throws on every prefix of a valid do-file', () => {
    const text = readFixture('valid', '02-merge-earnings-lookup.do');
    for (let end = 0; end <= text.length; end += 17) exercise(text.slice(0, end));
  });

  it('lexes unterminated strings, macros and comments to the end without looping', () => {
    for (const text of ['"abc', '`"abc', '`abc', '/* abc', '${abc', 'x ///']) {
      const result = lex(text);
      assert.ok(result.commands.length + result.comments.length >= 1, text);
    }
  });

  it('reads blocks nested past the limit flat, with a note', () => {
    const depth = 200;
    const text = `${'if 1 {\n'.repeat(depth)}display 1\n${'}\n'.repeat(depth)}`;
    const findings = analyseStata(text).findings;
    assert.ok(findings.some((f) => f.code === 'LEO000' && /nested more than/.test(f.message)));
  });

  it('stops a do-file that runs too many commands, with a note', () => {
    const text = 'forvalues i = 1/400 {\n  forvalues j = 1/400 {\n    forvalues k = 1/400 {\n      generate x`i\'`j\'`k\' = 1\n    }\n  }\n}\n';
    const findings = analyseStata(text).findings;
    assert.ok(findings.some((f) => f.code === 'LEO000'), findings.map((f) => f.message).join('; '));
  });

  it('reports at most MAX_NAME_FINDINGS unknown names, then one note, and works out a did-you-mean only for those reported', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `unknown_${i}`).join(' + ');
    const text = `clear\ngenerate pay = 1\nreplace pay = ${names}\n`;
    const findings = analyseStata(text).findings;
    assert.equal(findings.filter((f) => f.code === 'LEO102').length, MAX_NAME_FINDINGS);
    const notes = findings.filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message, /more than 1,000/);
  });

  it('keeps one variable site per place when a loop runs its body many times', () => {
    const list = new SiteList();
    const site = (name: string) => ({ start: 10, end: 13, name, dataset: undefined as never });
    list.push(site('a'));
    list.push(site('b'));
    list.push({ ...site('c'), start: 2, end: 4 });
    assert.deepEqual(list.sorted().map((s) => s.name), ['c', 'b']);
  });

  it('gives one LEO000 note for the part past the character budget', () => {
    const block = 'odbc load, exec("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019") dsn("S") clear\ntab fms\n';
    const text = block.repeat(20);
    const analysis = analyseWithLimit(text, { catalogue: bundledCatalogue(), severityOverrides: {} }, block.length * 5 + 10);
    const notes = analysis.findings.filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message, /left out to keep the analysis bounded/);
    // Only the analysed part is checked.
    assert.equal(analysis.findings.filter((f) => f.code === 'LEO102').length, 5);
  });

  it('stays linear on a long line of quotes and a deep run of parentheses', () => {
    const started = performance.now();
    exercise(`display ${'""'.repeat(50_000)}\n`);
    exercise(`generate x = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`);
    assert.ok(performance.now() - started < 20_000);
  });
});
