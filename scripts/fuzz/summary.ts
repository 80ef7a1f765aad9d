/**
 * Counts per language of what the fuzz run found, and the closing summary.
 */
import type { LanguageId } from '../../server/src/languages/types';
import type { FuzzCase } from './check';
import type { WorkerOutcome } from './pool';

export interface Tally {
  inputs: number;
  crashes: number;
  hangs: number;
  mismatches: number;
  slow: number;
  /** Cases with at least one LEO000 note (a part of the file not checked, now visible). */
  unchecked: number;
  slowestMs: number;
  slowestSize: number;
  peakHeapMb: number;
}

export const emptyTally = (): Tally => ({ inputs: 0, crashes: 0, hangs: 0, mismatches: 0, slow: 0, unchecked: 0, slowestMs: 0, slowestSize: 0, peakHeapMb: 0 });

/** Adds an outcome to the tally; true when the input should be saved. */
export function record(tally: Tally, input: FuzzCase, outcome: WorkerOutcome, limitMs: number): boolean {
  tally.inputs++;
  if (outcome.ms > tally.slowestMs) {
    tally.slowestMs = outcome.ms;
    tally.slowestSize = input.text.length;
  }
  if ('heapMb' in outcome) tally.peakHeapMb = Math.max(tally.peakHeapMb, outcome.heapMb);
  switch (outcome.kind) {
    case 'crash':
      tally.crashes++;
      return true;
    case 'hang':
      tally.hangs++;
      return true;
    case 'mismatch':
      tally.mismatches++;
      return true;
    case 'ok': {
      const slow = outcome.ms > limitMs;
      if (slow) tally.slow++;
      if (outcome.unchecked.length > 0) tally.unchecked++;
      return slow || outcome.unchecked.length > 0;
    }
  }
}

export function formatSummary(tallies: ReadonlyMap<LanguageId, Tally>, limitMs: number): string {
  const lines = [`fuzz summary (slow: over ${limitMs} ms; hang: over ${limitMs * 5} ms)`];
  for (const [language, t] of tallies) {
    lines.push(
      `  ${language.padEnd(6)} inputs ${t.inputs}, crashes ${t.crashes}, hangs ${t.hangs}, mismatches ${t.mismatches}, slow ${t.slow}, ` +
        `with LEO000 ${t.unchecked}; slowest ${t.slowestMs.toFixed(0)} ms (${(t.slowestSize / 1024).toFixed(0)} KB); peak heap ${t.peakHeapMb.toFixed(0)} MB`,
    );
  }
  return `${lines.join('\n')}\n`;
}
