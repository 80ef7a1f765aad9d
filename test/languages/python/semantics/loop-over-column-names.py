# A loop over a list of column names runs its body once per name, so each column is rounded.
import pandas as pd
conn = connect()
pupils = pd.read_sql("SELECT homela_spr19_anon AS la, senprovision_spr19 AS sen FROM npd_i2.dbo.spring_census_2019", conn)

cells = pupils.groupby("la").agg(pupils=("sen", "size"), sen=("sen", "count")).reset_index()
cells = cells.query("pupils >= 10 and sen >= 10")
for col in ["pupils", "sen"]:
    cells[col] = (cells[col] / 5).round() * 5
cells.to_csv("outputs/sen_by_la.csv", index=False)

half = pupils.groupby("la").agg(pupils=("sen", "size"), sen=("sen", "count")).reset_index()
half = half.query("pupils >= 10 and sen >= 10")
for col in ["pupils"]:
    half[col] = (half[col] / 5).round() * 5
half.to_csv("outputs/sen_by_la_half.csv", index=False)  #> SDC022

flags = pupils.copy()
for name in ["flag_a", "flag_b"]:
    flags[name] = 0
flags["flag_b"].sum()
flags["flag_c"].sum()  #> LEO102
