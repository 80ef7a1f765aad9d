/**
 * Runs the SDC rules over the labelled corpus (test/fixtures/disclosure) and scores them against the manifest:
 * a finding counts when its code and one-based line match an expected one. Shared by `npm run eval` and the
 * corpus test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SDC_RULE_DESCRIPTIONS } from '../../../server/src/disclosure/registry';
import { analyse, located, type Language } from './check';

export const CORPUS_ROOT = path.resolve(__dirname, '../../fixtures/disclosure');

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

export function readManifest(): ManifestEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_ROOT, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
  return manifest.files;
}

export function scoreCorpus(entries: readonly ManifestEntry[] = readManifest()): CorpusScore {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (code: string, key: 'tp' | 'fp' | 'fn'): void => {
    const entry = counts.get(code) ?? { tp: 0, fp: 0, fn: 0 };
    entry[key]++;
    counts.set(code, entry);
  };
  const results: FileResult[] = [];
  for (const entry of entries) {
    const text = fs.readFileSync(path.join(CORPUS_ROOT, entry.file), 'utf8');
    const found = new Set(located(text, analyse(entry.language, text)).map((f) => `${f.code}@${f.line}`));
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
  const codes = SDC_RULE_DESCRIPTIONS.map((r) => r.code).filter((code) => counts.has(code)).map((code) => score(code, counts.get(code)!));
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
export function formatScore(s: CorpusScore): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    `LEO Lens SDC rules on the labelled corpus: ${s.files} scripts (${s.cleanFiles} clean), matched by code and line.`,
    '',
    'code      TP   FP   FN   recall  precision',
  ];
  for (const c of [...s.codes, s.overall]) {
    lines.push(`${c.code.padEnd(7)} ${String(c.truePositives).padStart(4)} ${String(c.falsePositives).padStart(4)} ${String(c.falseNegatives).padStart(4)}  ${pct(c.recall)}  ${pct(c.precision)}`);
  }
  lines.push('', `Clean scripts with a finding: ${s.noisyCleanFiles.length === 0 ? 'none' : s.noisyCleanFiles.join(', ')}`);
  for (const r of s.results) {
    if (r.missed.length === 0 && r.unexpected.length === 0) continue;
    lines.push(`  ${r.file}: ${r.missed.length > 0 ? `missed ${r.missed.join(', ')}` : ''}${r.missed.length > 0 && r.unexpected.length > 0 ? '; ' : ''}${r.unexpected.length > 0 ? `unexpected ${r.unexpected.join(', ')}` : ''}`);
  }
  return lines.join('\n');
}

/** True when every code meets the targets (recall and precision at least 0.9) and the clean scripts are quiet. */
export function meetsTargets(s: CorpusScore): boolean {
  return s.noisyCleanFiles.length === 0 && s.codes.every((c) => c.recall >= 0.9 && c.precision >= 0.9);
}
