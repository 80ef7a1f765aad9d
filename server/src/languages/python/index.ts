/**
 * The Python front end: tree-sitter Python (loaded once from WebAssembly in `initialise`), one evaluation that
 * follows pandas frames from the SQL and files they were read from and builds the dataflow model, and the T-SQL
 * features inside SQL strings.
 */
import { describeError } from '../../util/errors';
import { emptyAnalysis, failedAnalysis } from '../emptyAnalysis';
import type { AnalysisContext, DocumentAnalysis, LanguageSupport } from '../types';
import { analyseSyntax, type CellRange } from './analysis';
import { initialisePythonParser, loadedPythonParser } from './parser/treeSitter';

export type { CellRange } from './analysis';

/** Analyses Python text; `cells` marks a notebook's code cells, whose last bare expressions are displayed. */
export function analysePython(text: string, context: AnalysisContext, previous?: DocumentAnalysis, cells?: readonly CellRange[]): DocumentAnalysis {
  const parser = loadedPythonParser();
  if (!parser) return emptyAnalysis('python');
  try {
    const syntax = parser.parse(text);
    if (syntax.abandoned !== undefined) return failedAnalysis('python', { start: 0, end: text.length, what: 'the analysis of this file', ...syntax.abandoned });
    return analyseSyntax(text, syntax, context, previous, cells);
  } catch (error) {
    // The analysis must never take the server down; an unexpected failure yields an empty analysis that says so.
    return failedAnalysis('python', { start: 0, end: text.length, what: 'the analysis of this file', reason: describeError(error) });
  }
}

export const pythonLanguage: LanguageSupport = {
  id: 'python',
  async initialise(): Promise<void> {
    await initialisePythonParser();
  },
  analyse(text: string, context: AnalysisContext, previous?: DocumentAnalysis): DocumentAnalysis {
    return analysePython(text, context, previous);
  },
};
