/**
 * Quick fixes: each diagnostic in the request's context that carries fixes in its data becomes one
 * code action per fix. Diagnostics from other tools are ignored.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type DiagnosticFixData } from './diagnostics';

export function getCodeActions(uri: string, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = diagnostic.data as DiagnosticFixData | undefined;
    for (const fix of data?.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: [...fix.edits] } },
      });
    }
  }
  return actions;
}
