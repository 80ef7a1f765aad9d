/**
 * Completion, driven by fixtures with the cursor marked `$0`.
 * Each case names labels that must be offered and labels that must not; `[]` means no completion at all.
 */
import { strict as assert } from 'node:assert';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import type { CompletionEntry } from '../../../server/src/languages/types';
import { bundledCatalogue, contextWith } from './support/catalogues';
import { withCursor } from './support/cursor';

const P = '"<project number>"';
const EARNINGS = `LEO_i2.${P}.leo_earnings`;
const CENSUS = `npd_i2.${P}.spring_census_2019`;

interface Expect {
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** Insert text expected for some labels. */
  readonly inserts?: Readonly<Record<string, string>>;
}

function check(fixture: string, expected: Expect | readonly []): readonly CompletionEntry[] {
  const { text, offset } = withCursor(fixture);
  const items = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).complete(offset).items;
  if (Array.isArray(expected)) {
    assert.deepEqual(items.map((i) => i.label), [], `expected no completion in: ${fixture}`);
    return items;
  }
  const labels = items.map((i) => i.label.toLowerCase());
  const want = expected as Expect;
  for (const label of want.includes ?? []) assert.ok(labels.includes(label.toLowerCase()), `${label} missing from [${labels.slice(0, 15).join(', ')}…] in: ${fixture}`);
  for (const label of want.excludes ?? []) assert.ok(!labels.includes(label.toLowerCase()), `${label} offered in: ${fixture}`);
  for (const [label, insert] of Object.entries(want.inserts ?? {})) {
    const item = items.find((i) => i.label.toLowerCase() === label.toLowerCase());
    assert.equal(item?.insertText ?? item?.label, insert, `insert text of ${label}`);
  }
  return items;
}

describe('sql completion', () => {
  it('lists the columns of an alias after `alias.`', () => {
    check(`SELECT e.$0 FROM ${EARNINGS} e`, { includes: ['EduKey', 'TaxYear', 'Earnings'], excludes: ['FSMeligible_SPR19'] });
    check(`SELECT e.Tax$0 FROM ${EARNINGS} e`, { includes: ['TaxYear'] });
    check(`SELECT e.\nFROM ${EARNINGS} e\nWHERE e.$0`, { includes: ['Earnings'] });
  });

  it('instantiates census templates for the view', () => {
    check(`SELECT sc.fsm$0 FROM ${CENSUS} sc`, { includes: ['FSMeligible_SPR19'], excludes: ['FSMeligible_[term][yy]'] });
    check(`SELECT sc.$0 FROM npd_i2.${P}.autumn_census_2015 sc`, { includes: ['FSMeligible_AUT15'] });
  });

  it('offers the columns in scope in expressions, qualified when ambiguous', () => {
    check(`SELECT $0 FROM ${EARNINGS} e`, { includes: ['TaxYear', 'e'] });
    check(`SELECT * FROM ${EARNINGS} e WHERE $0`, { includes: ['Earnings'] });
    check(`SELECT * FROM ${EARNINGS} e JOIN LEO_i2.${P}.leo_benefit b ON $0`, { includes: ['e.Edukey', 'b.EduKey', 'Benefit_type'], excludes: ['EduKey'] });
    check(`SELECT e.TaxYear AS ty FROM ${EARNINGS} e ORDER BY $0`, { includes: ['ty', 'TaxYear'] });
    check(`SELECT * FROM ${EARNINGS} e WHERE EXISTS (SELECT 1 FROM LEO_i2.${P}.leo_benefit b WHERE b.EduKey = $0)`, { includes: ['e.Earnings', 'StartDate'] });
  });

  it('sees CTEs, derived tables and temp tables with the columns their select lists produce', () => {
    check(`WITH c AS (SELECT e.TaxYear AS ty, e.Earnings FROM ${EARNINGS} e) SELECT c.$0 FROM c`, { includes: ['ty', 'Earnings'], excludes: ['Edukey'] });
    check(`SELECT d.$0 FROM (SELECT e.Edukey FROM ${EARNINGS} e) AS d (person)`, { includes: ['person'], excludes: ['Edukey'] });
    check(`SELECT e.Edukey AS k, e.TaxYear INTO #t FROM ${EARNINGS} e;\nSELECT t.$0 FROM #t t`, { includes: ['k', 'TaxYear'] });
    check(`CREATE TABLE #p (pmr varchar(18), yr int);\nINSERT INTO #p (pmr, $0)`, { includes: ['yr'] });
    check(`SELECT x.$0 FROM ${EARNINGS} e OUTER APPLY (SELECT TOP 1 b.StartDate FROM LEO_i2.${P}.leo_benefit b WHERE b.EduKey = e.Edukey) x`, { includes: ['StartDate'] });
  });

  it('offers databases, the schema placeholder and views after FROM and JOIN', () => {
    check('SELECT * FROM $0', { includes: ['npd_i2', 'LEO_i2', 'spring_census_2019', 'leo_earnings'], inserts: { leo_earnings: EARNINGS } });
    check('SELECT * FROM npd_i2.$0', { includes: [P] });
    check(`SELECT * FROM npd_i2.${P}.spr$0`, { includes: ['spring_census_2019'], excludes: ['leo_earnings'] });
    check(`SELECT * FROM ${EARNINGS} e INNER JOIN LEO_i2.${P}.$0`, { includes: ['leo_benefit'] });
    check('WITH c AS (SELECT 1 AS x) SELECT * FROM $0', { includes: ['c'] });
    check('SELECT 1 AS x INTO #mine;\nSELECT * FROM $0', { includes: ['#mine'] });
  });

  it('offers the standard LEO join chains after JOIN', () => {
    const items = check(`SELECT * FROM ${CENSUS} sc INNER JOIN $0`, { includes: ['PMR → AE_ID → EDUKEY from sc'] });
    const snippet = items.find((i) => i.label === 'PMR → AE_ID → EDUKEY from sc')!;
    assert.ok(snippet.isSnippet);
    assert.match(snippet.insertText!, /learner_ae_id_to_pmr_lookup \$\{1:pmr\}\n\tON \$\{1:pmr\}\.PUPILMATCHINGREFANONYMOUS = sc\.PupilMatchingRefAnonymous_SPR19/);
    check(`SELECT * FROM LEO_i2.${P}.learner_ae_id_to_edukey_lookup ek JOIN $0`, { includes: ['leo_earnings on EDUKEY from ek'] });
    check(`SELECT * FROM LILR_i2.${P}.learners lr JOIN $0`, { includes: ['RECORDID → AE_ID → EDUKEY from lr'] });
  });

  it('offers code lists after `col = \'` and in IN lists', () => {
    check(`SELECT * FROM LEO_i2.${P}.leo_benefit b WHERE b.Benefit_type = '$0'`, { includes: ['JSA', 'ESA'], inserts: { JSA: 'JSA' } });
    check(`SELECT * FROM LEO_i2.${P}.leo_benefit b WHERE b.Benefit_type IN ($0`, { includes: ['JSA'], inserts: { JSA: "'JSA'" } });
    check(`SELECT * FROM LEO_i2.${P}.leo_benefit b WHERE b.Benefit_type IN ('JSA', $0`, { includes: ['IB'] });
    check(`SELECT * FROM ${CENSUS} sc WHERE sc.FSMeligible_SPR19 = $0`, { includes: ['1', '0'] });
  });

  it('offers to expand *', () => {
    const items = check(`SELECT *$0 FROM ${EARNINGS} e`, {});
    assert.match(items[0]?.label ?? '', /^\* → 17 columns$/);
    assert.match(items[0]!.insertText!, /^Edukey, TaxYear, Earnings, /);
    const member = check(`SELECT e.$0 FROM ${EARNINGS} e`, { includes: ['*'] }).find((i) => i.label === '*')!;
    assert.match(member.insertText!, /^Edukey, e\.TaxYear, e\.Earnings/);
  });

  it('stays silent where a name is being defined', () => {
    check(`SELECT * FROM ${EARNINGS} $0`, []);
    check(`SELECT * FROM ${EARNINGS} e$0`, []);
    check(`SELECT * FROM ${EARNINGS} AS $0`, []);
    check(`SELECT e.Earnings AS $0 FROM ${EARNINGS} e`, []);
    check('WITH $0', []);
    check('WITH c$0', []);
    check('WITH a AS (SELECT 1 AS x), $0', []);
    check(`SELECT e.Edukey INTO $0 FROM ${EARNINGS} e`, []);
    check('CREATE TABLE #t (a$0', []);
    check('DECLARE @x$0', []);
    check(`SELECT * FROM ${EARNINGS} e -- e.$0`, []);
    check(`SELECT * FROM ${EARNINGS} e WHERE e.Edukey = 'abc$0`, []);
  });

  it('offers keywords after a complete table source', () => {
    check(`SELECT * FROM ${EARNINGS} e $0`, { includes: ['INNER JOIN', 'WHERE'] });
  });

  it('keeps working below a broken statement', () => {
    check(`SELECT COUNT(\n\nSELECT e.$0 FROM ${EARNINGS} e`, { includes: ['TaxYear'] });
    check(`SELECT FROM WHERE ((\nGO\nSELECT e.$0 FROM ${EARNINGS} e`, { includes: ['TaxYear'] });
  });

  it('replaces the word being typed, including its delimiters', () => {
    const { text, offset } = withCursor(`SELECT sc.[fsm$0] FROM ${CENSUS} sc`);
    const item = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).complete(offset).items.find((i) => i.label === 'FSMeligible_SPR19');
    assert.ok(item);
    assert.equal(item.replaceStart, text.indexOf('[fsm'));
  });

  it('resolves documentation lazily', () => {
    const { text, offset } = withCursor(`SELECT sc.fsm$0 FROM ${CENSUS} sc`);
    const analysis = sqlLanguage.analyse(text, contextWith(bundledCatalogue()));
    const item = analysis.complete(offset).items.find((i) => i.label === 'FSMeligible_SPR19')!;
    assert.equal(item.documentation, undefined);
    assert.match(analysis.resolveDocumentation(item.resolveKey!) ?? '', /Free School Meals/);
    assert.equal(analysis.resolveDocumentation('not json'), undefined);
  });
});
