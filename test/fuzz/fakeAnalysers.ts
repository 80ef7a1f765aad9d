/** Fake analyses for the harness's own test: one always throws, one never returns. */
import type { FuzzAnalyser } from '../../scripts/fuzz/protocol';

export function createThrowingAnalyser(): FuzzAnalyser {
  return {
    exercise(_input, step) {
      step('analyse');
      throw new Error('deliberate failure');
    },
  };
}

export function createLoopingAnalyser(): FuzzAnalyser {
  return {
    exercise(_input, step) {
      step('analyse');
      for (;;) {
        // Deliberately never returns, as a hung parser would.
      }
    },
  };
}
