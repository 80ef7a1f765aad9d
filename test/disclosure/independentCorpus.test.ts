/**
 * The corpus written independently of the rules (test/fixtures/independent): its manifest matches its scripts, and
 * every finding the service gives on it can be scored. Its accuracy is reported by `npm run eval`, never asserted
 * here, so that nobody tunes the rules to it case by case.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allFindings } from './support/allFindings';
import { setUpDisclosure } from './support/check';
import { INDEPENDENT_ROOT, readManifest, scoreCorpus } from './support/corpus';

describe('independent corpus', () => {
  before(setUpDisclosure);

  it('has at least 60 scripts in T-SQL and R, a third of them clean', () => {
    const entries = readManifest(INDEPENDENT_ROOT);
    assert.ok(entries.length >= 60, `${entries.length} scripts`);
    assert.ok(entries.filter((e) => e.language === 'sql').length >= 25);
    assert.ok(entries.filter((e) => e.language === 'r').length >= 25);
    assert.ok(entries.filter((e) => e.clean).length * 3 >= entries.length);
    for (const entry of entries) assert.equal(entry.clean, entry.expected.length === 0, `${entry.file}: clean means no expected finding`);
  });

  it('lists every script, and each expected line holds its anchor text', () => {
    const entries = readManifest(INDEPENDENT_ROOT);
    const listed = new Set(entries.map((e) => e.file));
    for (const dir of ['sql', 'r', 'python', 'stata']) {
      for (const name of fs.readdirSync(path.join(INDEPENDENT_ROOT, dir))) assert.ok(listed.has(`${dir}/${name}`), `${dir}/${name} is not in the manifest`);
    }
    for (const entry of entries) {
      const lines = fs.readFileSync(path.join(INDEPENDENT_ROOT, entry.file), 'utf8').split('\n');
      for (const e of entry.expected) assert.ok(lines[e.line - 1]?.includes(e.anchor), `${entry.file}:${e.line} should contain "${e.anchor}"`);
    }
  });

  it('is scored on every finding a user would see', () => {
    const score = scoreCorpus(readManifest(INDEPENDENT_ROOT), { root: INDEPENDENT_ROOT, findings: allFindings });
    assert.equal(score.files, readManifest(INDEPENDENT_ROOT).length);
    assert.ok(score.overall.truePositives > 0, 'the scorer matches findings to labels');
  });
});
