/**
 * The request-form reader (exceljs) is bundled into the CLI only: the language server and the extension load
 * quickly and stay small, and the editor reads a form by running the CLI.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

describe('architecture: the workbook reader stays in the CLI', () => {
  it('is in dist/cli.js and not in dist/server.js or dist/client.js', () => {
    const bundle = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'dist', name), 'utf8');
    assert.ok(bundle('cli.js').includes('exceljs'), 'the CLI bundles exceljs');
    for (const name of ['server.js', 'client.js']) assert.ok(!bundle(name).includes('exceljs'), `${name} has no exceljs`);
  });

  it('is imported by no module under server/src except the CLI', () => {
    const offenders: string[] = [];
    const walk = (directory: string): void => {
      for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
        const file = path.join(directory, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && !file.includes(`${path.sep}cli${path.sep}`) && /from 'exceljs'/.test(fs.readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    walk(path.join(REPO_ROOT, 'server/src'));
    assert.deepEqual(offenders, []);
  });
});
