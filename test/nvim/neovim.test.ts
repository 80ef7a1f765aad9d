/**
 * LEO Lens in a second editor: Neovim's built-in LSP client starts `node dist/server.js --stdio` for
 * a .sql file and gets a hover and the diagnostics. It takes a second or two, so it runs in
 * `npm test` wherever Neovim is installed and is skipped, with a note, where it is not. The end-to-end
 * tier (`npm run test:e2e`) installs Neovim and always runs it.
 */
import { strict as assert } from 'node:assert';
import { neovimVersion, runNeovimChecks } from './run.mjs';

describe('Neovim: the built server over stdio', function () {
  before(function () {
    if (!neovimVersion()) {
      console.log('    (skipped: nvim is not on the PATH; bash test/e2e/setup.sh installs it)');
      this.skip();
    }
  });

  it('answers a hover and publishes LEO102 to the built-in LSP client', async function () {
    this.timeout(90_000);
    const results = await runNeovimChecks();
    assert.deepEqual(results.filter((r) => r.status !== 'pass'), [], JSON.stringify(results, null, 2));
  });
});
