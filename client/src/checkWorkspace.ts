/**
 * "LEO Lens: Check workspace before output request": asks the server to check every file, shows the
 * Problems panel and opens the report that goes with the output request.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE_REQUEST, type CheckWorkspaceResult } from '../../server/src/protocol';

export async function checkWorkspace(client: LanguageClient | undefined): Promise<void> {
  if (!client) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'LEO Lens: checking the workspace before an output request' },
    () => client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, {}),
  );
  if (result.error) {
    void vscode.window.showErrorMessage(`LEO Lens could not check the workspace: ${result.error}.`);
    return;
  }
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const markdown = result.reportFiles[0];
  if (markdown) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(markdown));
    await vscode.window.showTextDocument(document, { preview: false });
  }
  const findings = result.errors + result.warnings + result.infos;
  void vscode.window.showInformationMessage(
    `LEO Lens checked ${result.files} files: ${findings} findings, ${result.allowances} allowances. The report is in ${result.reportFiles.map((file) => vscode.workspace.asRelativePath(file)).join(' and ')}.`,
  );
}
