/**
 * The disclosure rules on Python idioms: each case is a script that must give exactly the listed codes, written
 * in pairs where it matters (the risky form, then the guarded, rounded or allowed form), so that a rule firing
 * too little and a rule firing too much both fail.
 */
import { strict as assert } from 'node:assert';
import type { DisclosureConfig } from '../../../server/src/disclosure/config';
import { allFindings, CORPUS_CONFIG, pyReady } from './support/analyse';

const HEAD = `import pandas as pd
import numpy as np
import seaborn as sns
import matplotlib.pyplot as plt
import statsmodels.formula.api as smf
from linearmodels.panel import PanelOLS
conn = connect()
pupils = pd.read_sql('SELECT pupilmatchingrefanonymous_spr19 AS pmr, fsmeligible_spr19 AS fsm, gender_spr19 AS sex, urn_spr19 AS urn FROM npd_i2.dbo.spring_census_2019', conn)
earn = pd.read_sql('SELECT Edukey, TaxYear, Earnings FROM LEO_i2.dbo.leo_earnings', conn)
`;

interface Case {
  readonly name: string;
  readonly body: string;
  readonly codes: readonly string[];
  readonly config?: DisclosureConfig;
}

const CASES: readonly Case[] = [
  { name: 'an unguarded groupby size printed', body: 'print(pupils.groupby("sex").size())', codes: ['SDC010'] },
  { name: 'the same guarded with .loc and a lambda', body: 't = pupils.groupby("sex").agg(n=("pmr", "count")).loc[lambda t: t.n >= 10]\nprint(t)', codes: [] },
  { name: 'guarded with a boolean mask', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 10]\nprint(t)', codes: [] },
  { name: 'a guard below the threshold is weak', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 3]\nprint(t)', codes: ['SDC010'] },
  { name: 'guarded with query', body: 't = pupils.groupby("sex").size().reset_index(name="n").query("n >= 10")\nprint(t)', codes: [] },
  { name: 'suppressed with where', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nprint(t.where(t["n"] >= 10))', codes: [] },
  { name: 'suppressed with mask', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nprint(t.mask(t["n"] < 10))', codes: [] },
  { name: 'suppressed by loc assignment', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt.loc[t["n"] < 10, "n"] = np.nan\nprint(t)', codes: [] },
  { name: 'suppressed by a configured helper', body: 't = hide_small(pupils.groupby("sex").size().reset_index(name="n"))\nprint(t)', codes: [], config: { suppressionHelpers: ['hide_small'] } },
  { name: 'an unknown function\'s result is not followed (no finding without knowledge)', body: 't = hide_small(pupils.groupby("sex").size().reset_index(name="n"))\nprint(t)', codes: [] },
  { name: 'a guarded table reindexed onto the full grid with zeros', body: 't = pupils.groupby("sex").size()\nt = t[t >= 10]\nt = ((t / 5).round() * 5).reindex(["F", "M", "X"], fill_value=0)\nt.to_csv("outputs/t.csv")', codes: ['SDC014'] },
  { name: 'the same reindexed without zeros', body: 't = pupils.groupby("sex").size()\nt = t[t >= 10]\nt = ((t / 5).round() * 5).reindex(["F", "M", "X"])\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'a histogram of a record-level column after dropna', body: 'sns.histplot(earn["Earnings"].dropna(), binwidth=1000)\nplt.savefig("outputs/h.png")', codes: ['SDC017'] },
  { name: 'a function the script defines is followed, and a guarded pipe into one is quiet', body: 'def protect(t):\n    return t[t["n"] >= 10]\nt = pupils.groupby("sex").size().reset_index(name="n").pipe(protect)\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'a piped function that leaves the table open', body: 'def tidy(t):\n    return t.sort_values("n")\nt = pupils.groupby("sex").size().reset_index(name="n").pipe(tidy)\nt.to_csv("outputs/t.csv")', codes: ['SDC010', 'SDC022'] },
  { name: 'a weighted mean written out in apply, printed', body: 'e = earn.assign(wt=1.0)\nm = e.groupby("TaxYear").apply(lambda g: (g["Earnings"] * g["wt"]).sum() / g["wt"].sum())\nprint(m)', codes: ['SDC010', 'SDC012', 'SDC023'] },
  { name: 'a ratio of two plain sums is not read as a weighted mean', body: 'e = earn.assign(wt=1.0)\nm = e.groupby("TaxYear").apply(lambda g: g["Earnings"].sum() / g["wt"].sum())\nprint(m)', codes: [] },
  { name: 'value_counts printed', body: 'print(pupils["fsm"].value_counts())', codes: ['SDC010'] },
  { name: 'a crosstab with margins printed', body: 'print(pd.crosstab(pupils["fsm"], pupils["sex"], margins=True))', codes: ['SDC010', 'SDC014'] },
  { name: 'a total row added before the guard', body: 't = pupils.groupby("sex").agg(n=("pmr", "count"))\nt.loc["Total"] = t.sum()\nt = t[t["n"] >= 10]\nprint(t)', codes: ['SDC015'] },
  { name: 'a total row added after the guard', body: 't = pupils.groupby("sex").agg(n=("pmr", "count"))\nt = t[t["n"] >= 10]\nt.loc["Total"] = t.sum()\nprint(t)', codes: [] },
  { name: 'a total row stacked with concat', body: 't = pupils.groupby("sex").agg(n=("pmr", "count"))\nprint(pd.concat([t, t.sum().to_frame().T]))', codes: ['SDC010'] },
  { name: 'a group-wise apply of an unknown function is not followed (what it returns is not known)', body: 'm = earn.groupby("TaxYear").apply(lambda g: summarise(g))\nprint(m)', codes: [] },
  { name: 'a group-wise weighted mean by apply is a grouped, weighted statistic', body: 'm = earn.groupby("TaxYear").apply(lambda g: np.average(g["Earnings"], weights=g["w"]))\nprint(m)', codes: ['SDC010', 'SDC012', 'SDC023'] },
  { name: 'entity fixed effects in a panel model', body: 'PanelOLS(earn["Earnings"], earn[["TaxYear"]], entity_effects=True).fit()', codes: ['SDC016'] },
  { name: 'entity effects written in a panel formula', body: 'PanelOLS.from_formula("Earnings ~ TaxYear + EntityEffects", data=earn).fit()', codes: ['SDC016'] },
  { name: 'a weighted regression', body: 'smf.wls("Earnings ~ TaxYear", data=earn, weights=earn["TaxYear"]).fit()', codes: [] },
  { name: 'a notebook-free script with a final bare table prints nothing', body: 'pupils.groupby("sex").size()', codes: [] },
  { name: 'a crosstab suppressed cell by cell with where', body: 'ct = pd.crosstab(pupils["fsm"], pupils["sex"])\nprint(ct.where(ct >= 10))', codes: [] },
  { name: 'a crosstab compared with too low a threshold', body: 'ct = pd.crosstab(pupils["fsm"], pupils["sex"])\nprint(ct.where(ct >= 5))', codes: ['SDC010'] },
  { name: 'an unrounded guarded export', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 10]\nt.to_csv("outputs/t.csv")', codes: ['SDC022'] },
  { name: 'rounded with round(-1)', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 10]\nt["n"] = t["n"].round(-1)\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'rounded with 5 * round(x / 5)', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 10]\nt["n"] = 5 * round(t["n"] / 5)\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'rounded to 2 is not enough', body: 't = pupils.groupby("sex").size().reset_index(name="n")\nt = t[t["n"] >= 10]\nt["n"] = (t["n"] / 2).round() * 2\nt.to_csv("outputs/t.csv")', codes: ['SDC022'] },
  { name: 'a total per FSM group taken with transform before np.where blanks small cells', body: 't = pupils.groupby(["fsm", "sex"]).size().reset_index(name="n")\nt["urn_total"] = t.groupby("fsm")["n"].transform("sum")\nt["n"] = np.where(t["n"] < 10, np.nan, t["n"])\nt["urn_total"] = (t["urn_total"] / 5).round() * 5\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: ['SDC015'] },
  { name: 'the same total taken after the blanking is of the published cells', body: 't = pupils.groupby(["fsm", "sex"]).size().reset_index(name="n")\nt["n"] = np.where(t["n"] < 10, np.nan, t["n"])\nt["urn_total"] = t.groupby("fsm")["n"].transform("sum")\nt["urn_total"] = (t["urn_total"] / 5).round() * 5\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'a grand total on every row before a guard', body: 't = pupils.groupby(["fsm", "sex"]).size().reset_index(name="n")\nt["all"] = t["n"].sum()\nt = t[t["n"] >= 10]\nt["all"] = (t["all"] / 5).round() * 5\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: ['SDC015'] },
  { name: 'a share of blanked counts is blank where they are', body: 't = pupils.groupby(["fsm", "sex"]).size().reset_index(name="n")\nt["n"] = t["n"].mask(t["n"] < 10)\nt["share"] = (t["n"] / 1000).round(3)\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: [] },
  { name: 'a share of counts blanked and filled back with zeros is not', body: 't = pupils.groupby(["fsm", "sex"]).size().reset_index(name="n")\nt["n"] = t["n"].mask(t["n"] < 10)\nt["share"] = (t["n"].fillna(0) / 1000).round(3)\nt["n"] = (t["n"] / 5).round() * 5\nt.to_csv("outputs/t.csv")', codes: ['SDC010'] },
  { name: 'a record-level export', body: 'pupils.to_csv("outputs/pupils.csv")', codes: ['SDC001', 'SDC003'] },
  { name: 'a working file is not an output', body: 'pupils.to_parquet("working/pupils.parquet")', codes: [] },
  { name: 'head printed, with the pupil key in it', body: 'print(pupils.head())', codes: ['SDC002', 'SDC003'] },
  { name: 'sample displayed, with the pupil key in it', body: 'display(pupils.sample(5))', codes: ['SDC002', 'SDC003'] },
  { name: 'a bare expression in a script prints nothing', body: 'pupils.head()\npupils.groupby("sex").size()', codes: [] },
  { name: 'the maximum of earnings printed', body: 'print(earn["Earnings"].max())', codes: ['SDC011'] },
  { name: 'describe of record-level data printed shows extremes and quartiles', body: 'print(earn.describe())', codes: ['SDC011', 'SDC013'] },
  { name: 'a scatter plot of records', body: 'plt.scatter(earn["TaxYear"], earn["Earnings"])', codes: ['SDC017'] },
  { name: 'a seaborn strip plot of records', body: 'sns.stripplot(data=earn, x="TaxYear", y="Earnings")', codes: ['SDC017'] },
  { name: 'a box plot without outliers', body: 'sns.boxplot(data=earn, x="TaxYear", y="Earnings", showfliers=False)', codes: [] },
  { name: 'a pupil fixed effect in a formula', body: 'smf.ols("Earnings ~ fsm + C(pmr)", data=pupils.merge(earn, left_on="pmr", right_on="Edukey")).fit()', codes: ['SDC016'] },
  { name: 'a sex effect in a formula is fine', body: 'smf.ols("fsm ~ C(sex)", data=pupils).fit()', codes: [] },
  { name: 'an allow comment with a reason', body: '# leo-lens: allow SDC010 -- national totals, every cell above 1,000\nprint(pupils.groupby("sex").size())', codes: [] },
  { name: 'an allow comment without a reason', body: '# leo-lens: allow SDC010\nprint(pupils.groupby("sex").size())', codes: ['SDC000'] },
  { name: 'an identifier compared with a literal', body: 'one = pupils[pupils["pmr"] == "A1234567890123"]', codes: ['SDC025'] },
];

describe('Python: disclosure idioms', () => {
  before(pyReady);
  for (const c of CASES) {
    it(c.name, () => {
      const text = `${HEAD}${c.body}\n`;
      const found = [...new Set(allFindings(text, c.config ?? CORPUS_CONFIG).filter((f) => f.start >= HEAD.length).map((f) => f.code))].sort();
      assert.deepEqual(found, [...c.codes].sort());
    });
  }

  it('an empirical CDF of records is a plot of records, as R\'s stat_ecdf; a density stays at info', () => {
    const plots: readonly [string, 'warning' | 'info'][] = [
      ['sns.ecdfplot(data=earn, x="Earnings")', 'warning'],
      ['sns.displot(data=earn, x="Earnings", kind="ecdf")', 'warning'],
      ['px.ecdf(earn, x="Earnings")', 'warning'],
      ['fig, ax = plt.subplots()\nax.ecdf(earn["Earnings"])', 'warning'],
      ['sns.kdeplot(data=earn, x="Earnings")', 'info'],
      ['sns.displot(data=earn, x="Earnings", kind="kde")', 'info'],
    ];
    for (const [body, severity] of plots) {
      const text = `${HEAD}import plotly.express as px\n${body}\n`;
      const found = allFindings(text, CORPUS_CONFIG).filter((f) => f.start >= HEAD.length && f.code === 'SDC017');
      assert.deepEqual(found.map((f) => f.severity), [severity], body);
      if (severity === 'warning') assert.match(found[0]!.message, /empirical cumulative distribution/, body);
    }
  });
});
