/**
 * Every finding a user would see for a script, through the service as the editor and the CLI run it: the front
 * end's LEO1xx and the SDC rules over its dataflow model, with the bundled catalogue and default settings.
 * The independent corpus is labelled this way, since its author labelled names and disclosure risks alike.
 */
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../../../server/src/analysisEnvironment';
import { DEFAULT_SETTINGS } from '../../../server/src/config/settings';
import { analyseUncached } from '../../../server/src/service';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { nodeFileReader } from '../../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../../server/src/workspace/loadWorkspace';
import { checkNotebook } from '../../../server/src/workspace/notebooks';
import type { FindingSource } from './corpus';

let environment: AnalysisEnvironment | undefined;

function bundledEnvironment(): AnalysisEnvironment {
  if (environment !== undefined) return environment;
  const bundledCatalogue = path.resolve(__dirname, '../../../catalogue/leo-i2se.leo-catalogue.json');
  const loaded = loadWorkspace({ bundledCatalogue, settings: DEFAULT_SETTINGS }, nodeFileReader);
  if (loaded.environment === undefined) throw new Error('the bundled catalogue did not load');
  environment = loaded.environment;
  return environment;
}

export const allFindings: FindingSource = (language, text) => {
  const lines = new LineIndex(text);
  // A notebook is checked as the lint checks it (cells as one program, findings on the file's own lines).
  if (language === 'python' && text.trimStart().startsWith('{')) {
    const notebook = checkNotebook(text, bundledEnvironment());
    if (notebook !== undefined) return notebook.findings.map((f) => ({ code: f.code, line: lines.positionAt(f.start).line + 1 }));
  }
  const analysis = analyseUncached({ uri: `corpus.${language}`, language, version: 1, text }, bundledEnvironment());
  return analysis.findings.map((f) => ({ code: f.code, line: lines.positionAt(f.start).line + 1 }));
};
