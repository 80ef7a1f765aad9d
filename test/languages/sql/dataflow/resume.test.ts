/**
 * A T-SQL document re-analysed after an edit resumes its dataflow extraction from the last checkpoint before the
 * first changed statement, takes over the statements whose text and inputs did not change (moved to their new
 * offsets), and the model it gives is exactly the model a fresh extraction of the new text gives.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../../../../server/src/analysisEnvironment';
import { DEFAULT_SETTINGS } from '../../../../server/src/config/settings';
import { extractSql, extractSqlResumable } from '../../../../server/src/languages/sql/dataflow/sql';
import { analyseUncached, createLanguageService, type DocumentInput } from '../../../../server/src/service';
import { nodeFileReader } from '../../../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../../../server/src/workspace/loadWorkspace';

const REPO = path.resolve(__dirname, '../../../..');
const CORPORA = [path.join(REPO, 'test', 'fixtures', 'disclosure', 'sql'), path.join(REPO, 'test', 'fixtures', 'sql', 'valid'), path.join(REPO, 'test', 'fixtures', 'sql', 'seeded')];
/** Characters that change T-SQL's meaning: names, separators, brackets, quotes, comments, line breaks. */
const ALPHABET = ['a', '1', ' ', '\n', '\r', '\t', '(', ')', "'", '-', ',', ';', '#', '*', '.'];

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
    for (let i = 0; i < 16; i++) {
      // Most edits fall in the second half, so that a checkpoint before them can be resumed from.
      const at = Math.floor((i % 3 === 0 ? next() : 0.5 + next() / 2) * (text.length - 1));
      const character = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
      // Insertions, deletions and replacements (which keep the length, so nothing after them moves).
      const removed = i % 4 === 2 ? 1 + Math.floor(next() * 3) : i % 4 === 3 ? 1 : 0;
      text = i % 5 === 4 ? original : `${text.slice(0, at)}${removed === 1 && i % 4 === 3 ? character : removed > 0 ? '' : character}${text.slice(at + removed)}`;
      const input: DocumentInput = { uri: 'file:///long.sql', language: 'sql', version: i + 1, text };
      const incremental = service.analyse(input, environment);
      const fresh = analyseUncached(input, environment);
      assert.deepEqual(incremental.dataflow(), fresh.dataflow(), `model after edit ${i} at ${at}`);
      assert.deepEqual(incremental.findings, fresh.findings, `findings after edit ${i} at ${at}`);
      // The front end hands its own tokens over; tokenizing the text afresh must give the same model.
      if (i % 3 === 1) assert.deepEqual(fresh.dataflow(), extractSql(text, environment.catalogue, environment.disclosure), `retokenized after edit ${i}`);
    }
  });

  it('moves the statements after an edit in the middle instead of extracting them again', () => {
    const original = longScript();
    const first = extractSqlResumable(original, environment.catalogue, environment.disclosure);
    const at = original.indexOf('SELECT', Math.floor(original.length / 2));
    const edited = `${original.slice(0, at)}\n  ${original.slice(at)}`;
    const resumed = extractSqlResumable(edited, environment.catalogue, environment.disclosure, first);
    const fresh = extractSqlResumable(edited, environment.catalogue, environment.disclosure);
    assert.deepEqual(resumed.model, fresh.model);
    const after = resumed.statements.filter((statement) => statement.start > at).length;
    assert.ok(after > 100 && resumed.reused > after * 0.8, `${resumed.reused} statements taken over, ${after} after the edit`);
    assert.equal(fresh.reused, 0);
    // Frames after the edit are moved copies (three characters later); frames before it are the same objects.
    const moved = resumed.model.frames.findIndex((frame, i) => frame.span.start > at && first.model.frames[i] !== undefined);
    assert.ok(moved > 0);
    assert.equal(resumed.model.frames[moved]!.span.start, first.model.frames[moved]!.span.start + 3);
    // The last frame before the edit comes after the checkpoint resumed from (64 statements apart, at most).
    let before = moved - 1;
    while (before > 0 && resumed.model.frames[before]!.span.end >= at) before--;
    assert.equal(resumed.model.frames[before], first.model.frames[before]);
    // And the next version resumes from the moved one just as well.
    const again = extractSqlResumable(original, environment.catalogue, environment.disclosure, resumed);
    assert.deepEqual(again.model, first.model);
    assert.ok(again.reused > 0);
  });

  it('moves every statement after an edit between two statements, none of which changed', () => {
    const original = longScript();
    const first = extractSqlResumable(original, environment.catalogue, environment.disclosure);
    // A space after a statement's semicolon, before the line break: no statement's text changes, all later ones move.
    const at = original.indexOf(';\n', Math.floor(original.length / 2)) + 1;
    const edited = `${original.slice(0, at)} ${original.slice(at)}`;
    const resumed = extractSqlResumable(edited, environment.catalogue, environment.disclosure, first);
    assert.deepEqual(resumed.model, extractSql(edited, environment.catalogue, environment.disclosure));
    const after = resumed.statements.filter((statement) => statement.start > at).length;
    assert.ok(after > 100 && resumed.reused >= after, `${resumed.reused} statements taken over, ${after} after the edit`);
  });

  it('extracts again a statement whose relation was made, changed or dropped by the edit', () => {
    const filler = (from: number) => Array.from({ length: 90 }, (_, i) => `SELECT ${from + i} AS x${from + i};`).join('\n');
    const maker = 'SELECT sc.Gender_SPR14 AS g, COUNT(*) AS n INTO #tx FROM npd_i2.[p].spring_census_2014 sc GROUP BY sc.Gender_SPR14;';
    const original = `${filler(0)}\n${maker}\n${filler(100)}\nSELECT g, n FROM #t;\nSELECT g, n FROM #tx;\n`;
    // The reader of #t read nothing before the edit, and the reader of #tx reads nothing after it.
    const edited = original.replace('INTO #tx', 'INTO #t ');
    const first = extractSqlResumable(original, environment.catalogue, environment.disclosure);
    const resumed = extractSqlResumable(edited, environment.catalogue, environment.disclosure, first);
    assert.deepEqual(resumed.model, extractSql(edited, environment.catalogue, environment.disclosure));
    assert.ok(resumed.reused > 80, `${resumed.reused} statements taken over`);
    const back = extractSqlResumable(original, environment.catalogue, environment.disclosure, resumed);
    assert.deepEqual(back.model, first.model);
  });

  it('extracts again what depends on the line-break style or on the indentation before a statement', () => {
    // The HAVING quick fix copies the line break and the indentation of the GROUP BY line.
    const grouped = 'SELECT sc.Gender_SPR14 AS g, COUNT(*) AS n FROM npd_i2.[p].spring_census_2014 sc GROUP BY sc.Gender_SPR14;';
    const filler = Array.from({ length: 150 }, (_, i) => `SELECT ${i} AS x${i};`).join('\n');
    const original = `  ${grouped}\n${filler}\n  ${grouped}\n`;
    const variants = [
      `${original}SELECT 1 AS crlf;\r\n`,
      `\t${original.slice(1)}`,
      `${original.slice(0, original.lastIndexOf('  SELECT sc'))}\t ${original.slice(original.lastIndexOf('  SELECT sc') + 2)}`,
    ];
    for (const [i, edited] of variants.entries()) {
      const first = extractSqlResumable(original, environment.catalogue, environment.disclosure);
      const resumed = extractSqlResumable(edited, environment.catalogue, environment.disclosure, first);
      assert.deepEqual(resumed.model, extractSql(edited, environment.catalogue, environment.disclosure), `variant ${i}`);
    }
  });

  it('extracts again the statements on the line of the edit, and takes over those on later lines', () => {
    // A long pasted line of statements: the text before each on its line is the same exactly when a line break
    // lies between it and the edit (comparing that text for each statement cost the line's length each time).
    const grouped = 'SELECT sc.Gender_SPR14 AS g, COUNT(*) AS n FROM npd_i2.[p].spring_census_2014 sc GROUP BY sc.Gender_SPR14;';
    const line = Array.from({ length: 300 }, (_, i) => (i % 50 === 49 ? grouped : `SELECT ${i} AS x${i};`)).join(' ');
    const later = Array.from({ length: 100 }, (_, i) => (i % 20 === 19 ? `  ${grouped}` : `SELECT ${i} AS y${i};`)).join('\n');
    const original = `${line}\n${later}\n`;
    const at = original.indexOf('SELECT 150 ');
    const edited = `${original.slice(0, at)} ${original.slice(at)}`;
    const first = extractSqlResumable(original, environment.catalogue, environment.disclosure);
    const resumed = extractSqlResumable(edited, environment.catalogue, environment.disclosure, first);
    assert.deepEqual(resumed.model, extractSql(edited, environment.catalogue, environment.disclosure));
    assert.ok(resumed.reused >= 100 && resumed.reused < 100 + 150, `${resumed.reused} statements taken over`);
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
