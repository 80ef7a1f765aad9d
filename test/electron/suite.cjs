// The extension-host suite: runs inside VS Code with LEO Lens loaded and makes the end-to-end
// checks through the VS Code API (the hover, completion and code-action providers, and the
// diagnostics collection), as a user's editor would call them.
//
// It runs in two places:
// - in desktop VS Code through @vscode/test-electron (test/electron/run.mjs), where a VS Code binary
//   is available;
// - in code-server's extension host during `npm run test:e2e`, through the small harness extension
//   in test/e2e/harness/, so that this file is exercised on every end-to-end run.
//
// It writes its own fixture files into a folder of the workspace, so that it never depends on, or
// disturbs, the files another test has open. Optional features (the disclosure rules and the report
// command, which are being built) are skipped, and said to be skipped, unless they are present.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'leo-lens.leo-lens';

// The fixture scripts. A "|" marks where the check acts; it is removed before the file is written.
const FIXTURES = {
  'hover.sql': [
    'SELECT sc.fsme|ligible_spr19, sc.senprovision_spr19',
    'FROM npd_i2."<project number>".spring_census_2019 AS sc;',
  ].join('\n'),
  'completion.sql': [
    'SELECT e.|',
    'FROM LEO_i2."<project number>".leo_earnings AS e;',
  ].join('\n'),
  'mistakes.sql': [
    'SELECT sc.fsmeligble_spr19',
    'FROM npd_i2."<project number>".spring_census_2019 AS sc;',
    '',
    'SELECT e.EduKey FROM LEO_i2."<project number>".leo_earning AS e;',
    '',
    'SELECT x.Earnings FROM LEO_i2."<project number>".leo_earnings AS e;',
  ].join('\n'),
  'disclosure.sql': [
    'SELECT sc.fsmeligible_spr19, COUNT(*) AS pupils',
    'FROM npd_i2."<project number>".spring_census_2019 AS sc',
    'GROUP BY sc.fsmeligible_spr19;',
  ].join('\n'),
  'frame-hover.R': [
    'df <- dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.\\"<project number>\\".spring_census_2019")',
    'summary(df$fsme|ligible_spr19)',
  ].join('\n'),
  'frame-completion.R': [
    'df <- dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.\\"<project number>\\".spring_census_2019")',
    'df$|',
  ].join('\n'),
  'census.do': [
    '* A Stata script.',
    'foreach y in 17 18 19 {',
    '    display `y\'',
    '}',
  ].join('\n'),
};

async function waitFor(probe, what, timeoutMs = 30000) {
  const started = Date.now();
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Writes a fixture into the suite's folder, opens it, and returns the document and the marked position. */
async function openFixture(folder, name) {
  const marked = FIXTURES[name];
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return { document, position: offset >= 0 ? document.positionAt(offset) : undefined };
}

/**
 * The labels a language provider offered. Items of kind Text are VS Code's word-based suggestions
 * (words already in the file), which it adds when no provider answers, so they do not count.
 */
function completionLabels(list) {
  return list.items
    .filter((item) => item.kind !== vscode.CompletionItemKind.Text)
    .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function hoverText(hovers) {
  return (hovers ?? []).flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

function leoDiagnostics(document) {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'leo-lens');
}

function codeOf(diagnostic) {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

/** The checks: each returns a short detail on success, throws to fail, or returns { skip }. */
function checks(folder, features) {
  return [
    ['hover on fsmeligible_spr19 in SQL shows its description', async () => {
      const { document, position } = await openFixture(folder, 'hover.sql');
      // The first request may reach the server before it has the document; retry until it answers.
      const text = await waitFor(async () => {
        const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position));
        return /eligible for free school meals/i.test(t) && t;
      }, 'the LEO Lens hover', 60000);
      return text.split('\n')[0];
    }],
    ['completion after "e." lists Earnings and TaxYear', async () => {
      const { document, position } = await openFixture(folder, 'completion.sql');
      const labels = await waitFor(async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position, '.');
        const names = completionLabels(list);
        return ['Earnings', 'TaxYear'].every((n) => names.includes(n)) && names;
      }, 'Earnings and TaxYear in the completion list');
      return `${labels.length} items, including Earnings and TaxYear`;
    }],
    ['seeded mistakes are diagnosed with LEO101, LEO102 and LEO105', async () => {
      const { document } = await openFixture(folder, 'mistakes.sql');
      const codes = await waitFor(() => {
        const found = leoDiagnostics(document).map(codeOf);
        return ['LEO101', 'LEO102', 'LEO105'].every((c) => found.includes(c)) && found;
      }, 'LEO101, LEO102 and LEO105');
      return codes.join(', ');
    }],
    ['the LEO102 quick fix replaces the misspelt column', async () => {
      const { document } = await openFixture(folder, 'mistakes.sql');
      const diagnostic = await waitFor(() => leoDiagnostics(document).find((d) => codeOf(d) === 'LEO102'), 'LEO102');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = (actions ?? []).find((a) => /fsmeligible_spr19/.test(a.title));
      assert.ok(fix, `no quick fix mentions fsmeligible_spr19; got ${(actions ?? []).map((a) => a.title).join(', ') || 'none'}`);
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the workspace edit was not applied');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      assert.match(document.lineAt(0).text, /sc\.fsmeligible_spr19\b/);
      // Saving keeps the editor clean, so closing it at the end asks nothing.
      await document.save();
      return `"${fix.title}" gives "${document.lineAt(0).text}"`;
    }],
    ['a seeded disclosure risk is diagnosed with SDC010', async () => {
      if (!features.sdcRules) return { skip: 'not yet available: no disclosure-risk rules in this build' };
      const { document } = await openFixture(folder, 'disclosure.sql');
      const codes = await waitFor(() => {
        const found = leoDiagnostics(document).map(codeOf);
        return found.includes('SDC010') && found;
      }, 'SDC010');
      return codes.join(', ');
    }],
    ['hover on df$fsmeligible_spr19 in R shows its description', async () => {
      const { document, position } = await openFixture(folder, 'frame-hover.R');
      const text = await waitFor(async () => {
        const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position));
        return /eligible for free school meals/i.test(t) && t;
      }, 'the LEO Lens hover in R', 60000);
      return text.split('\n')[0];
    }],
    ['completion after "df$" in R lists the selected columns', async () => {
      const { document, position } = await openFixture(folder, 'frame-completion.R');
      const labels = await waitFor(async () => {
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position, '$');
        const names = completionLabels(list);
        return ['fsmeligible_spr19', 'senprovision_spr19'].every((n) => names.includes(n)) && names;
      }, 'fsmeligible_spr19 and senprovision_spr19 in the completion list');
      return `${labels.length} items`;
    }],
    ['a .do file opens in the Stata language', async () => {
      const { document } = await openFixture(folder, 'census.do');
      assert.equal(document.languageId, 'stata');
      return 'languageId stata';
    }],
    ['the report command is registered', async () => {
      if (!features.reportCommand) return { skip: 'not yet available: the extension contributes no "Check workspace before output request" command' };
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes(features.reportCommand), `${features.reportCommand} is contributed but not registered`);
      return features.reportCommand;
    }],
  ];
}

/**
 * Which optional features this build has, read from the extension's manifest and from the
 * environment (the e2e runner passes what the packaged CLI reported).
 */
function probeFeatures(extension) {
  const command = (extension.packageJSON.contributes?.commands ?? []).find((c) => /check workspace before output request/i.test(c.title));
  const fromEnv = process.env.LEO_LENS_SUITE_SDC;
  return {
    sdcRules: fromEnv === undefined ? false : fromEnv === '1',
    reportCommand: command?.command,
  };
}

/**
 * Runs every check and returns the results; `run()` below is the @vscode/test-electron entry point
 * and throws when any check failed.
 */
async function runChecks(log = console.log) {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  await extension.activate();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(root, 'the suite needs a workspace folder to write its fixtures into');
  const folder = vscode.Uri.joinPath(root, 'extension-host-suite');
  await vscode.workspace.fs.createDirectory(folder);
  const features = probeFeatures(extension);
  const results = [];
  for (const [name, check] of checks(folder, features)) {
    let result;
    try {
      const value = await check();
      result = value && value.skip ? { name, status: 'skip', detail: value.skip } : { name, status: 'pass', detail: String(value ?? '') };
    } catch (error) {
      result = { name, status: 'fail', detail: error.message.split('\n')[0] };
    }
    results.push(result);
    log(`${result.status.toUpperCase().padEnd(4)} extension host: ${name} — ${result.detail}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return results;
}

async function run() {
  const results = await runChecks();
  const failed = results.filter((r) => r.status === 'fail');
  const skipped = results.filter((r) => r.status === 'skip').length;
  console.log(`extension host: ${results.length - failed.length - skipped} passed, ${failed.length} failed, ${skipped} skipped`);
  if (failed.length > 0) throw new Error(`${failed.length} extension-host checks failed: ${failed.map((r) => r.name).join('; ')}`);
}

module.exports = { run, runChecks };
