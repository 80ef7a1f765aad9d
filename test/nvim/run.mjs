// The second-editor check: Neovim's built-in LSP client talks to `node dist/server.js --stdio` for a
// .sql file and must get a hover and the diagnostics. Run it with `node test/nvim/run.mjs`; it is also
// part of `npm run test:e2e`. It needs `nvim` on the PATH and a built `dist/server.js`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Whether a Neovim with the built-in LSP client (0.5 or later) is on the PATH. */
export function neovimVersion() {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return probe.stdout.split('\n')[0].trim();
}

/**
 * Runs the check and returns one result per assertion, as { name, status, detail }, so the e2e
 * runner can fold them into its own summary.
 */
export async function runNeovimChecks({ timeoutMs = 20000 } = {}) {
  const server = join(root, 'dist', 'server.js');
  const fixture = join(here, 'fixtures', 'seeded.sql');
  const version = neovimVersion();
  if (!version) return [{ name: 'neovim: LSP hover and diagnostics', status: 'fail', detail: 'nvim is not on the PATH (run test/e2e/setup.sh, or apt-get install neovim)' }];
  if (!existsSync(server)) return [{ name: 'neovim: LSP hover and diagnostics', status: 'fail', detail: 'dist/server.js is missing; run npm run build first' }];

  const text = readFileSync(fixture, 'utf8').split('\n');
  const hoverLine = text.findIndex((line) => line.includes('sc.fsmeligible_spr19'));
  const hoverCol = text[hoverLine].indexOf('fsmeligible_spr19') + 3;
  const work = mkdtempSync(join(tmpdir(), 'leo-lens-nvim-'));
  const resultFile = join(work, 'result.json');
  try {
    const exitCode = await new Promise((resolve, reject) => {
      // --clean keeps the user's own config and plugins out; -n avoids a swap file beside the fixture.
      const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(here, 'lsp-check.lua')}`], {
        env: {
          ...process.env,
          LEO_LENS_SERVER: server,
          LEO_LENS_FILE: fixture,
          LEO_LENS_RESULT: resultFile,
          LEO_LENS_HOVER_LINE: String(hoverLine),
          LEO_LENS_HOVER_COL: String(hoverCol),
          LEO_LENS_TIMEOUT_MS: String(timeoutMs),
          // Neovim writes its LSP log (which holds the server's stderr) under the cache folder;
          // pointing that at the scratch folder keeps the user's own log clean and lets us quote it.
          XDG_CACHE_HOME: work,
          XDG_STATE_HOME: work,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      // The Lua script bounds every wait itself; this outer limit only guards against Neovim hanging
      // before the script runs, and stops that one process by its id.
      const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs * 4);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(guard);
        resolve(signal ? `killed by ${signal}: ${stderr}` : code);
      });
    });
    if (!existsSync(resultFile)) {
      return [{ name: 'neovim: LSP hover and diagnostics', status: 'fail', detail: `Neovim wrote no result (exit ${exitCode})` }];
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    if (result.error) {
      return [{ name: 'neovim: LSP hover and diagnostics', status: 'fail', detail: `failed at ${result.stage}: ${result.error}${serverStderr(work)}` }];
    }
    const codes = (result.diagnostics ?? []).map((d) => String(d.code));
    const misspelt = (result.diagnostics ?? []).find((d) => String(d.code) === 'LEO102');
    return [
      {
        name: `neovim: hover on fsmeligible_spr19 (${version})`,
        status: /free school meals/i.test(result.hover ?? '') ? 'pass' : 'fail',
        detail: `hover: ${JSON.stringify((result.hover ?? '').slice(0, 160))}`,
      },
      {
        name: 'neovim: diagnostics include LEO102 on the misspelt column',
        status: misspelt && misspelt.line === hoverLine + 1 ? 'pass' : 'fail',
        detail: `codes: ${codes.join(', ') || 'none'}${misspelt ? ` (LEO102 on line ${misspelt.line + 1})` : ''}`,
      },
      {
        name: 'neovim: the server shuts down cleanly',
        status: result.stopped ? 'pass' : 'fail',
        detail: result.stopped ? 'stopped' : 'still running after stop_client',
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The last lines the server wrote to stderr, from Neovim's LSP log, to explain a failure. */
function serverStderr(work) {
  for (const log of [join(work, 'nvim', 'lsp.log')]) {
    if (!existsSync(log)) continue;
    const stderr = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"stderr"'));
    const last = stderr.slice(-3).join('\n').replace(/\\n/g, '\n');
    const error = last.match(/\n(\w*Error:[^\n]*)/);
    if (error) return `\nserver stderr: ${error[1]}`;
  }
  return '';
}

// Run on its own: print each result and a closing summary line, and exit non-zero on a failure.
// (A promise chain rather than top-level await, so the mocha test can load this module too.)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runNeovimChecks().then((results) => {
    for (const r of results) console.log(`${r.status.toUpperCase().padEnd(4)} ${r.name} — ${r.detail}`);
    const failed = results.filter((r) => r.status === 'fail').length;
    console.log(`neovim: ${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
}
