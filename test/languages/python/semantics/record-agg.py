# DataFrame.agg and Series.agg on record-level data compute each function over every record.
import pandas as pd
conn = connect()
ks4 = pd.read_sql("SELECT ks4_p8score AS p8, ks4_att8 AS att8, ks4_urn_anon AS school FROM npd_i2.dbo.KS4Pupil_2015_to_2021", conn)

print(ks4[["p8", "att8"]].agg(["min", "max"]))  #> SDC011
print(ks4["att8"].agg("median"))  #> SDC013
print(ks4.agg({"p8": "mean"}))
