/** The built CLI, run as a child process: commands, output formats and exit codes. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { REPO_ROOT } from '../support/paths';
import { runBuiltCli } from '../support/runCli';

function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const MISSPELT = 'SELECT sc.fsmeligble_spr19\nFROM npd_i2."<project number>".spring_census_2019 AS sc;\n';
const CLEAN = 'SELECT sc.fsmeligible_spr19\nFROM npd_i2."<project number>".spring_census_2019 AS sc;\n';

describe('CLI', () => {
  it('prints help and the version', () => {
    const help = runBuiltCli(['--help'], REPO_ROOT);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /leo-lens lint \[paths\.\.\.\]/);
    const version = runBuiltCli(['--version'], REPO_ROOT);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('rejects an unknown command or option with exit 2 and a clear message', () => {
    const command = runBuiltCli(['frobnicate'], REPO_ROOT);
    assert.equal(command.status, 2);
    assert.match(command.stderr, /unknown command 'frobnicate'/);
    const option = runBuiltCli(['lint', '--colour'], REPO_ROOT);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /unknown option '--colour'/);
    const format = runBuiltCli(['lint', '--format', 'xml'], REPO_ROOT);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be one of text, json, sarif/);
  });

  it('lints the examples to the JSON contract', () => {
    const run = runBuiltCli(['lint', '--format', 'json', 'examples'], REPO_ROOT);
    const output = JSON.parse(run.stdout);
    assert.equal(output.tool.name, 'leo-lens');
    assert.equal(typeof output.tool.version, 'string');
    assert.equal(typeof output.catalogue.id, 'string');
    assert.equal(typeof output.catalogue.version, 'string');
    const languages = new Set(output.files.map((file: { language: string }) => file.language));
    assert.deepEqual([...languages].sort(), ['python', 'r', 'sql', 'stata']);
    const seeded = output.files.find((file: { path: string }) => file.path.endsWith('02-seeded-mistakes.sql'));
    assert.ok(seeded.diagnostics.length >= 3, 'the seeded mistakes are reported');
    for (const diagnostic of seeded.diagnostics) {
      assert.deepEqual(Object.keys(diagnostic).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(diagnostic.severity));
      assert.ok(diagnostic.line >= 1 && diagnostic.column >= 1);
    }
    const total = output.files.reduce((sum: number, file: { diagnostics: unknown[] }) => sum + file.diagnostics.length, 0);
    assert.equal(output.summary.files, output.files.length);
    assert.equal(output.summary.errors + output.summary.warnings + output.summary.infos, total);
    assert.equal(run.status, output.summary.errors + output.summary.warnings > 0 ? 1 : 0);
  });

  it('reports a misspelt column with its 1-based place, and exits by --fail-on', () => {
    const root = tempProject({ 'q.sql': MISSPELT });
    const run = runBuiltCli(['lint', '--format', 'json', 'q.sql'], root);
    assert.equal(run.status, 1);
    const [diagnostic] = JSON.parse(run.stdout).files[0].diagnostics;
    assert.equal(diagnostic.code, 'LEO102');
    assert.equal(diagnostic.line, 1);
    assert.equal(diagnostic.column, 11);
    assert.equal(diagnostic.endColumn, 11 + 'fsmeligble_spr19'.length);
    assert.match(diagnostic.message, /did you mean fsmeligible_spr19/i);
    assert.equal(runBuiltCli(['lint', '--fail-on', 'error', 'q.sql'], root).status, 0);
    assert.equal(runBuiltCli(['lint', '--fail-on', 'none', 'q.sql'], root).status, 0);
  });

  it('exits 0 on clean code and says so in text', () => {
    const root = tempProject({ 'clean.sql': CLEAN });
    const run = runBuiltCli(['lint', '.'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /No findings in 1 file\./);
  });

  it('walks folders by extension, skipping node_modules and ignored paths', () => {
    const root = tempProject({
      'a/one.sql': MISSPELT,
      'a/Two.R': 'x <- 1\n',
      'a/notes.txt': 'SELECT nonsense',
      'node_modules/pkg/q.sql': MISSPELT,
      'old/q.sql': MISSPELT,
      '.leo-lens.json': JSON.stringify({ ignore: ['old/**'] }),
    });
    const output = JSON.parse(runBuiltCli(['lint', '--format', 'json'], root).stdout);
    assert.deepEqual(output.files.map((file: { path: string }) => file.path).sort(), ['a/Two.R', 'a/one.sql']);
  });

  it('applies severity overrides from .leo-lens.json', () => {
    const root = tempProject({ 'q.sql': MISSPELT, '.leo-lens.json': JSON.stringify({ severity: { LEO102: 'off' } }) });
    const run = runBuiltCli(['lint', '--format', 'json', 'q.sql'], root);
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout).files[0].diagnostics, []);
  });

  it('exits 2 with the file, line and JSON path for a broken config', () => {
    const root = tempProject({ 'q.sql': CLEAN, '.leo-lens.json': '{\n  "severity": { "LEO102": "loud" }\n}' });
    const run = runBuiltCli(['lint', 'q.sql'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /\.leo-lens\.json:2:\d+: \$\.severity\.LEO102/);
  });

  it('exits 2 for a missing path or a broken --catalogue', () => {
    const root = tempProject({ 'bad.leo-catalogue.json': '{ "tables": 3 }' });
    assert.equal(runBuiltCli(['lint', 'nowhere'], root).status, 2);
    const run = runBuiltCli(['lint', '--catalogue', 'bad.leo-catalogue.json', '.'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.leo-catalogue\.json/);
  });

  it('skips a huge or binary file with a note instead of failing', () => {
    const root = tempProject({ 'big.sql': 'SELECT 1;\n'.repeat(1000), 'bin.sql': 'SEL\u0000ECT', '.leo-lens.json': JSON.stringify({ maxFileSizeKb: 4 }) });
    const run = runBuiltCli(['lint', '--format', 'json', '.'], root);
    assert.equal(run.status, 0);
    const files = JSON.parse(run.stdout).files as { path: string; skipped?: string }[];
    assert.match(files.find((file) => file.path === 'big.sql')!.skipped!, /over the 4 KB limit/);
    assert.match(files.find((file) => file.path === 'bin.sql')!.skipped!, /binary/);
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema', () => {
    const run = runBuiltCli(['lint', '--format', 'sarif', 'examples'], REPO_ROOT);
    const log = JSON.parse(run.stdout) as { runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string }[] }[] };
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The published schema has one pattern that is valid only without the `u` flag, and its `uri`
    // formats are not what this test is about, so formats are not validated.
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false, logger: false }).compile(schema);
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const rules = log.runs[0].tool.driver.rules as { id: string; help: { text: string } }[];
    assert.ok(rules.some((rule) => rule.id === 'LEO102' && rule.help.text.length > 0));
    assert.ok(log.runs[0].results.some((result: { ruleId: string }) => result.ruleId === 'LEO102'));
  });

  it('explains a census column and an earnings view', () => {
    const column = runBuiltCli(['explain', 'fsmeligible_spr19', '--format', 'json'], REPO_ROOT);
    assert.equal(column.status, 0, column.stderr);
    const result = JSON.parse(column.stdout);
    const fsm = result.columns[0];
    assert.match(fsm.description, /free school meals/i);
    assert.equal(fsm.sensitivity, 'C');
    assert.ok(fsm.codes.length >= 2);
    assert.ok(fsm.years);
    const table = runBuiltCli(['explain', 'LEO_i2."x".leo_earnings'], REPO_ROOT);
    assert.equal(table.status, 0, table.stderr);
    for (const name of ['EduKey', 'TaxYear', 'Earnings']) assert.match(table.stdout, new RegExp(`\\b${name}\\b`, 'i'));
  });

  it('prints catalogue counts and validates catalogue files', () => {
    const stats = JSON.parse(runBuiltCli(['catalogue', 'stats', '--format', 'json'], REPO_ROOT).stdout);
    assert.ok(stats.tables >= 33);
    assert.ok(stats.columns >= 4000);
    const root = tempProject({ 'bad.leo-catalogue.json': '{ "tables": 3 }' });
    const invalid = runBuiltCli(['catalogue', 'validate', 'bad.leo-catalogue.json'], root);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /bad\.leo-catalogue\.json/);
    const valid = runBuiltCli(['catalogue', 'validate', path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json')], root);
    assert.equal(valid.status, 0, valid.stderr);
  });

  it('lints the examples in the demo with findings printed', () => {
    const run = runBuiltCli(['lint', 'examples', '--fail-on', 'none'], REPO_ROOT);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /02-seeded-mistakes\.sql/);
    assert.match(run.stdout, /LEO102/);
  });
});

