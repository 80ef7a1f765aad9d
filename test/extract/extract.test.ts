/**
 * The project's extract in the core: LEO106 on names and years outside it (any language, through the front end's
 * own reference checks), greyed completion items, the hover line, and a broken extract file kept at its last good
 * version. Cases are data-driven; `|` marks the cursor.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { initialiseLanguages } from '../../server/src/languages/registry';
import { analyseUncached } from '../../server/src/service';
import { loadWorkspace, type LoadedWorkspace } from '../../server/src/workspace/loadWorkspace';
import type { LanguageId } from '../../server/src/languages/types';
import { REPO_ROOT } from '../support/paths';
import { EXTRACT, memoryReader } from './support/extractFixture';

const BUNDLED = path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
const ROOT = '/project';

function load(files: Record<string, string>, previous?: LoadedWorkspace): LoadedWorkspace {
  return loadWorkspace({ bundledCatalogue: BUNDLED, root: ROOT, settings: DEFAULT_SETTINGS }, memoryReader(files), previous);
}

const GOOD_FILES = {
  [`${ROOT}/.leo-lens.json`]: JSON.stringify({ extract: 'project.leo-catalogue.json' }),
  [`${ROOT}/project.leo-catalogue.json`]: JSON.stringify(EXTRACT, null, 2),
};

const SC = 'npd_i2."<project number>"';

interface Case {
  readonly name: string;
  readonly language?: LanguageId;
  readonly text: string;
  /** The names LEO106 marks, in order. */
  readonly flagged: readonly string[];
  readonly message?: RegExp;
  /** The replacement the first LEO106's quick fix writes. */
  readonly fix?: string;
}

const CASES: readonly Case[] = [
  { name: 'a granted column', text: `SELECT s.FSMeligible_SPR19 FROM ${SC}.spring_census_2019 s;`, flagged: [] },
  {
    name: 'a column the form did not request',
    text: `SELECT s.EthnicGroupMajor_SPR19 FROM ${SC}.spring_census_2019 s;`,
    flagged: ['EthnicGroupMajor_SPR19'],
    message: /in the LEO catalogue but not in this project's extract \(project\.leo-catalogue\.json\).*granted names close to it: EthnicGroupMinor_SPR19/,
    fix: 'EthnicGroupMinor_SPR19',
  },
  { name: 'a census year outside the granted years', text: `SELECT c.FSMeligible_SPR12 FROM ${SC}.spring_census_2012 c;`, flagged: ['spring_census_2012'] },
  {
    name: 'a column granted for fewer years than its table',
    text: `SELECT c.Gender_SPR16 FROM ${SC}.spring_census_2016 c;`,
    flagged: ['Gender_SPR16'],
    message: /year or term that this project's extract .* does not grant/,
  },
  { name: 'a table the form did not request', text: 'SELECT b.EduKey FROM LEO_i2."<project number>".leo_benefit b;', flagged: ['leo_benefit'] },
  { name: 'a misspelt name is LEO102, not LEO106', text: `SELECT s.FSMeligble_SPR19 FROM ${SC}.spring_census_2019 s;`, flagged: [] },
  { name: "a script's own temp table of granted columns", text: `SELECT s.FSMeligible_SPR19 AS fsm INTO #c FROM ${SC}.spring_census_2019 s;\nSELECT c.fsm FROM #c c;`, flagged: [] },
  {
    name: 'SQL inside an R string',
    language: 'r',
    text: `df <- DBI::dbGetQuery(con, "SELECT s.EthnicGroupMajor_SPR19 FROM npd_i2.\\"<project number>\\".spring_census_2019 s")\n`,
    flagged: ['EthnicGroupMajor_SPR19'],
  },
  {
    name: 'SQL inside a Python string, with no extract code in the Python front end',
    language: 'python',
    text: 'df = pd.read_sql("SELECT s.EthnicGroupMajor_SPR19, s.FSMeligible_SPR19 FROM npd_i2.\\"<project number>\\".spring_census_2019 s", con)\n',
    flagged: ['EthnicGroupMajor_SPR19'],
  },
];

describe('project extract: LEO106', () => {
  before(async () => {
    await initialiseLanguages(() => undefined);
  });
  const environment = load(GOOD_FILES).environment!;

  it('loads the extract and narrows the catalogue to it', () => {
    assert.ok(environment.extract, 'the extract is in force');
    assert.equal(environment.extract.grantedTables, 3);
    const census = environment.extract.catalogue.tables.find((table) => table.id === 'school-census')!;
    assert.deepEqual(census.columns.map((column) => column.name).sort(), ['EthnicGroupMinor_[term][yy]', 'FSMeligible_[term][yy]', 'Gender_[term][yy]', 'PupilMatchingRefAnonymous_[term][yy]']);
    assert.deepEqual(census.columns.find((column) => column.name === 'Gender_[term][yy]')!.years, { from: 2018, to: 2019 });
    assert.deepEqual(census.views.find((view) => view.name === 'spring_census_[yyyy]')?.years, { from: 2015, to: 2019 });
    assert.ok(!environment.extract.catalogue.tables.some((table) => table.id === 'leo-benefits'));
  });

  for (const testCase of CASES) {
    it(testCase.name, () => {
      const analysis = analyseUncached({ uri: `file:///q.${{ r: 'R', python: 'py', stata: 'do', sql: 'sql' }[testCase.language ?? 'sql']}`, language: testCase.language ?? 'sql', version: 1, text: testCase.text }, environment);
      const flagged = analysis.findings.filter((finding) => finding.code === 'LEO106');
      assert.deepEqual(flagged.map((finding) => testCase.text.slice(finding.start, finding.end)), testCase.flagged);
      if (testCase.message) assert.match(flagged[0]!.message, testCase.message);
      if (testCase.fix) assert.equal(flagged[0]!.fixes?.[0]?.edits[0]?.newText, testCase.fix);
      for (const finding of flagged) assert.equal(finding.severity, 'warning');
    });
  }

  it('says nothing without an extract', () => {
    const plain = load({}).environment!;
    const analysis = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text: CASES[1]!.text }, plain);
    assert.ok(!analysis.findings.some((finding) => finding.code === 'LEO106'));
  });

  it('keeps comparing when LEO102 is turned off, without inventing LEO106 for a misspelling', () => {
    const quiet = { ...environment, severityOverrides: { LEO102: 'off' as const } };
    const analysis = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text: `SELECT s.FSMeligble_SPR19, s.EthnicGroupMajor_SPR19 FROM ${SC}.spring_census_2019 s;` }, quiet);
    assert.deepEqual(analysis.findings.filter((f) => f.code.startsWith('LEO1')).map((f) => f.code), ['LEO106']);
  });
});

describe('project extract: completion and hover', () => {
  const environment = load(GOOD_FILES).environment!;

  function at(marked: string): { text: string; offset: number } {
    return { text: marked.replace('|', ''), offset: marked.indexOf('|') };
  }

  it('offers granted columns first and the rest last, labelled', () => {
    const { text, offset } = at(`SELECT s.| FROM ${SC}.spring_census_2019 s;`);
    const items = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text }, environment).complete(offset).items;
    const granted = items.find((item) => item.label.toLowerCase() === 'fsmeligible_spr19')!;
    const refused = items.find((item) => item.label.toLowerCase() === 'ethnicgroupmajor_spr19')!;
    assert.ok(granted && refused);
    assert.equal(granted.labelDescription, undefined);
    assert.equal(refused.labelDescription, "not in this project's extract");
    assert.ok((refused.sortText ?? '') > (granted.sortText ?? ''), 'the refused column sorts after the granted one');
    // Editors compare sort texts by code point (VS Code) or by locale; granted columns come first either way.
    const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const compare of [byCodePoint, (a: string, b: string) => a.localeCompare(b)]) {
      const columns = items.filter((item) => item.kind === 'column').sort((a, b) => compare(a.sortText ?? a.label, b.sortText ?? b.label));
      const firstRefused = columns.findIndex((item) => item.labelDescription !== undefined);
      assert.ok(firstRefused > 0, 'granted columns come first');
      assert.ok(columns.slice(firstRefused).every((item) => item.labelDescription !== undefined), 'every granted column comes before every refused one');
    }
  });

  it('greys out views outside the extract: other tables and census years not granted', () => {
    const { text, offset } = at('SELECT * FROM npd_i2."<project number>".|');
    const items = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text }, environment).complete(offset).items;
    const label = (name: string) => items.find((item) => item.kind === 'table' && item.label.toLowerCase() === name);
    assert.equal(label('spring_census_2019')?.labelDescription, undefined);
    assert.equal(label('spring_census_2012')?.labelDescription, "not in this project's extract");
    assert.equal(label('ks4pupil_2015_to_2021')?.labelDescription, "not in this project's extract");
  });

  it('says in the hover whether a column is granted, and who the table covers', () => {
    const grantedText = at(`SELECT s.FSMeligi|ble_SPR19 FROM ${SC}.spring_census_2019 s;`);
    const granted = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text: grantedText.text }, environment).hover(grantedText.offset)!;
    assert.match(granted.markdown, /✓ In this project's extract \(project\.leo-catalogue\.json\)/);
    assert.match(granted.markdown, /\*\*Who is covered \(School Census\):\*\*.*independent schools are not in the school census.*_\(DfE school census guide/s);
    const refusedText = at(`SELECT s.EthnicGroupMaj|or_SPR19 FROM ${SC}.spring_census_2019 s;`);
    const refused = analyseUncached({ uri: 'file:///q.sql', language: 'sql', version: 1, text: refusedText.text }, environment).hover(refusedText.offset)!;
    assert.match(refused.markdown, /⚠ \*\*Not in this project's extract\*\*/);
  });

  it('judges a column reached through an R data frame by the granted catalogue', async () => {
    await initialiseLanguages(() => undefined);
    const query = 'df <- DBI::dbGetQuery(con, "SELECT s.FSMeligible_SPR19, s.EthnicGroupMajor_SPR19 FROM npd_i2.\\"<project number>\\".spring_census_2019 s")\n';
    for (const [line, expected] of [['table(df$FSMeligible_S|PR19)', /✓ In this project's extract/], ['table(df$EthnicGroupMajor_S|PR19)', /⚠ \*\*Not in this project's extract\*\*/]] as const) {
      const { text, offset } = at(query + line);
      const hover = analyseUncached({ uri: 'file:///q.R', language: 'r', version: 1, text }, environment).hover(offset);
      assert.ok(hover, line);
      assert.match(hover.markdown, expected);
    }
  });
});

describe('project extract: bad files', () => {
  it('reports a broken extract with its file, JSON path and line, and keeps the last good one', () => {
    const first = load(GOOD_FILES);
    const broken = JSON.stringify({ ...EXTRACT, extract: { tables: [{ table: 'school-census', columns: 'some' }] } }, null, 2);
    const second = load({ ...GOOD_FILES, [`${ROOT}/project.leo-catalogue.json`]: broken }, first);
    const problem = second.problems.find((p) => p.file === `${ROOT}/project.leo-catalogue.json`)!;
    assert.ok(problem, 'the problem names the extract file');
    assert.equal(problem.path, '$.extract.tables[0].columns');
    assert.equal(problem.line, 8);
    assert.equal(problem.usingLastGood, true);
    assert.equal(second.environment!.extract!.grantedTables, 3, 'the last good extract stays in use');
  });

  it('warns about a table the catalogue does not have and uses the rest', () => {
    const odd = JSON.stringify({ ...EXTRACT, extract: { tables: [...EXTRACT.extract.tables, { table: 'no-such-table', columns: 'all' }] } }, null, 2);
    const loaded = load({ ...GOOD_FILES, [`${ROOT}/project.leo-catalogue.json`]: odd });
    const problem = loaded.problems.find((p) => p.path === '$.extract.tables[3].table')!;
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /no table "no-such-table"/);
    assert.equal(loaded.environment!.extract!.grantedTables, 3);
  });

  it('reports a missing extract file and a file without an extract section', () => {
    const missing = load({ [`${ROOT}/.leo-lens.json`]: JSON.stringify({ extract: 'gone.leo-catalogue.json' }) });
    assert.match(missing.problems[0]!.message, /cannot read the extract file/);
    assert.equal(missing.environment!.extract, undefined);
    const empty = load({ ...GOOD_FILES, [`${ROOT}/project.leo-catalogue.json`]: JSON.stringify({ formatVersion: 1, id: 'x' }) });
    assert.match(empty.problems[0]!.message, /no "extract" section/);
  });
});
