import assert from 'node:assert/strict';
import { applyAbsenceSynonyms, applyCodeSets, applySpringCensusSynonyms, parseCsv, readFftCodeSets, readNpdCodeSets } from '../../../scripts/catalogue/enrich';
import type { ColumnDraft } from '../../../scripts/catalogue/normalise';
import { assignRoles, JUDGEMENT_NOTE } from '../../../scripts/catalogue/roles';
import type { SheetGrid } from '../../../scripts/catalogue/workbook';

function grid(name: string, rows: string[][]): SheetGrid {
  return { name, rows: rows.map((cells, index) => ({ number: index + 1, cells, inherited: new Set<number>() })) };
}

function draft(name: string, extra: Partial<ColumnDraft> = {}): ColumnDraft {
  return { name, synonyms: [], notes: [], groups: [], ...extra };
}

describe('companion sources', () => {
  it('reads the NPD code sets and gives them to columns without codes', () => {
    const sets = readNpdCodeSets([
      grid('Codesets_(Characteristics)', [
        ['CODESETS'],
        ['Language', 'Language', '', 'Ethnicity', 'Ethnicity'],
        ['ENB*', 'Believed to be English', '', 'ABAN', 'Bangladeshi'],
        ['FRN', 'French', '', 'WBRI', 'White - British'],
        ['* The categories marked with an asterisk are the Language Types'],
      ]),
      grid('Codesets_(School)', [
        ['TOE_CODE', 'Description', '', 'NFTYPE', 'Description'],
        ['1', 'Community', '', '20', 'Academy - Sponsor Led'],
      ]),
    ]);
    assert.deepEqual(sets.get('language'), [
      { code: 'ENB', label: 'Believed to be English (language type)' },
      { code: 'FRN', label: 'French' },
    ]);
    assert.deepEqual(sets.get('ethnicity')?.map((entry) => entry.code), ['ABAN', 'WBRI']);
    assert.deepEqual(sets.get('toe'), [{ code: '1', label: 'Community' }]);
    const columns = [draft('Ethnicity_[term][yy]'), draft('KS4_TOE_CODE'), draft('Language_[term][yy]', { codes: [{ code: 'X', label: 'kept' }] })];
    assert.equal(applyCodeSets(columns, sets), 2);
    assert.equal(columns[0]?.codes?.length, 2);
    assert.match(columns[0]?.notes[0] ?? '', /NPD Data Tables/);
    assert.deepEqual(columns[2]?.codes, [{ code: 'X', label: 'kept' }]);
  });

  it('reads benefit and HESA labels from FFT’s values sheet', () => {
    const sets = readFftCodeSets([
      grid('values', [
        ['Table', 'Column', 'Value', 'Label'],
        ['metrics/spells', 'type_id', '12', 'Benefits: Breeavement Support Payment (BB)'],
        ['metrics/spells', 'type_id', '1', 'Out of work benefits'],
        ['hesa', 'xmode', '1', 'Full-time'],
      ]),
    ]);
    assert.deepEqual(sets.get('benefit-type'), [{ code: 'BB', label: 'Bereavement Support Payment' }]);
    assert.deepEqual(sets.get('hesa-xmode'), [{ code: '1', label: 'Full-time' }]);
    const columns = [draft('Benefit_type'), draft('HE_XMODE01')];
    assert.equal(applyCodeSets(columns, sets), 2);
  });

  it('adds older census names from ECHILD’s map unless a field already owns them', () => {
    const csv = parseCsv(
      'table,col_source,col_target\r\nPLASC_2002,FreeSchoolMeals_02,census_FSM_eligible\r\nPLASC_2002,MotherTongue_02,census_first_language\r\n' +
        'PLASC_2002,NULL,census_x\r\nSpring_Census_20,FSMeligible_SPR,census_FSM_eligible\r\nSpring_Census_20,LanguageGroupMajor_SPR,census_first_language\r\n',
    );
    const columns = [draft('FSMeligible_[term][yy]'), draft('LanguageGroupMajor_[term][yy]'), draft('MotherTongue_[term][yy]')];
    assert.equal(applySpringCensusSynonyms(columns, csv), 1);
    assert.deepEqual(columns[0]?.synonyms, ['FreeSchoolMeals_[yy]']);
    assert.deepEqual(columns[1]?.synonyms, [], 'MotherTongue has its own field');
  });

  it('adds older absence names from ECHILD’s map', () => {
    const csv = parseCsv('\uFEFFabs_2012_2021,abs_2006_2011,abs_2005,col_target\nSessions_5HalfTerms,Sessions_Annual,NULL,x\n');
    const columns = [draft('Sessions_5HalfTerms_ab[yy]')];
    assert.equal(applyAbsenceSynonyms(columns, csv), 1);
    assert.deepEqual(columns[0]?.synonyms, ['Sessions_Annual_ab[yy]']);
  });
});

describe('roles', () => {
  const cases: [string, Partial<ColumnDraft>, string, Record<string, unknown>][] = [
    ['KS4_PupilMatchingRefAnonymous', {}, 'ks4', { identifier: 'person' }],
    ['LAEstab_[term][yy]_anon', { identificationRisk: 4 }, 'school-census', { identifier: 'institution' }],
    ['RECORDID', {}, 'lilr-learners', { identifier: 'record' }],
    ['HomeLA_[term][yy]_anon', {}, 'school-census', { geography: 'LA' }],
    ['COA_2011', {}, 'leo-geography', { geography: 'OA' }],
    ['HE_MSOA11', {}, 'hesa', { geography: 'MSOA' }],
    ['CurrentPstCode', {}, 'lilr-learners', { geography: 'postcode' }],
    ['PCON', {}, 'leo-geography', { geography: 'constituency' }],
    ['GORNM', {}, 'leo-geography', { geography: 'region' }],
    ['CTRYNM', {}, 'leo-geography', { geography: 'country' }],
    ['IDACIRank_[term][yy]', {}, 'school-census', { geography: 'LSOA' }],
    ['SEISS_TOT_AMT', { type: 'Num' }, 'leo-seiss', { magnitude: 'money' }],
    ['EARNINGS_SOLE', { type: 'int' }, 'leo-self-assessment', { magnitude: 'earnings' }],
    ['pl_LearningStartDate', { type: 'Continuous' }, 'plams', { date: 'date' }],
    ['StartDate', { type: 'date' }, 'leo-benefits', { date: 'date' }],
    ['UncertainStartDate', { type: 'bit' }, 'leo-employment', {}],
    ['Birth_month', { type: 'DATE9.' }, 'leo-idbr-lookup', { date: 'date' }],
    ['MonthOfBirth_[term][yy]', {}, 'school-census', { date: 'date-part', dateOfBirth: true }],
    ['Gender_[term][yy]', { sensitivity: 'C' }, 'school-census', { sensitive: 'other-sensitive' }],
    ['CIN_Disability', { sensitivity: 'B' }, 'cin', { sensitive: 'safeguarding' }],
    ['Ethnicity', {}, 'lilr-learners', { sensitive: 'special-category' }],
    ['Benefit_type', {}, 'leo-benefits', { sensitive: 'other-sensitive' }],
    ['Category_ex[yy]', { sensitivity: 'E' }, 'exclusions', { sensitive: 'other-sensitive' }],
    ['KS2_READSCORE', { sensitivity: 'E', identificationRisk: 5 }, 'ks2', {}],
  ];
  for (const [name, extra, table, roles] of cases) {
    it(`gives ${name} ${JSON.stringify(roles)}`, () => {
      const column = draft(name, extra);
      assignRoles(column, table);
      assert.deepEqual(column.roles ?? {}, roles);
    });
  }

  it('notes when the sensitive category is a judgement, not a DfE rating', () => {
    const judged = draft('Benefit_type');
    assignRoles(judged, 'leo-benefits');
    assert.deepEqual(judged.notes, [JUDGEMENT_NOTE]);
    const rated = draft('FSMeligible_[term][yy]', { sensitivity: 'C' });
    assignRoles(rated, 'school-census');
    assert.deepEqual(rated.notes, []);
  });
});
