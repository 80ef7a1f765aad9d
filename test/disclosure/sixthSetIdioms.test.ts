/**
 * Idioms the sixth independent set showed were misread, each written here from scratch: guards on per-group counts
 * taken on the records, masks held in variables, several columns rounded in one assignment, a cast between the
 * rounding and its base, a tag test joined to a guard, a margin that a later collapse drops, a dominance check
 * named by its statistics, and a count phrase wrapped onto a second comment line.
 */
import { strict as assert } from 'node:assert';
import { analyse, dedent, located, setUpDisclosure } from './support/check';

function findings(language: Parameters<typeof analyse>[0], text: string): string[] {
  const source = dedent(text);
  return located(source, analyse(language, source)).map((f) => `${f.code}@${f.line}`).sort();
}

const PY_HEAD = `import pandas as pd
      df = pd.read_parquet("derived/cohort.parquet")`;

describe('idioms from the sixth independent set', () => {
  before(setUpDisclosure);

  describe('a guard on a per-group count taken on the records', () => {
    it('R: add_count() then filter() protects a table by the same groups, or fewer', () => {
      const text = (keys: string) => `
        library(dplyr)
        earn <- readRDS("derived/earn.rds")
        earn <- earn |> add_count(region, name = "n_region") |> filter(n_region >= 10)
        tab <- earn |> group_by(${keys}) |> summarise(earners = n(), .groups = "drop") |> mutate(earners = round(earners / 5) * 5)
        write_csv(tab, "outputs/table.csv")
      `;
      assert.deepEqual(findings('r', text('region')), []);
      // A finer table has cells the per-region count does not bound.
      assert.deepEqual(findings('r', text('region, sex')), ['SDC010@4']);
    });

    it('Stata: bysort … gen n = _N then drop if n < 10 protects a collapse by the same groups only', () => {
      const text = (keys: string) => `
        use "derived/ks4.dta", clear
        bysort la: gen n_la = _N
        drop if n_la < 10
        collapse (count) pupils = att8, by(${keys})
        replace pupils = round(pupils, 5)
        export delimited using "outputs/t.csv", replace
      `;
      assert.deepEqual(findings('stata', text('la')), []);
      assert.deepEqual(findings('stata', text('la fsm')), ['SDC010@4']);
    });
  });

  it('Python: a mask held in a variable filters the frame it indexes', () => {
    const text = (mask: string) => `
      ${PY_HEAD}
      t = df.groupby("region").agg(pupils=("pmr", "size")).reset_index()
      ok = ${mask}
      out = t[ok]
      out.to_csv("outputs/table.csv")
    `;
    assert.deepEqual(findings('python', text('(t["pupils"] >= 10) & (t["pupils"] > 0)')).filter((f) => f.startsWith('SDC010')), []);
    // A mask that guards nothing leaves the table open.
    assert.deepEqual(findings('python', text('t["region"] != "London"')).filter((f) => f.startsWith('SDC010')), ['SDC010@3']);
  });

  it('Python: t[["a", "b"]] = rounding rounds each listed column, through a cast', () => {
    const text = (rounding: string) => `
      ${PY_HEAD}
      t = df.groupby("region").agg(people=("pmr", "size"), sustained=("sustained", "sum")).reset_index()
      t = t.query("people >= 10 and sustained >= 10")
      ${rounding}
      t.to_csv("outputs/table.csv", index=False)
    `;
    assert.deepEqual(findings('python', text('t[["people", "sustained"]] = ((t[["people", "sustained"]] / 5).round() * 5).astype(int)')), []);
    assert.deepEqual(findings('python', text('t[["people", "sustained"]] = (t[["people", "sustained"]] / 5).round().astype(int) * 5')), []);
    assert.deepEqual(findings('python', text('t[["sustained"]] = (t[["sustained"]] / 5).round() * 5')), ['SDC022@6']);
  });

  it('Python: a line per person with no estimator draws every record (SDC017); a mean line does not', () => {
    const text = (extra: string) => `
      import seaborn as sns
      ${PY_HEAD}
      ax = sns.lineplot(data=df, x="age", y="earnings"${extra})
    `;
    assert.deepEqual(findings('python', text(', units="pmr", estimator=None')), ['SDC017@4']);
    assert.deepEqual(findings('python', text('')), []);
  });

  it('Stata: a tabulate kept by matcell() and written by putexcel is that table, written', () => {
    const text = (guard: string) => `
      use "derived/claims.dta", clear
      ${guard}
      quietly tabulate benefit_type, matcell(B) matrow(R)
      putexcel set "outputs/claims.xlsx", sheet("counts") replace
      putexcel A2 = matrix(R) B2 = matrix(B)
      putexcel save
    `;
    assert.deepEqual(findings('stata', text('* no guard')), ['SDC010@3', 'SDC022@5']);
    // Without putexcel nothing leaves: quietly prints nothing.
    assert.deepEqual(findings('stata', text('* no guard').replace(/putexcel A2[^\n]*\n/, '')), []);
  });

  it('Python: school dummies from get_dummies given to sm.OLS are school fixed effects (SDC016); region dummies are not', () => {
    const text = (column: string) => `
      import statsmodels.api as sm
      ${PY_HEAD}
      dummies = pd.get_dummies(df["${column}"], prefix="d", drop_first=True, dtype=float)
      X = sm.add_constant(pd.concat([df[["fsm6"]].astype(float), dummies], axis=1))
      res = sm.OLS(df["p8"], X).fit()
    `;
    assert.deepEqual(findings('python', text('URN_SPR19_anon')), ['SDC016@6']);
    assert.deepEqual(findings('python', text('region')), []);
  });

  it('Stata: keep if tag == 1 & n >= 10 keeps a guarded table of the groups', () => {
    assert.deepEqual(findings('stata', `
      use "derived/ks4_2019.dta", clear
      bysort la fsm6: egen n = count(att8)
      bysort la fsm6: egen mean_att8 = mean(att8)
      egen tag = tag(la fsm6)
      keep if tag == 1 & n >= 10
      keep la fsm6 n mean_att8
      replace n = round(n, 5)
      list la fsm6 n mean_att8, noobs clean
      export excel using "outputs/t.xlsx", firstrow(variables) replace
    `), []);
  });

  it('Stata: a margin held in a variable that a later collapse drops reaches no output', () => {
    const text = (collapse: string) => `
      use "derived/ks4.dta", clear
      contract ethnic fsm, freq(pupils)
      bysort ethnic: egen code_total = total(pupils)
      replace ethnic = "OTHR" if code_total < 50
      ${collapse}
      drop if pupils < 10
      replace pupils = round(pupils, 5)
      export delimited using "outputs/t.csv", replace
    `;
    assert.deepEqual(findings('stata', text('collapse (sum) pupils, by(ethnic fsm)')), []);
    assert.deepEqual(findings('stata', text('* the margin stays')).filter((f) => f.startsWith('SDC015')), ['SDC015@3']);
  });

  it('Stata: a largest value compared with its total is a dominance check, whatever the names', () => {
    assert.deepEqual(findings('stata', `
      use "derived/earn.dta", clear
      collapse (mean) mean_earn = earnings (sum) total = earnings (max) top = earnings (count) n = earnings, by(region sex)
      drop if n < 10 | top > 0.5 * total
      replace mean_earn = round(mean_earn, 100)
      replace n = round(n, 5)
      drop top total
      export delimited using "outputs/t.csv", replace
    `), []);
  });

  it('a count phrase wrapped onto the next comment line keeps its threshold words; earners and filers are counted', () => {
    assert.deepEqual(findings('stata', `
      * Cells with fewer than
      * 10 pupils are dropped.
      * 14 filers reported a loss.
      display "done"
    `), ['SDC025@3']);
    assert.deepEqual(findings('sql', `
      -- Mining had 7 earners in the test run.
      SELECT 1 AS one;
    `), ['SDC025@1']);
  });
});
