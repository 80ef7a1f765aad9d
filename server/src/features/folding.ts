/** Converts the front end's folding ranges to LSP folding ranges (whole lines). */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../languages/types';

export function getFoldingRanges(document: TextDocument, analysis: DocumentAnalysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const fold of analysis.folding()) {
    const startLine = document.positionAt(fold.start).line;
    const endLine = document.positionAt(fold.end).line;
    if (endLine <= startLine) continue;
    const range: FoldingRange = { startLine, endLine };
    if (fold.kind === 'comment') range.kind = FoldingRangeKind.Comment;
    if (fold.kind === 'region') range.kind = FoldingRangeKind.Region;
    ranges.push(range);
  }
  return ranges;
}
