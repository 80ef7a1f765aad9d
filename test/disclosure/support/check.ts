/**
 * Helpers for the disclosure tests: analyse T-SQL or R text with the bundled catalogue, read the findings as
 * (code, line) pairs, and apply a quick fix to the text.
 */
import type { CatalogueIndex } from '../../../server/src/catalogue/api';
import { checkDataflow, type DisclosureResult } from '../../../server/src/disclosure/analyse';
import { resolveDisclosureConfig, type DisclosureConfig } from '../../../server/src/disclosure/config';
import { languageSupport } from '../../../server/src/languages/registry';
import type { LanguageId } from '../../../server/src/languages/types';
import type { Fix } from '../../../server/src/model/findings';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { bundledCatalogue } from './catalogue';
import { initRParser } from './rParser';

export type Language = LanguageId;

export async function setUpDisclosure(): Promise<void> {
  await initRParser();
  bundledCatalogue();
}

/**
 * Runs a document through its front end, as the service does, and the rules over the dataflow model the front
 * end built: the tests see exactly what a user sees.
 */
export function analyse(language: Language, text: string, config?: DisclosureConfig, catalogue: CatalogueIndex = bundledCatalogue()): DisclosureResult {
  const disclosure = resolveDisclosureConfig(config);
  const analysis = languageSupport(language).analyse(text, { catalogue, severityOverrides: {}, disclosure });
  return checkDataflow(() => analysis.dataflow(), text, disclosure);
}

export interface Located {
  readonly code: string;
  /** One-based line. */
  readonly line: number;
}

export function located(text: string, result: DisclosureResult): Located[] {
  const lines = new LineIndex(text);
  return result.findings.map((f) => ({ code: f.code, line: lines.positionAt(f.start).line + 1 }));
}

export function codes(result: DisclosureResult): string[] {
  return [...new Set(result.findings.map((f) => f.code))].sort();
}

/** Applies a fix's edits (which do not overlap) to the text. */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The text with a placeholder at `marker` removed, and the marker's offset. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim().length > 0).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
