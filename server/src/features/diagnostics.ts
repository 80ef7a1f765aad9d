/**
 * Turns core findings into LSP diagnostics. Quick fixes travel in `data` as ready-made text edits,
 * so the code-action request needs no re-analysis.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Diagnostic, DiagnosticSeverity, type TextEdit } from 'vscode-languageserver-types';
import type { Finding, Severity } from '../model/findings';

export const DIAGNOSTIC_SOURCE = 'leo-lens';

export interface DiagnosticFixData {
  readonly fixes: readonly { readonly title: string; readonly preferred: boolean; readonly edits: readonly TextEdit[] }[];
}

/** A link to the rule's page, for codes that have one. Injected so the core knows no file paths. */
export type RuleDocumentationLink = (code: string) => string | undefined;

export function toDiagnostics(
  document: TextDocument,
  findings: readonly Finding[],
  ruleLink: RuleDocumentationLink = () => undefined,
): Diagnostic[] {
  return findings.map((finding) => {
    const diagnostic = Diagnostic.create(
      { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
      finding.message,
      toLspSeverity(finding.severity),
      finding.code,
      DIAGNOSTIC_SOURCE,
    );
    const href = ruleLink(finding.code);
    if (href) diagnostic.codeDescription = { href };
    if (finding.fixes && finding.fixes.length > 0) {
      const data: DiagnosticFixData = {
        fixes: finding.fixes.map((fix) => ({
          title: fix.title,
          preferred: fix.preferred ?? false,
          edits: fix.edits.map((edit) => ({
            range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
            newText: edit.newText,
          })),
        })),
      };
      diagnostic.data = data;
    }
    return diagnostic;
  });
}

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}
