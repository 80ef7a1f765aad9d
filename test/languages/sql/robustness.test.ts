/**
 * The front end must never throw and must stay consistent on any input: every prefix of the corpus (half-typed
 * code), shuffled tokens, and re-analysis after edits, which must give the same findings as a fresh analysis.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { complete } from '../../../server/src/languages/sql/completion';
import { completionContext } from '../../../server/src/languages/sql/context';
import { definition } from '../../../server/src/languages/sql/definition';
import { parseDocument } from '../../../server/src/languages/sql/document';
import { folding } from '../../../server/src/languages/sql/folding';
import { hover } from '../../../server/src/languages/sql/hover';
import { statementFindings } from '../../../server/src/languages/sql/referenceDiagnostics';
import { buildScriptObjects } from '../../../server/src/languages/sql/scriptObjects';
import { createSemanticModel } from '../../../server/src/languages/sql/scopes';
import { symbols } from '../../../server/src/languages/sql/symbols';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import { tokenize } from '../../../server/src/languages/sql/tokenizer';
import { bundledCatalogue, contextWith } from './support/catalogues';

const VALID = path.resolve(__dirname, '../../fixtures/sql/valid');
const corpus = fs.readdirSync(VALID).filter((f) => f.endsWith('.sql')).sort().map((f) => fs.readFileSync(path.join(VALID, f), 'utf8'));

/** A small deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('sql robustness', () => {
  it('analyses every prefix of the corpus, and answers every request on it, without throwing', () => {
    // The modules are called directly: the front end's own guard would hide an exception from this test.
    const catalogue = bundledCatalogue();
    for (const text of corpus) {
      for (let end = 0; end <= text.length; end += 97) {
        const prefix = text.slice(0, end);
        const doc = parseDocument(prefix);
        const model = createSemanticModel(doc, catalogue, buildScriptObjects(doc));
        for (const entry of doc.statements) {
          assert.ok(!entry.parsed.node.errors.some((e) => e.message.startsWith('internal parser error')), prefix);
          statementFindings(model, entry.index);
        }
        complete(completionContext(doc, prefix.length), model);
        hover(model, doc, Math.max(0, prefix.length - 3));
        definition(model, doc, Math.max(0, prefix.length - 3));
        symbols(doc);
        folding(doc);
      }
    }
  });

  it('parses shuffled token soup without throwing and keeps offsets inside the text', () => {
    const next = random(42);
    const pool = corpus.flatMap((text) => tokenize(text).tokens.map((t) => t.text));
    for (let round = 0; round < 500; round++) {
      const words = Array.from({ length: 5 + Math.floor(next() * 60) }, () => pool[Math.floor(next() * pool.length)]!);
      const text = words.join(next() < 0.5 ? ' ' : '\n');
      const doc = parseDocument(text);
      const model = createSemanticModel(doc, bundledCatalogue(), buildScriptObjects(doc));
      for (const entry of doc.statements) {
        assert.ok(!entry.parsed.node.errors.some((e) => e.message.startsWith('internal parser error')), text);
        statementFindings(model, entry.index);
        assert.ok(entry.base >= 0 && entry.end <= text.length);
        for (const ref of entry.parsed.node.columnRefs) assert.ok(ref.start >= 0 && entry.base + ref.end <= text.length);
      }
      const analysis = sqlLanguage.analyse(text, contextWith(bundledCatalogue()));
      for (const f of analysis.findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end);
      analysis.complete(Math.floor(next() * text.length));
    }
  });

  it('splits a document the same way after random edits whether or not it reuses the previous version', () => {
    const next = random(7);
    const snippets = ['x', ' ', '\n', ';', '(', ')', "'", '/*', '*/', '--', 'GO\n', '\nGO\n', 'SELECT ', 'UNION ALL\n', 'END ', 'WITH c AS ('];
    for (const original of corpus) {
      let previous = parseDocument(original);
      let text = original;
      for (let round = 0; round < 40; round++) {
        const at = Math.floor(next() * text.length);
        const remove = next() < 0.3 ? Math.floor(next() * 8) : 0;
        const insert = next() < 0.8 ? snippets[Math.floor(next() * snippets.length)]! : '';
        text = text.slice(0, at) + insert + text.slice(at + remove);
        const incremental = parseDocument(text, previous);
        const fresh = parseDocument(text);
        const shape = (d: typeof fresh): string => JSON.stringify({
          statements: d.statements.map((s) => [s.base, s.end, s.batch, s.parsed.text]),
          batches: d.batches.map((b) => [b.start, b.end, b.firstStatement, b.endStatement, b.separator?.start]),
          comments: d.comments.map((c) => [c.start, c.end, c.kind]),
        });
        assert.equal(shape(incremental), shape(fresh), `after inserting ${JSON.stringify(insert)} at ${at}`);
        previous = incremental;
      }
    }
  });

  it('gives the same findings after an edit as a fresh analysis, and reuses unchanged statement parses', () => {
    const context = contextWith(bundledCatalogue());
    const original = fs.readFileSync(path.resolve(__dirname, '../../fixtures/sql/seeded/03-scopes.sql'), 'utf8');
    const edits: [string, string][] = [
      ['AS fsm', 'AS fsm2'],
      ['k.not_a_column', 'k.pmr'],
      ['ek.EDUKY', 'ek.EDUKEY'],
      ['#pupils p2', '#pupils p'],
      ['INTO    #pupils', 'INTO    #pupilz'],
    ];
    let previous = sqlLanguage.analyse(original, context);
    let text = original;
    for (const [from, to] of edits) {
      if (!text.includes(from)) continue;
      text = text.replace(from, to);
      const incremental = sqlLanguage.analyse(text, context, previous);
      const fresh = sqlLanguage.analyse(text, context);
      assert.deepEqual(incremental.findings, fresh.findings, `after replacing ${from}`);
      previous = incremental;
    }
    const before = parseDocument(original);
    const after = parseDocument(original.replace('k.not_a_column', 'k.not_a_colum'), before);
    const reused = after.statements.filter((s, i) => s.parsed === before.statements[i]?.parsed).length;
    assert.equal(reused, after.statements.length - 1);
  });
});
