/**
 * A T-SQL document re-analysed after an edit resumes its dataflow extraction from the last checkpoint before the
 * first changed statement, and the model it gives is exactly the model a fresh extraction of the new text gives.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../../../../server/src/analysisEnvironment';
import { DEFAULT_SETTINGS } from '../../../../server/src/config/settings';
import { extractSql } from '../../../../server/src/languages/sql/dataflow/sql';
import { analyseUncached, createLanguageService, type DocumentInput } from '../../../../server/src/service';
import { nodeFileReader } from '../../../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../../../server/src/workspace/loadWorkspace';

const REPO = path.resolve(__dirname, '../../../..');
const CORPORA = [path.join(REPO, 'test', 'fixtures', 'disclosure', 'sql'), path.join(REPO, 'test', 'fixtures', 'sql', 'valid'), path.join(REPO, 'test', 'fixtures', 'sql', 'seeded')];
/** Characters that change T-SQL's meaning: names, separators, brackets, quotes, comments, line breaks. */
const ALPHABET = ['a', '1', ' ', '\n', '(', ')', "'", '-', ',', ';', '#', '*', '.'];

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every script of the corpora end to end, twice: hundreds of statements, so checkpoints come into play. */
function longScript(): string {
  const files = CORPORA.flatMap((directory) => fs.readdirSync(directory).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(directory, f)));
  const once = files.map((file) => fs.readFileSync(file, 'utf8')).join('\nGO\n');
  return `${once}\nGO\n${once}`;
}

describe('T-SQL dataflow extraction resumes after an edit', () => {
  let environment: AnalysisEnvironment;
  before(() => {
    const loaded = loadWorkspace({ bundledCatalogue: path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
    environment = loaded.environment!;
  });

  it('has enough statements for several checkpoints', () => {
    const model = analyseUncached({ uri: 'file:///long.sql', language: 'sql', version: 0, text: longScript() }, environment).dataflow();
    assert.ok((model.statements ?? []).length > 200, `${(model.statements ?? []).length} statements`);
  });

  it('gives the model and findings a fresh analysis gives, after random edits', () => {
    const original = longScript();
    const next = random(7);
    const service = createLanguageService();
    let text = original;
    void service.analyse({ uri: 'file:///long.sql', language: 'sql', version: 0, text }, environment).findings;
    for (let i = 0; i < 10; i++) {
      // Most edits fall in the second half, so that a checkpoint before them can be resumed from.
      const at = Math.floor((i % 3 === 0 ? next() : 0.5 + next() / 2) * (text.length - 1));
      const character = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      text = i % 5 === 4 ? original : `${text.slice(0, at)}${character}${text.slice(at)}`;
      const input: DocumentInput = { uri: 'file:///long.sql', language: 'sql', version: i + 1, text };
      const incremental = service.analyse(input, environment);
      const fresh = analyseUncached(input, environment);
      assert.deepEqual(incremental.dataflow(), fresh.dataflow(), `model after edit ${i} at ${at}`);
      assert.deepEqual(incremental.findings, fresh.findings, `findings after edit ${i} at ${at}`);
      // The front end hands its own tokens over; tokenizing the text afresh must give the same model.
      if (i % 3 === 1) assert.deepEqual(fresh.dataflow(), extractSql(text, environment.catalogue, environment.disclosure), `retokenized after edit ${i}`);
    }
  });

  it('takes over the frames of the statements before the edit (the same objects)', () => {
    const original = longScript();
    const service = createLanguageService();
    const before = service.analyse({ uri: 'file:///reuse.sql', language: 'sql', version: 0, text: original }, environment).dataflow();
    const edited = `${original}\nSELECT 1 AS extra;\n`;
    const after = service.analyse({ uri: 'file:///reuse.sql', language: 'sql', version: 1, text: edited }, environment).dataflow();
    assert.ok(before.frames.length > 0);
    assert.equal(after.frames[0], before.frames[0], 'the first frame is taken over, not made again');
    const fresh = analyseUncached({ uri: 'file:///reuse.sql', language: 'sql', version: 1, text: edited }, environment).dataflow();
    assert.notEqual(fresh.frames[0], before.frames[0]);
    assert.deepEqual(after, fresh);
  });

  it('starts afresh when the catalogue or the options change', () => {
    const text = longScript();
    const service = createLanguageService();
    const first = service.analyse({ uri: 'file:///fresh.sql', language: 'sql', version: 0, text }, environment).dataflow();
    const other: AnalysisEnvironment = { ...environment, disclosure: { ...environment.disclosure } };
    const second = service.analyse({ uri: 'file:///fresh.sql', language: 'sql', version: 1, text: `${text}\n-- more\n` }, other).dataflow();
    assert.notEqual(second.frames[0], first.frames[0]);
  });
});
