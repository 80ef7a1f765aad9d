/**
 * Catalogues for the catalogue tests: the bundled one (read once), and a small hand-written one
 * whose every entry a test can reason about.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CatalogueIndex } from '../../../server/src/catalogue/api';
import { loadCatalogue } from '../../../server/src/catalogue/load';

export const ROOT = resolve(__dirname, '../../..');
export const BUNDLED_PATH = resolve(ROOT, 'catalogue/leo-i2se.leo-catalogue.json');

let bundledText: string | undefined;
let bundled: CatalogueIndex | undefined;

export function readBundledText(): string {
  bundledText ??= readFileSync(BUNDLED_PATH, 'utf8');
  return bundledText;
}

/** The bundled catalogue, loaded with full validation. */
export function bundledIndex(): CatalogueIndex {
  if (!bundled) {
    const result = loadCatalogue([{ path: BUNDLED_PATH, text: readBundledText() }]);
    if (!result.index || result.problems.length > 0) throw new Error(`bundled catalogue failed to load: ${JSON.stringify(result.problems.slice(0, 3))}`);
    bundled = result.index;
  }
  return bundled;
}

/** A small catalogue with one of each kind of table, view and column the index handles. */
export function miniCatalogue(): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: 'mini',
    name: 'Mini catalogue',
    version: '0.1',
    sources: [{ title: 'Test form', version: '1', date: '2024-01-01' }],
    iterations: [
      { id: 'i2', name: 'Iteration 2' },
      { id: 'i1', name: 'Iteration 1' },
    ],
    databases: [
      { name: 'npd_i2', iteration: 'i2' },
      { name: 'LEO_i2', iteration: 'i2' },
      { name: 'NPD', iteration: 'i1' },
    ],
    schemas: [{ text: '"<project number>"', iteration: 'i2', description: 'The project schema.' }],
    tables: [
      {
        id: 'census',
        name: 'SC_Pupil',
        title: 'School Census',
        views: [
          { database: 'npd_i2', name: 'spring_census_[yyyy]', term: 'spring', years: { from: 2006, to: 2021 }, evidence: 'seen' },
          { database: 'npd_i2', name: 'summer_census_[yyyy]', term: 'summer', years: { from: 2006, to: 2022, except: [2020] }, note: 'No summer census in 2019/20.' },
          { database: 'npd_i2', name: 'plasc_[yyyy]', years: { from: 2002, to: 2005 } },
          { database: 'NPD', name: 'Spring_Census_[yyyy]', term: 'spring', years: { from: 2006, to: 2019 } },
        ],
        columns: [
          {
            name: 'FSMeligible_[term][yy]',
            synonyms: ['FreeSchoolMeals_[term][yy]'],
            type: 'Dichotomous',
            description: 'Eligible for free school meals on census day.',
            years: { from: 2003, to: 2021, text: '2002/2003 - 2020/2021' },
            codes: [
              { code: '1', label: 'True' },
              { code: '0', label: 'False' },
            ],
            identificationRisk: 5,
            sensitivity: 'C',
            roles: { sensitive: 'other-sensitive' },
          },
          { name: 'LAEstab_[term][yy]_anon', years: { from: 2002, to: 2021 }, identificationRisk: 4, sensitivity: 'E', roles: { identifier: 'institution' } },
          { name: 'PrimarySENtype_[term][yy]', terms: ['spring'], years: { from: 2004, to: 2021 }, sensitivity: 'D' },
          { name: 'PupilMatchingRefAnonymous_[term][yy]', years: { from: 2002, to: 2021 }, identificationRisk: 3, roles: { identifier: 'person' } },
        ],
      },
      {
        id: 'earnings',
        name: 'Earnings_tab',
        logicalName: 'LEO.Earnings',
        title: 'LEO earnings',
        views: [{ database: 'LEO_i2', name: 'leo_earnings' }],
        columns: [
          { name: 'EduKey', type: 'varchar(14)', roles: { identifier: 'person' } },
          { name: 'TaxYear', type: 'int' },
          { name: 'Earnings', type: 'int', roles: { magnitude: 'earnings' } },
        ],
      },
      {
        id: 'ks4',
        name: 'KS4_tab',
        title: 'Key Stage 4',
        views: [
          { database: 'npd_i2', name: 'KS4Pupil_2002_to_2014', covers: { from: 2002, to: 2014 }, groups: ['Pupil table'] },
          { database: 'npd_i2', name: 'KS4Exam_2002_to_2014', covers: { from: 2002, to: 2014 }, groups: ['Exam table'] },
        ],
        columns: [
          { name: 'KS4_PupilMatchingRefAnonymous' },
          { name: 'KS4_ATT8', groups: ['Pupil table'], years: { from: 2016, text: '2015/16 -' } },
          { name: 'KS4_LEVEL2_EM', groups: ['Pupil table'], years: { from: 2004, to: 2013 } },
          { name: 'KS4_GRADE', groups: ['Exam table'] },
        ],
      },
      {
        id: 'exclusions',
        name: 'Exclusions_tab',
        title: 'Exclusions',
        views: [{ database: 'npd_i2', name: 'exclusions_table_1_[yyyy]', years: { from: 2006, to: 2020 } }],
        columns: [
          { name: 'Category_ex[yy]', years: { from: 2006, to: 2021 } },
          { name: 'Reason_[n]_ex[yy]', years: { from: 2006, to: 2021 } },
        ],
      },
    ],
  };
}

/** Loads catalogue objects as files named `<name>.leo-catalogue.json`; throws if any fails, for brevity in tests. */
export function indexOf(...catalogues: Record<string, unknown>[]): CatalogueIndex {
  const result = loadCatalogue(catalogues.map((data, index) => ({ path: `file${index}.leo-catalogue.json`, text: JSON.stringify(data, null, 2) })));
  if (!result.index) throw new Error(JSON.stringify(result.problems));
  return result.index;
}
