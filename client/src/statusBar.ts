/** The status bar item: the catalogue in use and the count of findings; a click opens the output. */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';

export function createStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('leoLens.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'LEO Lens';
  item.text = '$(loading~spin) LEO Lens';
  item.tooltip = 'LEO Lens is loading the catalogue';
  item.command = 'leoLens.showOutput';
  item.show();
  return item;
}

export function showStatus(item: vscode.StatusBarItem, status: StatusParams): void {
  const findings = status.errors + status.warnings + status.infos;
  if (!status.catalogue) {
    item.text = '$(error) LEO Lens: no catalogue';
    item.tooltip = ['No catalogue could be loaded.', ...status.problems].join('\n');
    return;
  }
  const problems = status.problems.length > 0 ? ' $(warning)' : '';
  item.text = `$(book) ${status.catalogue.name} ${status.catalogue.version}${problems} · ${findings} ${findings === 1 ? 'finding' : 'findings'}`;
  item.tooltip = [
    `Catalogue: ${status.catalogue.name} ${status.catalogue.version} (${status.catalogue.id})`,
    `Findings in open files: ${status.errors} errors, ${status.warnings} warnings, ${status.infos} information`,
    ...status.problems.map((problem) => `Problem: ${problem}`),
    'Click to open the LEO Lens output.',
  ].join('\n');
}
