/**
 * The Stata front end: a hand-written lexer and command parser (in offsets, never throwing), an evaluation that
 * follows the dataset in memory from `odbc load` through merges, collapses and renames, the features that
 * evaluation makes possible (variable completion, hover, definition, unknown variables), SQL features inside
 * `odbc load, exec("…")`, and the dataflow model the disclosure rules read.
 */
import { describeError } from '../../util/errors';
import { failedAnalysis } from '../emptyAnalysis';
import type { AnalysisContext, DocumentAnalysis, LanguageSupport } from '../types';
import { analyseStata } from './analysis';

export const stataLanguage: LanguageSupport = {
  id: 'stata',
  analyse(text: string, context: AnalysisContext): DocumentAnalysis {
    try {
      return analyseStata(text, context);
    } catch (error) {
      // The analysis must never take the server down; a failure gives one note that says so.
      return failedAnalysis('stata', { start: 0, end: text.length, what: 'the analysis of this file', reason: describeError(error) });
    }
  },
};
