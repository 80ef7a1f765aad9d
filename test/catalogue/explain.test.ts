import assert from 'node:assert/strict';
import type { CatalogueIndex } from '../../server/src/catalogue/api';
import { explain, formatExplainText } from '../../server/src/catalogue/explain';
import { catalogueStats } from '../../server/src/catalogue/stats';
import { indexOf, miniCatalogue } from './support/catalogues';

describe('explain and stats (small catalogue)', () => {
  let index: CatalogueIndex;
  before(() => {
    index = indexOf(miniCatalogue());
  });

  it('explains a column family member with its instance, codes, ratings and roles', () => {
    const result = explain(index, 'FSMELIGIBLE_SPR19');
    assert.equal(result.found, true);
    assert.equal(result.tables.length, 0);
    const [column] = result.columns;
    assert.equal(column?.name, 'FSMeligible_[term][yy]');
    assert.equal(column?.instance, 'FSMeligible_SPR19');
    assert.equal(column?.term, 'spring');
    assert.equal(column?.year, 2019);
    assert.equal(column?.sensitivity, 'C');
    assert.match(column?.sensitivityMeaning ?? '', /free school meals/);
    assert.equal(column?.identificationRisk, 5);
    assert.deepEqual(column?.codes?.map((code) => code.code), ['1', '0']);
    assert.deepEqual(column?.roles, { sensitive: 'other-sensitive' });
    assert.equal(column?.populated, true);
    const text = formatExplainText(result);
    assert.match(text, /^FSMeligible_SPR19 \(column of School Census\) \[census\]/);
    assert.match(text, /Sensitivity: +C: /);
    assert.match(text, /Codes: +1 = True; 0 = False/);
  });

  it('explains a table in every reference form, listing its columns', () => {
    for (const query of ['LEO_i2."<project number>".leo_earnings', '[LEO_i2].[x].[LEO_EARNINGS]', 'leo_earnings', 'LEO.Earnings', 'LEO_i2.leo_earnings']) {
      const result = explain(index, query);
      assert.equal(result.tables.length, 1, query);
      assert.deepEqual(result.tables[0]?.columns.map((column) => column.name), ['EduKey', 'TaxYear', 'Earnings'], query);
    }
    const text = formatExplainText(explain(index, 'leo_earnings'));
    assert.match(text, /Columns \(3\):/);
    assert.match(text, /EduKey +varchar\(14\)/);
  });

  it('explains a per-year view with instantiated columns and coverage', () => {
    const [table] = explain(index, '[NPD].[2002237].[Spring_Census_2011]').tables;
    assert.equal(table?.database, 'NPD');
    assert.equal(table?.iteration, 'i1');
    assert.equal(table?.year, 2011);
    assert.equal(table?.columns[0]?.name, 'FSMeligible_SPR11');
    const covid = explain(index, 'summer_census_2020').tables[0];
    assert.equal(covid?.populated, false);
    assert.match(formatExplainText(explain(index, 'summer_census_2020')), /Coverage: .*No summer census/);
  });

  it('explains view.column and database.schema.view.column', () => {
    const other = explain(index, 'spring_census_2019.fsmeligible_spr18');
    assert.equal(other.columns[0]?.populated, false);
    assert.match(other.columns[0]?.coverageNote ?? '', /holds spring 2019/);
    assert.match(formatExplainText(other), /Coverage:/);
    const full = explain(index, 'npd_i2."<project number>".spring_census_2019.fsmeligible_spr19');
    assert.equal(full.columns[0]?.instance, 'FSMeligible_SPR19');
    assert.equal(explain(index, 'x.spring_census_2019.fsmeligible_spr19').columns.length, 1);
  });

  it('explains the template form', () => {
    const result = explain(index, 'FSMeligible_[term][yy]');
    assert.equal(result.columns[0]?.instance, undefined);
    assert.equal(result.columns[0]?.populated, undefined);
  });

  it('suggests names when nothing matches', () => {
    const result = explain(index, 'fsmeligble_spr19');
    assert.equal(result.found, false);
    assert.equal(result.suggestions[0], 'FSMeligible_SPR19');
    assert.match(formatExplainText(result), /not in the catalogue\. Did you mean: FSMeligible_SPR19/);
    assert.deepEqual(explain(index, 'zzzzzzzzzzzz').suggestions, []);
    assert.equal(formatExplainText(explain(index, '')), ': not in the catalogue.\n');
  });

  it('results are plain JSON', () => {
    const result = explain(index, 'leo_earnings');
    assert.deepEqual(JSON.parse(JSON.stringify(result)), JSON.parse(JSON.stringify(result)));
    assert.equal(typeof JSON.stringify(result), 'string');
  });

  it('counts tables, views, columns and code lists', () => {
    assert.deepEqual(catalogueStats(index), {
      id: 'mini',
      name: 'Mini catalogue',
      version: '0.1',
      source: 'Test form v1 (2024-01-01)',
      tables: 4,
      views: 8,
      columns: 13,
      columnsWithDescription: 1,
      columnsWithRatings: 4,
      codeLists: 1,
      codes: 2,
      databases: 3,
    });
  });
});
