/**
 * Go to definition, document symbols and folding, driven by fixtures with the cursor marked `$0`.
 */
import { strict as assert } from 'node:assert';
import { sqlLanguage } from '../../../server/src/languages/sql/index';
import type { DefinitionTarget, DocumentSymbolInfo } from '../../../server/src/languages/types';
import { bundledCatalogue, contextWith } from './support/catalogues';
import { withCursor } from './support/cursor';

const P = '"<project number>"';
const EARNINGS = `LEO_i2.${P}.leo_earnings`;

/** Expected targets: the document text a target spans, or `catalogue:<table>[.<column>]`. */
function check(fixture: string, expected: readonly string[]): void {
  const { text, offset } = withCursor(fixture);
  const targets = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).definition(offset);
  const show = (t: DefinitionTarget): string => (t.kind === 'document' ? `${text.slice(t.start, t.end)}@${t.start}` : `catalogue:${t.table}${t.column ? `.${t.column}` : ''}`);
  const want = expected.map((e) => (e.startsWith('catalogue:') ? e : `${e.split('@')[0]}@${text.indexOf(e.split('@')[0]!, Number(e.split('@')[1] ?? 0))}`));
  assert.deepEqual(targets.map(show), want, fixture);
}

describe('sql go to definition', () => {
  it('leads from an alias to its definition', () => {
    check(`SELECT e$0.TaxYear FROM ${EARNINGS} e`, ['e@61']);
  });

  it('leads from a CTE or temp table to where the script defines it', () => {
    check('WITH c AS (SELECT 1 AS x) SELECT * FROM c$0', ['c']);
    check('CREATE TABLE #t (a int);\nSELECT * FROM #t$0', ['#t']);
    check('SELECT 1 AS a INTO #t;\nDROP TABLE #t$0', ['#t']);
  });

  it('leads from a catalogued table or column to its catalogue entry', () => {
    check(`SELECT * FROM LEO_i2.${P}.leo_earn$0ings`, ['catalogue:leo-earnings']);
    check(`SELECT e.TaxY$0ear FROM ${EARNINGS} e`, ['catalogue:leo-earnings.TaxYear']);
  });

  it('leads from a column of a CTE to the select item and to the catalogue column behind it', () => {
    check(`WITH c AS (SELECT e.TaxYear AS ty FROM ${EARNINGS} e) SELECT c.t$0y FROM c`, ['ty', 'catalogue:leo-earnings.TaxYear']);
  });

  it('leads nowhere from unknown names', () => {
    check('SELECT x.y$0 FROM dbo.unknown x', []);
  });
});

describe('sql document symbols and folding', () => {
  const text = [
    'IF OBJECT_ID(\'tempdb..#t\') IS NULL',
    'BEGIN',
    '    CREATE TABLE #t (a int);',
    'END',
    'GO',
    'DECLARE @n int = 1;',
    'WITH c AS (',
    '    SELECT 1 AS x',
    ')',
    'SELECT x',
    'INTO #u',
    'FROM c;',
    '/* a long',
    '   comment */',
    '-- one',
    '-- two',
    'GO',
  ].join('\n');

  it('lists statements under their batches, with CTEs, temp tables and variables as children', () => {
    const symbols = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).symbols();
    const show = (s: DocumentSymbolInfo): string => `${s.kind}:${s.name}${s.children ? `[${s.children.map(show).join(', ')}]` : ''}`;
    assert.deepEqual(symbols.map(show), [
      "batch:Batch 1[statement:IF OBJECT_ID('tempdb..#t') IS NULL, statement:CREATE TABLE #t (a int);[temp-table:#t]]",
      'batch:Batch 2[statement:DECLARE @n int = 1;[variable:@n], statement:WITH c AS ( SELECT 1 AS x ) SELECT x INTO #u FROM c;[cte:c, temp-table:#u]]',
    ]);
  });

  it('folds batches, BEGIN … END, CTEs, multi-line statements and comments', () => {
    const ranges = sqlLanguage.analyse(text, contextWith(bundledCatalogue())).folding();
    const show = ranges.map((r) => `${r.kind ?? 'code'}:${text.slice(r.start, r.end).split('\n')[0]}`);
    assert.deepEqual(show.sort(), [
      'code:BEGIN',
      'code:WITH c AS (',
      'code:c AS (',
      'comment:-- one',
      'comment:/* a long',
      "region:IF OBJECT_ID('tempdb..#t') IS NULL",
      'region:DECLARE @n int = 1;',
    ].sort());
  });
});
