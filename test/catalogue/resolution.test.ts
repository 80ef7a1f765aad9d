import assert from 'node:assert/strict';
import type { CatalogueIndex, TableMatch } from '../../server/src/catalogue/api';
import { indexOf, miniCatalogue } from './support/catalogues';

describe('catalogue resolution (small catalogue)', () => {
  let index: CatalogueIndex;
  before(() => {
    index = indexOf(miniCatalogue());
  });

  function table(database: string | undefined, name: string, schema?: string): TableMatch {
    const match = index.resolveTable({ database, schema, name });
    assert.ok(match, `${database ?? ''}.${schema ?? ''}.${name} should resolve`);
    return match;
  }

  describe('databases and schemas', () => {
    it('recognises catalogued databases case-insensitively', () => {
      for (const name of ['npd_i2', 'NPD_I2', 'leo_i2', 'NPD', 'npd']) assert.equal(index.isLeoDatabase(name), true, name);
      assert.equal(index.isLeoDatabase('MyScratch'), false);
      assert.equal(index.database('Leo_I2')?.name, 'LEO_i2');
    });

    it('lists databases, per iteration, and the schema placeholders', () => {
      assert.deepEqual(index.databases().map((database) => database.name), ['npd_i2', 'LEO_i2', 'NPD']);
      assert.deepEqual(index.databases('i1').map((database) => database.name), ['NPD']);
      assert.deepEqual(index.schemaPlaceholders().map((schema) => schema.text), ['"<project number>"']);
    });
  });

  describe('tables', () => {
    const forms: [string | undefined, string | undefined, string, string, number | undefined][] = [
      ['npd_i2', '<project number>', 'spring_census_2019', 'i2', 2019],
      ['NPD', '2002237', 'Spring_Census_2011', 'i1', 2011],
      ['LEO_i2', 'x', 'leo_earnings', 'i2', undefined],
      [undefined, undefined, 'LEO_EARNINGS', 'i2', undefined],
      [undefined, undefined, 'SPRING_CENSUS_2011', 'i2', 2011],
      [undefined, 'npd_i2', 'spring_census_2019', 'i2', 2019],
      ['npd_i2', undefined, 'KS4Pupil_2002_to_2014', 'i2', undefined],
    ];
    for (const [database, schema, name, iteration, year] of forms) {
      it(`resolves ${[database, schema, name].filter((part) => part !== undefined).join('.')}`, () => {
        const match = table(database, name, schema);
        assert.equal(match.iteration, iteration);
        assert.equal(match.year, year);
        assert.equal(match.populated, true);
      });
    }

    it('gives the term and the catalogued spelling of a family member', () => {
      const match = table('NPD', 'spring_census_2011');
      assert.equal(match.viewName, 'Spring_Census_2011');
      assert.equal(match.term, 'spring');
      assert.equal(match.table.id, 'census');
    });

    it('marks family years outside the range, and known gaps, as not populated', () => {
      const future = table(undefined, 'spring_census_2030');
      assert.equal(future.populated, false);
      assert.match(future.coverageNote ?? '', /after the catalogued years.*2006–2021.*overlay/);
      // A year after the catalogue may simply be newer than it: not a certain gap.
      assert.equal(future.coverageEvidence, 'beyond-catalogue');
      const early = table(undefined, 'spring_census_2003');
      assert.equal(early.coverageEvidence, 'before-first-view');
      const covid = table(undefined, 'summer_census_2020');
      assert.equal(covid.populated, false);
      assert.equal(covid.coverage, 'not-populated');
      assert.equal(covid.coverageEvidence, 'known-gap');
      assert.match(covid.coverageNote ?? '', /no 2020 view.*No summer census/);
    });

    it('does not resolve a view in the wrong or an unknown database', () => {
      assert.equal(index.resolveTable({ database: 'LEO_i2', name: 'spring_census_2019' }), undefined);
      assert.equal(index.resolveTable({ database: 'MyScratch', name: 'spring_census_2019' }), undefined);
      assert.equal(index.resolveTable({ name: 'no_such_view' }), undefined);
      assert.equal(index.resolveTable({ name: '' }), undefined);
      assert.equal(index.resolveTable({ name: 'spring_census_19' }), undefined);
    });

    it('finds tables by logical name, tab name, id and view name', () => {
      assert.equal(index.findTables('LEO.Earnings')[0]?.table.id, 'earnings');
      assert.equal(index.findTables('earnings_tab')[0]?.table.id, 'earnings');
      assert.equal(index.findTables('census')[0]?.viewName, 'spring_census_[yyyy]');
      assert.deepEqual(
        index.findTables('spring_census_2011').map((match) => `${match.database}.${match.viewName}`),
        ['npd_i2.spring_census_2011', 'NPD.Spring_Census_2011'],
      );
    });

    it('lists views for completion, one per family year, without gap years', () => {
      const npd = index.listViews({ database: 'npd_i2' }).map((listing) => listing.name);
      assert.ok(npd.includes('spring_census_2006') && npd.includes('spring_census_2021'));
      assert.ok(npd.includes('summer_census_2019') && !npd.includes('summer_census_2020'));
      assert.ok(npd.includes('plasc_2002'));
      assert.ok(!npd.includes('leo_earnings'));
      assert.deepEqual(index.listViews({ prefix: 'LEO_' }).map((listing) => listing.name), ['leo_earnings']);
      assert.equal(index.listViews({ database: 'nowhere' }).length, 0);
      const all = index.listViews();
      assert.equal(all.length, 16 + 16 + 4 + 14 + 1 + 2 + 15);
    });

    it('suggests close view names, best first', () => {
      const suggestions = index.suggestTables('sprng_census_2019');
      assert.equal(suggestions[0]?.label, 'spring_census_2019');
      assert.equal(suggestions[0]?.distance, 1);
      assert.equal(index.suggestTables('leo_earnigns', 'LEO_i2')[0]?.label, 'leo_earnings');
      assert.deepEqual(index.suggestTables('completely_different_name'), []);
    });
  });

  describe('columns', () => {
    it('instantiates family columns for the view term and year', () => {
      const names = index.columnsOf(table('npd_i2', 'spring_census_2019')).map((column) => column.name);
      assert.deepEqual(names, ['FSMeligible_SPR19', 'LAEstab_SPR19_anon', 'PrimarySENtype_SPR19', 'PupilMatchingRefAnonymous_SPR19']);
      const plasc = index.columnsOf(table(undefined, 'plasc_2003')).map((column) => column.name);
      assert.equal(plasc[0], 'FSMeligible_03');
    });

    it('resolves a family member case-insensitively, with its term and year', () => {
      const match = index.resolveColumn(table('npd_i2', 'spring_census_2019'), 'fsmeligible_spr19');
      assert.ok(match);
      assert.equal(match.column.name, 'FSMeligible_[term][yy]');
      assert.equal(match.name, 'FSMeligible_SPR19');
      assert.equal(match.matchedBy, 'template');
      assert.equal(match.term, 'spring');
      assert.equal(match.year, 2019);
      assert.equal(match.populated, true);
      assert.equal(index.resolveColumn(table('npd_i2', 'spring_census_2019'), 'FSMELIGIBLE_SPR19')?.name, 'FSMeligible_SPR19');
    });

    it('resolves another year of the family but marks it as a mismatch', () => {
      const match = index.resolveColumn(table('npd_i2', 'spring_census_2019'), 'fsmeligible_spr18');
      assert.ok(match);
      assert.equal(match.matchedBy, 'other-year');
      assert.equal(match.populated, false);
      assert.equal(match.year, 2018);
      assert.match(match.coverageNote ?? '', /spring_census_2019 holds spring 2019 .* FSMeligible_SPR19/);
      const otherTerm = index.resolveColumn(table('npd_i2', 'spring_census_2019'), 'fsmeligible_aut19');
      assert.equal(otherTerm?.matchedBy, 'other-year');
    });

    it('resolves the template form itself', () => {
      const match = index.resolveColumn(table('npd_i2', 'spring_census_2019'), 'FSMeligible_[Term][YY]');
      assert.equal(match?.matchedBy, 'template-form');
      assert.equal(match?.coverage, 'unknown');
    });

    it('resolves older names, the _anon-first spelling and the PLASC spelling', () => {
      const spring = table('npd_i2', 'spring_census_2006');
      assert.equal(index.resolveColumn(spring, 'freeschoolmeals_spr06')?.matchedBy, 'synonym');
      assert.equal(index.resolveColumn(spring, 'laestab_anon_spr06')?.column.name, 'LAEstab_[term][yy]_anon');
      const plasc = table(undefined, 'plasc_2003');
      assert.equal(index.resolveColumn(plasc, 'fsmeligible_03')?.matchedBy, 'template');
      assert.equal(index.resolveColumn(plasc, 'laestab_anon_03')?.populated, true);
      assert.equal(index.resolveColumn(plasc, 'fsmeligible_04')?.matchedBy, 'other-year');
    });

    it('knows when a column is not populated: before its first year, or not collected in the term', () => {
      const early = index.resolveColumn(table(undefined, 'spring_census_2006'), 'pupilmatchingrefanonymous_spr06');
      assert.equal(early?.populated, true);
      const beforeStart = index.findColumns('fsmeligible_spr01')[0];
      assert.equal(beforeStart?.populated, false);
      assert.match(beforeStart?.coverageNote ?? '', /2002\/2003 - 2020\/2021.*spring 2001/);
      const summer = index.resolveColumn(table(undefined, 'summer_census_2019'), 'primarysentype_sum19');
      assert.equal(summer?.populated, false);
      assert.match(summer?.coverageNote ?? '', /spring census only/);
      const covid = index.findColumns('fsmeligible_sum20')[0];
      assert.equal(covid?.populated, false);
      assert.match(covid?.coverageNote ?? '', /No summer census/);
    });

    it('checks plain columns of multi-year views against the years the view holds', () => {
      const pupil = table('npd_i2', 'KS4Pupil_2002_to_2014');
      const att8 = index.resolveColumn(pupil, 'ks4_att8');
      assert.equal(att8?.matchedBy, 'exact');
      assert.equal(att8?.populated, false);
      assert.match(att8?.coverageNote ?? '', /KS4Pupil_2002_to_2014 holds 2001\/02 to 2013\/14/);
      assert.equal(index.resolveColumn(pupil, 'KS4_LEVEL2_EM')?.populated, true);
    });

    it('keeps sub-table columns to the views that hold them', () => {
      const pupil = table('npd_i2', 'KS4Pupil_2002_to_2014');
      const exam = table('npd_i2', 'KS4Exam_2002_to_2014');
      // The form files KS4_GRADE under the exam table. It has misfiled fields before (LAEstab in exclusions table 1),
      // so on the pupil table the column is possibly absent, said at info, not unknown.
      const onPupil = index.resolveColumn(pupil, 'KS4_GRADE');
      assert.equal(onPupil?.coverageEvidence, 'form-group');
      assert.equal(onPupil?.populated, false);
      assert.equal(index.resolveColumn(pupil, 'KS4_GRAD'), undefined);
      assert.equal(index.resolveColumn(exam, 'KS4_GRADE')?.name, 'KS4_GRADE');
      assert.deepEqual(index.columnsOf(exam).map((column) => column.name), ['KS4_PupilMatchingRefAnonymous', 'KS4_GRADE']);
    });

    it('fills in exclusion order numbers and absence-style year suffixes', () => {
      const exclusions = table(undefined, 'exclusions_table_1_2019');
      const reason = index.resolveColumn(exclusions, 'reason_2_ex19');
      assert.equal(reason?.name, 'Reason_2_ex19');
      assert.equal(reason?.matchedBy, 'template');
      assert.equal(index.resolveColumn(exclusions, 'category_ex18')?.matchedBy, 'other-year');
    });

    it('returns undefined for unknown or empty column names', () => {
      const spring = table('npd_i2', 'spring_census_2019');
      assert.equal(index.resolveColumn(spring, 'no_such_column'), undefined);
      assert.equal(index.resolveColumn(spring, ''), undefined);
      assert.equal(index.resolveColumn(spring, 'EduKey'), undefined);
    });

    it('finds a column in every table that has it', () => {
      assert.deepEqual(index.findColumns('eduKEY').map((match) => match.table.id), ['earnings']);
      assert.equal(index.findColumns('FSMeligible_[term][yy]')[0]?.matchedBy, 'template-form');
      assert.deepEqual(index.findColumns('nothing'), []);
      assert.deepEqual(index.findColumns(' '), []);
    });

    it('suggests the column meant by a typo, instantiated for the view', () => {
      const spring = table('npd_i2', 'spring_census_2019');
      const suggestions = index.suggestColumns(spring, 'fsmeligble_spr19');
      assert.equal(suggestions[0]?.label, 'FSMeligible_SPR19');
      assert.equal(suggestions[0]?.entry.column.name, 'FSMeligible_[term][yy]');
      assert.equal(index.suggestColumns(spring, 'FSMELIGIBLE_SPR19').length, 0, 'an exact name is not a suggestion');
      assert.deepEqual(index.suggestColumns(spring, ''), []);
      assert.equal(index.suggestColumns(table('LEO_i2', 'leo_earnings'), 'earnigns', 1)[0]?.label, 'Earnings');
    });

    it('exposes roles and ratings for the disclosure rules', () => {
      const earnings = index.resolveColumn(table('LEO_i2', 'leo_earnings'), 'earnings');
      assert.equal(earnings?.column.roles.magnitude, 'earnings');
      const fsm = index.findColumns('fsmeligible_spr19')[0];
      assert.equal(fsm?.column.sensitivity, 'C');
      assert.equal(fsm?.column.identificationRisk, 5);
      assert.equal(fsm?.column.roles.sensitive, 'other-sensitive');
    });
  });
});
