# plotly figures written as HTML embed their data; lifelines and statsmodels survival curves step at each event.
import matplotlib.pyplot as plt
import pandas as pd
import plotly.express as px
from lifelines import KaplanMeierFitter

starts = pd.read_parquet("derived/starts.parquet")
by_sector = starts.groupby("sector").size().reset_index(name="starts")
by_sector = by_sector[by_sector["starts"] >= 10].copy()
by_sector["starts"] = (by_sector["starts"] / 5).round() * 5
fig = px.bar(by_sector, x="sector", y="starts")
fig.update_layout(xaxis_tickangle=-45)
fig.write_html("outputs/starts.html")  #> SDC018
fig.write_image("outputs/starts.png")

box = px.box(starts, x="sector", y="age")  #> SDC017
hidden = px.box(starts, x="sector", y="age", points=False)

spells = pd.read_parquet("derived/spells.parquet")
fig2, ax = plt.subplots()
kmf = KaplanMeierFitter()
for fsm, grp in spells.groupby("fsm"):
    kmf.fit(grp["months"], event_observed=grp["found_job"], label=f"FSM = {fsm}")
    kmf.plot_survival_function(ax=ax, ci_show=False)  #> SDC017
KaplanMeierFitter().fit(spells["months"], spells["found_job"]).plot()  #> SDC017
fig2.savefig("outputs/km.png")
