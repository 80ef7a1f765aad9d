/**
 * Catalogues for SQL tests: the bundled LEO catalogue (loaded once per test run) and a small catalogue written
 * inline as JSON, which keeps unit tests independent of how the generated catalogue evolves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogueIndex } from '../../../../server/src/catalogue/api';
import { loadCatalogue } from '../../../../server/src/catalogue/index';
import type { AnalysisContext } from '../../../../server/src/languages/types';

const ROOT = path.resolve(__dirname, '../../../..');
let bundled: CatalogueIndex | undefined;

export function bundledCatalogue(): CatalogueIndex {
  if (bundled === undefined) {
    const file = path.join(ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
    const result = loadCatalogue([{ path: 'catalogue/leo-i2se.leo-catalogue.json', text: fs.readFileSync(file, 'utf8') }]);
    if (result.index === undefined) throw new Error(`bundled catalogue did not load: ${JSON.stringify(result.problems.slice(0, 3))}`);
    bundled = result.index;
  }
  return bundled;
}

/** A small catalogue: one census family, the earnings and benefit views, the two lookups, and a project database. */
export const SMALL_CATALOGUE_JSON = JSON.stringify({
  formatVersion: 1,
  id: 'test',
  name: 'Test catalogue',
  version: '0.0.1',
  iterations: [{ id: 'i2', name: 'Iteration 2' }],
  databases: [
    { name: 'LEO_i2', iteration: 'i2', kind: 'leo', description: 'LEO outcome views.' },
    { name: 'npd_i2', iteration: 'i2', kind: 'leo', description: 'NPD views.' },
    { name: 'scratch', kind: 'project', description: "The project's own database." },
  ],
  schemas: [{ text: '"<project number>"', iteration: 'i2', description: 'The project-number schema.' }],
  tables: [
    {
      id: 'school-census', name: 'SC_Pupil', title: 'School Census', grain: 'pupil enrolment per census',
      personKey: 'PupilMatchingRefAnonymous_[term][yy]', years: { from: 2006, to: 2021 },
      views: [{ database: 'npd_i2', name: 'spring_census_[yyyy]', term: 'spring', years: { from: 2006, to: 2021 }, evidence: 'seen' }],
      columns: [
        { name: 'PupilMatchingRefAnonymous_[term][yy]', type: 'Text', description: 'Pupil matching reference.', years: { from: 2006, to: 2021 }, identificationRisk: 3, sensitivity: 'E' },
        { name: 'FSMeligible_[term][yy]', type: 'Dichotomous', description: 'Free school meal eligibility.', years: { from: 2006, to: 2021 }, codes: [{ code: '1', label: 'Eligible' }, { code: '0', label: 'Not eligible' }], identificationRisk: 5, sensitivity: 'C' },
        { name: 'EVERFSM_6_[term][yy]', type: 'Dichotomous', description: 'Ever FSM in the last six years.', years: { from: 2017, to: 2021 } },
        { name: 'NCyearActual_[term][yy]', type: 'Categorical', description: 'National curriculum year.', years: { from: 2006, to: 2021 } },
      ],
    },
    {
      id: 'leo-earnings', name: 'Earnings', logicalName: 'LEO.Earnings', title: 'HMRC earnings', personKey: 'EduKey',
      views: [{ database: 'LEO_i2', name: 'leo_earnings', evidence: 'seen' }],
      columns: [{ name: 'EduKey', type: 'varchar(14)' }, { name: 'TaxYear', type: 'int' }, { name: 'Earnings', type: 'int' }],
    },
    {
      id: 'leo-benefits', name: 'Benefits', logicalName: 'LEO.Benefits', title: 'DWP benefits', personKey: 'EduKey',
      views: [{ database: 'LEO_i2', name: 'leo_benefit', evidence: 'seen' }],
      columns: [{ name: 'EduKey' }, { name: 'StartDate' }, { name: 'EndDate' }, { name: 'Benefit_type' }],
    },
    {
      id: 'link-ae-id-pmr', name: 'PMR lookup', logicalName: 'LINK.LEARNER_AE_ID_TO_PMR_LOOKUP', title: 'AE_ID to PMR', personKey: 'AE_ID',
      views: [{ database: 'LEO_i2', name: 'learner_ae_id_to_pmr_lookup', evidence: 'seen' }],
      columns: [{ name: 'AE_ID' }, { name: 'PUPILMATCHINGREFANONYMOUS' }],
    },
    {
      id: 'link-ae-id-edukey', name: 'EDUKEY lookup', logicalName: 'LINK.LEARNER_AE_ID_TO_EDUKEY_LOOKUP', title: 'AE_ID to EDUKEY', personKey: 'AE_ID',
      views: [{ database: 'LEO_i2', name: 'learner_ae_id_to_edukey_lookup', evidence: 'seen' }],
      columns: [{ name: 'AE_ID' }, { name: 'EDUKEY' }],
    },
    {
      id: 'project-cohort', name: 'cohort', title: "The project's cohort table",
      views: [{ database: 'scratch', name: 'cohort', evidence: 'seen' }],
      columns: [{ name: 'pmr' }, { name: 'edukey' }, { name: 'cohort_year' }],
    },
  ],
});

let small: CatalogueIndex | undefined;

export function smallCatalogue(): CatalogueIndex {
  if (small === undefined) {
    const result = loadCatalogue([{ path: 'test.leo-catalogue.json', text: SMALL_CATALOGUE_JSON }]);
    if (result.index === undefined) throw new Error(`small catalogue did not load: ${JSON.stringify(result.problems)}`);
    small = result.index;
  }
  return small;
}

export function contextWith(catalogue: CatalogueIndex, severityOverrides: AnalysisContext['severityOverrides'] = {}): AnalysisContext {
  return { catalogue, severityOverrides };
}
