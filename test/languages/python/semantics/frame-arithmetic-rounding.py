# Arithmetic on a whole frame applies to every cell: the table stays a table, and (t / 5).round() * 5 rounds it.
import pandas as pd
conn = connect()
pupils = pd.read_sql("SELECT fsmeligible_spr19 AS fsm, gender_spr19 AS sex FROM npd_i2.dbo.spring_census_2019", conn)

table = pd.crosstab(pupils["fsm"], pupils["sex"], margins=True)  #> SDC015
table = table.where(table >= 10)
table = (table / 5).round() * 5
table.to_csv("outputs/fsm_by_sex.csv")

plain = pd.crosstab(pupils["fsm"], pupils["sex"])
plain = plain.where(plain >= 10)
scaled = plain * 1
scaled.to_csv("outputs/fsm_by_sex_unrounded.csv")  #> SDC022
