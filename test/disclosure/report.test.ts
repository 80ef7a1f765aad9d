/**
 * The pre-submission report: files with checksums, catalogue and profile, findings with fixes, allowances with
 * reasons, and the checklist of rules, in markdown and HTML.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { resolveDisclosureConfig } from '../../server/src/disclosure/config';
import { buildReport, renderReportHtml, renderReportMarkdown, type ReportInput } from '../../server/src/disclosure/report';
import { analyse, setUpDisclosure } from './support/check';

const SQL = `-- leo-lens: allow SDC010 -- national totals by tax year, every cell above a million\nSELECT e.TaxYear, COUNT(*) AS n FROM LEO_i2."<p>".leo_earnings AS e GROUP BY e.TaxYear;\n\nSELECT TOP 5 e.Earnings FROM LEO_i2."<p>".leo_earnings AS e;\n`;
const R = `earn <- read_csv("data/earnings.csv")\n# leo-lens: allow SDC013\nearn |> summarise(m = median(Earnings))\n`;

function input(): ReportInput {
  const sql = analyse('sql', SQL);
  const r = analyse('r', R);
  return {
    generatedAt: '2026-11-30T12:00:00Z',
    toolVersion: '0.1.0',
    catalogue: { name: 'LEO I2SE', version: '2.3' },
    config: resolveDisclosureConfig({ rules: { SDC025: 'off' } }),
    files: [
      { path: 'sql/earnings.sql', text: SQL, language: 'sql', findings: sql.findings, allowances: sql.allowances },
      { path: 'r/median.R', text: R, language: 'r', findings: r.findings, allowances: r.allowances },
    ],
  };
}

describe('disclosure report', () => {
  before(setUpDisclosure);

  it('lists every file with the SHA-256 of its text', () => {
    const doc = buildReport(input());
    assert.deepEqual(doc.files.map((f) => f.path), ['r/median.R', 'sql/earnings.sql']);
    assert.equal(doc.files[1]!.sha256, createHash('sha256').update(SQL, 'utf8').digest('hex'));
  });

  it('locates findings by line and column and carries the rule advice', () => {
    const doc = buildReport(input());
    const sql = doc.files.find((f) => f.path === 'sql/earnings.sql')!;
    const listing = sql.findings.find((f) => f.code === 'SDC002')!;
    assert.equal(listing.line, 4);
    assert.equal(listing.column, 1);
    assert.ok(listing.help !== undefined && listing.help.length > 0);
  });

  it('keeps each allowance with its reason, and flags the one without', () => {
    const doc = buildReport(input());
    const reasons = doc.files.flatMap((f) => f.allowances.map((a) => a.reason ?? '(none)'));
    assert.deepEqual(reasons.sort(), ['(none)', 'national totals by tax year, every cell above a million']);
    assert.equal(doc.totals.missingReasons, 1);
    const sql = doc.files.find((f) => f.path === 'sql/earnings.sql')!;
    assert.deepEqual(sql.allowances[0]!.silenced, [{ line: 2, code: 'SDC010' }]);
  });

  it('has a checklist of every rule with its state', () => {
    const doc = buildReport(input());
    const state = (code: string) => doc.checklist.find((c) => c.code === code)!.state;
    assert.equal(state('SDC010'), 'allowed');
    assert.equal(state('SDC002'), 'findings');
    assert.equal(state('SDC025'), 'off');
    assert.equal(state('SDC018'), 'clear');
    assert.equal(doc.checklist.length, 19);
  });

  it('renders markdown with the catalogue, profile, files, findings, allowances and checklist', () => {
    const md = renderReportMarkdown(input());
    assert.match(md, /^# LEO Lens disclosure check/);
    assert.match(md, /Catalogue: LEO I2SE \(version 2\.3\)\./);
    assert.match(md, /Profile: `ons-srs`\./);
    assert.match(md, /\| sql\/earnings\.sql \| sql \| `[0-9a-f]{64}` \|/);
    assert.match(md, /\*\*SDC002\*\* \(warning\) at line 4, column 1/);
    assert.match(md, /national totals by tax year, every cell above a million \| SDC010 at line 2/);
    assert.match(md, /\*\*missing: give a reason\*\*/);
    assert.match(md, /\| \[x\] \| \[SDC018\]\(docs\/rules\/SDC018\.md\) \| graphic-embeds-data \|/);
  });

  it('renders escaped, self-contained HTML', () => {
    const html = renderReportHtml(input());
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!html.includes('<script'));
    assert.match(html, /<td>sql\/earnings\.sql<\/td><td>sql<\/td><td><code>[0-9a-f]{64}<\/code>/);
    assert.match(html, /<a href="docs\/rules\/SDC002\.md"><strong>SDC002<\/strong><\/a>/);
    assert.match(html, /missing: give a reason/);
  });
});
