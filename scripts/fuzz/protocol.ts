/**
 * What passes between the runner and its worker, and the contract of the analysis under test. The
 * analysis is named by a module and an export, loaded inside the worker, so tests can swap in fake
 * analysers that throw or loop and check that the harness classifies them.
 */
import type { LanguageId } from '../../server/src/languages/types';

/** The analysis under test: exercises one input, reporting each step before it starts. */
export interface FuzzAnalyser {
  /**
   * Runs everything that is to be checked on one text. `step` is called before each call into the code
   * under test, so a hang can be placed; an exception escaping this function is a crash.
   */
  exercise(input: ExerciseInput, step: (name: string) => void): ExerciseOutcome;
}

export interface ExerciseInput {
  readonly text: string;
  readonly language: LanguageId;
  readonly inputSeed: number;
}

export interface ExerciseOutcome {
  /** Messages of the LEO000 notes: parts of the file an extractor or rule failed on and left unchecked. */
  readonly swallowed: readonly string[];
  /** How many LEO000 notes said a part was left out at a limit (expected on odd inputs, never a failure). */
  readonly limitNotes?: number;
  /** Set when the incremental analysis disagreed with a fresh one: what differed. */
  readonly mismatch?: string;
}

/** Names the module that exports a `() => FuzzAnalyser | Promise<FuzzAnalyser>` factory. */
export interface AnalyserSpec {
  /** An absolute path to a .ts or .js module. */
  readonly module: string;
  /** The factory's export name. */
  readonly exportName: string;
}

export interface WorkerSetup {
  readonly analyser: AnalyserSpec;
}

export interface RunRequest {
  readonly type: 'run';
  readonly id: string;
  readonly input: ExerciseInput;
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'setup-failed'; readonly message: string }
  | { readonly type: 'step'; readonly id: string; readonly step: string; readonly heapUsed: number }
  | { readonly type: 'done'; readonly id: string; readonly outcome: ExerciseOutcome; readonly milliseconds: number; readonly peakHeap: number }
  | {
      readonly type: 'crash';
      readonly id: string;
      readonly step: string;
      readonly message: string;
      readonly stack: string;
      readonly milliseconds: number;
      readonly peakHeap: number;
    };
