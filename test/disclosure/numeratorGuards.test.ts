/**
 * A count of only some of a cell's rows (a numerator: `SUM(CASE WHEN … THEN 1 ELSE 0 END)`, `sum(fsm == 1)`) is not
 * bounded by a guard on the cell's total. SDC010 reports it once, at the numerator, with a fix that adds it to the
 * guard; a guard on the numerator (or on its complement beside it) makes the table quiet, and so does a share
 * alone, whose denominator the guard bounds.
 */
import { strict as assert } from 'node:assert';
import { analyse, applyFix, located, setUpDisclosure } from './support/check';

const CENSUS = 'npd_i2."<project number>".spring_census_2019';
const FSM = 'SUM(CASE WHEN sc.FSMeligible_SPR19 = 1 THEN 1 ELSE 0 END)';

const sql = (shown: string, having: string): string =>
  `SELECT sc.HomeLA_SPR19_anon AS home_la,\n       ROUND(COUNT(*) / 5.0, 0) * 5 AS pupils,\n       ${shown}\nFROM ${CENSUS} AS sc\nGROUP BY sc.HomeLA_SPR19_anon\nHAVING ${having};\n`;

const found = (language: 'sql' | 'r', text: string): string[] => located(text, analyse(language, text)).map((f) => `${f.code}@${f.line}`);

describe('SDC010: numerators beside a guarded total', () => {
  before(setUpDisclosure);

  it('T-SQL: reports a conditional count that HAVING COUNT(*) leaves open, at the count', () => {
    const text = sql(`ROUND(${FSM} / 5.0, 0) * 5 AS fsm_pupils`, 'COUNT(*) >= 10');
    assert.deepEqual(found('sql', text), ['SDC010@3']);
  });

  it('T-SQL: the fix adds the numerator to HAVING, and the fixed query is quiet', () => {
    const text = sql(`ROUND(${FSM} / 5.0, 0) * 5 AS fsm_pupils`, 'COUNT(*) >= 10');
    const finding = analyse('sql', text).findings.find((f) => f.code === 'SDC010')!;
    const fix = finding.fixes!.find((f) => !f.title.startsWith('Allow'))!;
    const fixed = applyFix(text, fix);
    assert.ok(fixed.includes(`HAVING COUNT(*) >= 10 AND ${FSM} >= 10;`), fixed);
    assert.deepEqual(found('sql', fixed), []);
  });

  it('T-SQL: COUNT(CASE WHEN … THEN id END) is a numerator, COUNT(CASE … ELSE 0 END) counts every row', () => {
    const conditional = sql('ROUND(COUNT(CASE WHEN sc.FSMeligible_SPR19 = 1 THEN 1 END) / 5.0, 0) * 5 AS fsm_pupils', 'COUNT(*) >= 10');
    assert.deepEqual(found('sql', conditional), ['SDC010@3']);
    const everyRow = sql('ROUND(COUNT(CASE WHEN sc.FSMeligible_SPR19 = 1 THEN 1 ELSE 0 END) / 5.0, 0) * 5 AS rows_seen', 'COUNT(*) >= 10');
    assert.deepEqual(found('sql', everyRow), []);
  });

  it('T-SQL: a guard on the numerator, or an outer filter on its column, protects it; a share alone is quiet', () => {
    assert.deepEqual(found('sql', sql(`ROUND(${FSM} / 5.0, 0) * 5 AS fsm_pupils`, `COUNT(*) >= 10 AND ${FSM} >= 10`)), []);
    const outer =
      `SELECT home_la, pupils, fsm_pupils FROM (\n  SELECT sc.HomeLA_SPR19_anon AS home_la, ROUND(COUNT(*) / 5.0, 0) * 5 AS pupils,\n         ROUND(${FSM} / 5.0, 0) * 5 AS fsm_pupils\n` +
      `  FROM ${CENSUS} AS sc\n  GROUP BY sc.HomeLA_SPR19_anon\n  HAVING COUNT(*) >= 10\n) AS t\nWHERE fsm_pupils >= 10;\n`;
    assert.deepEqual(found('sql', outer), []);
    assert.deepEqual(found('sql', sql(`ROUND(100.0 * ${FSM} / COUNT(*), 1) AS pct_fsm`, 'COUNT(*) >= 10')), []);
  });

  it('R: sum(fsm == 1) after filter(n >= 10) is reported at the sum; filter(n >= 10 & fsm_n >= 10) is quiet', () => {
    const script = (guard: string): string =>
      `library(dplyr)\ncensus <- DBI::dbGetQuery(con, "SELECT HomeLA_SPR19_anon AS la, FSMeligible_SPR19 AS fsm FROM ${CENSUS.replace(/"/g, '\\"')}")\n` +
      `tab <- census %>%\n  group_by(la) %>%\n  summarise(n = n(), fsm_n = sum(fsm == 1)) %>%\n  filter(${guard}) %>%\n  mutate(n = round(n / 5) * 5, fsm_n = round(fsm_n / 5) * 5)\nwrite.csv(tab, "outputs/tab.csv")\n`;
    const open = script('n >= 10');
    assert.deepEqual(found('r', open), ['SDC010@5']);
    const finding = analyse('r', open).findings.find((f) => f.code === 'SDC010')!;
    const fixed = applyFix(open, finding.fixes!.find((f) => !f.title.startsWith('Allow'))!);
    assert.ok(fixed.includes('filter(n >= 10 & fsm_n >= 10)'), fixed);
    assert.deepEqual(found('r', fixed), []);
    assert.deepEqual(found('r', script('n >= 10, fsm_n >= 10')), []);
  });
});
