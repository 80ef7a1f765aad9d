/**
 * A pasted expression nested thousands of levels deep once overflowed the stack of the frame evaluator, and
 * the overflow, caught at every level, made the analysis take minutes. The parse copy now stops at
 * MAX_TREE_DEPTH and the analysis says, at info, which part it left out.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/config/settings';
import { isLimitNote } from '../../../server/src/model/notChecked';
import { createLanguageService } from '../../../server/src/service';
import { nodeFileReader } from '../../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../../server/src/workspace/loadWorkspace';
import { analyseR, REPO, rReady } from './support/analyse';

/**
 * 200 nested calls (600 syntax levels): past the limit, yet shallow enough for tree-sitter to parse without
 * an error, so the statement is taken over after an edit instead of being parsed afresh.
 */
const DEEP_BUT_CLEAN = `${'c('.repeat(200)}NULL${')'.repeat(200)}`;

describe('R: deeply nested input', function () {
  this.timeout(20000);
  before(rReady);

  it('analyses 9,000 nested calls and notes the part beyond the depth limit', function () {
    const text = `f <- function(df) {\n  if (nrow(df) > 0) df else ${'c('.repeat(9000)}NULL${')'.repeat(9000)}\n}\nprint(mtcars$mpg)\n`;
    const notes = analyseR(text).findings.filter((finding) => finding.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.severity, 'info');
    assert.ok(isLimitNote(notes[0]!.message), notes[0]!.message);
    assert.ok(notes[0]!.start > text.indexOf('c(') && notes[0]!.end < text.indexOf('print'));
  });

  it('keeps the note, at the moved place, when an edit before the statement shifts it', function () {
    const loaded = loadWorkspace({ bundledCatalogue: path.join(REPO, 'catalogue', 'leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
    const service = createLanguageService();
    const uri = 'file:///deep.R';
    const before = `x <- 1\ny <- ${DEEP_BUT_CLEAN}\n`;
    const after = `x <- 12\ny <- ${DEEP_BUT_CLEAN}\n`;
    const first = service.analyse({ uri, language: 'r', version: 1, text: before }, loaded.environment!).findings.filter((f) => f.code === 'LEO000');
    const second = service.analyse({ uri, language: 'r', version: 2, text: after }, loaded.environment!).findings.filter((f) => f.code === 'LEO000');
    assert.equal(first.length, 1);
    assert.deepEqual(second.map((f) => [f.start, f.end]), first.map((f) => [f.start + 1, f.end + 1]));
  });

  it('adds no note to ordinary nesting', function () {
    const text = `x <- ${'list('.repeat(40)}1${')'.repeat(40)}\n`;
    assert.deepEqual(analyseR(text).findings.filter((finding) => finding.code === 'LEO000'), []);
  });
});
