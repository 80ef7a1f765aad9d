# unstack(), pivot() and a pivot_table on a table's own keys only move its cells into columns: the guards and the
# rounding stay, and fill_value=0 writes zeros where cells were removed.
import pandas as pd
conn = connect()
pupils = pd.read_sql("SELECT la_spr19_anon AS la, fsmeligible_spr19 AS fsm, gender_spr19 AS sex FROM npd_i2.dbo.spring_census_2019", conn)

wide = pupils.groupby(["la", "fsm"]).size().unstack()
wide.columns = ["not_fsm", "fsm"]
wide = wide[(wide["fsm"] >= 10) & (wide["not_fsm"] >= 10)]
wide = (wide / 5).round() * 5
wide.reset_index().to_csv("outputs/fsm_by_la.csv", index=False)

long = pupils.groupby(["la", "sex"]).size().reset_index(name="pupils")
long["pupils"] = long["pupils"].mask(long["pupils"] < 10)
long = long.dropna(subset=["pupils"])
long["pupils"] = (long["pupils"] / 5).round() * 5
grid = long.pivot_table(index="la", columns="sex", values="pupils", aggfunc="sum", fill_value=0)  #> SDC014
grid.to_csv("outputs/sex_by_la.csv")

raw = pupils.groupby(["la", "sex"]).size().unstack(fill_value=0)  #> SDC010 SDC014
raw.to_csv("outputs/sex_by_la_raw.csv")  #> SDC022
