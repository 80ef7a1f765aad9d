"""Median earnings by tax year, read from the SRS SQL Server."""
import pandas as pd
import pyodbc

con = pyodbc.connect("DSN=SRS")
earnings = pd.read_sql(
    'SELECT EduKey, TaxYear, Earnings FROM LEO_i2."<project number>".leo_earnings',
    con,
)
print(earnings.groupby("TaxYear")["Earnings"].describe())
