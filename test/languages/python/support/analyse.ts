/**
 * Helpers for the Python tests: the bundled catalogue, the Python parser (initialised once), an analysis that
 * runs the disclosure rules as the service does, and `$0` cursor markers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogueIndex } from '../../../../server/src/catalogue/api';
import { loadCatalogue } from '../../../../server/src/catalogue/index';
import { checkDataflow } from '../../../../server/src/disclosure/analyse';
import { type DisclosureConfig, resolveDisclosureConfig } from '../../../../server/src/disclosure/config';
import { analysePython, type CellRange, pythonLanguage } from '../../../../server/src/languages/python/index';
import type { DocumentAnalysis } from '../../../../server/src/languages/types';
import type { Finding } from '../../../../server/src/model/findings';
import { LineIndex } from '../../../../server/src/util/lineIndex';

export const REPO = path.resolve(__dirname, '../../../..');
export const PY_FIXTURES = path.join(REPO, 'test', 'fixtures', 'python');

let catalogue: CatalogueIndex | undefined;

export function bundledCatalogue(): CatalogueIndex {
  if (!catalogue) {
    const file = path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json');
    const result = loadCatalogue([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
    if (!result.index) throw new Error('the bundled catalogue did not load');
    catalogue = result.index;
  }
  return catalogue;
}

/** Loads the grammar; call from a `before` hook. */
export async function pyReady(): Promise<void> {
  await pythonLanguage.initialise!();
  bundledCatalogue();
}

/** The configuration the corpus is written for: the team's suppression helper is named. */
export const CORPUS_CONFIG: DisclosureConfig = { suppressionHelpers: ['suppress_small_cells'] };

export function analysePy(text: string, config: DisclosureConfig = CORPUS_CONFIG, cells?: readonly CellRange[]): DocumentAnalysis {
  return analysePython(text, { catalogue: bundledCatalogue(), severityOverrides: {}, disclosure: resolveDisclosureConfig(config) }, undefined, cells);
}

/** Every finding a user sees: the front end's and the disclosure rules', in document order. */
export function allFindings(text: string, config: DisclosureConfig = CORPUS_CONFIG, cells?: readonly CellRange[]): Finding[] {
  const analysis = analysePy(text, config, cells);
  const disclosure = checkDataflow(() => analysis.dataflow(), text, resolveDisclosureConfig(config));
  return [...analysis.findings, ...disclosure.findings].sort((a, b) => a.start - b.start);
}

export function lineOf(text: string, offset: number): number {
  return new LineIndex(text).positionAt(offset).line + 1;
}

export function codesAndLines(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code}@${lineOf(text, f.start)}`);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(PY_FIXTURES, ...parts), 'utf8');
}

/** Removes the `$0` marker and returns the text and the marker's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$0');
  if (offset < 0) throw new Error('no $0 marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 2), offset };
}
