// `npm run test:e2e`: LEO Lens in a real VS Code, as a user meets it.
//
// 1. test/e2e/setup.sh installs what is missing (Debian packages, code-server in a cache outside
//    the repository); it takes a second when everything is there.
// 2. `npm run package` builds the VSIX exactly as it ships.
// 3. A fresh, temporary VS Code profile gets the VSIX, and a workspace is made from examples/ and
//    the fixtures in test/e2e/fixtures/.
// 4. code-server serves it on 127.0.0.1 only; headless Chromium works through the checks in
//    driver.mjs, saving a screenshot per step under test-results/e2e/.
// 5. A test-only harness extension then runs the extension-host suite (test/electron/suite.cjs)
//    inside the same code-server, and the Neovim check (test/nvim/run.mjs) proves the server works
//    in a second editor.
// 6. Everything started here is stopped by its process id, also on failure or Ctrl+C; the logs are
//    copied to test-results/e2e/logs/ and the temporary folder is removed.
//
// The closing line is "e2e: N passed, N failed, N skipped"; the exit code is non-zero on a failure.
// A skip is only for a feature that has not shipped (see probeFeatures), and it says so.
//
// Environment:
//   LEO_LENS_E2E_HOME           the code-server cache (default $HOME/.cache/leo-lens-e2e)
//   LEO_LENS_E2E_SKIP_SETUP=1   do not run setup.sh (fail clearly if something is missing instead)
//   LEO_LENS_E2E_SKIP_BUILD=1   use the VSIX that is already there
//   LEO_LENS_E2E_KEEP=1         keep the temporary profile and workspace for inspection
//   LEO_LENS_E2E_UPDATE_IMAGES=1  copy the README pictures of the steps that passed to docs/images/
//   LEO_LENS_E2E_REQUIRE=all    fail, rather than skip, when the disclosure rules, the report
//                               command or notebook sync (the language server taking notebook
//                               cells) are missing; also sdc, report or notebook, comma-separated
//   LEO_LENS_E2E_ONLY=id,id     run only these browser checks (ids from checks() in driver.mjs; the
//                               workbench and status-bar checks always run), and not the
//                               extension-host suite or Neovim: for working on a check, never for CI
//   CHROMIUM_PATH               the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks, until } from './driver.mjs';
import { runNeovimChecks } from '../nvim/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const e2eHome = process.env.LEO_LENS_E2E_HOME || join(homedir(), '.cache', 'leo-lens-e2e');
const codeServer = join(e2eHome, 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const resultsDir = join(root, 'test-results', 'e2e');
const flag = (name) => process.env[name] === '1';
// The whole run is bounded, so a wedged browser or server fails CI instead of holding it.
const RUN_LIMIT_MS = 15 * 60_000;

const started = Date.now();
// A partial run, for working on a check: the ids of the browser checks to run (see LEO_LENS_E2E_ONLY).
const only = process.env.LEO_LENS_E2E_ONLY ? new Set(process.env.LEO_LENS_E2E_ONLY.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let server; // { pid, exited: Promise } once code-server runs
let runDir;
let profile;

process.on('exit', () => {
  stopServerNow();
  // On an interruption the finally block below never runs, so the scratch folder goes here.
  if (runDir && !flag('LEO_LENS_E2E_KEEP')) rmSync(runDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`e2e: interrupted by ${signal}; stopping code-server`);
    process.exit(130);
  });
}
const overall = setTimeout(() => {
  console.error(`e2e: the run exceeded ${RUN_LIMIT_MS / 60_000} minutes; stopping`);
  process.exit(1);
}, RUN_LIMIT_MS);
overall.unref();

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`e2e: ERROR: ${error.message}`);
  process.exitCode = 1;
} finally {
  await stopServer();
  if (profile) keepLogs(profile);
  if (runDir && !flag('LEO_LENS_E2E_KEEP')) rmSync(runDir, { recursive: true, force: true });
  else if (runDir) console.log(`e2e: kept the profile and workspace in ${runDir}`);
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  if (!flag('LEO_LENS_E2E_SKIP_SETUP')) {
    step('setup (test/e2e/setup.sh)');
    const setup = spawnSync('bash', [join(here, 'setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) throw new Error('test/e2e/setup.sh failed; see its message above');
  }
  for (const [what, path] of [['code-server', codeServer], ['Chromium', chromiumPath]]) {
    if (!existsSync(path)) throw new Error(`${what} is missing at ${path}; run bash test/e2e/setup.sh (it installs both)`);
  }

  const vsix = join(root, `leo-lens-${pkg.version}.vsix`);
  if (!flag('LEO_LENS_E2E_SKIP_BUILD')) {
    step('npm run package');
    const build = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run package failed:\n${(build.stdout + build.stderr).split('\n').slice(-30).join('\n')}`);
  }
  if (!existsSync(vsix)) throw new Error(`${relative(root, vsix)} is missing; run npm run package`);

  runDir = mkdtempSync(join(tmpdir(), 'leo-lens-e2e-'));
  profile = makeProfile(runDir);
  const workspace = makeWorkspace(runDir);
  const features = await probeFeatures(workspace);
  profile.env.LEO_LENS_SUITE_SDC = features.sdcRules ? '1' : '0';
  console.log(`e2e: the CLI reports ${features.cliCodes.join(', ') || 'no codes'} on the workspace; disclosure rules ${features.sdcRules ? 'present' : 'absent'}, report command ${features.reportCommand ? 'present' : 'absent'}, notebook sync ${features.notebookSync ? 'declared' : 'not declared'} by the server`);

  step('install the VSIX and the test harness into a fresh extensions folder');
  const harness = packageHarness(runDir);
  for (const extension of [vsix, harness]) {
    const install = spawnSync(codeServer, [...profile.args, '--install-extension', extension], { encoding: 'utf8', env: profile.env });
    if (install.status !== 0) throw new Error(`code-server could not install ${extension}:\n${install.stdout}${install.stderr}`);
  }
  const installed = readdirSync(profile.extensions).filter((name) => name.startsWith('leo-lens'));
  if (!installed.some((name) => name.startsWith('leo-lens.leo-lens-'))) throw new Error(`LEO Lens is not in the extensions folder: ${installed.join(', ')}`);
  console.log(`e2e: installed ${installed.join(', ')}`);

  const port = await freePort();
  step(`start code-server on 127.0.0.1:${port}`);
  startServer(profile, port, workspace);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/healthz`)).ok, { timeout: 60_000, interval: 250, what: `code-server at ${base}` })
    .catch((error) => { throw new Error(`${error.message}\n${tail(join(runDir, 'code-server.log'))}`); });

  step('browser checks');
  const fixture = describeFixture(workspace, `${base}/?folder=${encodeURIComponent(workspace)}`);
  fixture.suiteResult = profile.suiteResult;
  const uiResults = await runChecks({ url: fixture.url, chromiumPath, shotsDir: resultsDir, fixture, features, only });
  const suiteResults = existsSync(profile.suiteResult)
    ? JSON.parse(readFileSync(profile.suiteResult, 'utf8')).results.map((r) => ({ ...r, name: `extension host: ${r.name}` }))
    : [];
  for (const r of suiteResults) console.log(`${r.status.toUpperCase().padEnd(4)} ${r.name} — ${r.detail}`);

  let nvimResults = [];
  if (only === undefined) {
    step('Neovim checks');
    nvimResults = await runNeovimChecks();
    for (const r of nvimResults) console.log(`${r.status.toUpperCase().padEnd(4)} ${r.name} — ${r.detail}`);
  }

  await stopServer();
  const results = [...uiResults, ...suiteResults, ...nvimResults];
  return report(results);
}

function step(what) {
  console.log(`\ne2e: [${((Date.now() - started) / 1000).toFixed(0)} s] ${what}`);
}

/**
 * Which optional features the packaged extension has. The disclosure-risk rules and the report
 * command are built in parallel with this test; until they ship, their checks are reported as
 * skipped, never as passed, and the probe says exactly what it looked for:
 * - the report command is there when the manifest contributes it;
 * - the disclosure rules are there when the packaged CLI reports any SDC code on the workspace,
 *   which holds a seeded risk. Once they are there, the editor must show the seeded SDC010.
 * - notebook cells reach the language server only when it declares the LSP notebookDocumentSync
 *   capability (vscode-languageclient then syncs the cells it selects); the probe asks the packaged
 *   server itself with an initialize request.
 * LEO_LENS_E2E_REQUIRE=sdc,report,notebook (or all) turns these skips into failures, for CI now that
 * all three have shipped.
 */
async function probeFeatures(workspace) {
  const command = (pkg.contributes?.commands ?? []).find((c) => /check workspace before output request/i.test(c.title));
  const lint = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'lint', workspace, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
  let codes = [];
  try {
    codes = JSON.parse(lint.stdout).files.flatMap((file) => (file.diagnostics ?? []).map((d) => String(d.code)));
  } catch {
    console.log(`e2e: could not read the CLI's JSON output (exit ${lint.status}); treating disclosure rules as absent\n${lint.stderr}`);
  }
  const required = new Set((process.env.LEO_LENS_E2E_REQUIRE ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const requires = (name) => required.has(name) || required.has('all');
  return {
    sdcRules: codes.some((code) => /^SDC\d{3}$/.test(code)),
    reportCommand: command ? `${command.category ? `${command.category}: ` : ''}${command.title}` : undefined,
    requireSdc: requires('sdc'),
    requireReport: requires('report'),
    notebookSync: (await serverCapabilities()).notebookDocumentSync,
    requireNotebook: requires('notebook'),
    cliCodes: [...new Set(codes)].sort(),
  };
}

/**
 * The capabilities the packaged language server declares, from an LSP initialize request over stdio
 * (as VS Code's client sends it, with notebook support), or {} if it does not answer in 20 s.
 */
async function serverCapabilities() {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const request = JSON.stringify({
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { processId: process.pid, rootUri: null, capabilities: { notebookDocument: { synchronization: { dynamicRegistration: true, executionSummarySupport: true } } } },
  });
  try {
    return await new Promise((resolve) => {
      let buffer = Buffer.alloc(0);
      const timer = setTimeout(() => resolve({}), 20_000);
      child.on('error', () => resolve({}));
      child.stdout.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const header = buffer.indexOf('\r\n\r\n');
          if (header < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
          if (buffer.length < header + 4 + length) return;
          const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
          buffer = buffer.subarray(header + 4 + length);
          if (message.id === 1) {
            clearTimeout(timer);
            resolve(message.result?.capabilities ?? {});
          }
        }
      });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(request)}\r\n\r\n${request}`);
    });
  } finally {
    child.kill();
  }
}

/** A throw-away VS Code profile: user data, extensions and settings, all under the run folder. */
function makeProfile(dir) {
  const userData = join(dir, 'user-data');
  const extensions = join(dir, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  // Settings a new user would not have changed, except the ones that keep start-up quiet and
  // repeatable: no trust prompt, no welcome page, no update or telemetry traffic.
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'editor.minimap.enabled': false,
  }, null, 2));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  // code-server keeps state under the XDG folders; pointing them into the run folder leaves the
  // user's own home untouched and makes every run start from nothing.
  const suiteResult = join(dir, 'extension-host-suite.json');
  const env = {
    ...process.env,
    // The extension host inherits these: where the harness writes the suite's results, and
    // whether the packaged CLI found disclosure rules (see probeFeatures).
    LEO_LENS_SUITE_RESULT: suiteResult,
    LEO_LENS_SUITE_SDC: '0',
    XDG_CONFIG_HOME: join(dir, 'xdg', 'config'),
    XDG_DATA_HOME: join(dir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(dir, 'xdg', 'cache'),
    XDG_STATE_HOME: join(dir, 'xdg', 'state'),
  };
  return { userData, extensions, env, suiteResult, args: ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions] };
}

/**
 * Packages the test harness extension (test/e2e/harness plus a copy of test/electron/suite.cjs)
 * with vsce, so the extension-host suite also runs inside code-server on every e2e run.
 */
function packageHarness(dir) {
  const source = join(dir, 'harness');
  cpSync(join(here, 'harness'), source, { recursive: true });
  cpSync(join(root, 'test', 'electron', 'suite.cjs'), join(source, 'suite.cjs'));
  const out = join(dir, 'leo-lens-e2e-harness.vsix');
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const build = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: source, encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(out)) throw new Error(`vsce could not package the test harness:\n${build.stdout}${build.stderr}`);
  return out;
}

/** The folder VS Code opens: a copy of examples/ plus the test's own small fixture files. */
function makeWorkspace(dir) {
  // The folder name shows in the explorer and the window title, so it reads like a real project.
  const workspace = join(dir, 'leo-analysis');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  cpSync(join(here, 'fixtures'), workspace, { recursive: true });
  return workspace;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function startServer(profile, port, workspace) {
  const log = join(runDir, 'code-server.log');
  const child = spawn(codeServer, [
    ...profile.args,
    // Loopback only: with authentication off, nothing else may reach it.
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    workspace,
  ], {
    env: profile.env,
    // Its own process group, so that stopping it by its id also stops the extension host and the
    // LEO Lens server it spawned, and nothing else.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = [];
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => out.push(chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    writeFileSync(log, Buffer.concat(out));
    resolve({ code, signal });
  }));
  server = { pid: child.pid, exited, log: () => Buffer.concat(out).toString('utf8') };
  writeFileSync(join(runDir, 'code-server.pid'), String(child.pid));
}

/** Stops code-server's process group: politely first, then firmly if it has not gone in 10 s. */
async function stopServer() {
  if (!server) return;
  const { pid, exited } = server;
  signalGroup(pid, 'SIGTERM');
  const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000, undefined))]);
  if (!stopped) signalGroup(pid, 'SIGKILL');
  // The group may outlive its leader for a moment; the leader's exit is what we wait on.
  signalGroup(pid, 'SIGKILL');
  server = undefined;
}

/** The synchronous last resort, for process exit: only a signal can be sent from there. */
function stopServerNow() {
  if (server) signalGroup(server.pid, 'SIGKILL');
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already gone.
  }
}

/** Copies code-server's log and the extension host's logs (with the LEO Lens output) to test-results. */
function keepLogs(profile) {
  const logs = join(resultsDir, 'logs');
  mkdirSync(logs, { recursive: true });
  if (existsSync(join(runDir, 'code-server.log'))) cpSync(join(runDir, 'code-server.log'), join(logs, 'code-server.log'));
  if (existsSync(join(profile.userData, 'logs'))) cpSync(join(profile.userData, 'logs'), join(logs, 'vscode'), { recursive: true });
}

function tail(file, lines = 30) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : server?.log() ?? '';
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Where the checks act, found in the fixture files by their text (not fixed line numbers), so an
 * edit to examples/ moves the positions with it. Lines and columns are 1-based, as Go to Line takes them.
 */
function describeFixture(workspace, url) {
  const catalogue = JSON.parse(readFileSync(join(root, 'catalogue', 'leo-i2se.leo-catalogue.json'), 'utf8'));
  const at = (file, needle, offset = 0, occurrence = 0) => {
    const lines = readFileSync(join(workspace, file), 'utf8').split('\n');
    let seen = 0;
    for (let i = 0; i < lines.length; i += 1) {
      let from = 0;
      for (;;) {
        const column = lines[i].indexOf(needle, from);
        if (column < 0) break;
        if (seen === occurrence) return { line: i + 1, column: column + 1 + offset };
        seen += 1;
        from = column + 1;
      }
    }
    throw new Error(`fixture ${file} no longer contains ${JSON.stringify(needle)}`);
  };
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hoverFile = 'checks/hover-and-completion.sql';
  const mistakes = 'sql/02-seeded-mistakes.sql';
  const rFile = 'checks/data-frame.R';
  const stataFile = 'stata/census.do';
  const pyFile = 'checks/census-frame.py';
  const doFile = 'checks/census-fsm.do';
  const coverageFile = 'checks/cohort-earnings.sql';
  return {
    url,
    folderName: 'leo-analysis',
    hoverSql: {
      file: hoverFile,
      hover: at(hoverFile, 'fsmeligible_spr19', 3),
      expect: /eligible for free school meals/i,
    },
    completionSql: {
      file: hoverFile,
      at: at(hoverFile, 'SELECT e.', 'SELECT e.'.length),
      expect: ['Earnings', 'TaxYear'],
    },
    statusBar: { expect: new RegExp(`${escape(catalogue.name)} ${escape(catalogue.version)}.*\\d+ findings?`) },
    mistakes: {
      file: mistakes,
      codes: ['LEO101', 'LEO102', 'LEO105'],
      fixAt: at(mistakes, 'fsmeligble_spr19', 2),
      fixTitle: /fsmeligible_spr19/,
      misspelt: 'sc.fsmeligble_spr19',
      fixedText: 'sc.fsmeligible_spr19',
    },
    disclosure: { file: 'checks/disclosure-risk.sql', codes: ['SDC010'] },
    r: {
      file: rFile,
      hover: at(rFile, 'df$fsmeligible_spr19', 'df$'.length + 3),
      expectHover: /eligible for free school meals/i,
      completeAt: at(rFile, 'df$', 'df$'.length, 1),
      expectCompletion: ['fsmeligible_spr19', 'senprovision_spr19'],
    },
    stata: {
      file: stataFile,
      token: { ...at(stataFile, 'foreach', 2), word: 'foreach' },
      expectScope: /keyword[\w.-]*\.stata/,
    },
    python: {
      file: pyFile,
      hover: at(pyFile, 'df["fsmeligible_spr19"]', 'df["'.length + 3),
      expectHover: /eligible for free school meals/i,
      // Right after `df["` in `df["senprovision_spr19"]`: nothing typed yet, so every column is offered.
      completeAt: at(pyFile, 'df["senprovision_spr19"]', 'df["'.length),
      expectCompletion: ['pupilmatchingrefanonymous_spr19', 'fsmeligible_spr19', 'senprovision_spr19'],
      codes: ['LEO102'],
      misspelt: 'fsmeligble_spr19',
    },
    notebook: { file: 'checks/census-fsm.ipynb', cells: 4, codes: ['LEO102'], misspelt: 'fsmeligble_spr19', hover: 'senprovision_spr19', expectHover: /SENprovision_SPR19[\s\S]*SEN Code of Practice/i },
    stataProblems: {
      file: doFile,
      codes: ['LEO102'],
      misspelt: 'fsmeligble_spr19',
      // fsmeligible_spr19 in the keep varlist.
      hover: at(doFile, 'keep pupilmatchingrefanonymous_spr19 fsmeligible_spr19', 'keep pupilmatchingrefanonymous_spr19 '.length + 3),
      expectHover: /eligible for free school meals/i,
    },
    coverage: {
      file: coverageFile,
      hover: at(coverageFile, 'leo_earnings AS e', 3),
      // The coverage line of the HMRC earnings notes (catalogue/leo-coverage.notes.json).
      expectHover: /Who is covered \(HMRC earnings\):[^]*no record is not the same as no earnings/,
      line: /Who is covered \(HMRC earnings\)/,
      codes: ['LEO201'],
      // The hint sits on the join keyword; its hover gives the whole message, which the panel cuts short.
      hintAt: at(coverageFile, 'INNER JOIN', 2),
      expectHint: /keeps only the people in School Census who have an HMRC earnings record[^]*LEO201/,
    },
    // The report opens as a Markdown editor; its first lines name the check and count the findings,
    // and the workspace holds seeded risks, so there must be some.
    report: { tab: /report/i, body: [/output request/i, /Files checked: [1-9]/, /Findings: [1-9]/] },
  };
}

/** Prints the results and the closing line, writes summary.json, and sets the exit code. */
function report(results) {
  const count = (status) => results.filter((r) => r.status === status).length;
  const passed = count('pass');
  const failed = count('fail');
  const skipped = count('skip');
  writeFileSync(join(resultsDir, 'summary.json'), JSON.stringify({ passed, failed, skipped, results }, null, 2));
  if (flag('LEO_LENS_E2E_UPDATE_IMAGES')) updateImages(results);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\ne2e: screenshots and logs are in ${relative(root, resultsDir)}/ (${minutes} min)`);
  for (const r of results.filter((x) => x.status !== 'pass')) console.log(`  ${r.status}: ${r.name} — ${r.detail}`);
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped${only ? ` (a partial run: LEO_LENS_E2E_ONLY=${[...only].join(',')})` : ''}`);
  return failed > 0 ? 1 : 0;
}

/**
 * The screenshots the README shows, copied under stable names from the steps of this run that
 * passed (a failed step's picture is never published).
 */
function updateImages(results) {
  const images = join(root, 'docs', 'images');
  mkdirSync(images, { recursive: true });
  // Each step that passed may have left a docs-<step>.png; publish it under the README's name.
  const wanted = [
    ['sql-hover', 'e2e-sql-hover.png'],
    ['sql-completion', 'e2e-sql-completion.png'],
    ['problems', 'e2e-problems.png'],
    ['quick-fix', 'e2e-quick-fix.png'],
    ['disclosure-risk', 'e2e-disclosure-risk.png'],
    ['r-hover', 'e2e-r-hover.png'],
    ['r-completion', 'e2e-r-completion.png'],
    ['stata-grammar', 'e2e-stata-grammar.png'],
    ['coverage-hover', 'e2e-coverage-hover.png'],
    ['leo201', 'e2e-leo201.png'],
    ['report', 'e2e-report.png'],
  ].map(([id, target]) => [`docs-${id}.png`, id, target]);
  for (const [picture, id, target] of wanted) {
    const passed = results.some((r) => r.status === 'pass' && r.screenshot?.endsWith(`-${id}.png`));
    if (!passed || !existsSync(join(resultsDir, picture))) continue;
    cpSync(join(resultsDir, picture), join(images, target));
    console.log(`e2e: updated docs/images/${target}`);
  }
}
