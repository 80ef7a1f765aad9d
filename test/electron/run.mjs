// Runs the extension-host suite (suite.cjs) in desktop VS Code through @vscode/test-electron, where
// a VS Code binary is available. Nothing can be downloaded here, so without one it skips cleanly.
// The same suite also runs inside code-server on every `npm run test:e2e`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const executable = process.env.VSCODE_EXECUTABLE_PATH;
if (!executable || !existsSync(executable)) {
  console.log('test:electron skipped: no VS Code binary (set VSCODE_EXECUTABLE_PATH to a VS Code executable to run it).');
  process.exit(0);
}

// The suite writes its fixture files into the workspace folder, so it gets a temporary copy of
// examples/ rather than the repository's own folder.
const workspace = mkdtempSync(join(tmpdir(), 'leo-lens-electron-'));
cpSync(join(root, 'examples'), workspace, { recursive: true });

// Whether this build reports disclosure risks: the suite checks SDC010 only when the CLI reports
// some SDC code on the examples, and otherwise says the check is skipped.
const lint = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'lint', workspace, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8' });
let sdc = false;
try {
  sdc = JSON.parse(lint.stdout).files.some((file) => (file.diagnostics ?? []).some((d) => /^SDC\d{3}$/.test(String(d.code))));
} catch {
  console.log(`test:electron: could not read the CLI's JSON (exit ${lint.status}); the disclosure check will be skipped`);
}

const { runTests } = await import('@vscode/test-electron');
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'electron', 'suite.cjs'),
    extensionTestsEnv: { LEO_LENS_SUITE_SDC: sdc ? '1' : '0' },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('test:electron failed:', error);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
