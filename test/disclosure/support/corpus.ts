/**
 * Scores LEO Lens against a labelled corpus: the SDC rules over the corpus the rules were written against
 * (test/fixtures/disclosure), or every finding over the corpus written independently of them
 * (test/fixtures/independent). A finding counts when its code and one-based line match an expected one.
 * Shared by `npm run eval` and the corpus tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_CODES } from '../../../server/src/model/diagnosticCodes';
import { analyse, located, type Language, type Located } from './check';

export const CORPUS_ROOT = path.resolve(__dirname, '../../fixtures/disclosure');
export const INDEPENDENT_ROOT = path.resolve(__dirname, '../../fixtures/independent');

/** Reads one script's findings as (code, one-based line) pairs. */
export type FindingSource = (language: Language, text: string) => readonly Located[];

/** The SDC rules alone, as the corpus they were written against is labelled. */
export const sdcFindings: FindingSource = (language, text) => located(text, analyse(language, text));

export interface CorpusOptions {
  readonly root: string;
  readonly findings: FindingSource;
}

const AUTHORED: CorpusOptions = { root: CORPUS_ROOT, findings: sdcFindings };

export interface ManifestEntry {
  readonly file: string;
  readonly language: Language;
  readonly clean: boolean;
  readonly expected: readonly { readonly code: string; readonly line: number; readonly anchor: string; readonly occurrence?: number }[];
}

export interface CodeScore {
  readonly code: string;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly recall: number;
  readonly precision: number;
}

export interface FileResult {
  readonly file: string;
  readonly clean: boolean;
  readonly missed: readonly string[];
  readonly unexpected: readonly string[];
}

export interface CorpusScore {
  readonly files: number;
  readonly cleanFiles: number;
  readonly codes: readonly CodeScore[];
  readonly overall: CodeScore;
  readonly results: readonly FileResult[];
  /** Clean files that got a finding. */
  readonly noisyCleanFiles: readonly string[];
}

export function readManifest(root: string = CORPUS_ROOT): ManifestEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
  return manifest.files;
}

export function scoreCorpus(entries: readonly ManifestEntry[] = readManifest(), options: CorpusOptions = AUTHORED): CorpusScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (code: string, key: 'tp' | 'fp' | 'fn'): void => {
    const entry = counts.get(code) ?? { tp: 0, fp: 0, fn: 0 };
    entry[key]++;
    counts.set(code, entry);
  };
  const results: FileResult[] = [];
  for (const entry of entries) {
    const text = fs.readFileSync(path.join(options.root, entry.file), 'utf8');
    const found = new Set(options.findings(entry.language, text).map((f) => `${f.code}@${f.line}`));
    const expected = new Set(entry.expected.map((e) => `${e.code}@${e.line}`));
    const missed: string[] = [];
    const unexpected: string[] = [];
    for (const key of expected) {
      const code = key.split('@')[0]!;
      if (found.has(key)) bump(code, 'tp');
      else {
        bump(code, 'fn');
        missed.push(key);
      }
    }
    for (const key of found) {
      if (expected.has(key)) continue;
      bump(key.split('@')[0]!, 'fp');
      unexpected.push(key);
    }
    results.push({ file: entry.file, clean: entry.clean, missed, unexpected });
  }
  const order = DIAGNOSTIC_CODES.map((info) => info.code);
  const codes = [...counts.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b) || a.localeCompare(b)).map((code) => score(code, counts.get(code)!));
  const total = [...counts.values()].reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    files: entries.length,
    cleanFiles: entries.filter((e) => e.clean).length,
    codes,
    overall: score('all', total),
    results,
    noisyCleanFiles: results.filter((r) => r.clean && r.unexpected.length > 0).map((r) => r.file),
  };
}

function score(code: string, c: { tp: number; fp: number; fn: number }): CodeScore {
  return {
    code,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
  };
}

/** The score as a plain-text table, as `npm run eval` prints it. */
/**
 * The score as a table per code, then the clean scripts that got a finding and each script's misses. With `blind`
 * (a held-out set) only the counts are given, so that nobody reading the report learns which script failed how.
 */
export function formatScore(s: CorpusScore, title = 'LEO Lens SDC rules on the labelled corpus', blind = false): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    `${title}: ${s.files} scripts (${s.cleanFiles} clean), matched by code and line.`,
    '',
    'code      TP   FP   FN   recall  precision',
  ];
  for (const c of [...s.codes, s.overall]) {
    lines.push(`${c.code.padEnd(7)} ${String(c.truePositives).padStart(4)} ${String(c.falsePositives).padStart(4)} ${String(c.falseNegatives).padStart(4)}  ${pct(c.recall)}  ${pct(c.precision)}`);
  }
  if (blind) {
    lines.push('', `Clean scripts with a finding: ${s.noisyCleanFiles.length} (held out: which ones, and each script's misses, are not shown).`);
    return lines.join('\n');
  }
  lines.push('', `Clean scripts with a finding: ${s.noisyCleanFiles.length === 0 ? 'none' : s.noisyCleanFiles.join(', ')}`);
  for (const r of s.results) {
    if (r.missed.length === 0 && r.unexpected.length === 0) continue;
    lines.push(`  ${r.file}: ${r.missed.length > 0 ? `missed ${r.missed.join(', ')}` : ''}${r.missed.length > 0 && r.unexpected.length > 0 ? '; ' : ''}${r.unexpected.length > 0 ? `unexpected ${r.unexpected.join(', ')}` : ''}`);
  }
  return lines.join('\n');
}

/**
 * True when every code meets the targets (recall and precision at least 0.9) and the clean scripts are quiet.
 * Codes the manifest never expects and the tool never reports are not scored.
 */
export function meetsTargets(s: CorpusScore): boolean {
  return s.noisyCleanFiles.length === 0 && s.codes.every((c) => c.recall >= 0.9 && c.precision >= 0.9);
}
