/** Converts the front end's symbols (statements, CTEs, temp tables) to LSP document symbols. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DocumentAnalysis, DocumentSymbolInfo, SymbolKind as CoreSymbolKind } from '../languages/types';

export function getDocumentSymbols(document: TextDocument, analysis: DocumentAnalysis): DocumentSymbol[] {
  return analysis.symbols().map((symbol) => toSymbol(document, symbol));
}

function toSymbol(document: TextDocument, symbol: DocumentSymbolInfo): DocumentSymbol {
  const result: DocumentSymbol = {
    name: symbol.name || '(unnamed)',
    kind: KIND[symbol.kind],
    range: { start: document.positionAt(symbol.start), end: document.positionAt(symbol.end) },
    selectionRange: { start: document.positionAt(symbol.selectionStart), end: document.positionAt(symbol.selectionEnd) },
  };
  if (symbol.detail) result.detail = symbol.detail;
  if (symbol.children && symbol.children.length > 0) result.children = symbol.children.map((child) => toSymbol(document, child));
  return result;
}

const KIND: Readonly<Record<CoreSymbolKind, SymbolKind>> = {
  statement: SymbolKind.Function,
  cte: SymbolKind.Struct,
  'temp-table': SymbolKind.Class,
  batch: SymbolKind.Namespace,
  variable: SymbolKind.Variable,
  frame: SymbolKind.Object,
};
