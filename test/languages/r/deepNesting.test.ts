/**
 * A pasted expression nested thousands of levels deep once overflowed the stack of the frame evaluator, and
 * the overflow, caught at every level, made the analysis take minutes. The parse copy now stops at
 * MAX_TREE_DEPTH and the analysis says, at info, which part it left out.
 */
import { strict as assert } from 'node:assert';
import { isLimitNote } from '../../../server/src/model/notChecked';
import { analyseR, rReady } from './support/analyse';

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

  it('adds no note to ordinary nesting', function () {
    const text = `x <- ${'list('.repeat(40)}1${')'.repeat(40)}\n`;
    assert.deepEqual(analyseR(text).findings.filter((finding) => finding.code === 'LEO000'), []);
  });
});
