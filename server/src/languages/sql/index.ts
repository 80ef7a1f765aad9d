/**
 * The T-SQL front end: analyses SQL documents against the catalogue.
 */
import type { DocumentAnalysis, LanguageSupport } from '../types';

function emptySqlAnalysis(): DocumentAnalysis {
  return {
    language: 'sql',
    findings: [],
    complete: () => ({ items: [], isIncomplete: false }),
    resolveDocumentation: () => undefined,
    hover: () => undefined,
    definition: () => [],
    symbols: () => [],
    folding: () => [],
  };
}

export const sqlLanguage: LanguageSupport = {
  id: 'sql',
  analyse: () => emptySqlAnalysis(),
};
