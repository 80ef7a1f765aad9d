/**
 * Generated Python in the style of a LEO analysis: a census extract through pyodbc and `pd.read_sql`, pandas
 * merges on the LEO keys, guarded and rounded groupby tables, a crosstab, a plot and file outputs. Each block of
 * about 50 lines has its own names and census year. The Python benchmark and the fuzzer's corpus both use it.
 */

function block(n: number): string {
  const year = 2010 + (n % 11);
  const yy = String(year % 100).padStart(2, '0');
  return `# Block ${n}: cohort for ${year} ------------------------------------------
census_${n} = pd.read_sql(
    f"""
    SELECT pupilmatchingrefanonymous_spr${yy} AS pmr, fsmeligible_spr${yy} AS fsm,
           senprovision_spr${yy} AS sen, gender_spr${yy} AS gender, ncyearactual_spr${yy} AS year_group
    FROM npd_i2."<project number>".spring_census_${year}
    WHERE onroll_spr${yy} = {on_roll}
    """,
    conn,
)
census_${n}["fsm_flag"] = census_${n}["fsm"] == 1
census_${n}["female"] = census_${n}["gender"] == "F"
year11_${n} = census_${n}[census_${n}["year_group"] == "11"][["pmr", "fsm", "sen", "female"]]

summary_${n} = (
    census_${n}.query("year_group == '11'")
    .assign(sen_group=lambda d: np.where(d["sen"] == "E", "EHCP", "Other"))
    .groupby(["fsm", "sen_group"])
    .agg(pupils=("pmr", "nunique"), share_female=("female", "mean"))
    .loc[lambda t: t["pupils"] >= 10]
    .reset_index()
)
summary_${n}["pupils"] = (summary_${n}["pupils"] / 5).round() * 5
summary_${n}.to_csv("outputs/summary_${n}.csv", index=False)

earnings_${n} = pd.read_sql("SELECT Edukey, TaxYear, Earnings FROM LEO_i2.dbo.leo_earnings WHERE TaxYear = ${year}${String((year + 1) % 100).padStart(2, '0')}", conn)
keys_${n} = pd.read_sql("SELECT AE_ID, EDUKEY FROM LEO_i2.dbo.learner_ae_id_to_edukey_lookup", conn)
linked_${n} = earnings_${n}.merge(keys_${n}, left_on="Edukey", right_on="EDUKEY", how="inner")
linked_${n}["band"] = pd.cut(linked_${n}["Earnings"], bins=[0, 10000, 20000, 30000, np.inf])
bands_${n} = linked_${n}[linked_${n}["Earnings"] > 0].groupby("band").agg(people=("AE_ID", "nunique"), median_earnings=("Earnings", "median"))
bands_${n} = bands_${n}[bands_${n}["people"] >= 10]
bands_${n}["median_earnings"] = bands_${n}["median_earnings"].round(-2)
bands_${n}["people"] = 5 * round(bands_${n}["people"] / 5)
bands_${n}.to_csv("outputs/bands_${n}.csv")

counts_${n} = pd.crosstab(year11_${n}["female"], year11_${n}["sen"])
print(counts_${n}.where(counts_${n} >= 10))

fig_${n}, ax_${n} = plt.subplots()
ax_${n}.bar(summary_${n}["sen_group"], summary_${n}["pupils"])
fig_${n}.savefig("outputs/plot_${n}.png")

model_${n} = smf.ols("Earnings ~ C(band) + TaxYear", data=linked_${n}).fit()
check_${n} = linked_${n}.groupby("TaxYear").agg(people=("AE_ID", "nunique"), total=("Earnings", "sum"))
del census_${n}
`;
}

/** About `lines` lines of generated Python. */
export function pythonScript(lines: number): string {
  let text = 'import numpy as np\nimport pandas as pd\nimport pyodbc\nimport matplotlib.pyplot as plt\nimport statsmodels.formula.api as smf\n\nconn = pyodbc.connect(SRS_CONNECTION)\non_roll = 1\n\n';
  for (let n = 0; text.split('\n').length < lines; n++) text += block(n);
  return text;
}
