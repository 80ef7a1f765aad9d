// Runs the extension-host suite in a real VS Code through @vscode/test-electron, where a VS Code
// binary is available. Nothing can be downloaded here, so without one the suite skips cleanly.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const executable = process.env.VSCODE_EXECUTABLE_PATH;
if (!executable || !existsSync(executable)) {
  console.log('test:electron skipped: no VS Code binary (set VSCODE_EXECUTABLE_PATH to a VS Code executable to run it).');
  process.exit(0);
}

const { runTests } = await import('@vscode/test-electron');
try {
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'electron', 'suite.cjs'),
    launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('test:electron failed:', error);
  process.exit(1);
}
