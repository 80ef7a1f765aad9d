# A lambda that reduces each group to one value (a mode, a weighted mean) makes one row per group, like agg("…").
import numpy as np
import pandas as pd
conn = connect()
pupils = pd.read_sql("SELECT la_spr19_anon AS la, senprovision_spr19 AS sen FROM npd_i2.dbo.spring_census_2019", conn)
apps = pd.read_parquet("derived/weighted.parquet")

modal = pupils.groupby("la")["sen"].agg(lambda s: s.mode().iloc[0])  #> SDC010 SDC013
modal.to_csv("outputs/modal_sen.csv")

share = (
    apps.groupby("region")
    .apply(lambda g: np.average(g["disabled"], weights=g["w"]))  #> SDC010 SDC023
    .rename("share")
    .reset_index()
)
share["share"] = (100 * share["share"]).round(1)
share.to_csv("outputs/share.csv")

opaque = apps.groupby("region").apply(lambda g: summarise(g))
opaque.to_csv("outputs/opaque.csv")
