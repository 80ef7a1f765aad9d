/**
 * R semantics that the disclosure rules depend on, one fixture per behaviour in `fixtures/semantics/`.
 * Each fixture names the codes it checks on its first line (`# checks: SDC014 SDC022`) and marks every line where one
 * of them must be reported with a trailing `# expect SDC014` comment; any other finding of those codes fails.
 * The fixtures are written for these tests, so they say what base R, data.table, reshape2, survey, knitr,
 * flextable and ggplot2 do, not what a corpus expects.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse, setUpDisclosure } from '../../disclosure/support/check';
import { LineIndex } from '../../../server/src/util/lineIndex';

const FIXTURES = path.join(__dirname, 'fixtures', 'semantics');

describe('R semantics behind the disclosure rules', () => {
  before(setUpDisclosure);

  for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.R')).sort()) {
    it(file, () => {
      const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const lines = text.split('\n');
      const checked = new Set((/^# checks:(.*)$/.exec(lines[0] ?? '')?.[1] ?? '').trim().split(/\s+/).filter((c) => c.length > 0));
      assert.ok(checked.size > 0, `${file} names no codes on its first line`);
      const expected: string[] = [];
      lines.forEach((line, index) => {
        for (const match of line.matchAll(/# expect ((?:[A-Z]{3}\d{3}\s*)+)$/g)) {
          for (const code of match[1]!.trim().split(/\s+/)) expected.push(`${code}@${index + 1}`);
        }
      });
      const index = new LineIndex(text);
      const found = analyse('r', text).findings
        .filter((f) => checked.has(f.code))
        .map((f) => `${f.code}@${index.positionAt(f.start).line + 1}`);
      assert.deepEqual([...new Set(found)].sort(), [...new Set(expected)].sort());
    });
  }
});
