import { emptyDataflowModel } from '../dataflow/model';
import type { DocumentAnalysis, LanguageId } from './types';

/**
 * An analysis with nothing in it: for languages whose features have not arrived, for files that are
 * skipped, and for a front end that failed on an input. Every question gets the empty answer.
 */
export function emptyAnalysis(language: LanguageId): DocumentAnalysis {
  return {
    language,
    findings: [],
    complete: () => ({ items: [], isIncomplete: false }),
    resolveDocumentation: () => undefined,
    hover: () => undefined,
    definition: () => [],
    symbols: () => [],
    folding: () => [],
    dataflow: () => emptyDataflowModel(language, COMMENT_PREFIX[language]),
  };
}

/** The line-comment prefix of each language, for inserted allow comments. */
export const COMMENT_PREFIX: Readonly<Record<LanguageId, string>> = { sql: '--', r: '#', python: '#', stata: '//' };
