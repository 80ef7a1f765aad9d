/**
 * Notebooks on an R kernel (IRkernel) through the built CLI: the code cells are one R program, so a frame read in
 * one cell is known in the next, every visible value prints as R prints it, and findings name the cell and the
 * line within it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readNotebook } from '../../../server/src/languages/python/notebook/notebook';
import { runBuiltCli } from '../../support/runCli';

const REPO = path.resolve(__dirname, '../../..');
const NOTEBOOK = path.join(REPO, 'test/fixtures/r/notebooks/sen-destinations.ipynb');

describe('R: notebooks on an R kernel', function () {
  this.timeout(60000);

  it('reads the code cells as one R program and no Python program', () => {
    const notebook = readNotebook(fs.readFileSync(NOTEBOOK, 'utf8'))!;
    assert.deepEqual(notebook.r.cells.map((c) => c.index), [2, 3, 4]);
    assert.equal(notebook.python.cells.length, 0);
    assert.match(notebook.r.text, /dbGetQuery[\s\S]*count\(sen, fsm\)[\s\S]*count\(senn\)/);
  });

  it('lints the notebook: a frame from an earlier cell is known, and the unguarded table is flagged on its cell', () => {
    const run = runBuiltCli(['lint', NOTEBOOK, '--fail-on', 'none', '--format', 'json'], REPO);
    assert.equal(run.status, 0, run.stderr);
    const diagnostics = (JSON.parse(run.stdout) as { files: { diagnostics: { code: string; cell?: { index: number; line: number } }[] }[] }).files[0]!.diagnostics;
    const codes = diagnostics.map((d) => `${d.code}@cell${d.cell?.index}:${d.cell?.line}`).sort();
    assert.deepEqual(codes, ['LEO102@cell4:2', 'SDC010@cell3:1']);
  });
});
