/**
 * The R front end: tree-sitter R (loaded once from WebAssembly in `initialise`), a frame-provenance
 * extractor that follows data frames and lazy tables from the SQL and tables they were read from
 * through dplyr, data.table and base R, and the T-SQL features inside SQL strings.
 */
import type { AnalysisContext, DocumentAnalysis, LanguageSupport } from '../types';
import { describeError } from '../../util/errors';
import { emptyAnalysis, failedAnalysis } from '../emptyAnalysis';
import { analysedText, analyseParsed } from './analysis';
import { initialiseRParser, loadedRParser } from './parser/treeSitter';

export { frameModelOf } from './analysis';
export type * from './frames/model';

export const rLanguage: LanguageSupport = {
  id: 'r',
  async initialise(): Promise<void> {
    await initialiseRParser();
  },
  analyse(text: string, context: AnalysisContext, previous?: DocumentAnalysis): DocumentAnalysis {
    const parser = loadedRParser();
    if (!parser) return emptyAnalysis('r');
    try {
      const { root, broken, abandoned } = parser.parseSyntax(text, previous !== undefined ? analysedText(previous) : undefined);
      if (abandoned !== undefined) return failedAnalysis('r', { start: 0, end: text.length, what: 'the analysis of this file', ...abandoned });
      return analyseParsed(text, root, broken, context, previous);
    } catch (error) {
      // The analysis must never take the server down; an unexpected failure yields an empty analysis that says so.
      return failedAnalysis('r', { start: 0, end: text.length, what: 'the analysis of this file', reason: describeError(error) });
    }
  },
};

