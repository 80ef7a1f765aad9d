/**
 * The fuzz harness itself: the same seed gives the same inputs, a case runs every feature and reports what it
 * found, and outcomes are classified and counted as the summary reports them.
 */
import { strict as assert } from 'node:assert';
import { runCase } from '../../scripts/fuzz/check';
import { mutate } from '../../scripts/fuzz/mutate';
import { seededRandom } from '../../scripts/fuzz/random';
import { emptyTally, formatSummary, record } from '../../scripts/fuzz/summary';
import { initialiseLanguages } from '../../server/src/languages/registry';

const SEED_TEXT = 'SELECT COUNT(*) AS n FROM npd_i2."<project number>".spring_census_2019 GROUP BY fsmeligible_spr19;\n';

describe('fuzz harness', () => {
  before(() => initialiseLanguages());

  it('makes the same mutations from the same seed, and others from another', () => {
    const run = (seed: number): string[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => mutate(SEED_TEXT, random, [SEED_TEXT, 'x <- 1\n']));
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
  });

  it('runs analysis, every feature and an incremental edit on a case', () => {
    const outcome = runCase({ language: 'sql', text: SEED_TEXT, offsets: [0, 10, SEED_TEXT.length], edit: { start: 7, end: 7, text: ' ' } });
    assert.equal(outcome.kind, 'ok', JSON.stringify(outcome));
  });

  it('counts crashes, hangs, slow cases and LEO000 notes, and saves the failing ones', () => {
    const tally = emptyTally();
    const input = { language: 'r' as const, text: 'x', offsets: [], edit: { start: 0, end: 0, text: '' } };
    assert.equal(record(tally, input, { kind: 'crash', stage: 'analyse', error: 'boom', ms: 5, heapMb: 10 }, 2000), true);
    assert.equal(record(tally, input, { kind: 'hang', ms: 10_000 }, 2000), true);
    assert.equal(record(tally, input, { kind: 'ok', unchecked: [], ms: 3, heapMb: 12 }, 2000), false);
    assert.equal(record(tally, input, { kind: 'ok', unchecked: ['LEO000 …'], ms: 3, heapMb: 12 }, 2000), true);
    assert.equal(record(tally, input, { kind: 'ok', unchecked: [], ms: 2500, heapMb: 12 }, 2000), true);
    assert.deepEqual([tally.inputs, tally.crashes, tally.hangs, tally.slow, tally.unchecked], [5, 1, 1, 1, 1]);
    assert.match(formatSummary(new Map([['r', tally]]), 2000), /r +inputs 5, crashes 1, hangs 1, mismatches 0, slow 1, with LEO000 1; slowest 10000 ms/);
  });
});
