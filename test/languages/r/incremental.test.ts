/**
 * Re-analysing an edited R document from its previous analysis gives exactly what a fresh analysis of the new
 * text gives (LEO1xx and SDC findings, and the dataflow model the rules read), and the parse takes over the
 * top-level statements the edit did not touch.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/config/settings';
import type { AnalysisEnvironment } from '../../../server/src/analysisEnvironment';
import { frameModelOf, rExtractionOf } from '../../../server/src/languages/r/analysis';
import { rLanguage } from '../../../server/src/languages/r/index';
import type { DocumentAnalysis } from '../../../server/src/languages/types';
import { loadedRParser } from '../../../server/src/languages/r/parser/treeSitter';
import type { RNode } from '../../../server/src/languages/r/parser/syntaxTree';
import { statementMemo } from '../../../server/src/languages/r/parser/statementMemo';
import { textSpans } from '../../../server/src/languages/r/features/outline';
import { analyseUncached, createLanguageService, type DocumentInput } from '../../../server/src/service';
import { nodeFileReader } from '../../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../../server/src/workspace/loadWorkspace';
import { REPO, R_FIXTURES, rReady } from './support/analyse';

const CORPORA = [path.join(REPO, 'test', 'fixtures', 'disclosure', 'r'), path.join(R_FIXTURES, 'valid'), path.join(R_FIXTURES, 'seeded')];
const EDITS_PER_FILE = 6;
/** Characters that change R's meaning in interesting ways: names, operators, brackets, quotes, line breaks. */
const ALPHABET = ['a', 'n', '1', ' ', '\n', '(', ')', '"', '#', '$', ',', '<', '-', '%', '{', '}'];

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function singleCharacterEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const character = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
  const kind = Math.floor(next() * 3);
  if (kind === 0 || text.length === 0) return text.slice(0, at) + character + text.slice(at);
  const where = Math.min(at, text.length - 1);
  return text.slice(0, where) + (kind === 1 ? '' : character) + text.slice(where + 1);
}

/** Everything the editor and the rules see of an analysis, the frame model behind completion and hover included. */
function observed(analysis: ReturnType<typeof analyseUncached>): unknown {
  return { findings: analysis.findings, allowances: analysis.allowances, dataflow: analysis.dataflow(), frames: frameModelOf(analysis) ?? null };
}

/** The tree as plain data, for comparing an incremental parse with a fresh one. */
function shape(node: RNode): unknown {
  return [node.type, node.start, node.end, node.field, node.named, node.missing, node.children.map(shape)];
}

describe('R: incremental re-analysis', () => {
  let environment: AnalysisEnvironment;

  before(async () => {
    await rReady();
    const loaded = loadWorkspace({ bundledCatalogue: path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
    environment = loaded.environment!;
  });

  describe('random single-character edits give what a fresh analysis gives', () => {
    for (const directory of CORPORA) {
      for (const file of fs.readdirSync(directory).filter((f) => f.endsWith('.R')).sort()) {
        it(`${path.basename(directory)}/${file}`, () => {
          const original = fs.readFileSync(path.join(directory, file), 'utf8');
          const next = random(file.length * 7919 + original.length);
          const service = createLanguageService();
          const uri = `file:///${file}`;
          let version = 0;
          let text = original;
          void service.analyse({ uri, language: 'r', version, text }, environment).findings;
          for (let i = 0; i < EDITS_PER_FILE; i++) {
            // Alternate between editing the last version and going back to the original, as undo does.
            text = i % 3 === 2 ? original : singleCharacterEdit(text, next);
            const input: DocumentInput = { uri, language: 'r', version: ++version, text };
            const incremental = observed(service.analyse(input, environment));
            const fresh = observed(analyseUncached(input, environment));
            assert.deepEqual(incremental, fresh, `edit ${i} of ${file} at version ${version}`);
          }
        });
      }
    }
  });

  describe('a long script resumes its dataflow extraction after an edit', () => {
    /** The disclosure corpus end to end: hundreds of top-level statements, so checkpoints come into play. */
    const long = (): string => {
      const directory = CORPORA[0]!;
      return fs.readdirSync(directory).filter((f) => f.endsWith('.R')).sort().map((f) => fs.readFileSync(path.join(directory, f), 'utf8')).join('\n');
    };

    it('gives what a fresh analysis gives after random edits', () => {
      const original = long();
      const next = random(42);
      const service = createLanguageService();
      let text = original;
      void service.analyse({ uri: 'file:///long.R', language: 'r', version: 0, text }, environment).findings;
      for (let i = 0; i < 8; i++) {
        // Edits in the second half, so that a checkpoint before them can be resumed from.
        const at = Math.floor(original.length / 2 + next() * (original.length / 2 - 1));
        text = i % 4 === 3 ? original : `${text.slice(0, at)}${ALPHABET[Math.floor(next() * ALPHABET.length)]}${text.slice(at)}`;
        const input: DocumentInput = { uri: 'file:///long.R', language: 'r', version: i + 1, text };
        assert.deepEqual(observed(service.analyse(input, environment)), observed(analyseUncached(input, environment)), `edit ${i}`);
      }
    });

    it('reuses the frames of unchanged statements before the edit (the same objects)', () => {
      const original = long();
      const service = createLanguageService();
      const first = service.analyse({ uri: 'file:///reuse.R', language: 'r', version: 0, text: original }, environment);
      const before = first.dataflow();
      const at = original.lastIndexOf('\n', original.length - 2);
      const edited = `${original.slice(0, at)}\nx_extra <- 1${original.slice(at)}`;
      const after = service.analyse({ uri: 'file:///reuse.R', language: 'r', version: 1, text: edited }, environment).dataflow();
      assert.ok(before.frames.length > 0);
      assert.equal(after.frames[0], before.frames[0], 'the first frame is taken over, not made again');
      const fresh = analyseUncached({ uri: 'file:///reuse.R', language: 'r', version: 1, text: edited }, environment).dataflow();
      assert.notEqual(fresh.frames[0], before.frames[0]);
      assert.deepEqual(after, fresh);
    });

    /** The R front end itself (the service wraps its analyses), with the previous version's analysis at hand. */
    const analyseR = (text: string, previous?: DocumentAnalysis): DocumentAnalysis =>
      rLanguage.analyse(text, { catalogue: environment.catalogue, severityOverrides: {}, disclosure: environment.disclosure }, previous);

    it('takes over the frame model of unchanged statements before the edit, for completion and hover', () => {
      const original = long();
      const first = analyseR(original);
      const at = original.lastIndexOf('\n', original.length - 2);
      // A comment: the script's assigned names stay the same, so nothing refuses the resume.
      const edited = `${original.slice(0, at)}\n# a note${original.slice(at)}`;
      const second = analyseR(edited, first);
      const before = frameModelOf(first)!;
      const after = frameModelOf(second)!;
      assert.ok(before.frames.length > 0);
      assert.equal(after.frames[0], before.frames[0], 'the first frame is taken over, not made again');
      const fresh = analyseR(edited);
      assert.notEqual(frameModelOf(fresh)!.frames[0], before.frames[0]);
      assert.deepEqual(observed(second), observed(fresh));
    });

    it('gives what a fresh analysis gives after random insertions and deletions anywhere', () => {
      const original = long();
      const next = random(7);
      let previous = analyseR(original);
      void previous.dataflow();
      let text = original;
      for (let i = 0; i < 10; i++) {
        text = i % 5 === 4 ? original : singleCharacterEdit(text, next);
        const incremental = analyseR(text, previous);
        assert.deepEqual(observed(incremental), observed(analyseR(text)), `edit ${i}`);
        previous = incremental;
      }
    });

    it('takes over the dataflow of statements after the edit that read nothing it changed', () => {
      const original = long();
      const first = analyseR(original);
      void first.dataflow();
      const at = original.indexOf('\n', Math.floor(original.length / 2));
      const edited = `${original.slice(0, at)}\nx_extra <- 1${original.slice(at)}`;
      const second = analyseR(edited, first);
      assert.deepEqual(observed(second), observed(analyseR(edited)));
      assert.ok(rExtractionOf(second)!.reused > 20, 'statements after the edit are taken over');
    });

    it('extracts again the statements on the line of the edit and takes over those on later lines', () => {
      // A pasted line of many statements: whether each keeps the text before it on its line is read from where
      // the line breaks are, not by comparing that text (which cost the line's length per statement: a hang).
      const line = Array.from({ length: 400 }, (_, i) => `w${i} <- ${i}`).join('; ');
      const after = Array.from({ length: 100 }, (_, i) => `v${i} <- ${i}\n`).join('');
      const original = `x <- 1\n${line}\n${after}print(x)\n`;
      const first = analyseR(original);
      void first.dataflow();
      const at = original.indexOf('w200');
      const edited = `${original.slice(0, at)}q${original.slice(at)}`;
      const second = analyseR(edited, first);
      assert.deepEqual(observed(second), observed(analyseR(edited)));
      const reused = rExtractionOf(second)!.reused;
      assert.ok(reused >= 100, `the statements on later lines are taken over (${reused})`);
      assert.ok(reused < 100 + 199, `the statements on the edited line after the edit are extracted again (${reused})`);
    });

    it('extracts again the statements after the edit that read a frame whose columns it changed', () => {
      const filler = Array.from({ length: 150 }, (_, i) => `v${i} <- ${i}\n`).join('');
      const body = [
        'df <- DBI::dbGetQuery(con, "SELECT fsmeligible_spr19, gender_spr19 FROM npd_i2.dbo.spring_census_2019")',
        'df$flag <- df$fsmeligible_spr19 == 1',
        'out <- df %>% group_by(flag) %>% summarise(n = n())',
        'write.csv(out, "out.csv")',
        'q <- "SELECT gender_spr19 FROM npd_i2.dbo.spring_census_2019"',
        'g <- DBI::dbGetQuery(con, q)',
        'print(table(df$flag))',
      ].join('\n');
      const original = `${filler}${body}\n${filler}`;
      const first = analyseR(original);
      void first.dataflow();
      for (const edited of [original.replace('df$flag <-', 'df$flg <-'), original.replace('v3 <- 3', 'v3 <- 33'), original.replace('fsmeligible_spr19 ==', 'fsmeligible_spr1 ==')]) {
        const second = analyseR(edited, first);
        assert.deepEqual(observed(second), observed(analyseR(edited)), edited.slice(filler.length, filler.length + 200));
      }
    });

    it('evaluates again from the start when a name asked about earlier becomes assigned after the edit', () => {
      // A bare name in a verb, close to a column: whether it is a missing column depends on whether the script
      // assigns it anywhere, and here it comes to be assigned after the edit, past the last checkpoint.
      const head = 'df <- DBI::dbGetQuery(con, "SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019")\nout <- df %>% filter(fsmeligible_spr1 == 1)\n';
      const filler = Array.from({ length: 200 }, (_, i) => `v${i} <- ${i}\n`).join('');
      const original = head + filler;
      const edited = `${original}fsmeligible_spr1 <- 1\n`;
      const first = analyseR(original);
      assert.ok(first.findings.some((f) => f.code === 'LEO102' && original.slice(f.start, f.end) === 'fsmeligible_spr1'));
      const second = analyseR(edited, first);
      assert.ok(!second.findings.some((f) => f.code === 'LEO102'), 'the name is assigned now, so it may be a variable');
      assert.deepEqual(observed(second), observed(analyseR(edited)));
    });
  });

  describe('the parse takes over unchanged top-level statements', () => {
    const before = 'a <- 1\nb <- f(a)\nc <- g(b, "x")\n# note\nd <- a + b\n';

    it('keeps statements before the edit as the same objects and shifts those after it', () => {
      const parser = loadedRParser()!;
      const first = parser.parseSyntax(before);
      const edited = before.replace('f(a)', 'f(a, 2)');
      const second = parser.parseSyntax(edited, before);
      assert.equal(second.root.children[0], first.root.children[0], 'the statement before the edit is reused');
      assert.notEqual(second.root.children[1], first.root.children[1], 'the edited statement is new');
      assert.notEqual(second.root.children[2], first.root.children[2], 'a statement after the edit moves');
      assert.deepEqual(shape(second.root), shape(loadedRParser()!.parseSyntax(edited).root), 'the same tree as a fresh parse');
    });

    it('moves what was read off a statement with it, and reads it again only for statements made anew', () => {
      const parser = loadedRParser()!;
      const text = 'a <- 1\nq <- "SELECT 1" # first\nb <- g(q, "x")\n';
      const first = parser.parseSyntax(text);
      const firstSpans = textSpans(first.root);
      const edited = text.replace('a <- 1', 'a <- 12');
      const second = parser.parseSyntax(edited, text);
      const spans = textSpans(second.root);
      assert.deepEqual(spans, textSpans(loadedRParser()!.parseExact(edited).root), 'the spans of a fresh parse, moved by the edit');
      assert.deepEqual(spans.map((s) => s.start - 1), firstSpans.map((s) => s.start), 'every span moved by one');
      const last = (root: RNode): RNode => root.children[root.children.length - 1]!;
      assert.notEqual(last(second.root), last(first.root), 'the last statement is a moved copy');
      assert.equal(statementMemo(last(second.root)), statementMemo(last(first.root)), 'the moved copy shares the memo');
      assert.notEqual(statementMemo(second.root.children[0]!), statementMemo(first.root.children[0]!), 'the edited statement has its own');
    });

    it('takes over statements in a document that holds an unfinished one', () => {
      const parser = loadedRParser()!;
      const unfinished = `${before}e <- f(a,\n`;
      const first = parser.parseSyntax(unfinished);
      assert.ok(first.broken.size > 0, 'the last statement is broken');
      const edited = unfinished.replace('g(b', 'h(b');
      const second = parser.parseSyntax(edited, unfinished);
      assert.equal(second.root.children[0], first.root.children[0], 'a statement before the edit is reused');
      assert.equal(second.walk, 'fast');
      const fresh = loadedRParser()!.parseExact(edited);
      assert.deepEqual(shape(second.root), shape(fresh.root), 'the same tree as a fresh exact parse');
      const last = second.root.children[second.root.children.length - 1]!;
      assert.ok(second.broken.has(last), 'the unfinished statement is still noted as broken');
    });

    it('parses afresh when the previous text is not the one it kept', () => {
      const parser = loadedRParser()!;
      const first = parser.parseSyntax(before);
      parser.parseSyntax('x <- 2\n');
      const edited = before.replace('g(b', 'h(b');
      const second = parser.parseSyntax(edited, before);
      assert.notEqual(second.root.children[0], first.root.children[0]);
      assert.deepEqual(shape(second.root), shape(parser.parseSyntax(edited).root));
    });
  });
});
