import assert from 'node:assert/strict';
import { anonFirstTemplate, expandTwoDigitYear, instantiate, isTemplate, nameCandidates, normaliseTemplate, templateShape, termlessTemplate } from '../../server/src/catalogue/names';
import { splitQualifiedName } from '../../server/src/catalogue/queryName';
import { describeRisk, describeSensitivity } from '../../server/src/catalogue/scales';

describe('column name templates', () => {
  it('normalises odd placeholder spellings', () => {
    assert.equal(normaliseTemplate(' FSMeligible_[Term][YY] '), 'FSMeligible_[term][yy]');
    assert.equal(normaliseTemplate('LLSOA_[term[yy])'), 'LLSOA_[term][yy]');
    assert.equal(normaliseTemplate('X_[term] [yy]'), 'X_[term][yy]');
    assert.equal(normaliseTemplate('LA_ex[YY]'), 'LA_ex[yy]');
    assert.equal(normaliseTemplate('Reason_[ N ]_ex[yy]'), 'Reason_[n]_ex[yy]');
  });

  it('derives the PLASC and _anon-first spellings', () => {
    assert.equal(termlessTemplate('FSMeligible_[term][yy]'), 'FSMeligible_[yy]');
    assert.equal(termlessTemplate('Category_ex[yy]'), undefined);
    assert.equal(anonFirstTemplate('LAEstab_[term][yy]_anon'), 'LAEstab_anon_[term][yy]');
    assert.equal(anonFirstTemplate('LAEstab_ab[yy]_anon'), 'LAEstab_anon_ab[yy]');
    assert.equal(anonFirstTemplate('LAEstab_[yy]_anon'), 'LAEstab_anon_[yy]');
    assert.equal(anonFirstTemplate('KS4_LAESTAB_anon'), undefined);
  });

  it('gives a concrete name the shapes it could be an instance of, plain name first', () => {
    const candidates = nameCandidates('fsmeligible_spr19');
    assert.equal(candidates[0]?.templated, false);
    assert.ok(candidates.some((candidate) => candidate.shape === templateShape('FSMeligible_[term][yy]') && candidate.term === 'spring' && candidate.yy === 19));
    assert.ok(nameCandidates('reason_2_ex19').some((candidate) => candidate.shape === templateShape('Reason_[n]_ex[yy]') && candidate.order === 2));
    assert.deepEqual(nameCandidates('edukey'), [{ shape: 'edukey', templated: false }]);
    assert.ok(nameCandidates('a1_b2_c3_d4_e5').length <= 64, 'only the last digit runs are tried');
  });

  it('instantiates templates for a term and year, or for PLASC without a term', () => {
    assert.equal(instantiate('FSMeligible_[term][yy]', 'spring', 2019), 'FSMeligible_SPR19');
    assert.equal(instantiate('FSMeligible_[term][yy]', 'autumn', 2007), 'FSMeligible_AUT07');
    assert.equal(instantiate('FSMeligible_[term][yy]', undefined, 2003), 'FSMeligible_03');
    assert.equal(instantiate('Reason_[n]_ex[yy]', undefined, 2019, 3), 'Reason_3_ex19');
    assert.equal(instantiate('EduKey', 'spring', 2019), 'EduKey');
    assert.equal(instantiate('X_[yy]', undefined, undefined), 'X_[yy]');
    assert.equal(isTemplate('X_[TERM][YY]'), true);
    assert.equal(expandTwoDigitYear(96), 1996);
    assert.equal(expandTwoDigitYear(5), 2005);
  });
});

describe('qualified names', () => {
  it('splits dotted names, honouring brackets, quotes and placeholders', () => {
    assert.deepEqual(splitQualifiedName('LEO_i2."<project number>".leo_earnings'), ['LEO_i2', '<project number>', 'leo_earnings']);
    assert.deepEqual(splitQualifiedName('[NPD].[2002237].[Spring_Census_2011]'), ['NPD', '2002237', 'Spring_Census_2011']);
    assert.deepEqual(splitQualifiedName('npd_i2..spring_census_2019'), ['npd_i2', '', 'spring_census_2019']);
    assert.deepEqual(splitQualifiedName('FSMeligible_[term][yy]'), ['FSMeligible_[term][yy]']);
    assert.deepEqual(splitQualifiedName('[a.b].c'), ['a.b', 'c']);
  });
});

describe('DfE scales', () => {
  it('describes every identification risk and sensitivity level', () => {
    for (const risk of [1, 2, 3, 4, 5]) assert.ok(describeRisk(risk));
    for (const level of ['A', 'B', 'C', 'D', 'E', 'c']) assert.ok(describeSensitivity(level));
    assert.match(describeRisk(1)!, /Instant identifier/);
    assert.match(describeSensitivity('B')!, /safeguarding/);
    assert.match(describeSensitivity('D')!, /special category/);
    assert.equal(describeRisk(0), undefined);
    assert.equal(describeRisk(2.5), undefined);
    assert.equal(describeSensitivity('F'), undefined);
  });
});
