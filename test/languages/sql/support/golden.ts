/**
 * Golden-file assertions: the expected output lives in a file beside the input.
 * A missing file is written on the first run, and `UPDATE_GOLDEN=1` rewrites every file, so a change in output
 * shows up as a readable diff in review.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';

export function assertGolden(actual: string, expectedPath: string): void {
  if (process.env['UPDATE_GOLDEN'] === '1' || !fs.existsSync(expectedPath)) {
    fs.writeFileSync(expectedPath, actual);
    return;
  }
  const expected = fs.readFileSync(expectedPath, 'utf8').replace(/\r\n/g, '\n');
  assert.equal(actual, expected, `${expectedPath} differs; run with UPDATE_GOLDEN=1 to accept the new output`);
}
