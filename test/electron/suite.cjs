// The extension-host suite: runs inside VS Code with the extension under development loaded, and
// checks hover, completion and diagnostics through the VS Code API as a user would meet them.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(probe, what, timeoutMs = 30000) {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function run() {
  const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const document = await vscode.workspace.openTextDocument(path.join(folder, 'sql', '02-seeded-mistakes.sql'));
  await vscode.window.showTextDocument(document);
  const diagnostics = await waitFor(() => {
    const list = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'leo-lens');
    return list.length > 0 ? list : undefined;
  }, 'LEO Lens diagnostics');
  assert.ok(diagnostics.some((d) => String(d.code) === 'LEO102'));

  const text = document.getText();
  const column = text.indexOf('pupilmatchingrefanonymous_spr19');
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, document.positionAt(column + 3));
  assert.ok(hovers.some((hover) => hover.contents.some((content) => /pupil matching/i.test(content.value ?? String(content)))));
  console.log('extension-host suite passed');
}

module.exports = { run };
