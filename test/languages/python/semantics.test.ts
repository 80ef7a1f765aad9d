/**
 * pandas, statsmodels, linearmodels, matplotlib, plotly and lifelines semantics, one script each under
 * `semantics/`: every line that must get a finding ends in a marker comment `#> CODE CODE`, and no other line may
 * get one. The markers are blanked before the analysis (same length, so offsets and lines do not move), so a rule
 * that fires too little, too much or on the wrong line fails.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allFindings, CORPUS_CONFIG, lineOf, pyReady } from './support/analyse';

const FOLDER = path.join(__dirname, 'semantics');
const MARKER = /#>((?:\s+[A-Z]{3}\d{3})+)\s*$/;

/** The script with its markers blanked, and the expected `CODE@line` pairs. */
function readMarked(text: string): { text: string; expected: string[] } {
  const expected: string[] = [];
  const lines = text.split('\n').map((line, index) => {
    const match = MARKER.exec(line);
    if (match === null) return line;
    for (const code of match[1]!.trim().split(/\s+/)) expected.push(`${code}@${index + 1}`);
    return line.slice(0, match.index) + ' '.repeat(line.length - match.index);
  });
  return { text: lines.join('\n'), expected: expected.sort() };
}

describe('Python: library semantics (marked scripts)', () => {
  before(pyReady);
  for (const file of fs.readdirSync(FOLDER).filter((f) => f.endsWith('.py')).sort()) {
    it(file, () => {
      const { text, expected } = readMarked(fs.readFileSync(path.join(FOLDER, file), 'utf8'));
      const found = [...new Set(allFindings(text, CORPUS_CONFIG).map((f) => `${f.code}@${lineOf(text, f.start)}`))].sort();
      assert.deepEqual(found, expected);
    });
  }
});
