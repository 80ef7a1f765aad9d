/**
 * For every rule: scripts that trigger it and the same scripts with the fix applied, which must be clean.
 * The rule pages in docs/rules show the first pair of each rule.
 */
import type { DisclosureConfig } from '../../server/src/disclosure/config';
import type { Language } from './support/check';

export interface RuleCase {
  readonly code: string;
  readonly language: Language;
  readonly title: string;
  readonly failing: string;
  readonly passing: string;
  readonly config?: DisclosureConfig;
}

const CENSUS = 'npd_i2."<project number>".spring_census_2019';
const EARNINGS = 'LEO_i2."<project number>".leo_earnings';

const R_COHORT = `cohort <- read_csv("data/cohort_2019.csv")\n`;

export const RULE_CASES: readonly RuleCase[] = [
  {
    code: 'SDC001', language: 'sql', title: 'bcp writes record-level rows to a file',
    failing: `EXEC xp_cmdshell 'bcp "SELECT FSMeligible_SPR19, SENprovision_SPR19 FROM npd_i2.[2002237].spring_census_2019" queryout "D:\\outputs\\pupils.csv" -c -T';\n`,
    passing: `EXEC xp_cmdshell 'bcp "SELECT FSMeligible_SPR19, ROUND(COUNT(*) / 5.0, 0) * 5 AS pupils FROM npd_i2.[2002237].spring_census_2019 GROUP BY FSMeligible_SPR19 HAVING COUNT(*) >= 10" queryout "D:\\outputs\\pupils.csv" -c -T';\n`,
  },
  {
    code: 'SDC001', language: 'r', title: 'write.csv of the cohort itself',
    failing: `${R_COHORT}write.csv(cohort, "outputs/cohort.csv")\n`,
    passing: `${R_COHORT}tab <- cohort |> count(fsm) |> filter(n >= 10) |> mutate(n = round(n / 5) * 5)\nwrite.csv(tab, "outputs/fsm_counts.csv")\n`,
  },
  {
    code: 'SDC002', language: 'sql', title: 'a look at the first rows',
    failing: `SELECT TOP 10 FSMeligible_SPR19, SENprovision_SPR19\nFROM ${CENSUS};\n`,
    passing: `SELECT COUNT(*) AS pupils\nFROM ${CENSUS};\n`,
  },
  {
    code: 'SDC002', language: 'sql', title: 'a page of rows fetched with OFFSET … FETCH, as TOP fetches them',
    failing: `SELECT FSMeligible_SPR19, SENprovision_SPR19\nFROM ${CENSUS}\nORDER BY FSMeligible_SPR19\nOFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;\n`,
    passing: `SELECT FSMeligible_SPR19, SENprovision_SPR19\nINTO #rest\nFROM ${CENSUS}\nORDER BY FSMeligible_SPR19\nOFFSET 20 ROWS;\n`,
  },
  {
    code: 'SDC002', language: 'r', title: 'head() at the top level prints records',
    failing: `${R_COHORT}head(cohort)\n`,
    passing: `${R_COHORT}cohort |> count(fsm) |> filter(n >= 10)\n`,
  },
  {
    code: 'SDC003', language: 'sql', title: 'a pupil key in a listing',
    failing: `SELECT TOP 20 sc.PupilMatchingRefAnonymous_SPR19, sc.FSMeligible_SPR19\nFROM ${CENSUS} AS sc;\n`,
    passing: `SELECT COUNT(DISTINCT sc.PupilMatchingRefAnonymous_SPR19) AS pupils\nFROM ${CENSUS} AS sc;\n`,
  },
  {
    code: 'SDC003', language: 'r', title: 'EduKey kept in an exported table',
    failing: `earn <- read_csv("data/earnings.csv")\nper_person <- earn |> group_by(Edukey) |> summarise(total = sum(Earnings))\nwrite_csv(per_person, "outputs/earnings.csv")\n`,
    passing: `earn <- read_csv("data/earnings.csv")\nby_year <- earn |> group_by(TaxYear) |> summarise(n = n_distinct(Edukey)) |> filter(n >= 10) |> mutate(n = round(n / 5) * 5)\nwrite_csv(by_year, "outputs/earners.csv")\n`,
  },
  {
    code: 'SDC010', language: 'sql', title: 'GROUP BY with no HAVING',
    failing: `SELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.EthnicGroupMajor_SPR19;\n`,
    passing: `SELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10;\n`,
  },
  {
    code: 'SDC010', language: 'r', title: 'count() printed with no filter',
    failing: `${R_COHORT}cohort |> count(fsm, sen)\n`,
    passing: `${R_COHORT}cohort |> count(fsm, sen) |> filter(n >= 10)\n`,
  },
  {
    code: 'SDC011', language: 'sql', title: 'minimum and maximum earnings',
    failing: `SELECT e.TaxYear, MIN(e.Earnings) AS lowest, MAX(e.Earnings) AS highest, COUNT(*) AS n\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n`,
    passing: `SELECT e.TaxYear, COUNT(*) AS n\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n`,
  },
  {
    code: 'SDC011', language: 'r', title: 'summary() prints the minimum and maximum',
    failing: `earn <- read_csv("data/earnings.csv")\nsummary(earn$Earnings)\n`,
    passing: `earn <- read_csv("data/earnings.csv")\nearn |> summarise(median_earnings = round(median(Earnings), -2), n = n())\n`,
  },
  {
    code: 'SDC012', language: 'sql', title: 'mean earnings by group',
    failing: `SELECT e.TaxYear, AVG(e.Earnings) AS mean_earnings, COUNT(*) AS n\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n`,
    passing: `SELECT e.TaxYear, AVG(e.Earnings) AS mean_earnings, COUNT(*) AS n\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10 AND MAX(e.Earnings) <= 0.5 * SUM(e.Earnings);\n`,
  },
  {
    code: 'SDC012', language: 'r', title: 'mean earnings by group with a dominance helper',
    failing: `earn <- read_csv("data/earnings.csv")\nearn |> group_by(TaxYear) |> summarise(mean_earn = mean(Earnings), n = n()) |> filter(n >= 10)\n`,
    passing: `earn <- read_csv("data/earnings.csv")\nearn |> group_by(TaxYear) |> summarise(mean_earn = mean(Earnings), n = n()) |> filter(n >= 10) |> check_dominance()\n`,
    config: { dominanceHelpers: ['check_dominance'] },
  },
  {
    code: 'SDC013', language: 'sql', title: 'an unrounded median',
    failing: `SELECT DISTINCT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY e.Earnings) OVER () AS median_earnings\nFROM ${EARNINGS} AS e\nWHERE e.TaxYear = 201819;\n`,
    passing: `SELECT DISTINCT ROUND(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY e.Earnings) OVER (), -2) AS median_earnings\nFROM ${EARNINGS} AS e\nWHERE e.TaxYear = 201819;\n`,
  },
  {
    code: 'SDC013', language: 'r', title: 'an unrounded median',
    failing: `earn <- read_csv("data/earnings.csv")\nearn |> summarise(median_earn = median(Earnings))\n`,
    passing: `earn <- read_csv("data/earnings.csv")\nearn |> summarise(median_earn = round(median(Earnings), -2))\n`,
  },
  {
    code: 'SDC014', language: 'sql', title: 'different markers for zero and small cells',
    failing: `SELECT sc.SENprovision_SPR19,\n       CASE WHEN COUNT(*) = 0 THEN '-' WHEN COUNT(*) < 10 THEN '<10' ELSE CAST(COUNT(*) AS varchar(10)) END AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.SENprovision_SPR19;\n`,
    passing: `SELECT sc.SENprovision_SPR19,\n       CASE WHEN COUNT(*) < 10 THEN 'c' ELSE CAST(COUNT(*) AS varchar(10)) END AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.SENprovision_SPR19;\n`,
  },
  {
    code: 'SDC014', language: 'r', title: 'complete() after the guard brings the zeros back',
    failing: `${R_COHORT}cohort |> count(fsm, sen) |> filter(n >= 10) |> complete(fsm, sen, fill = list(n = 0))\n`,
    passing: `${R_COHORT}cohort |> count(fsm, sen) |> filter(n >= 10)\n`,
  },
  {
    code: 'SDC015', language: 'sql', title: 'ROLLUP totals next to a HAVING guard',
    failing: `SELECT sc.FSMeligible_SPR19, sc.SENprovision_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY ROLLUP(sc.FSMeligible_SPR19, sc.SENprovision_SPR19)\nHAVING COUNT(*) >= 10;\n`,
    passing: `WITH cells AS (\n    SELECT sc.FSMeligible_SPR19 AS fsm, sc.SENprovision_SPR19 AS sen, COUNT(*) AS pupils\n    FROM ${CENSUS} AS sc\n    GROUP BY sc.FSMeligible_SPR19, sc.SENprovision_SPR19\n    HAVING COUNT(*) >= 10\n)\nSELECT fsm, sen, pupils FROM cells\nUNION ALL\nSELECT fsm, 'Total', SUM(pupils) FROM cells GROUP BY fsm;\n`,
  },
  {
    code: 'SDC015', language: 'r', title: 'adorn_totals() before the filter',
    failing: `${R_COHORT}cohort |> count(sen) |> adorn_totals() |> filter(n >= 10)\n`,
    passing: `${R_COHORT}cohort |> count(sen) |> filter(n >= 10) |> adorn_totals()\n`,
  },
  {
    code: 'SDC016', language: 'r', title: 'a school fixed effect',
    failing: `ks4 <- read_csv("data/ks4.csv")\nmodel <- lm(KS4_AVPTSENT ~ KS4_FSM6 + factor(KS4_URN_anon), data = ks4)\n`,
    passing: `ks4 <- read_csv("data/ks4.csv")\nmodel <- lm(KS4_AVPTSENT ~ KS4_FSM6 + KS4_KS2APS, data = ks4)\n`,
  },
  {
    code: 'SDC017', language: 'r', title: 'a scatter plot of records',
    failing: `earn <- read_csv("data/earnings.csv")\nggplot(earn, aes(x = TaxYear, y = Earnings)) + geom_point()\n`,
    passing: `earn <- read_csv("data/earnings.csv")\nby_year <- earn |> count(TaxYear) |> filter(n >= 10)\nggplot(by_year, aes(x = TaxYear, y = n)) + geom_col()\n`,
  },
  {
    code: 'SDC018', language: 'r', title: 'a plot saved as SVG',
    failing: `ggsave("outputs/figure1.svg", width = 6, height = 4)\n`,
    passing: `ggsave("outputs/figure1.png", width = 6, height = 4)\n`,
  },
  {
    code: 'SDC020', language: 'sql', title: 'the same table with and without one more filter',
    failing: `SELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nWHERE sc.NCyearActual_SPR19 = '11'\nGROUP BY sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10;\n\nSELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nWHERE sc.NCyearActual_SPR19 = '11' AND sc.FSMeligible_SPR19 = 1\nGROUP BY sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10;\n`,
    passing: `SELECT sc.EthnicGroupMajor_SPR19, sc.FSMeligible_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nWHERE sc.NCyearActual_SPR19 = '11'\nGROUP BY sc.EthnicGroupMajor_SPR19, sc.FSMeligible_SPR19\nHAVING COUNT(*) >= 10;\n`,
  },
  {
    code: 'SDC020', language: 'sql', title: 'two series side by side from different tables are not nested',
    failing: `SELECT e.TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS earners\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n\nSELECT e.TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS earners\nFROM ${EARNINGS} AS e\nWHERE e.Earnings > 0\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n`,
    passing: `SELECT e.TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS earners\nFROM ${EARNINGS} AS e\nGROUP BY e.TaxYear\nHAVING COUNT(*) >= 10;\n\nSELECT sa.TaxYear, ROUND(COUNT(*) / 5.0, 0) * 5 AS filers\nFROM LEO_i2."<project number>".leo_self_assessment AS sa\nWHERE sa.Self_Employed = 1\nGROUP BY sa.TaxYear\nHAVING COUNT(*) >= 10;\n`,
  },
  {
    code: 'SDC021', language: 'sql', title: 'ethnicity by small area',
    failing: `SELECT sc.LSOA11_SPR19, sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.LSOA11_SPR19, sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10;\n`,
    passing: `SELECT sc.LA_SPR19_anon, sc.EthnicGroupMajor_SPR19, COUNT(*) AS pupils\nFROM ${CENSUS} AS sc\nGROUP BY sc.LA_SPR19_anon, sc.EthnicGroupMajor_SPR19\nHAVING COUNT(*) >= 10;\n`,
  },
  {
    code: 'SDC022', language: 'r', title: 'guarded counts written unrounded',
    failing: `${R_COHORT}tab <- cohort |> count(fsm) |> filter(n >= 10)\nwrite_csv(tab, "outputs/fsm.csv")\n`,
    passing: `${R_COHORT}tab <- cohort |> count(fsm) |> filter(n >= 10) |> mutate(n = round(n / 5) * 5)\nwrite_csv(tab, "outputs/fsm.csv")\n`,
  },
  {
    code: 'SDC023', language: 'r', title: 'a weighted mean with no unweighted count',
    failing: `ks4 <- read_csv("data/ks4.csv")\nks4 |> summarise(score = weighted.mean(KS4_AVPTSENT, weight))\n`,
    passing: `ks4 <- read_csv("data/ks4.csv")\nks4 |> summarise(score = weighted.mean(KS4_AVPTSENT, weight), n = n())\n`,
  },
  {
    code: 'SDC024', language: 'sql', title: 'children in need joined to small areas',
    failing: `SELECT cin.CIN_PupilMatchingRefAnonymous, sc.LSOA11_SPR19\nINTO #cin_areas\nFROM npd_i2."<project number>".cin_2009_to_2021 AS cin\nINNER JOIN ${CENSUS} AS sc ON sc.PupilMatchingRefAnonymous_SPR19 = cin.CIN_PupilMatchingRefAnonymous;\n`,
    passing: `SELECT cin.CIN_PupilMatchingRefAnonymous, sc.LA_SPR19_anon\nINTO #cin_areas\nFROM npd_i2."<project number>".cin_2009_to_2021 AS cin\nINNER JOIN ${CENSUS} AS sc ON sc.PupilMatchingRefAnonymous_SPR19 = cin.CIN_PupilMatchingRefAnonymous;\n`,
  },
  {
    code: 'SDC025', language: 'sql', title: 'a count in a comment',
    failing: `-- Only 7 pupils in the cohort have this SEN type, so merge it.\nSELECT COUNT(*) AS pupils FROM ${CENSUS};\n`,
    passing: `-- Rare SEN types are merged so that no cell falls below 10 pupils.\nSELECT COUNT(*) AS pupils FROM ${CENSUS};\n`,
  },
  {
    code: 'SDC000', language: 'sql', title: 'an allow comment with no reason',
    failing: `-- leo-lens: allow SDC010\nSELECT e.TaxYear, COUNT(*) AS n FROM ${EARNINGS} AS e GROUP BY e.TaxYear;\n`,
    passing: `-- leo-lens: allow SDC010 -- national totals by tax year; every cell holds over a million earners\nSELECT e.TaxYear, COUNT(*) AS n FROM ${EARNINGS} AS e GROUP BY e.TaxYear;\n`,
  },
];
