/**
 * "LEO Lens: Import variable request form": turns a project's filled-in DfE variable request form into its extract
 * (a restriction overlay) and offers to put it into `.leo-lens.json`.
 *
 * The conversion is the CLI's (`leo-lens catalogue from-request-form`), run as a child process of the extension
 * host, so the workbook reader is bundled once, into dist/cli.js, and never loaded into the editor or the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE, firstLine, runCli, setExtract } from './extractFiles';

export async function importRequestForm(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Import request form',
    filters: { 'Excel workbook': ['xlsx'] },
    ...(folder ? { defaultUri: folder.uri } : {}),
  });
  const form = picked?.[0];
  if (!form) return;
  const target = await vscode.window.showSaveDialog({
    saveLabel: 'Write extract',
    filters: { 'LEO Lens catalogue': ['json'] },
    defaultUri: vscode.Uri.file(path.join(folder?.uri.fsPath ?? path.dirname(form.fsPath), 'project.leo-catalogue.json')),
  });
  if (!target) return;

  const run = await runCli(context.asAbsolutePath(path.join('dist', 'cli.js')), ['catalogue', 'from-request-form', form.fsPath, '--out', target.fsPath]);
  output.info(`Imported ${form.fsPath}:\n${run.stdout}${run.stderr}`);
  if (run.code !== 0) {
    void vscode.window.showErrorMessage(`LEO Lens could not read the request form (see the LEO Lens output): ${firstLine(run.stderr || run.stdout)}`);
    return;
  }
  const unread = /could not read|not read/i.test(run.stdout) ? ' Some rows or marks could not be read; the LEO Lens output lists them.' : '';
  if (!folder) {
    void vscode.window.showInformationMessage(`Wrote ${path.basename(target.fsPath)}.${unread}`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Wrote ${path.basename(target.fsPath)}.${unread} Use it as this project's extract in ${CONFIG_FILE}?`,
    'Use as extract',
    'Not now',
  );
  if (choice !== 'Use as extract') return;
  const configPath = path.join(folder.uri.fsPath, CONFIG_FILE);
  const relative = path.relative(folder.uri.fsPath, target.fsPath).split(path.sep).join('/');
  const updated = setExtract(configPath, relative);
  if (typeof updated === 'string') void vscode.window.showErrorMessage(updated);
  else void vscode.window.showInformationMessage(`${CONFIG_FILE} now names ${relative} as the project's extract.`);
}

