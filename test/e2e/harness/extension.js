// A test-only extension, installed only into the throw-away profile of `npm run test:e2e`. Its one
// command runs the extension-host suite (a copy of test/electron/suite.cjs placed beside this file
// when the harness is packaged) and writes the results where the runner waits for them. It runs on
// command, after the browser checks, so the two never fight over the open editors.
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('leoLensE2e.runSuite', async () => {
    const target = process.env.LEO_LENS_SUITE_RESULT;
    const lines = [];
    let results;
    try {
      results = await require('./suite.cjs').runChecks((line) => lines.push(line));
    } catch (error) {
      results = [{ name: 'extension-host suite', status: 'fail', detail: error.message }];
    }
    if (target) writeFileSync(target, JSON.stringify({ results, lines }, null, 2));
    else vscode.window.showWarningMessage('LEO_LENS_SUITE_RESULT is not set; the suite results were not written.');
  }));
}

module.exports = { activate, deactivate() {} };
