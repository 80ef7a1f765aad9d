/**
 * Tests for language-configuration/stata.json, the editor behaviour VS Code
 * applies to Stata files: comment toggling, bracket matching, auto-closing,
 * folding markers, word boundaries and indentation.
 *
 * VS Code compiles the configuration's patterns as JavaScript regular
 * expressions, so that is how they are exercised here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/tmGrammar';

interface Pair {
  open: string;
  close: string;
  notIn?: string[];
}

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: Pair[];
  surroundingPairs: [string, string][];
  folding: { markers: { start: string; end: string } };
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
}

const configPath = path.join(repoRoot, 'language-configuration', 'stata.json');

describe('Stata language configuration', () => {
  let config: LanguageConfiguration;

  before(() => {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as LanguageConfiguration;
  });

  it('toggles // line comments and /* */ block comments', () => {
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  });

  it('matches, auto-closes and surrounds with every bracket pair', () => {
    const brackets = config.brackets.map(([open, close]) => `${open}${close}`).sort();
    assert.deepEqual(brackets, ['()', '[]', '{}']);
    for (const [open, close] of config.brackets) {
      assert.ok(config.autoClosingPairs.some((pair) => pair.open === open && pair.close === close), `${open} should auto-close`);
      assert.ok(config.surroundingPairs.some(([o, c]) => o === open && c === close), `${open} should surround a selection`);
    }
  });

  it('closes a local macro quote ` with \' but not inside comments', () => {
    const macro = config.autoClosingPairs.find((pair) => pair.open === '`');
    assert.ok(macro, 'a ` auto-closing pair is required');
    assert.equal(macro.close, "'");
    assert.deepEqual(macro.notIn, ['comment']);
    assert.ok(config.surroundingPairs.some(([open, close]) => open === '`' && close === "'"));
  });

  it('closes double quotes outside strings and comments', () => {
    const quote = config.autoClosingPairs.find((pair) => pair.open === '"');
    assert.ok(quote);
    assert.equal(quote.close, '"');
    assert.deepEqual([...(quote.notIn ?? [])].sort(), ['comment', 'string']);
  });

  it('folds //#region ... //#endregion without mistaking ordinary comments about regions', () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    for (const line of ['//#region Derived variables', '  // #region Loops', '* #region Tables']) {
      assert.ok(start.test(line), `${line} should start a fold`);
    }
    for (const line of ['//#endregion', '    // #endregion Loops', '* #endregion']) {
      assert.ok(end.test(line), `${line} should end a fold`);
    }
    for (const line of ['* region totals are suppressed below', '// region and LA breakdown', 'tab region', 'gen region_code = 1']) {
      assert.ok(!start.test(line), `${line} should not start a fold`);
    }
  });

  it('treats identifiers and numbers as words but not macro punctuation', () => {
    const word = new RegExp(config.wordPattern, 'g');
    const words = (text: string): string[] => text.match(word) ?? [];
    assert.ok(!new RegExp(`^(?:${config.wordPattern})$`).test(''), 'the word pattern must not match an empty string');
    assert.deepEqual(words('gen ks4_att8_sq = ks4_att8^2'), ['gen', 'ks4_att8_sq', 'ks4_att8', '2']);
    assert.deepEqual(words('di `year\' $data'), ['di', 'year', 'data']);
    assert.deepEqual(words('reg y i.region'), ['reg', 'y', 'i', 'region']);
    assert.deepEqual(words('replace rate = 1.5e-3'), ['replace', 'rate', '1.5e-3']);
  });

  it('indents after an opening brace and outdents a closing one', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ['foreach y of local years {', 'if `x\' == 1 {  // first pass', 'quietly {', '} else {']) {
      assert.ok(increase.test(line), `${line} should indent the next line`);
    }
    for (const line of ['di "{"', 'gen x = 1', 'local open {x}']) {
      assert.ok(!increase.test(line), `${line} should not indent the next line`);
    }
    assert.ok(decrease.test('    }'));
    assert.ok(decrease.test('} else {'));
    assert.ok(!decrease.test('di "}"'));
  });
});
