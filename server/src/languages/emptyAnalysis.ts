import { emptyDataflowModel } from '../dataflow/model';
import { notCheckedFindings, type UncheckedPart } from '../model/notChecked';
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

/**
 * The analysis of a document its front end could not analyse at all: empty, with one LEO000 note that says
 * why, so a failure never looks like a clean file.
 */
export function failedAnalysis(language: LanguageId, part: UncheckedPart): DocumentAnalysis {
  return { ...emptyAnalysis(language), findings: notCheckedFindings([part]) };
}

/** The line-comment prefix of each language, for inserted allow comments. */
export const COMMENT_PREFIX: Readonly<Record<LanguageId, string>> = { sql: '--', r: '#', python: '#', stata: '//' };
