import assert from 'node:assert/strict';
import { assembleCatalogue, type AssembleResult } from '../../../scripts/catalogue/assemble';
import { serialiseCatalogue } from '../../../scripts/catalogue/emit';
import { readWorkbookBuffer } from '../../../scripts/catalogue/workbook';
import type { ColumnData, TableData } from '../../../server/src/catalogue/schema';
import { loadCatalogue } from '../../../server/src/catalogue/load';
import { buildFormWorkbook, fixtureMapping, LEO_TAB, NPD_TAB } from '../support/formWorkbook';

describe('catalogue generator on a built workbook', () => {
  let result: AssembleResult;
  let census: TableData;
  let earnings: TableData;

  before(async () => {
    const grids = await readWorkbookBuffer(await buildFormWorkbook({ extraTab: true }));
    result = assembleCatalogue(grids, fixtureMapping({ missingTab: true }));
    census = result.catalogue.tables!.find((table) => table.id === 'sc-test')!;
    earnings = result.catalogue.tables!.find((table) => table.id === 'leo-earnings-test')!;
  });

  function column(table: TableData, name: string): ColumnData {
    const found = table.columns.find((candidate) => candidate.name === name);
    assert.ok(found, `${name} should be a column; have ${table.columns.map((c) => c.name).join(', ')}`);
    return found;
  }

  function problemsMatching(pattern: RegExp) {
    return result.problems.filter((problem) => pattern.test(problem.message));
  }

  it('reads the tabs, trimming the stray space in a sheet name', () => {
    assert.equal(census.name, NPD_TAB);
    assert.equal(earnings.name, LEO_TAB);
    assert.equal(result.summary.tabs, 2);
  });

  it('normalises names, odd placeholder spellings and whitespace', () => {
    assert.deepEqual(
      census.columns.map((c) => c.name),
      ['FSMeligible_[term][yy]', 'LSOA01_[term][yy]', 'cla_PLACEMENT_[term][yy]', 'Odd_[term][yy]', 'PupilMatchingRefAnonymous_[term][yy]', 'YearOfBirth_[term][yy]'],
    );
    const fsm = column(census, 'FSMeligible_[term][yy]');
    assert.equal(fsm.description, 'Pupil eligible for free school meals.');
    assert.deepEqual(fsm.synonyms, ['FreeSchoolMeals_[term][yy]']);
    assert.ok(fsm.notes?.includes('Based on periods of FSM from 2012/13'));
    assert.deepEqual(fsm.years, { from: 2003, to: 2021, text: '2002/2003 - 2020/2021' });
    assert.deepEqual(fsm.codes, [
      { code: '1', label: 'True' },
      { code: '0', label: 'False' },
    ]);
    assert.equal(fsm.identificationRisk, 5);
    assert.equal(fsm.sensitivity, 'C');
    assert.equal(fsm.terms, undefined, 'all three terms means no restriction');
    assert.deepEqual(fsm.roles, { sensitive: 'other-sensitive' });
  });

  it('puts fields under their sub-table heading, and resets it at the next section', () => {
    assert.deepEqual(column(census, 'LSOA01_[term][yy]').groups, ['Test Exam Table']);
    assert.equal(column(census, 'PupilMatchingRefAnonymous_[term][yy]').groups, undefined);
    assert.deepEqual(column(census, 'LSOA01_[term][yy]').terms, ['spring']);
    assert.deepEqual(column(census, 'LSOA01_[term][yy]').roles, { geography: 'LSOA' });
  });

  it('folds a vertically merged name cell into one field with all its codes', () => {
    const placement = column(census, 'cla_PLACEMENT_[term][yy]');
    assert.deepEqual(placement.codes?.map((code) => code.code), ['Q1', 'Q2', 'M1']);
    assert.equal(placement.roles?.sensitive, 'safeguarding');
  });

  it('maps the repeated header again, even when its columns move', () => {
    const pmr = column(census, 'PupilMatchingRefAnonymous_[term][yy]');
    assert.equal(pmr.description, 'Pupil matching reference - Anonymous.');
    assert.equal(pmr.identificationRisk, 3);
    assert.equal(pmr.availability, 'default');
    assert.equal(pmr.roles?.identifier, 'person');
    assert.equal(column(census, 'FSMeligible_[term][yy]').availability, 'by-request');
    assert.deepEqual(column(census, 'YearOfBirth_[term][yy]').roles, { date: 'date-part', dateOfBirth: true });
  });

  it('merges a field listed twice and says so', () => {
    assert.equal(census.columns.filter((c) => c.name.toLowerCase() === 'fsmeligible_[term][yy]').length, 1);
    assert.equal(result.summary.duplicatesMerged, 1);
    assert.equal(problemsMatching(/listed twice/).length, 1);
  });

  it('reports every row it cannot read, with the sheet and row', () => {
    const noName = problemsMatching(/no field name/);
    assert.equal(noName.length, 1);
    assert.equal(noName[0]?.sheet, NPD_TAB);
    assert.equal(noName[0]?.row, 13);
    assert.equal(noName[0]?.level, 'warning');
    const note = problemsMatching(/note row/);
    assert.equal(note[0]?.row, 14);
    assert.ok(census.notes?.includes('Following variables repeated for each case of exclusion order'));
    assert.ok(census.notes?.includes('THERE IS NO SUMMER CENSUS FOR 19/20 DUE TO COVID IMPACT'));
  });

  it('reports unreadable ratings and leaves them unset', () => {
    const odd = column(census, 'Odd_[term][yy]');
    assert.equal(odd.identificationRisk, undefined);
    assert.equal(odd.sensitivity, undefined);
    assert.equal(odd.valuesNote, 'to 2dp');
    assert.deepEqual(problemsMatching(/identification risk is not 1–5/).map((p) => p.text), ['high']);
    assert.deepEqual(problemsMatching(/sensitivity is not A–E/).map((p) => p.text), ['Z']);
  });

  it('reports an unused header column once', () => {
    assert.equal(problemsMatching(/header column "Mystery Column"/).length, 1);
  });

  it('reports a tab missing from the mapping, and a mapped tab missing from the workbook', () => {
    assert.deepEqual(problemsMatching(/not in scripts\/catalogue\/tables.json/).map((p) => p.sheet), ['Unmapped_Tab']);
    assert.deepEqual(problemsMatching(/names a tab the workbook does not have/).map((p) => p.sheet), ['Missing_Tab']);
  });

  it('reads a LEO-style tab: logical name, paragraphs, merged notes and roles', () => {
    assert.equal(earnings.logicalName, 'LEO.Earnings');
    assert.equal(earnings.description, 'Earnings by tax year. One record per person per tax year.');
    assert.equal(earnings.knownIssues, undefined, 'a dash is no known issue');
    assert.ok(earnings.notes?.includes('Data source: HMRC P14'));
    assert.deepEqual(earnings.columns.map((c) => c.name), ['Edukey', 'TaxYear', 'Earnings']);
    for (const name of ['Edukey', 'TaxYear', 'Earnings']) {
      assert.ok(column(earnings, name).notes?.includes('Shared note.'), `${name} inherits the merged note`);
      assert.equal(column(earnings, name).availability, 'default');
    }
    assert.equal(column(earnings, 'Earnings').roles?.magnitude, 'earnings');
    assert.equal(column(earnings, 'Earnings').valuesNote, '£');
    assert.equal(column(earnings, 'Edukey').roles?.identifier, 'person');
    assert.equal(column(earnings, 'TaxYear').years?.from, 2004);
  });

  it('writes identical bytes every time, and the output loads cleanly', async () => {
    const again = assembleCatalogue(await readWorkbookBuffer(await buildFormWorkbook({ extraTab: true })), fixtureMapping({ missingTab: true }));
    const text = serialiseCatalogue(result.catalogue);
    assert.equal(serialiseCatalogue(again.catalogue), text);
    const loaded = loadCatalogue([{ path: 'fixture.leo-catalogue.json', text }]);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.index?.resolveTable({ name: 'spring_census_2019' })?.table.id, 'sc-test');
  });

  it('warns when a companion source was not given', () => {
    assert.equal(result.problems.filter((p) => /not read/.test(p.message)).length, 2);
  });
});
