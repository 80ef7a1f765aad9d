/**
 * Names that working code reads from the SRS views, checked against the bundled catalogue. Real code that runs
 * is evidence that a column exists: where the request form disagrees, the catalogue follows the code. The names
 * here are the ones FFT Education Datalab's Iteration 2 scripts read; each assertion states why the form alone
 * would have got it wrong.
 */
import assert from 'node:assert/strict';
import type { CatalogueIndex, ColumnMatch } from '../../server/src/catalogue/api';
import { bundledIndex } from './support/catalogues';

describe('bundled catalogue: names real SRS code reads', () => {
  let index: CatalogueIndex;
  before(() => {
    index = bundledIndex();
  });

  function column(view: string, name: string): ColumnMatch | undefined {
    const table = index.resolveTable({ database: 'npd_i2', schema: '<project number>', name: view });
    assert.ok(table, `${view} resolves`);
    return index.resolveColumn(table, name);
  }

  it('reads the fields of a view that stacks several years without their year suffix', () => {
    // The form lists PRU_OnRoll_SPR[yy] and PRU_Gender[yy]; pru_census_2010_to_2013 holds one row per pupil-year.
    for (const name of ['pru_onroll', 'pru_gender', 'pru_pupilmatchingrefanonymous', 'pru_academicyear', 'pru_idaci_r', 'pru_enrolstatus']) {
      assert.ok(column('pru_census_2010_to_2013', name), name);
    }
    assert.equal(column('pru_census_2010_to_2013', 'pru_onrol'), undefined, 'a misspelling is still unknown');
  });

  it('reads local-authority fields as _geog where the form writes _anon', () => {
    assert.ok(column('cin_2009_to_2021', 'cin_la_geog'));
    assert.ok(column('ap_census_2008_to_2021', 'ap_lanumber_geog'));
    assert.ok(column('pru_census_2010_to_2013', 'pru_la_geog'));
    // Establishment numbers stay pseudonymised.
    assert.equal(column('ap_census_2008_to_2021', 'ap_laestab_geog'), undefined);
  });

  it('knows the fields the form files under another sub-table or another name', () => {
    assert.ok(column('exclusions_table_1_2006', 'laestab_anon_ex06'), 'LAEstab is in exclusions table 1 too');
    assert.ok(column('exclusions_2003', 'pupilmatchingrefanonymous_ex03'), 'the form writes it as s.PupilMatchingRefAnonymous_ex[yy]');
    assert.ok(column('cin_2009_to_2021', 'cin_referraldate'));
    assert.ok(column('cin_2009_to_2021', 'cla_pupilmatchingrefanonymous'));
    assert.ok(column('spring_census_2016', 'idacirank_10_spr16'), 'the 2010 IDACI columns are in the 2016 census');
    assert.ok(column('autumn_census_2016', 'idaciscore_10_aut16'));
  });

  it('does not call a field empty in years newer than the form', () => {
    // The form (v2.3) ends in 2020/21; the 2022 census views exist, and a field listed to the end goes on.
    const later = column('autumn_census_2022', 'pupilmatchingrefanonymous_aut22');
    assert.ok(later);
    assert.notEqual(later.coverage, 'not-populated');
    assert.ok(index.resolveTable({ database: 'npd_i2', name: 'spring_census_2022' })?.populated, 'spring_census_2022 is seen in real code');
  });

  it('says how sure it is when the form lists a field for other years or terms', () => {
    const ended = column('spring_census_2021', 'llsoa_spr21');
    assert.equal(ended?.coverage, 'not-populated');
    assert.equal(ended?.coverageEvidence, 'form-years');
    const term = column('summer_census_2006', 'ethnicgroup_sum06');
    assert.equal(term?.coverageEvidence, 'form-terms');
    const otherYear = column('spring_census_2019', 'fsmeligible_spr18');
    assert.equal(otherYear?.coverageEvidence, 'other-instance');
  });
  it('knows a field the form files under another sub-table, as possibly present rather than unknown', () => {
    // The form names each exclusions field once; a per-pupil table 3 still carries the pupil's gender.
    const gender = column('exclusions_table_3_2019', 'gender_ex19');
    assert.ok(gender, 'not an unknown column');
    assert.equal(gender.coverage, 'not-populated');
    assert.equal(gender.coverageEvidence, 'form-group');
    assert.match(gender.coverageNote ?? '', /Table 2/);
    assert.equal(column('exclusions_table_3_2019', 'gendr_ex19'), undefined, 'a misspelling is still unknown');
  });

  it('compares a replaced plain field with the year of a per-year view', () => {
    const hesa = (view: string, name: string) => {
      const table = index.resolveTable({ database: 'hesa_i2', schema: '<project number>', name: view });
      assert.ok(table, `${view} resolves`);
      return index.resolveColumn(table, name);
    };
    assert.equal(hesa('hesa_2018', 'HE_GENDER')?.coverageEvidence, 'form-years', 'HE_GENDER ends in 2011/12');
    // A derived field read before the form says it starts is back-coded in real data (FFT reads HE_XJACS01_1 from 2004/05).
    assert.notEqual(hesa('hesa_2005', 'HE_XJACS01_1')?.coverage, 'not-populated');
    assert.notEqual(hesa('hesa_2018', 'HE_SEXID')?.coverage, 'not-populated');
  });
});
