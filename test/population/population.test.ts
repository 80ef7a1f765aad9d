/**
 * LEO201, the population hint, on T-SQL: it fires where an inner join or a WHERE on an outcome column silently
 * keeps only people with an outcome record, and stays quiet where the narrowing is plainly meant.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { initialiseLanguages } from '../../server/src/languages/registry';
import { parseCoverageNotes } from '../../server/src/population/coverageNotes';
import { analyseUncached } from '../../server/src/service';
import { nodeFileReader } from '../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../server/src/workspace/loadWorkspace';
import type { AnalysisEnvironment } from '../../server/src/analysisEnvironment';
import { REPO_ROOT } from '../support/paths';

const BUNDLED = path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
const environment: AnalysisEnvironment = loadWorkspace({ bundledCatalogue: BUNDLED, settings: DEFAULT_SETTINGS }, nodeFileReader).environment!;

const P = '"<project number>"';
const KS4 = `npd_i2.${P}.KS4Pupil_2015_to_2021 k`;
const LINK = [
  `JOIN LEO_i2.${P}.learner_ae_id_to_pmr_lookup p ON p.PUPILMATCHINGREFANONYMOUS = k.KS4_PupilMatchingRefAnonymous`,
  `JOIN LEO_i2.${P}.learner_ae_id_to_edukey_lookup l ON l.AE_ID = p.AE_ID`,
].join('\n');
const EARNINGS = `LEO_i2.${P}.leo_earnings e ON e.Edukey = l.EDUKEY`;

interface Case {
  readonly name: string;
  readonly text: string;
  /** The text each LEO201 marks, in order. */
  readonly marked: readonly string[];
  /** The text after applying the first hint's fix. */
  readonly fixed?: string;
}

const FIRES: readonly Case[] = [
  {
    name: 'an INNER JOIN from a KS4 cohort to earnings, through the lookups',
    text: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings\nFROM ${KS4}\n${LINK}\nINNER JOIN ${EARNINGS};`,
    marked: ['INNER JOIN'],
    fixed: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings\nFROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS};`,
  },
  {
    name: 'a plain JOIN from the school census to employment spells',
    text: `SELECT s.PupilMatchingRefAnonymous_SPR19, m.StartDate\nFROM npd_i2.${P}.spring_census_2019 s\nJOIN LEO_i2.${P}.learner_ae_id_to_pmr_lookup p ON p.PUPILMATCHINGREFANONYMOUS = s.PupilMatchingRefAnonymous_SPR19\nJOIN LEO_i2.${P}.learner_ae_id_to_edukey_lookup l ON l.AE_ID = p.AE_ID\nJOIN LEO_i2.${P}.leo_employment m ON m.EduKey = l.EDUKEY;`,
    marked: ['JOIN'],
  },
  {
    name: 'a cohort kept in a temp table, then joined to earnings',
    text: `SELECT k.KS4_PupilMatchingRefAnonymous AS pmr, l.EDUKEY AS edukey INTO #cohort\nFROM ${KS4}\n${LINK};\nSELECT c.pmr, e.Earnings FROM #cohort c INNER JOIN LEO_i2.${P}.leo_earnings e ON e.Edukey = c.edukey;`,
    marked: ['INNER JOIN'],
  },
  {
    name: 'a WHERE on the earnings after a LEFT JOIN',
    text: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings\nFROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS}\nWHERE e.TaxYear = 201819;`,
    marked: ['e.TaxYear = 201819'],
    fixed: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings\nFROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS} AND e.TaxYear = 201819\n;`,
  },
  {
    name: 'an INNER JOIN from KS4 to higher education',
    text: `SELECT k.KS4_PupilMatchingRefAnonymous FROM ${KS4} INNER JOIN hesa_i2.${P}.hesa_2019 h ON h.HE_PUPILMATCHINGREFANONYMOUS = k.KS4_PupilMatchingRefAnonymous;`,
    marked: ['INNER JOIN'],
  },
];

const QUIET: readonly Case[] = [
  { name: 'a join between two cohort tables', text: `SELECT k.KS4_PupilMatchingRefAnonymous FROM ${KS4} JOIN npd_i2.${P}.spring_census_2019 s ON s.PupilMatchingRefAnonymous_SPR19 = k.KS4_PupilMatchingRefAnonymous;`, marked: [] },
  { name: 'a join between two outcome tables', text: `SELECT e.Earnings FROM LEO_i2.${P}.leo_earnings e JOIN LEO_i2.${P}.leo_employment m ON m.EduKey = e.Edukey;`, marked: [] },
  { name: 'a query that starts from the outcome table', text: `SELECT e.Earnings FROM LEO_i2.${P}.leo_earnings e JOIN LEO_i2.${P}.learner_ae_id_to_edukey_lookup l ON l.EDUKEY = e.Edukey JOIN LEO_i2.${P}.learner_ae_id_to_pmr_lookup p ON p.AE_ID = l.AE_ID JOIN ${KS4} ON k.KS4_PupilMatchingRefAnonymous = p.PUPILMATCHINGREFANONYMOUS;`, marked: [] },
  { name: 'an INNER JOIN restricted on purpose with IS NOT NULL', text: `SELECT e.Earnings FROM ${KS4}\n${LINK}\nINNER JOIN ${EARNINGS}\nWHERE e.Earnings IS NOT NULL;`, marked: [] },
  { name: 'a LEFT JOIN that looks for people without a record', text: `SELECT k.KS4_PupilMatchingRefAnonymous FROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS}\nWHERE e.Edukey IS NULL;`, marked: [] },
  { name: 'a LEFT JOIN whose filter lets missing values through', text: `SELECT k.KS4_PupilMatchingRefAnonymous FROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS}\nWHERE ISNULL(e.Earnings, 0) < 100000;`, marked: [] },
  { name: 'a LEFT JOIN with a filter on the cohort only', text: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings FROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS}\nWHERE k.KS4_PupilMatchingRefAnonymous IS NOT NULL AND p.AE_ID > 0;`, marked: [] },
  { name: 'a plain LEFT JOIN', text: `SELECT k.KS4_PupilMatchingRefAnonymous, e.Earnings FROM ${KS4}\n${LINK}\nLEFT JOIN ${EARNINGS};`, marked: [] },
  { name: 'joins to the linking tables only', text: `SELECT l.EDUKEY FROM ${KS4}\n${LINK};`, marked: [] },
  { name: 'an UPDATE through a join, which leaves unmatched rows as they are', text: `UPDATE c SET c.pay = e.Earnings FROM #cohort c INNER JOIN LEO_i2.${P}.leo_earnings e ON e.Edukey = c.edukey;`, marked: [] },
  { name: 'a join inside an IN subquery that picks the cohort', text: `SELECT k.KS4_PupilMatchingRefAnonymous FROM ${KS4} WHERE k.KS4_PupilMatchingRefAnonymous IN (SELECT p.PUPILMATCHINGREFANONYMOUS FROM LEO_i2.${P}.learner_ae_id_to_pmr_lookup p JOIN LEO_i2.${P}.learner_ae_id_to_edukey_lookup l ON l.AE_ID = p.AE_ID JOIN LEO_i2.${P}.leo_earnings e ON e.Edukey = l.EDUKEY);`, marked: [] },
  { name: "joins between the script's own uncatalogued tables", text: 'SELECT a.id FROM #people a INNER JOIN #pay b ON b.id = a.id;', marked: [] },
];

function run(text: string, env: AnalysisEnvironment = environment) {
  return analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text }, env).findings.filter((f) => f.code === 'LEO201');
}

function applyFix(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), text);
}

describe('LEO201: joins and filters that narrow the population', () => {
  for (const testCase of FIRES) {
    it(`hints at ${testCase.name}`, () => {
      const hints = run(testCase.text);
      assert.deepEqual(hints.map((h) => testCase.text.slice(h.start, h.end)), testCase.marked);
      assert.equal(hints[0]!.severity, 'info');
      assert.match(hints[0]!.message, /keeps only the people in|drops everyone in/);
      if (testCase.fixed) assert.equal(applyFix(testCase.text, hints[0]!.fixes![0]!.edits), testCase.fixed);
      if (testCase.fixed) assert.deepEqual(run(testCase.fixed), [], 'the fixed query gets no hint');
    });
  }

  for (const testCase of QUIET) {
    it(`stays quiet on ${testCase.name}`, () => {
      assert.deepEqual(run(testCase.text).map((h) => testCase.text.slice(h.start, h.end)), []);
    });
  }

  it('names the population lost and the coverage note behind it', () => {
    const [hint] = run(FIRES[0]!.text);
    assert.match(hint!.message, /people in KS4 and KS5 attainment who have an HMRC earnings record/);
    assert.match(hint!.message, /neither paid tax nor claimed benefits/);
  });

  it('is turned off by the setting, by .leo-lens.json and by severity', () => {
    assert.deepEqual(run(FIRES[0]!.text, { ...environment, populationHints: false }), []);
    assert.deepEqual(run(FIRES[0]!.text, { ...environment, severityOverrides: { LEO201: 'off' } }), []);
    const files: Record<string, string> = { '/p/.leo-lens.json': JSON.stringify({ populationHints: false }) };
    const reader = { readText: (f: string) => files[f] ?? nodeFileReader.readText(f), exists: (f: string) => f in files || nodeFileReader.exists(f) };
    const loaded = loadWorkspace({ bundledCatalogue: BUNDLED, root: '/p', settings: DEFAULT_SETTINGS }, reader);
    assert.equal(loaded.environment!.populationHints, false);
    const viaSetting = loadWorkspace({ bundledCatalogue: BUNDLED, settings: { ...DEFAULT_SETTINGS, diagnostics: { ...DEFAULT_SETTINGS.diagnostics, populationHints: false } } }, nodeFileReader);
    assert.equal(viaSetting.environment!.populationHints, false);
  });
});

describe('LEO201 in R: dplyr joins', () => {
  before(async () => {
    await initialiseLanguages(() => undefined);
  });

  const cohort = `cohort <- DBI::dbGetQuery(con, "SELECT l.EDUKEY AS Edukey FROM npd_i2.\\"<project number>\\".KS4Pupil_2015_to_2021 k JOIN LEO_i2.\\"<project number>\\".learner_ae_id_to_pmr_lookup p ON p.PUPILMATCHINGREFANONYMOUS = k.KS4_PupilMatchingRefAnonymous JOIN LEO_i2.\\"<project number>\\".learner_ae_id_to_edukey_lookup l ON l.AE_ID = p.AE_ID")`;
  const earnings = `earn <- DBI::dbGetQuery(con, "SELECT e.Edukey, e.Earnings FROM LEO_i2.\\"<project number>\\".leo_earnings e")`;
  const hints = (line: string) => {
    const text = `${cohort}\n${earnings}\n${line}\n`;
    return analyseUncached({ uri: 'file:///q.R', language: 'r', version: 1, text }, environment).findings
      .filter((f) => f.code === 'LEO201')
      .map((f) => ({ marked: text.slice(f.start, f.end), fix: f.fixes?.[0]?.edits[0]?.newText }));
  };

  it('hints at inner_join from the cohort to earnings, piped or not, with left_join as the fix', () => {
    assert.deepEqual(hints('a <- cohort %>% dplyr::inner_join(earn, by = "Edukey")'), [{ marked: 'inner_join', fix: 'left_join' }]);
    assert.deepEqual(hints('b <- inner_join(cohort, earn, by = "Edukey")'), [{ marked: 'inner_join', fix: 'left_join' }]);
  });

  it('stays quiet on left_join and on a join that starts from the earnings', () => {
    assert.deepEqual(hints('e <- left_join(cohort, earn, by = "Edukey")'), []);
    assert.deepEqual(hints('f <- inner_join(earn, cohort, by = "Edukey")'), []);
  });
});

describe('coverage notes file', () => {
  it('the bundled notes load, every note has a source, and every table id is catalogued', () => {
    const notes = environment.coverage!;
    assert.ok(notes.datasets.length >= 8);
    const ids = new Set(environment.catalogue.tables.map((t) => t.id));
    for (const dataset of notes.datasets) {
      for (const note of dataset.notes) assert.ok(note.source.length > 10, `${dataset.id}: ${note.text}`);
      for (const table of dataset.tables) assert.ok(ids.has(table), `${dataset.id}: ${table}`);
    }
  });

  it('reports a bad notes file with its JSON path and line', () => {
    const text = '{\n  "formatVersion": 1,\n  "datasets": [\n    { "id": "x", "label": "X", "tables": ["ks4"], "role": "cohort", "notes": [ { "text": "t" } ] }\n  ]\n}\n';
    const result = parseCoverageNotes('/n.json', text);
    assert.equal(result.notes, undefined);
    assert.equal(result.problems[0]!.path, '$.datasets[0].notes[0].source');
    assert.equal(result.problems[0]!.line, 4);
  });
});
