/**
 * Golden files: the expected text lives beside the input. A missing file is written (and the test
 * passes, saying so); `UPDATE_GOLDEN=1` rewrites them all. Review the diff before committing.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';

export function assertGolden(actual: string, file: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.writeFileSync(file, actual);
    return;
  }
  const expected = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  assert.equal(actual, expected, `${file} differs; run with UPDATE_GOLDEN=1 to accept the new output`);
}
