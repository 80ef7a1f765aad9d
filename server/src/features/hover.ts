/** Converts the front end's hover to an LSP hover. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../languages/types';

export function getHover(document: TextDocument, analysis: DocumentAnalysis, offset: number): Hover | null {
  const hover = analysis.hover(offset);
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) },
  };
}
