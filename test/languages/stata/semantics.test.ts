/**
 * Stata semantics the disclosure rules depend on, one do-file per case: what `tabstat`, `histogram`, `graph box`,
 * `sts graph`, `fillin`, `display x[1]`, `collect export`, weights, `egen` on a table and programs show or write,
 * the way Stata runs them. Each case marks the findings it expects at the end of their line with `«CODE …»`;
 * the markers are taken out before the text is analysed, and every finding a user would see must be marked.
 */
import { strict as assert } from 'node:assert';
import { setUpDisclosure } from '../../disclosure/support/check';
import { allFindings } from './support';

/** Earnings records with a person key, from a view whose columns the catalogue knows. */
const EARNINGS = 'odbc load, exec("SELECT e.Edukey AS edukey, e.Earnings AS earnings, e.TaxYear AS taxyear FROM LEO_i2.dbo.leo_earnings AS e") dsn("LEO_i2") clear\n';

interface Case {
  readonly name: string;
  readonly text: string;
}

/** The text without its markers, and the `CODE@line` pairs they mark. */
function unmark(marked: string): { text: string; expected: string[] } {
  const expected: string[] = [];
  const lines = marked.split('\n').map((line, index) => {
    const m = /\s*«([^»]*)»\s*$/.exec(line);
    if (!m) return line;
    for (const code of m[1]!.split(/\s+/).filter((c) => c.length > 0)) expected.push(`${code}@${index + 1}`);
    return line.slice(0, m.index);
  });
  return { text: lines.join('\n'), expected: expected.sort() };
}

function found(text: string): string[] {
  return [...new Set(allFindings('stata', text).map((f) => `${f.code}@${f.line}`))].sort();
}

const CASES: readonly Case[] = [
  {
    name: 'tabstat, stats() is statistics(): minimum and maximum, a mean of money by group, cells with no guard',
    text: `${EARNINGS}tabstat earnings, by(taxyear) stats(n mean min max) format(%9.0f)  «SDC010 SDC011 SDC012»\n`,
  },
  {
    name: 'tabstat, s(p50) abbreviates statistics() and reads a median',
    text: `${EARNINGS}tabstat earnings, s(p50) by(taxyear)  «SDC010 SDC013»\n`,
  },
  {
    name: 'a histogram draws the records in memory',
    text: 'use "derived/earnings.dta", clear\nhistogram earnings, width(0.5) frequency  «SDC017»\n',
  },
  {
    name: 'graph twoway names the plot type first, as twoway does',
    text: `${EARNINGS}graph twoway scatter earnings taxyear  «SDC017»\n`,
  },
  {
    name: 'each twoway layer is read once, at its own line',
    text: `${EARNINGS}twoway (lfit earnings taxyear) (line earnings taxyear) ///\n    || scatter earnings taxyear  «SDC017»\n`,
  },
  {
    name: 'sts graph draws a survival curve from the data stset declared',
    text: 'use "derived/time_to_job.dta", clear\nstset months, failure(found_job == 1)\nsts graph, by(fsm)  «SDC017»\n',
  },
  {
    name: 'a statistic of a variable of a file is described by its name: a mean of earnings by group',
    text: 'use "derived/graduates.dta", clear\ncollapse (mean) mean_earnings = earnings (count) graduates = earnings, by(region)  «SDC012»\ndrop if graduates < 10\nreplace mean_earnings = round(mean_earnings, 100)\nreplace graduates = round(graduates, 5)\nexport delimited region graduates mean_earnings using "outputs/t.csv", replace\n',
  },
  {
    name: 'a median of earnings from a file is written unrounded',
    text: 'use "derived/earners.dta", clear\ncollapse (count) earners = earnings (p50) median = earnings, by(region)\ndrop if earners < 10\nreplace earners = round(earners, 5)\nexport delimited region earners median using "outputs/t.csv", replace  «SDC022»\n',
  },
  {
    name: 'mean with [pw=] over() of a file\'s variables: weighted, no unweighted count, no guard',
    text: 'use "derived/ks4.dta", clear\nmean att8 [pw = school_wt], over(region)  «SDC010 SDC023»\n',
  },
  {
    name: 'a listing of one tagged record per group is a table of the groups, with the median egen put on each',
    text: 'use "derived/earnings_la.dta", clear\nbysort la: egen p50_earn = pctile(earn), p(50)\ntempvar first\negen `first\' = tag(la)\nlist la p50_earn if `first\', noobs clean  «SDC010 SDC013»\n',
  },
  {
    name: 'the same groups with their count, guarded and rounded, list nothing risky',
    text: 'use "derived/earnings_la.dta", clear\nbysort la: egen n = count(earn)\negen first = tag(la)\ndrop if n < 10\nreplace n = round(n, 5)\nlist la n if first == 1, noobs\n',
  },
  {
    name: 'statsby collects a table by its by() keys, quietly: a maximum and a mean of earnings, no guard',
    text: 'use "derived/earnings_la.dta", clear\nstatsby mean = r(mean) n = r(N) top = r(max), by(la) clear: summarize earn  «SDC010 SDC011 SDC012»\nexport delimited using "outputs/la.csv", replace  «SDC022»\n',
  },
  {
    name: 'statsby counts guarded and rounded are a safe table, and saving() leaves the records in memory',
    text: 'use "derived/earnings_la.dta", clear\nstatsby n = r(N), by(la) saving("derived/la_n.dta", replace): summarize earn\nstatsby n = r(N), by(la) clear: summarize earn\ndrop if n < 10\nreplace n = round(n, 5)\nexport delimited using "outputs/la.csv", replace\n',
  },
  {
    name: 'a listing that names a person key shows the key as well as the records',
    text: `${EARNINGS}gsort -earnings\nlist edukey earnings in 1/10, noobs  «SDC002 SDC003»\n`,
  },
  {
    name: 'the keys of a collapse are named in its by()',
    text: 'odbc load, exec("SELECT k.KS4_URN_anon AS urn, k.KS4_FSM6 AS fsm6 FROM npd_i2.dbo.KS4Pupil_2015_to_2021 AS k") dsn("LEO_i2") clear\ncollapse (count) cohort = fsm6 (sum) fsm6_n = fsm6, by(urn)  «SDC021»\ngen not_fsm6 = cohort - fsm6_n\ndrop if fsm6_n < 10 | not_fsm6 < 10\nreplace cohort = round(cohort, 5)\nreplace fsm6_n = round(fsm6_n, 5)\ndrop not_fsm6\nexport delimited using "outputs/t.csv", replace\n',
  },
  {
    name: 'a comparison makes a 0/1 variable: its sum counts the records it marks and is no amount of money',
    text: `${EARNINGS}gen byte loss = earnings < 0\ncollapse (sum) with_loss = loss (count) returns = earnings, by(taxyear)\ndrop if with_loss < 10 | (returns - with_loss) < 10\nreplace with_loss = round(with_loss, 5)\nreplace returns = round(returns, 5)\nexport delimited using "outputs/t.csv", replace\n`,
  },
  {
    name: 'the mean of a 0/1 variable is a share, not a mean of money',
    text: `${EARNINGS}gen byte high = earnings > 50000 & !missing(earnings)\ncollapse (mean) share_high = high (count) n = earnings, by(taxyear)\ndrop if n < 10\nreplace n = round(n, 5)\nexport delimited using "outputs/t.csv", replace\n`,
  },
  {
    name: 'a total of suppressed cells stays suppressed (egen total() after replace … = . if n < 10)',
    text: 'use "derived/ks5.dta", clear\ngen byte one = 1\ncollapse (sum) students = one, by(disadvantaged destination)\nreplace students = . if students < 10\nreplace students = round(students, 5)\nbysort disadvantaged: egen total = total(students), missing\nexport delimited disadvantaged destination students total using "outputs/t.csv", replace\n',
  },
  {
    name: 'egen total() over coarser groups of a table is its margin: computed before suppression, it gives the cells back (reported once, as SDC015, not again as an unguarded cell)',
    text: 'use "derived/exclusions.dta", clear\ngen byte one = 1\ncollapse (sum) excluded = one, by(region sen)\nbysort region: egen region_total = total(excluded)  «SDC015»\nreplace excluded = . if excluded < 10\nreplace excluded = round(excluded, 5)\nreplace region_total = round(region_total, 5)\nexport excel region sen excluded region_total using "outputs/t.xlsx", firstrow(variables) replace\n',
  },
  {
    name: 'a total of counts is a count, so it is rounded like one (a total of rounded counts is rounded already)',
    text: 'use "derived/exclusions.dta", clear\ngen byte one = 1\ncollapse (sum) excluded = one, by(region sen)\ndrop if excluded < 10\nbysort region: egen region_total = total(excluded)\nreplace excluded = round(excluded, 5)\nexport delimited using "outputs/t.csv", replace  «SDC022»\n',
  },
  {
    name: 'fillin completes the grid, and replace … = 0 if _fillin writes zeros into the cells the guard removed',
    text: 'use "derived/cla.dta", clear\ngen byte one = 1\ncollapse (sum) children = one, by(placement age_group)\ndrop if children < 10\nreplace children = round(children, 5)\nfillin placement age_group\nreplace children = 0 if _fillin == 1  «SDC014»\ndrop _fillin\nexport delimited using "outputs/t.csv", replace\n',
  },
  {
    name: 'display x[1] shows one record\'s value, and after gsort -x it is the largest',
    text: `${EARNINGS}gsort -earnings\ndisplay "Highest earnings: " earnings[1]  «SDC002 SDC011»\n`,
  },
  {
    name: 'gsort -x over a dataset read from a file still makes x[1] the largest',
    text: `use "derived/earnings.dta", clear\ngsort -earn\ndisplay "Top: " earn[1]  «SDC002 SDC011»\n`,
  },
  {
    name: 'display x[1] with no sort by x shows a record\'s value, not an extreme',
    text: `${EARNINGS}sort earnings\nreplace earnings = . if earnings < 0\ndisplay earnings[1]  «SDC002»\n`,
  },
  {
    name: 'a matrix element and a stored result are no record',
    text: `${EARNINGS}quietly summarize earnings\nmatrix b = (1, 2)\ndisplay b[1,1]\ndisplay r(N)\n`,
  },
  {
    name: 'a rate made by dividing two counts is a share, not an unrounded count',
    text: 'use "derived/nccis.dta", clear\ngen byte neet = activity == 5\ncollapse (sum) neet = neet (count) cohort = neet, by(gender)\ngen not_neet = cohort - neet\ndrop if neet < 10 | not_neet < 10\nreplace neet = round(neet, 5)\nreplace cohort = round(cohort, 5)\ngen neet_rate = round(100 * neet / cohort, 0.1)\nexport delimited gender cohort neet neet_rate using "outputs/t.csv", replace\n',
  },
  {
    name: 'a program writes its output at the call, so two calls over nested populations are told apart',
    text: 'use "derived/destinations.dta", clear\nprogram define save_table\n    args outfile\n    gen byte one = 1\n    collapse (sum) pupils = one, by(region destination)\n    drop if pupils < 10\n    replace pupils = round(pupils, 5)\n    export delimited region destination pupils using "`outfile\'", replace\nend\npreserve\nsave_table "outputs/all.csv"\nrestore\npreserve\nkeep if sen == "N"\nsave_table "outputs/no_sen.csv"  «SDC020»\nrestore\n',
  },
  {
    name: 'collect export writes the table the last table command made, shown or quiet',
    text: 'use "derived/exclusions.dta", clear\nquietly table (sen) (gender), totals(sen gender)  «SDC010»\ncollect style cell, nformat(%9.0fc)\ncollect export "outputs/t.xlsx", replace  «SDC022»\n',
  },
  {
    name: 'SQL held in a local and run by exec() is checked where it is written',
    text: 'local sql `"SELECT e.Edukey AS edukey, e.Earnngs AS pay FROM LEO_i2.dbo.leo_earnings AS e"\'  «LEO102»\nodbc load, exec(`"`sql\'"\') dsn("LEO_i2") clear\nodbc load, exec(`"`sql\'"\') dsn("LEO_i2") clear\n',
  },
  {
    name: 'encode keeps what the name of the variable it encodes says: school dummies are fixed effects',
    text: 'use "derived/outcomes.dta", clear\nencode school_urn, gen(school)\nregress att8 i.fsm i.school  «SDC016»\nregress att8 i.fsm\n',
  },
  {
    name: 'the largest of a 0/1 marker is no extreme, and dropping cells by a dominance flag is a dominance check',
    text: `${EARNINGS}gen byte dominated = earnings > 100000\ncollapse (mean) pay = earnings (count) people = earnings (max) dominated, by(taxyear)\ndrop if people < 10 | dominated == 1\nreplace pay = round(pay, 100)\nreplace people = round(people, 5)\nexport delimited using "outputs/t.csv", replace\n`,
  },
  {
    name: 'svy: estimates are weighted when svyset names a sampling weight',
    text: 'use "derived/survey.dta", clear\nsvyset psu [pweight = wt], strata(stratum)\nsvy: mean employed, over(region)  «SDC010 SDC023»\nsvyset, clear\nsvy: mean employed\n',
  },
  {
    name: 'display r(max) after summarize shows the largest value, until another command replaces r()',
    text: `${EARNINGS}quietly summarize earnings\nlocal n = r(N)\ndisplay "Top: " r(max)  «SDC011»\nquietly summarize earnings\ncount if earnings > 0\ndisplay r(max)\n`,
  },
  {
    name: 'contract names its keys: a breakdown by institution is reported on the contract, not where the data was loaded',
    text: 'odbc load, exec("SELECT c.URN_SPR19_anon AS school, c.SENprovision_SPR19 AS sen FROM npd_i2.dbo.spring_census_2019 AS c") dsn("LEO_i2") clear\ncontract school sen, freq(pupils)  «SDC010 SDC021»\nreplace pupils = round(pupils, 5)\nexport delimited using "outputs/t.csv", replace\n',
  },
  {
    name: 'a program is called with its arguments: `1\' is the first word, and args names them',
    text: 'use "derived/x.dta", clear\nprogram define round_cells\n    args cell base\n    replace `1\' = round(`cell\', `base\')\nend\ngen byte one = 1\ncollapse (sum) n = one (sum) m = one, by(region)\ndrop if n < 10 | m < 10\nround_cells n 5\nreplace m = round(m, 5)\nexport delimited region n m using "outputs/t.csv", replace\n',
  },
];

describe('Stata: semantics the disclosure rules read', () => {
  before(setUpDisclosure);
  for (const c of CASES) {
    it(c.name, () => {
      const { text, expected } = unmark(c.text);
      assert.deepEqual(found(text), expected);
    });
  }
});
