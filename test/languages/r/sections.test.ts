/**
 * RStudio section headers (`# Load ----`), found line by line. The line scan replaced two regular expressions
 * that backtracked on mangled input (a 300 KB fuzz input spent six seconds in them); these cases pin down
 * that it reads the same lines as headers as the expression it replaced did.
 */
import { strict as assert } from 'node:assert';
import { sectionHeaders } from '../../../server/src/languages/r/features/outline';
import { analyseR, rReady } from './support/analyse';

const HEADER = /^[ \t]*#+[^\n]*?[-=#]{4,}[ \t]*$/gm;

const LINES: readonly [string, boolean][] = [
  ['# Load ----', true],
  ['## Models ====', true],
  ['  # Indented ####  ', true],
  ['#####', true],
  ['####', false],
  ['# ---', false],
  ['# plain comment', false],
  ['x <- 1 # ----', false],
  ['#\t----\t', true],
  ['# Sums -=-=', true],
  ['', false],
];

describe('R section headers', () => {
  before(rReady);

  for (const [line, expected] of LINES) {
    it(`${JSON.stringify(line)} ${expected ? 'is' : 'is not'} a header, as the regular expression says`, () => {
      assert.equal(sectionHeaders(line).length === 1, expected);
      assert.equal([...line.matchAll(HEADER)].length === 1, expected);
    });
  }

  it('finds each header at its line start, Windows line ends included', () => {
    const text = 'x <- 1\r\n# Data ----\r\ny <- 2\r\n# Plot ----\r\n';
    assert.deepEqual(sectionHeaders(text), [text.indexOf('# Data'), text.indexOf('# Plot')]);
  });

  it('ends the last section at the last non-blank character, however many blank runs the file has', () => {
    const body = 'a \t \n'.repeat(2000);
    const text = `# Only ----\n${body}z <- 1\n \t\n\n`;
    const region = analyseR(text).folding().find((f) => f.kind === 'region');
    assert.ok(region, 'the section folds');
    assert.equal(region.start, 0);
    assert.equal(region.end, text.indexOf('z <- 1') + 'z <- 1'.length);
  });
});
