# pd.DataFrame of grouped Series lines them up on the group keys: one table by sector, each statistic renamed.
# A filter comparing a cell's maximum with its total is a dominance check.
import pandas as pd
conn = connect()
earn = pd.read_sql("SELECT Edukey, Main_Section AS sector, Earnings AS earnings FROM LEO_i2.dbo.leo_earnings", conn)

grouped = earn.groupby("sector")["earnings"]
cells = pd.DataFrame({
    "earners": grouped.size(),
    "mean_earnings": grouped.mean(),
    "largest": grouped.max(),
    "total": grouped.sum(),
}).reset_index()
safe = cells[(cells["earners"] >= 10) & (cells["largest"] <= 0.5 * cells["total"])].copy()
safe = safe[["sector", "earners", "mean_earnings"]]
safe["mean_earnings"] = safe["mean_earnings"].round(-2)
safe["earners"] = (safe["earners"] / 5).round() * 5
safe.to_csv("outputs/mean_earnings_by_sector.csv", index=False)

unchecked = pd.DataFrame({"earners": grouped.size(), "mean_earnings": grouped.mean()})  #> SDC012
unchecked = unchecked[unchecked["earners"] >= 10]
unchecked["mean_earnings"] = unchecked["mean_earnings"].round(-2)
unchecked["earners"] = (unchecked["earners"] / 5).round() * 5
unchecked.to_csv("outputs/mean_earnings_unchecked.csv", index=False)
