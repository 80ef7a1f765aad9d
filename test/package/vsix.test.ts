/**
 * `npm run package` builds the VSIX offline, and the VSIX holds what the extension runs and nothing
 * else: no sources, tests or node_modules.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { zipEntries } from '../support/zipEntries';

describe('VSIX package', function () {
  this.timeout(180000);

  it('builds and holds dist, schemas, syntaxes, the catalogue, README and LICENSE only', () => {
    const version = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version;
    const vsix = path.join(REPO_ROOT, `leo-lens-${version}.vsix`);
    fs.rmSync(vsix, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = spawnSync(npm, ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8', input: '' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(fs.existsSync(vsix), 'the VSIX exists');

    const names = zipEntries(vsix).map((entry) => entry.name.replace(/^extension\//, ''));
    for (const required of [
      'dist/client.js',
      'dist/server.js',
      'dist/cli.js',
      'dist/tree-sitter.wasm',
      'dist/tree-sitter-r.wasm',
      'dist/tree-sitter-python.wasm',
      'schemas/leo-catalogue.schema.json',
      'schemas/leo-lens-config.schema.json',
      'syntaxes/stata.tmLanguage.json',
      'language-configuration/stata.json',
      'catalogue/leo-i2se.leo-catalogue.json',
      'catalogue/leo-coverage.notes.json',
      'docs/rules/SDC010.md',
      'README.md',
      'LICENSE.txt',
      'package.json',
    ]) {
      // vsce stores README.md as readme.md, so names are compared without case.
      assert.ok(names.some((name) => name.toLowerCase() === required.toLowerCase()), `${required} is in the VSIX`);
    }
    const unwanted = names.filter((name) => /^(node_modules|test|server\/src|client\/src|scripts|bench)\//.test(name) || name.endsWith('.ts') || name.endsWith('.map'));
    assert.deepEqual(unwanted, []);
    const size = fs.statSync(vsix).size;
    console.log(`      VSIX ${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KB, ${names.length} files`);
  });
});
