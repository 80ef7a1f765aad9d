/** The fuzz harness itself: it classifies a throwing analysis as a crash, a looping one as a hang, and is reproducible. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadCorpus } from '../../scripts/fuzz/corpus';
import { makeInput } from '../../scripts/fuzz/inputs';
import { REPOSITORY_ROOT, runFuzz } from '../../scripts/fuzz/runner';

const FAKES = path.join(__dirname, 'fakeAnalysers.ts');

describe('fuzz harness', () => {
  it('gives the same inputs for the same seed', () => {
    const corpus = loadCorpus(REPOSITORY_ROOT);
    for (let index = 0; index < 20; index++) {
      assert.equal(makeInput(1, 'sql', index, corpus, 8192).text, makeInput(1, 'sql', index, corpus, 8192).text);
    }
    assert.notEqual(makeInput(1, 'r', 0, corpus, 8192).text + makeInput(1, 'r', 1, corpus, 8192).text, makeInput(2, 'r', 0, corpus, 8192).text + makeInput(2, 'r', 1, corpus, 8192).text);
  });

  it('classifies a throwing analysis as a crash', async () => {
    const summary = await runFuzz({ seed: 1, seconds: 20, languages: ['sql', 'r'], maxSize: 4096, maxInputs: 6, analyser: { module: FAKES, exportName: 'createThrowingAnalyser' } });
    const tallies = [...summary.languages.values()];
    assert.equal(tallies.reduce((sum, tally) => sum + tally.crashes, 0), 6);
  });

  it('classifies a looping analysis as a hang', async () => {
    const summary = await runFuzz({ seed: 1, seconds: 20, languages: ['sql'], maxSize: 4096, maxInputs: 2, timeLimitMs: 300, analyser: { module: FAKES, exportName: 'createLoopingAnalyser' } });
    assert.equal(summary.languages.get('sql')!.hangs, 2);
  });
});
