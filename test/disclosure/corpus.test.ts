/**
 * The labelled corpus: the manifest matches the scripts, and the rules meet the accuracy targets on it
 * (recall and precision at least 0.9 for every code, no finding on the clean scripts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setUpDisclosure } from './support/check';
import { CORPUS_ROOT, formatScore, meetsTargets, readManifest, scoreCorpus } from './support/corpus';

describe('disclosure corpus', () => {
  before(setUpDisclosure);

  it('has at least 60 scripts in T-SQL and R, risky and clean', () => {
    const entries = readManifest();
    assert.ok(entries.length >= 60, `${entries.length} scripts`);
    assert.ok(entries.filter((e) => e.language === 'sql').length >= 25);
    assert.ok(entries.filter((e) => e.language === 'r').length >= 25);
    assert.ok(entries.filter((e) => e.clean).length >= 20);
  });

  it('lists every script, and each expected line holds its anchor text', () => {
    const entries = readManifest();
    const listed = new Set(entries.map((e) => e.file));
    for (const dir of ['sql', 'r']) {
      for (const name of fs.readdirSync(path.join(CORPUS_ROOT, dir))) assert.ok(listed.has(`${dir}/${name}`), `${dir}/${name} is not in the manifest`);
    }
    for (const entry of entries) {
      const lines = fs.readFileSync(path.join(CORPUS_ROOT, entry.file), 'utf8').split('\n');
      for (const e of entry.expected) assert.ok(lines[e.line - 1]?.includes(e.anchor), `${entry.file}:${e.line} should contain "${e.anchor}"`);
    }
  });

  it('meets the accuracy targets', () => {
    const score = scoreCorpus();
    assert.ok(meetsTargets(score), formatScore(score));
  });
});
