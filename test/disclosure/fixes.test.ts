/**
 * Quick fixes: applying the mechanical fix of a finding removes it (and adds no other finding).
 */
import { strict as assert } from 'node:assert';
import { analyse, applyFix, codes, type Language, setUpDisclosure } from './support/check';

const CENSUS = 'npd_i2."<project number>".spring_census_2019';

interface FixCase {
  readonly title: string;
  readonly language: Language;
  readonly code: string;
  readonly text: string;
  /** The fixed text must contain this. */
  readonly expect: string;
}

const CASES: readonly FixCase[] = [
  {
    title: 'adds HAVING COUNT(*) >= 10 after GROUP BY',
    language: 'sql', code: 'SDC010',
    text: `SELECT sc.SENprovision_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.SENprovision_SPR19\nORDER BY pupils DESC;\n`,
    expect: 'GROUP BY sc.SENprovision_SPR19\nHAVING COUNT(*) >= 10\nORDER BY',
  },
  {
    title: 'adds HAVING inside a CTE, where the grouping is',
    language: 'sql', code: 'SDC010',
    text: `WITH t AS (\n    SELECT sc.SENprovision_SPR19 AS sen, COUNT(*) AS pupils\n    FROM ${CENSUS} AS sc\n    GROUP BY sc.SENprovision_SPR19\n)\nSELECT sen, pupils FROM t;\n`,
    expect: '    GROUP BY sc.SENprovision_SPR19\n    HAVING COUNT(*) >= 10\n)',
  },
  {
    title: 'adds the R count filter after count()',
    language: 'r', code: 'SDC010',
    text: `cohort <- read_csv("data/cohort.csv")\ncohort %>%\n  count(fsm, sen)\n`,
    expect: 'count(fsm, sen) %>%\n    filter(n >= 10)',
  },
  {
    title: 'adds the R count filter after summarise()',
    language: 'r', code: 'SDC010',
    text: `cohort <- read_csv("data/cohort.csv")\ntab <- cohort |> group_by(sen) |> summarise(pupils = n())\nprint(tab)\n`,
    expect: 'summarise(pupils = n()) |>\n  filter(pupils >= 10)',
  },
  {
    title: 'chains [N >= 10] after a data.table count',
    language: 'r', code: 'SDC010',
    text: `dt <- fread("data/cohort.csv")\ndt[, .N, by = .(fsm, sen)]\n`,
    expect: 'dt[, .N, by = .(fsm, sen)][N >= 10]',
  },
  {
    title: 'rounds counts before write_csv',
    language: 'r', code: 'SDC022',
    text: `cohort <- read_csv("data/cohort.csv")\ntab <- cohort |> count(fsm) |> filter(n >= 10)\nwrite_csv(tab, "outputs/fsm.csv")\n`,
    expect: 'write_csv(tab |> dplyr::mutate(n = round(n / 5) * 5), "outputs/fsm.csv")',
  },
  {
    title: 'rounds counts and earnings in a pipeline before writing',
    language: 'r', code: 'SDC022',
    text: `earn <- read_csv("data/earnings.csv")\nearn |>\n  group_by(TaxYear) |>\n  summarise(n = n(), median_earn = median(Earnings)) |>\n  filter(n >= 10) |>\n  write_csv("outputs/earnings.csv")\n`,
    expect: 'dplyr::mutate(n = round(n / 5) * 5, median_earn = round(median_earn / 100) * 100) |>\n  write_csv(',
  },
  {
    title: 'drops an identifier from a listing',
    language: 'sql', code: 'SDC003',
    text: `SELECT TOP 20 sc.FSMeligible_SPR19, sc.PupilMatchingRefAnonymous_SPR19, sc.SENprovision_SPR19\nFROM ${CENSUS} AS sc;\n`,
    expect: 'SELECT TOP 20 sc.FSMeligible_SPR19, sc.SENprovision_SPR19\n',
  },
  {
    title: 'drops an identifier from an exported frame',
    language: 'r', code: 'SDC003',
    text: `earn <- read_csv("data/earnings.csv") |> select(Edukey, TaxYear, Earnings)\nwrite.csv(earn, "outputs/earn.csv")\n`,
    expect: 'write.csv(dplyr::select(earn, -Edukey), "outputs/earn.csv")',
  },
  {
    title: 'saves a PNG instead of an SVG',
    language: 'r', code: 'SDC018',
    text: `ggsave("outputs/figure.svg")\n`,
    expect: 'ggsave("outputs/figure.png")',
  },
  {
    title: 'hides box plot outliers',
    language: 'r', code: 'SDC017',
    text: `earn <- read_csv("data/earnings.csv")\nggplot(earn, aes(factor(TaxYear), Earnings)) + geom_boxplot(width = 0.5)\n`,
    expect: 'geom_boxplot(outlier.shape = NA, width = 0.5)',
  },
];

describe('disclosure quick fixes', () => {
  before(setUpDisclosure);

  for (const c of CASES) {
    it(`${c.code}: ${c.title}`, () => {
      const before = analyse(c.language, c.text);
      const finding = before.findings.find((f) => f.code === c.code);
      assert.ok(finding !== undefined, `expected ${c.code}, got ${codes(before).join(', ')}`);
      const fix = finding.fixes?.find((f) => !f.title.startsWith('Allow'));
      assert.ok(fix !== undefined, `expected a mechanical fix for ${c.code}`);
      const fixed = applyFix(c.text, fix);
      assert.ok(fixed.includes(c.expect), `fixed text:\n${fixed}`);
      const after = analyse(c.language, fixed);
      const remaining = after.findings.filter((f) => f.code === c.code);
      assert.deepEqual(remaining.map((f) => f.message), [], `still reported after the fix:\n${fixed}`);
    });
  }
});

describe('disclosure quick fixes for weak guards', () => {
  before(setUpDisclosure);

  it('SDC010: strengthens a HAVING whose threshold is too low', () => {
    const text = `SELECT sc.SENprovision_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.SENprovision_SPR19\nHAVING COUNT(*) > 4;\n`;
    const finding = analyse('sql', text).findings.find((f) => f.code === 'SDC010')!;
    const fixed = applyFix(text, finding.fixes!.find((f) => !f.title.startsWith('Allow'))!);
    assert.ok(fixed.includes('HAVING COUNT(*) > 4 AND COUNT(*) >= 10;'), fixed);
    assert.deepEqual(codes(analyse('sql', fixed)), []);
  });
});
