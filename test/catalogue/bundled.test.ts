/**
 * Acceptance checks on the bundled catalogue generated from DfE's request form (issue 3's
 * "done when" list), plus the checks that keep generated files in step with their sources.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import type { CatalogueIndex, TableEntry } from '../../server/src/catalogue/api';
import { explain } from '../../server/src/catalogue/explain';
import { loadCatalogue } from '../../server/src/catalogue/load';
import { catalogueStats } from '../../server/src/catalogue/stats';
import { CatalogueFileSchema } from '../../server/src/catalogue/schema';
import { renderJsonSchema, SCHEMA_OUTPUTS } from '../../scripts/build-schemas';
import { serialiseCatalogue } from '../../scripts/catalogue/emit';
import { BUNDLED_PATH, bundledIndex, readBundledText, ROOT } from './support/catalogues';

const FORM = resolve(ROOT, '../shared/leo-sources/dfe-leo-i2se-variable-request-form-v2.3.xlsx');

describe('bundled catalogue', () => {
  let index: CatalogueIndex;
  before(() => {
    index = bundledIndex();
  });

  function table(id: string): TableEntry {
    const found = index.tables.find((candidate) => candidate.id === id);
    assert.ok(found, id);
    return found;
  }

  it('holds all 33 table tabs of the form and at least 4,000 fields', () => {
    assert.equal(index.tables.length, 33);
    assert.equal(new Set(index.tables.map((t) => t.name)).size, 33);
    const stats = catalogueStats(index);
    assert.ok(stats.columns >= 4000, `${stats.columns} columns`);
    assert.ok(stats.columnsWithDescription / stats.columns >= 0.95, `${stats.columnsWithDescription} of ${stats.columns} described`);
    assert.ok(stats.codeLists >= 1000, `${stats.codeLists} code lists`);
    assert.equal(stats.source, 'LEO I2SE Variable Request Form v2.3 (2024-05-20)');
  });

  it('has every LEO outcome and link table complete', () => {
    const expected: Record<string, string[]> = {
      'leo-earnings': ['Edukey', 'TaxYear', 'Earnings', 'main_enterprise', 'enterprise_earnings', 'tied_main_record_enterprise_sic_fg', 'Num_Employments', 'Main_Section', 'Section_Earnings', 'Tied_Main_Section_Flag', 'Num_Sections', 'Main_SIC2007', 'SIC_Earnings', 'Tied_Main_SIC_Flag', 'Num_SIC', 'main_enterprise_linked_sic2007', 'main_enterprise_linked_section'],
      'leo-employment': ['EduKey', 'StartDate', 'EndDate', 'UncertainStartDate', 'UncertainEndDate'],
      'leo-benefits': ['EduKey', 'StartDate', 'EndDate', 'Benefit_type', 'Out_of_work_benefit'],
      'leo-self-assessment': ['Edukey', 'TaxYear', 'Self_Employed', 'EARNINGS_PTR', 'EARNINGS_SOLE', 'EARNINGS_SELF_EMPLOYMENT'],
      'leo-geography': ['Edukey', 'TaxYear', 'COA_2011', 'LAUA_anon', 'PCON', 'PCONNM', 'GOR', 'GORNM', 'CTRY', 'CTRYNM', 'LAUANM'],
      'leo-idbr-lookup': ['ENTKEY', 'SIC2007', 'Govt_Region', 'legalstatus', 'Employees', 'Birth_month', 'Death_month', 'SECTIONNAME', 'SourceYear'],
      'leo-cjrs': ['EDUKEY', 'TAXYEAR', 'CJRS_EOM_IND', 'CJRS_DTM_IND', 'CJRS_WKS_CAPPED', 'CJRS_TOT_WKS'],
      'leo-seiss': ['EDUKEY', 'TAXYEAR', 'SEISS_TOT_WKS', 'SEISS_TOT_AMT', 'SEISS_EOM_IND', 'SEISS_DTM_IND'],
      'link-education-records': ['RECORDID', 'AE_ID'],
      'link-ae-id-edukey': ['AE_ID', 'EDUKEY'],
      'link-ae-id-pmr': ['AE_ID', 'PUPILMATCHINGREFANONYMOUS'],
    };
    for (const [id, columns] of Object.entries(expected)) {
      assert.deepEqual(table(id).columns.map((column) => column.name), columns, id);
      for (const column of table(id).columns) assert.ok(column.description, `${id}.${column.name} has a description`);
    }
    assert.equal(table('leo-earnings').logicalName, 'LEO.Earnings');
    assert.equal(table('link-education-records').logicalName, 'LINK.EDUCATION_RECORDS_LOOKUP');
  });

  it('carries the form’s ratings wherever it has them', () => {
    const npdTabs = index.tables.filter((t) => !/^(leo-|link-|lilr-|ucas)/.test(t.id));
    for (const t of npdTabs) {
      const rated = t.columns.filter((column) => column.sensitivity !== undefined).length;
      assert.ok(rated / t.columns.length > 0.9, `${t.id}: ${rated} of ${t.columns.length} rated`);
    }
    assert.ok(table('cin').columns.every((column) => column.sensitivity === undefined || column.sensitivity === 'B'));
    assert.equal(index.findColumns('KS2_EXAMNO')[0]?.column.identificationRisk, 2);
  });

  it('parses code lists for categorical fields', () => {
    const codes = (name: string) => index.findColumns(name)[0]?.column.codes?.map((code) => code.code);
    assert.deepEqual(codes('Category_ex19'), ['FIXD', 'PERM', 'LNCH']);
    assert.ok(codes('EthnicGroupMinor_SPR19')?.includes('WBRI'));
    assert.ok((codes('Ethnicity_SPR19')?.length ?? 0) > 80, 'detailed ethnicity codes from the NPD code sets');
    assert.ok((codes('Language_SPR19')?.length ?? 0) > 250, 'language codes from the NPD code sets');
    assert.ok(codes('Benefit_type')?.includes('JSA'));
    assert.ok(codes('CIN_PrimaryNeedCode')?.includes('N1'));
    assert.deepEqual(codes('SENprovision_SPR19')?.slice(0, 3), ['N', 'A', 'P']);
  });

  it('explains fsmeligible_spr19 with years, codes and sensitivity C', () => {
    const result = explain(index, 'fsmeligible_spr19');
    const column = result.columns.find((candidate) => candidate.table === 'school-census');
    assert.ok(column);
    assert.equal(column.name, 'FSMeligible_[term][yy]');
    assert.match(column.description ?? '', /Free School Meals/);
    assert.deepEqual({ from: column.years?.from, to: column.years?.to }, { from: 2003, to: 2021 });
    assert.deepEqual(column.codes, [
      { code: '1', label: 'True' },
      { code: '0', label: 'False' },
    ]);
    assert.equal(column.sensitivity, 'C');
    assert.equal(column.identificationRisk, 5);
    assert.equal(column.roles.sensitive, 'other-sensitive');
  });

  it('explains LEO_i2."x".leo_earnings with EduKey, TaxYear, Earnings and the IDBR fields', () => {
    const [t] = explain(index, 'LEO_i2."x".leo_earnings').tables;
    const names = t?.columns.map((column) => column.name.toLowerCase()) ?? [];
    for (const name of ['edukey', 'taxyear', 'earnings', 'main_enterprise', 'main_sic2007', 'main_section', 'num_employments']) assert.ok(names.includes(name), name);
  });

  it('resolves the names real scripts use', () => {
    const cases: [string | undefined, string, string][] = [
      ['npd_i2', 'spring_census_2019', 'school-census'],
      ['NPD', 'Spring_Census_2011', 'school-census'],
      ['NPD', 'KS4Pupil_2002_to_2014', 'ks4'],
      ['LEO', 'LEARNER_AE_ID_TO_PMR_LOOKUP', 'link-ae-id-pmr'],
      ['LEO_i2', 'education_records_lookup', 'link-education-records'],
      ['LILR_i2', 'learners', 'lilr-learners'],
      ['hesa_i2', 'hesa_2019', 'hesa'],
      ['npd_i2', 'Absence_2006_3term', 'absence'],
      ['npd_i2', 'exclusions_table_1_2006', 'exclusions'],
      ['npd_i2', 'cin_2009_to_2021', 'cin'],
      ['NPD_i2', 'PLAMS_Amended_2010', 'plams'],
    ];
    for (const [database, name, id] of cases) assert.equal(index.resolveTable({ database, name })?.table.id, id, `${database}.${name}`);
    const spring = index.resolveTable({ database: 'npd_i2', name: 'spring_census_2019' })!;
    for (const column of ['pupilmatchingrefanonymous_spr19', 'fsmeligible_spr19', 'everfsm_6_p_spr19', 'senprovision_spr19', 'primarysentype_spr19', 'lsoa11_spr19', 'idacirank_15_spr19', 'ethnicgroupminor_spr19', 'laestab_anon_spr19']) {
      assert.equal(index.resolveColumn(spring, column)?.populated, true, column);
    }
    const absence = index.resolveTable({ name: 'absence_2006_3term' })!;
    for (const column of ['PupilMatchingRefAnonymous_ab06', 'LAEstab_ANON_ab06', 'SessionsPossible_Autumn_ab06']) assert.ok(index.resolveColumn(absence, column), column);
    const plasc = index.resolveTable({ name: 'plasc_2003' })!;
    for (const column of ['fsmeligible_03', 'senstatus_03', 'llsoa_03', 'laestab_anon_03']) assert.ok(index.resolveColumn(plasc, column), column);
  });

  it('loads in the trusted fast path to the same catalogue', () => {
    const trusted = loadCatalogue([{ path: BUNDLED_PATH, text: readBundledText(), trusted: true }]);
    assert.deepEqual(trusted.problems, []);
    assert.equal(catalogueStats(trusted.index!).columns, catalogueStats(index).columns);
  });

  it('is in canonical form (re-serialising gives the same bytes)', () => {
    const data = CatalogueFileSchema.parse(JSON.parse(readBundledText()));
    assert.equal(serialiseCatalogue(data), readBundledText());
  });

  it('validates against the generated JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(resolve(ROOT, 'schemas/leo-catalogue.schema.json'), 'utf8')));
    assert.equal(validate(JSON.parse(readBundledText())), true, JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(validate({ formatVersion: 1, id: 'x', tables: [{ id: 'Bad Id', name: 'x', columns: [] }] }), false);
  });
});

describe('generated files are up to date', () => {
  for (const [schema, file, title] of SCHEMA_OUTPUTS) {
    it(`${file} matches its zod schema (run npx tsx scripts/build-schemas.ts)`, () => {
      assert.equal(readFileSync(resolve(ROOT, file), 'utf8'), renderJsonSchema(schema, title));
    });
  }

  it('the bundled catalogue matches the request form (run npx tsx scripts/build-catalogue.ts)', async function () {
    if (!existsSync(FORM)) this.skip();
    this.timeout(60000);
    const { assembleCatalogue } = await import('../../scripts/catalogue/assemble');
    const { readWorkbookFile } = await import('../../scripts/catalogue/workbook');
    const sources = resolve(FORM, '..');
    const mapping = JSON.parse(readFileSync(resolve(ROOT, 'scripts/catalogue/tables.json'), 'utf8'));
    const result = assembleCatalogue(await readWorkbookFile(FORM), mapping, {
      npdTables: await readWorkbookFile(resolve(sources, 'dfe-npd-data-tables-2018.xlsx')),
      fftDictionary: await readWorkbookFile(resolve(sources, 'fft-leo-derived-tables-data-dictionary.xlsx')),
      springCensusCsv: readFileSync(resolve(sources, 'echild-spring-census-field-mappings.csv'), 'utf8'),
      absenceCsv: readFileSync(resolve(sources, 'echild-school-absence-field-mappings.csv'), 'utf8'),
    });
    assert.equal(result.problems.filter((problem) => problem.level === 'error').length, 0);
    assert.ok(serialiseCatalogue(result.catalogue) === readBundledText(), 'the bundled catalogue is stale');
  });
});
