/**
 * The name under a hover, as the extract and coverage hovers read it. A regression: a bracketed name left open
 * in mangled text made the hover span a whole file, and trimming it with an anchored regular expression took
 * minutes (fuzz input sql-s1-i42).
 */
import { strict as assert } from 'node:assert';
import { hoveredName } from '../../server/src/extract/extractFeatures';

const over = (text: string): string | undefined => hoveredName(text, { start: 0, end: text.length });

describe('the hovered name', () => {
  it('is the last part of a dotted name, without brackets, quotes or white space', () => {
    assert.equal(over('k.[FSMeligible_SPR19]'), 'FSMeligible_SPR19');
    assert.equal(over('npd_i2."<project>".spring_census_2019'), 'spring_census_2019');
    assert.equal(over(' `EduKey` '), 'EduKey');
    assert.equal(over('$fsm_ever'), 'fsm_ever');
  });

  it('is nothing for text that is not one name', () => {
    assert.equal(over('a b'), undefined);
    assert.equal(over('[]'), undefined);
  });

  it('is nothing for a span far longer than any name, such as an unclosed bracket over a whole file', () => {
    const mangled = `[<proje${' ['.repeat(100_000)}x]`;
    assert.equal(over(mangled), undefined);
  });
});
