/** Converts the front end's completion entries to an LSP completion list. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { CompletionEntry, CompletionKind, DocumentAnalysis } from '../languages/types';

/** The data a completion item carries so that its documentation can be resolved lazily. */
export interface CompletionItemData {
  readonly uri: string;
  readonly resolveKey: string;
}

/** Lists past this size are cut and marked incomplete, so the editor asks again as the user types. */
export const MAX_COMPLETION_ITEMS = 500;

export function getCompletions(document: TextDocument, analysis: DocumentAnalysis, offset: number): CompletionList {
  const result = analysis.complete(offset);
  const items = result.items.slice(0, MAX_COMPLETION_ITEMS).map((entry) => toCompletionItem(document, entry));
  return { isIncomplete: result.isIncomplete || result.items.length > MAX_COMPLETION_ITEMS, items };
}

export function resolveCompletion(item: CompletionItem, analysis: DocumentAnalysis | undefined): CompletionItem {
  const data = item.data as CompletionItemData | undefined;
  if (!data?.resolveKey || !analysis || item.documentation) return item;
  const markdown = analysis.resolveDocumentation(data.resolveKey);
  return markdown ? { ...item, documentation: { kind: MarkupKind.Markdown, value: markdown } } : item;
}

function toCompletionItem(document: TextDocument, entry: CompletionEntry): CompletionItem {
  const item: CompletionItem = { label: entry.label, kind: KIND[entry.kind] };
  if (entry.detail) item.detail = entry.detail;
  // Editors show the label description after the label in a quieter style; those that lack it still have detail.
  if (entry.labelDescription) item.labelDetails = { description: entry.labelDescription };
  if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
  if (entry.resolveKey) item.data = { uri: document.uri, resolveKey: entry.resolveKey } satisfies CompletionItemData;
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.isSnippet) item.insertTextFormat = InsertTextFormat.Snippet;
  const newText = entry.insertText ?? entry.label;
  if (entry.replaceStart !== undefined && entry.replaceEnd !== undefined) {
    item.textEdit = {
      range: { start: document.positionAt(entry.replaceStart), end: document.positionAt(entry.replaceEnd) },
      newText,
    };
  } else if (entry.insertText !== undefined) {
    item.insertText = entry.insertText;
  }
  return item;
}

const KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  database: CompletionItemKind.Module,
  schema: CompletionItemKind.Folder,
  table: CompletionItemKind.Class,
  column: CompletionItemKind.Field,
  alias: CompletionItemKind.Variable,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  function: CompletionItemKind.Function,
};
