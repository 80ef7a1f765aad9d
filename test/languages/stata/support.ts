/**
 * Helpers for the Stata tests: the bundled catalogue, an analysis function, every finding a user would see
 * (front end and disclosure rules, through the service), fixtures, and `$0` cursor markers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stataLanguage } from '../../../server/src/languages/stata/index';
import type { DocumentAnalysis } from '../../../server/src/languages/types';
import type { Severity } from '../../../server/src/model/findings';
import { bundledCatalogue, REPO } from '../r/support/analyse';

export { lineOf, withCursor } from '../r/support/analyse';
export { allFindings } from '../../disclosure/support/allFindings';

export const STATA_FIXTURES = path.join(REPO, 'test', 'fixtures', 'stata');

export function analyseStata(text: string, severityOverrides: Readonly<Record<string, Severity | 'off'>> = {}): DocumentAnalysis {
  return stataLanguage.analyse(text, { catalogue: bundledCatalogue(), severityOverrides });
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(STATA_FIXTURES, ...parts), 'utf8').replace(/\r\n/g, '\n');
}

export function doFiles(directory: string): string[] {
  return fs.readdirSync(path.join(STATA_FIXTURES, directory)).filter((file) => file.endsWith('.do')).sort();
}
