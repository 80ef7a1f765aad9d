/**
 * Reference diagnostics LEO101–LEO105, one line per case: the SQL, then the findings as `CODE text` pairs
 * (the code and the exact text it underlines), in document order.
 */
import { strict as assert } from 'node:assert';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import type { AnalysisContext } from '../../../server/src/languages/types';
import { bundledCatalogue, contextWith, smallCatalogue } from './support/catalogues';

const P = '"<project number>"';
const EARNINGS = `LEO_i2.${P}.leo_earnings`;
const BENEFIT = `LEO_i2.${P}.leo_benefit`;
const CENSUS = `npd_i2.${P}.spring_census_2019`;

function check(text: string, expected: readonly string[], context: AnalysisContext = contextWith(bundledCatalogue())): void {
  const findings = sqlLanguage.analyse(text, context).findings;
  assert.deepEqual(findings.map((f) => `${f.code} ${text.slice(f.start, f.end)}`), expected, text);
}

describe('sql reference diagnostics', () => {
  it('LEO102 with a did-you-mean and a fix that replaces the name', () => {
    const text = `SELECT sc.fsmeligble_spr19 FROM ${CENSUS} sc`;
    const [finding] = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).findings;
    assert.equal(finding?.code, 'LEO102');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /did you mean fsmeligible_spr19/);
    const fix = finding.fixes?.[0];
    assert.ok(fix?.preferred);
    const edit = fix.edits[0]!;
    assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), `SELECT sc.fsmeligible_spr19 FROM ${CENSUS} sc`);
  });

  it('keeps delimiters when fixing a delimited name', () => {
    const text = `SELECT e.[Earnigs] FROM ${EARNINGS} e`;
    const fix = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).findings[0]!.fixes![0]!;
    assert.equal(fix.edits[0]!.newText, '[Earnings]');
  });

  it('reports unknown columns, tables and aliases', () => {
    check(`SELECT e.TaxYr, e.Earnigs FROM ${EARNINGS} e`, ['LEO102 TaxYr', 'LEO102 Earnigs']);
    check(`SELECT Earning FROM ${EARNINGS}`, ['LEO102 Earning']);
    check(`SELECT * FROM LEO_i2.${P}.leo_earnngs`, ['LEO101 leo_earnngs']);
    check(`SELECT ee.Earnings FROM ${EARNINGS} e`, ['LEO105 ee']);
    check(`SELECT d.x FROM (SELECT e.Edukey AS x FROM ${EARNINGS} e) d WHERE e.TaxYear = 2019`, ['LEO105 e']);
  });

  it('reports ambiguous unqualified columns with one fix per source', () => {
    const text = `SELECT EduKey FROM ${EARNINGS} e JOIN ${BENEFIT} b ON b.EduKey = e.Edukey`;
    check(text, ['LEO104 EduKey']);
    const fixes = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).findings[0]!.fixes!;
    assert.deepEqual(fixes.map((f) => f.edits[0]!.newText), ['e.EduKey', 'b.EduKey']);
  });

  it('reports years and terms without data', () => {
    check(`SELECT sc.FSMeligible_SPR18 FROM ${CENSUS} sc`, ['LEO103 FSMeligible_SPR18']);
    check(`SELECT * FROM npd_i2.${P}.summer_census_2020`, ['LEO103 summer_census_2020']);
    // The form files a pupil's characteristics under exclusions table 2 only, though table 1 carries them too: the
    // filing is no evidence of absence, so the doubt stays in the hover and no finding is made.
    check(`SELECT x.FSMeligible_ex19, x.URN_ex19_anon, x.Category_ex19 FROM npd_i2.${P}.exclusions_table_1_2019 x`, []);
    check(`SELECT x.FSMeligble_ex19 FROM npd_i2.${P}.exclusions_table_1_2019 x`, ['LEO102 FSMeligble_ex19']);
    check(`SELECT s.FSMeligible_SUM20 FROM npd_i2.${P}.summer_census_2020 s`, ['LEO103 summer_census_2020']);
  });

  it('reports a coverage problem once, where the view is read, not at each use of a table built from it', () => {
    check(
      `SELECT sc.IDACIScore_SPR19 AS score INTO #raw FROM ${CENSUS} sc;\nSELECT CASE WHEN r.score < 0.1 THEN 1 ELSE 2 END AS band FROM #raw r;\n` +
        `WITH c AS (SELECT sc.IDACIScore_SPR19 AS score FROM ${CENSUS} sc) SELECT c.score FROM c;`,
      ['LEO103 IDACIScore_SPR19', 'LEO103 IDACIScore_SPR19'],
    );
  });

  it('applies severity overrides', () => {
    const text = `SELECT e.TaxYr FROM ${EARNINGS} e`;
    assert.equal(sqlLanguage.analyse(text, contextWith(bundledCatalogue(), { LEO102: 'error' })).findings[0]?.severity, 'error');
    check(text, [], contextWith(bundledCatalogue(), { LEO102: 'off' }));
  });

  it('is silent on what the script defines and on what it cannot know', () => {
    check('SELECT t.anything FROM #t t', []);
    check('DECLARE @t TABLE (a int); SELECT t.b FROM @t t', []);
    check('WITH c AS (SELECT 1 AS x) SELECT c.x, c.y FROM c', []);
    check(`SELECT e.Edukey INTO dbo.keep FROM ${EARNINGS} e;\nSELECT k.whatever FROM dbo.keep k`, []);
    check('SELECT x.y FROM scratch.dbo.my_table x', []);
    check('SELECT anything FROM some_view', []);
    check(`SELECT * FROM ${EARNINGS} e JOIN dbo.mine m ON m.k = e.Edukey WHERE zzz = 1`, []);
    check(`EXEC ('SELECT nonsense FROM ${EARNINGS}')`, []);
    check(`SELECT e.Edukey FROM ${EARNINGS} e WHERE e.TaxYear = (SELECT MAX(TaxYear) FROM ${EARNINGS})`, []);
    check(`SELECT e.TaxYear AS ty FROM ${EARNINGS} e ORDER BY ty`, []);
    check(`SELECT t.TABLE_NAME FROM INFORMATION_SCHEMA.TABLES t`, []);
    check(`SELECT e.Tax FROM ${EARNINGS} e WHERE (`, ['LEO102 Tax']);
  });

  it('checks project tables that a catalogue overlay describes', () => {
    const small = contextWith(smallCatalogue());
    check('SELECT c.pmr, c.cohort_yr FROM scratch.dbo.cohort c', ['LEO102 cohort_yr'], small);
    check('SELECT c.x FROM scratch.dbo.not_described c', [], small);
  });

  it('reports every problem in a statement', () => {
    check(`SELECT e.Edukey, e.TaxYr, b.Benefit_typ FROM ${EARNINGS} e JOIN ${BENEFIT} b ON b.EduKey = e.Edukey WHERE b.StartDat > 0 AND zz.a = 1`,
      ['LEO102 TaxYr', 'LEO102 Benefit_typ', 'LEO102 StartDat', 'LEO105 zz']);
  });
});
