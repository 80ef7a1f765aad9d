/**
 * `leo-lens catalogue from-request-form`, run as a child process on request forms the tests fill in (a copy of
 * DfE's blank form with the marks each test writes), then the extract it writes used by `leo-lens lint`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBuiltCli } from '../support/runCli';
import { haveBlankForm, writeFilledForm } from './support/fillForm';

describe('CLI: catalogue from-request-form', function () {
  this.timeout(120000);
  let root: string;

  before(async function () {
    if (!haveBlankForm()) this.skip();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-form-'));
    await writeFilledForm(path.join(root, 'form.xlsx'), {
      tables: {
        SC_Pupil: 'Yes',
        'KS4 01-02': 'Yes',
        'Earnings_': 'Yes',
        'Resolved Learner AE_ID To Edukey': 'Yes',
        'Resolved Learner AE_ID To PMR': 'Yes',
        HESA: 'perhaps',
        PLAMS: 'No',
      },
      fields: {
        SC_Pupil: {
          'FSMeligible_': ['Yes', '2015 to 2019'],
          'Gender_': ['Yes', '2018-2019'],
          'EthnicGroupMajor_': ['maybe'],
          'YearOfBirth_': ['Yes', 'the last few'],
        },
      },
    });
  });

  it('writes the tables, columns and years granted, and lists what it could not read', () => {
    const run = runBuiltCli(['catalogue', 'from-request-form', 'form.xlsx', '--out', 'project.leo-catalogue.json'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Data Tables row \d+: warning: could not read the mark "perhaps" for HESA/);
    assert.match(run.stdout, /SC_Pupil_01-02_to_20-21 row \d+: warning: could not read the mark "maybe" for EthnicGroupMajor_\[term\]\[yy\]/);
    assert.match(run.stdout, /could not read the years "the last few" for YearOfBirth_\[term\]\[yy\]/);
    assert.match(run.stdout, /wrote project\.leo-catalogue\.json: 5 tables granted, 3 requested fields/);
    assert.match(run.stdout, /"extract": "project\.leo-catalogue\.json"/);

    const written = JSON.parse(fs.readFileSync(path.join(root, 'project.leo-catalogue.json'), 'utf8'));
    assert.equal(written.formatVersion, 1);
    const tables = written.extract.tables.map((t: { table: string }) => t.table).sort();
    assert.deepEqual(tables, ['ks4', 'leo-earnings', 'link-ae-id-edukey', 'link-ae-id-pmr', 'school-census']);
    const census = written.extract.tables.find((t: { table: string }) => t.table === 'school-census');
    const byName = new Map(census.columns.map((c: { name: string }) => [c.name, c]));
    assert.deepEqual(byName.get('FSMeligible_[term][yy]'), { name: 'FSMeligible_[term][yy]', years: { from: 2015, to: 2019 } });
    assert.deepEqual(byName.get('Gender_[term][yy]'), { name: 'Gender_[term][yy]', years: { from: 2018, to: 2019 } });
    assert.ok(byName.has('PupilMatchingRefAnonymous_[term][yy]'), 'default items come with the table');
    assert.ok(!byName.has('EthnicGroupMajor_[term][yy]'), 'an unreadable mark is left out');
    const earnings = written.extract.tables.find((t: { table: string }) => t.table === 'leo-earnings');
    assert.equal(earnings.columns, 'all');

    const validate = runBuiltCli(['catalogue', 'validate', 'project.leo-catalogue.json'], root);
    assert.equal(validate.status, 0, validate.stderr);
  });

  it('is what lint then checks names against', () => {
    fs.writeFileSync(path.join(root, '.leo-lens.json'), JSON.stringify({ extract: 'project.leo-catalogue.json' }));
    fs.writeFileSync(
      path.join(root, 'q.sql'),
      'SELECT s.FSMeligible_SPR19, s.EthnicGroupMajor_SPR19\nFROM npd_i2."<project number>".spring_census_2019 s;\nSELECT b.EduKey FROM LEO_i2."<project number>".leo_benefit b;\n',
    );
    const run = runBuiltCli(['lint', 'q.sql', '--format', 'json', '--fail-on', 'none'], root);
    assert.equal(run.status, 0, run.stderr);
    const diagnostics = JSON.parse(run.stdout).files[0].diagnostics as { code: string; line: number; column: number }[];
    assert.deepEqual(diagnostics.filter((d) => d.code === 'LEO106').map((d) => [d.line, d.column]), [[1, 31], [3, 48]]);
  });

  it('refuses a workbook that is not a request form, and a missing file, with exit 2', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['just', 'numbers']);
    await other.xlsx.writeFile(path.join(root, 'other.xlsx'));
    const notForm = runBuiltCli(['catalogue', 'from-request-form', 'other.xlsx'], root);
    assert.equal(notForm.status, 2);
    assert.match(notForm.stderr, /does not look like a LEO variable request form/);
    const missing = runBuiltCli(['catalogue', 'from-request-form', 'nope.xlsx'], root);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the request form/);
    const usage = runBuiltCli(['catalogue', 'from-request-form'], root);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /exactly one request form/);
  });
});
