/**
 * The run's tallies, the failure files saved for replay, and the summary printed at the end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LanguageId } from '../../server/src/languages/types';
import type { Failure, FailureKind } from './classify';
import { EXTENSION_OF } from './corpus';
import type { FuzzInput } from './inputs';

export interface LanguageTally {
  inputs: number;
  crashes: number;
  hangs: number;
  mismatches: number;
  /** LEO000 notes, and the inputs that had any. */
  swallowedNotes: number;
  inputsWithSwallowed: number;
  /** Inputs with a LEO000 note about a limit reached (a bounded analysis, not a failure). */
  inputsAtLimit: number;
  slowest?: { readonly id: string; readonly milliseconds: number; readonly size: number };
  /** The worker's heapUsed, sampled at each step, and the whole process's resident size, polled. */
  peakHeap: number;
  peakRss: number;
}

export interface SignatureTally {
  readonly signature: string;
  readonly kind: FailureKind;
  count: number;
  /** The first failure's saved record, to replay and shrink. */
  readonly example: string | undefined;
  /** The first failure's message and innermost frame. */
  readonly message: string;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly seconds: number;
  readonly languages: Map<LanguageId, LanguageTally>;
  readonly signatures: Map<string, SignatureTally>;
  /** The failures' saved records (the `.json` files), in the order found. */
  readonly saved: string[];
}

/** Everything needed to replay one failure, saved as `<id>.json` beside `<id>.input.<ext>`. */
export interface FailureRecord {
  readonly id: string;
  readonly seed: number;
  readonly index: number;
  readonly language: LanguageId;
  readonly inputSeed: number;
  readonly kind: FailureKind;
  readonly step: string;
  readonly message: string;
  readonly stack?: string;
  readonly signature: string;
  readonly recipe: readonly string[];
  readonly size: number;
  readonly milliseconds: number;
  /** The input's file name, in the same folder as the record. */
  readonly inputFile: string;
}

export function emptyTally(): LanguageTally {
  return { inputs: 0, crashes: 0, hangs: 0, mismatches: 0, swallowedNotes: 0, inputsWithSwallowed: 0, inputsAtLimit: 0, peakHeap: 0, peakRss: 0 };
}

export function saveFailure(outDir: string, input: FuzzInput, failure: Failure, milliseconds: number, suffix: string): string {
  mkdirSync(outDir, { recursive: true });
  const id = `${input.id}-${failure.kind}${suffix}`;
  const inputFile = `${id}.input.${EXTENSION_OF[input.language]}`;
  writeFileSync(path.join(outDir, inputFile), input.text, 'utf8');
  const record: FailureRecord = {
    id,
    seed: input.seed,
    index: input.index,
    language: input.language,
    inputSeed: input.inputSeed,
    kind: failure.kind,
    step: failure.step,
    message: failure.message,
    ...(failure.stack !== undefined ? { stack: failure.stack } : {}),
    signature: failure.signature,
    recipe: input.recipe,
    size: input.text.length,
    milliseconds: Math.round(milliseconds),
    inputFile,
  };
  const file = path.join(outDir, `${id}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  return file;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

export function formatSummary(summary: FuzzSummary): string {
  const lines = [`LEO Lens fuzz: seed ${summary.seed}, ${summary.seconds.toFixed(1)} s`];
  lines.push('language  inputs  crashes  hangs  mismatches  LEO000 notes (inputs)  at a limit  slowest                                   peak heap (process RSS)');
  for (const [language, tally] of summary.languages) {
    const slowest = tally.slowest ? `${Math.round(tally.slowest.milliseconds)} ms ${tally.slowest.id} (${tally.slowest.size} chars)` : '-';
    lines.push(
      `${language.padEnd(8)}  ${String(tally.inputs).padStart(6)}  ${String(tally.crashes).padStart(7)}  ${String(tally.hangs).padStart(5)}  ${String(tally.mismatches).padStart(10)}  ${`${tally.swallowedNotes} (${tally.inputsWithSwallowed})`.padStart(21)}  ${String(tally.inputsAtLimit).padStart(10)}  ${slowest.padEnd(40)}  ${megabytes(tally.peakHeap)} (${megabytes(tally.peakRss)})`,
    );
  }
  if (summary.signatures.size > 0) {
    lines.push('', 'Distinct failures (count, signature, first saved record):');
    const sorted = [...summary.signatures.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.count - a.count);
    for (const tally of sorted) lines.push(`  ${String(tally.count).padStart(5)}  ${tally.signature}${tally.example ? `\n         ${tally.example}` : ''}`);
  }
  return lines.join('\n');
}

/** True when the run should fail: any crash, hang or mismatch, and with `strict` any swallowed error too. */
export function failed(summary: FuzzSummary, strict: boolean): boolean {
  for (const tally of summary.languages.values()) {
    if (tally.crashes + tally.hangs + tally.mismatches > 0) return true;
    if (strict && tally.swallowedNotes > 0) return true;
  }
  return false;
}
