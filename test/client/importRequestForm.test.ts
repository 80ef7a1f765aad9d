/** The file work of "LEO Lens: Import variable request form", outside the editor: the CLI run and the config edit. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, setExtract } from '../../client/src/extractFiles';
import { DIST_CLI } from '../support/paths';
import { haveBlankForm, writeFilledForm } from '../extract/support/fillForm';

describe('client: import variable request form', function () {
  this.timeout(120000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-import-'));
  });

  it('runs the conversion as a child process and reports its exit code and output', async function () {
    if (!haveBlankForm()) this.skip();
    await writeFilledForm(path.join(root, 'form.xlsx'), { tables: { 'Earnings_': 'Yes' } });
    const out = path.join(root, 'project.leo-catalogue.json');
    const run = await runCli(DIST_CLI, ['catalogue', 'from-request-form', path.join(root, 'form.xlsx'), '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 tables granted/);
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')).extract.tables.map((t: { table: string }) => t.table), ['leo-earnings']);
    const failed = await runCli(DIST_CLI, ['catalogue', 'from-request-form', path.join(root, 'missing.xlsx')]);
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /cannot read the request form/);
  });

  it('names the extract in .leo-lens.json, keeping the other keys, and leaves a broken file alone', () => {
    const config = path.join(root, '.leo-lens.json');
    assert.equal(setExtract(config, 'project.leo-catalogue.json'), true);
    assert.deepEqual(JSON.parse(fs.readFileSync(config, 'utf8')), { extract: 'project.leo-catalogue.json' });
    fs.writeFileSync(config, JSON.stringify({ severity: { LEO103: 'info' }, extract: 'old.leo-catalogue.json' }));
    assert.equal(setExtract(config, 'new.leo-catalogue.json'), true);
    assert.deepEqual(JSON.parse(fs.readFileSync(config, 'utf8')), { severity: { LEO103: 'info' }, extract: 'new.leo-catalogue.json' });
    fs.writeFileSync(config, '{ "severity": ');
    assert.match(String(setExtract(config, 'x.leo-catalogue.json')), /not valid JSON/);
    assert.equal(fs.readFileSync(config, 'utf8'), '{ "severity": ');
  });
});
