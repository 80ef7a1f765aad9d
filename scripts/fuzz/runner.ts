/**
 * The fuzz loop: makes inputs for each language in turn, runs each in the worker, classifies and
 * tallies the results, and saves failing inputs for replay. The analysis under test is a parameter,
 * so the tests can check the harness itself with fake analysers.
 */
import * as path from 'node:path';
import type { LanguageId } from '../../server/src/languages/types';
import { failuresOf, type Failure } from './classify';
import { loadCorpus, type Corpus } from './corpus';
import { DEFAULT_MAX_SIZE, makeInput, type FuzzInput } from './inputs';
import type { AnalyserSpec } from './protocol';
import { emptyTally, saveFailure, type FuzzSummary, type LanguageTally } from './report';
import { WorkerHost, type RunResult } from './workerHost';

export const REPOSITORY_ROOT = path.resolve(__dirname, '../..');

export const SERVICE_ANALYSER: AnalyserSpec = { module: path.join(__dirname, 'serviceAnalyser.ts'), exportName: 'createServiceAnalyser' };

export interface FuzzOptions {
  readonly seed: number;
  /** The bound on the whole run, in seconds. */
  readonly seconds: number;
  readonly languages: readonly LanguageId[];
  readonly maxSize?: number;
  /** Stop after this many inputs in all (the tests' fixed budget); unbounded when absent. */
  readonly maxInputs?: number;
  /** Where failing inputs are saved; nothing is saved when absent. */
  readonly outDir?: string;
  readonly timeLimitMs?: number;
  readonly analyser?: AnalyserSpec;
  readonly corpus?: Corpus;
  /** Progress lines (one per failure found); silent when absent. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_TIME_LIMIT_MS = 2_000;
/** At most this many saved inputs for each distinct failure, and in all. */
const SAVED_PER_SIGNATURE = 3;
const SAVED_IN_ALL = 300;

export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const corpus = options.corpus ?? loadCorpus(REPOSITORY_ROOT);
  const host = new WorkerHost({ analyser: options.analyser ?? SERVICE_ANALYSER, timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS });
  const summary: FuzzSummary = {
    seed: options.seed,
    seconds: 0,
    languages: new Map(options.languages.map((language) => [language, emptyTally()])),
    signatures: new Map(),
    saved: [],
  };
  const deadline = started + options.seconds * 1000;
  try {
    for (let index = 0; options.maxInputs === undefined || index < options.maxInputs; index++) {
      if (performance.now() >= deadline) break;
      const language = options.languages[index % options.languages.length]!;
      const input = makeInput(options.seed, language, Math.floor(index / options.languages.length), corpus, options.maxSize ?? DEFAULT_MAX_SIZE);
      const result = await host.run({ text: input.text, language, inputSeed: input.inputSeed });
      record(summary, summary.languages.get(language)!, input, result, options);
    }
  } finally {
    await host.close();
  }
  return { ...summary, seconds: (performance.now() - started) / 1000 };
}

function record(summary: FuzzSummary, tally: LanguageTally, input: FuzzInput, result: RunResult, options: FuzzOptions): void {
  tally.inputs++;
  tally.peakHeap = Math.max(tally.peakHeap, result.peakHeap);
  tally.peakRss = Math.max(tally.peakRss, result.peakRss);
  if (result.kind !== 'hang' && (!tally.slowest || result.milliseconds > tally.slowest.milliseconds)) {
    tally.slowest = { id: input.id, milliseconds: result.milliseconds, size: input.text.length };
  }
  if (result.kind === 'ok' && (result.outcome.limitNotes ?? 0) > 0) tally.inputsAtLimit++;
  const failures = failuresOf(input, result);
  if (failures.some((failure) => failure.kind === 'swallowed')) tally.inputsWithSwallowed++;
  failures.forEach((failure, n) => {
    if (failure.kind === 'crash') tally.crashes++;
    else if (failure.kind === 'hang') tally.hangs++;
    else if (failure.kind === 'mismatch') tally.mismatches++;
    else tally.swallowedNotes++;
    keep(summary, input, failure, result.milliseconds, failures.length > 1 ? `-${n}` : '', options);
  });
}

function keep(summary: FuzzSummary, input: FuzzInput, failure: Failure, milliseconds: number, suffix: string, options: FuzzOptions): void {
  let tally = summary.signatures.get(failure.signature);
  const save = options.outDir !== undefined && (tally?.count ?? 0) < SAVED_PER_SIGNATURE && summary.saved.length < SAVED_IN_ALL;
  const file = save ? saveFailure(options.outDir!, input, failure, milliseconds, suffix) : undefined;
  if (file) summary.saved.push(file);
  if (!tally) {
    tally = { signature: failure.signature, kind: failure.kind, count: 0, example: file, message: failure.message };
    summary.signatures.set(failure.signature, tally);
    options.log?.(`${failure.kind}: ${input.id} (${input.text.length} chars, ${input.recipe.join(' + ')}): ${failure.message.split('\n')[0]}`);
  }
  tally.count++;
}
