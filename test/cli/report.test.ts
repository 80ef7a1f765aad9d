/** `leo-lens report`: the document for an output request, in markdown and HTML. */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBuiltCli } from '../support/runCli';

const RISKY = [
  'SELECT sc.FSMeligible_SPR19, COUNT(*) AS pupils',
  'FROM npd_i2."<project number>".spring_census_2019 AS sc',
  'GROUP BY sc.FSMeligible_SPR19;',
  '',
].join('\n');

const ALLOWED = [
  '-- leo-lens: allow SDC010 -- national totals by FSM status, every cell is in the hundreds of thousands',
  'SELECT sc.FSMeligible_SPR19, COUNT(*) AS pupils',
  'FROM npd_i2."<project number>".spring_census_2019 AS sc',
  'GROUP BY sc.FSMeligible_SPR19;',
  '',
].join('\n');

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'leo-lens-report-'));
  fs.writeFileSync(path.join(root, 'risky.sql'), RISKY);
  fs.writeFileSync(path.join(root, 'allowed.sql'), ALLOWED);
  return root;
}

describe('CLI report', () => {
  it('writes markdown with checksums, findings, allowances with reasons and the rule checklist', () => {
    const root = project();
    const run = runBuiltCli(['report', '--out', 'out/report.md'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Wrote out\/report\.md: 2 files/);
    const report = fs.readFileSync(path.join(root, 'out/report.md'), 'utf8');
    const sha = createHash('sha256').update(fs.readFileSync(path.join(root, 'risky.sql'))).digest('hex');
    assert.ok(report.includes(sha), 'the checksum of each file checked');
    assert.match(report, /SDC010/);
    assert.match(report, /national totals by FSM status/);
    assert.match(report, /ons-srs/);
    assert.match(report, /SDC025/, 'the checklist lists every rule');
  });

  it('writes HTML when asked, and fails on findings only with --fail-on', () => {
    const root = project();
    assert.equal(runBuiltCli(['report', '--out', 'report.html'], root).status, 0);
    assert.match(fs.readFileSync(path.join(root, 'report.html'), 'utf8'), /<html[\s>]/i);
    assert.equal(runBuiltCli(['report', '--out', 'report.html', '--fail-on', 'warning'], root).status, 1);
  });

  it('refuses a missing or unknown --out', () => {
    const root = project();
    assert.equal(runBuiltCli(['report'], root).status, 2);
    const run = runBuiltCli(['report', '--out', 'report.pdf'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--out must end in \.md or \.html/);
  });
});
