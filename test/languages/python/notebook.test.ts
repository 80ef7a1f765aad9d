/**
 * Jupyter notebooks through the built CLI: the code cells are one program (a cell's last bare expression is
 * displayed, magics are ignored), `%%sql` cells are T-SQL, the text output names the cell and the line within it,
 * and JSON gives the notebook file's own lines with the cell beside them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readNotebook } from '../../../server/src/languages/python/notebook/notebook';
import { runBuiltCli } from '../../support/runCli';
import { PY_FIXTURES, REPO } from './support/analyse';

const NOTEBOOK = path.join(PY_FIXTURES, 'notebooks', 'census-by-sex.ipynb');

interface JsonDiagnostic {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly cell?: { readonly index: number; readonly line: number; readonly column: number };
}

describe('Python: notebooks', function () {
  this.timeout(60000);

  it('reads the code cells as one program, maps every character back to the file, and keeps %%sql cells apart', () => {
    const text = fs.readFileSync(NOTEBOOK, 'utf8');
    const notebook = readNotebook(text)!;
    assert.equal(notebook.python.cells.map((c) => c.index).join(','), '2,3,4,5,7');
    assert.equal(notebook.sql.length, 1);
    assert.doesNotMatch(notebook.python.text, /%matplotlib/);
    const at = notebook.python.text.indexOf('gendr_spr19');
    const fileAt = notebook.python.fileOffsets[at]!;
    assert.equal(text.slice(fileAt, fileAt + 'gendr_spr19'.length), 'gendr_spr19');
    assert.deepEqual(notebook.cellPosition(fileAt), { cell: 3, line: 5, column: 9 });
    assert.equal(readNotebook('{"cells": [], "metadata": {"language_info": {"name": "julia"}}}'), undefined, 'a notebook in a language LEO Lens does not read is skipped');
    assert.equal(readNotebook('not json'), undefined);
  });

  it('lints a notebook: cell and line in text, file lines and the cell in JSON', () => {
    const textRun = runBuiltCli(['lint', NOTEBOOK, '--fail-on', 'none'], REPO);
    assert.equal(textRun.status, 0, textRun.stderr);
    assert.match(textRun.stdout, /cell 3 5:9 +warning LEO102 +Unknown column 'gendr_spr19'/);
    assert.match(textRun.stdout, /cell 4 1:10 +warning SDC010 .*reaches what display prints \(cell 4, line 2\)/);
    const jsonRun = runBuiltCli(['lint', NOTEBOOK, '--fail-on', 'none', '--format', 'json'], REPO);
    const diagnostics = (JSON.parse(jsonRun.stdout) as { files: { diagnostics: JsonDiagnostic[] }[] }).files[0]!.diagnostics;
    const codes = diagnostics.map((d) => `${d.code}@cell${d.cell?.index}:${d.cell?.line}`).sort();
    assert.deepEqual(codes, ['LEO102@cell3:5', 'LEO102@cell6:2', 'SDC002@cell3:5', 'SDC002@cell6:2', 'SDC003@cell6:2', 'SDC010@cell4:1']);
    const lines = fs.readFileSync(NOTEBOOK, 'utf8').split('\n');
    const typo = diagnostics.find((d) => d.code === 'LEO102' && d.cell?.index === 3)!;
    assert.equal(lines[typo.line - 1]!.slice(typo.column - 1, typo.column - 1 + 'gendr_spr19'.length), 'gendr_spr19');
  });

  it('stays silent on the guarded cell and on a bare expression that is not a cell\'s last', () => {
    const run = runBuiltCli(['lint', NOTEBOOK, '--fail-on', 'none', '--format', 'json'], REPO);
    const cells = (JSON.parse(run.stdout) as { files: { diagnostics: JsonDiagnostic[] }[] }).files[0]!.diagnostics.map((d) => d.cell?.index);
    assert.ok(!cells.includes(5), 'cell 5 shows a guarded table');
    assert.ok(!cells.includes(7), 'cell 7 ends with an assignment, so its head() shows nothing');
  });
});
