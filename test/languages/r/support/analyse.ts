/**
 * Helpers for the R tests: the bundled catalogue (loaded once), the R parser (initialised once), an
 * analysis function, and `$0` cursor markers. `$0` never occurs in real R, unlike `|`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogueIndex } from '../../../../server/src/catalogue/api';
import { loadCatalogue } from '../../../../server/src/catalogue/index';
import type { Severity } from '../../../../server/src/model/findings';
import { rLanguage } from '../../../../server/src/languages/r/index';
import type { DocumentAnalysis } from '../../../../server/src/languages/types';

export const REPO = path.resolve(__dirname, '../../../..');
export const R_FIXTURES = path.join(REPO, 'test', 'fixtures', 'r');

let catalogue: CatalogueIndex | undefined;

export function bundledCatalogue(): CatalogueIndex {
  if (!catalogue) {
    const file = path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json');
    const result = loadCatalogue([{ path: file, text: fs.readFileSync(file, 'utf8') }]);
    if (!result.index) throw new Error(`the bundled catalogue did not load: ${result.problems.map((p) => p.message).join('; ')}`);
    catalogue = result.index;
  }
  return catalogue;
}

/** Loads the grammar; call from a `before` hook. */
export async function rReady(): Promise<void> {
  await rLanguage.initialise!();
  bundledCatalogue();
}

export function analyseR(text: string, severityOverrides: Readonly<Record<string, Severity | 'off'>> = {}): DocumentAnalysis {
  return rLanguage.analyse(text, { catalogue: bundledCatalogue(), severityOverrides });
}

/** Removes the `$0` marker and returns the text and the marker's offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$0');
  if (offset < 0) throw new Error(`no $0 cursor in: ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 2), offset };
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(R_FIXTURES, ...parts), 'utf8').replace(/\r\n/g, '\n');
}
