# Series.describe() of numbers shows count, mean, std, min, 25%, 50%, 75% and max: extremes and quartiles alike.
import pandas as pd
conn = connect()
earn = pd.read_sql("SELECT Edukey, TaxYear, Earnings FROM LEO_i2.dbo.leo_earnings", conn)

print(earn["Earnings"].describe())  #> SDC011 SDC013
