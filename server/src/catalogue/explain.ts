import type { CatalogueIndex, ExplainResult } from './api';

/** Explains a table or column name in any form. */
export function explain(_index: CatalogueIndex, name: string): ExplainResult {
  return { query: name, found: false, tables: [], columns: [], suggestions: [] };
}

/** Formats an explain result as plain text for people. */
export function formatExplainText(result: ExplainResult): string {
  return `${result.query}: not found`;
}
