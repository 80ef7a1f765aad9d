# The server a connection names is a value code clearance removes, however the connection string is written.
import pandas as pd
import pymssql
import pyodbc
from sqlalchemy import create_engine

conn = pyodbc.connect(
    "Driver={ODBC Driver 17 for SQL Server};"
    "Server=SRSDB01\\LEO;"  #> SDC025
    "Trusted_Connection=yes;"
)
other = pymssql.connect(server="SRSDB02", database="LEO_i2")  #> SDC025
engine = create_engine("mssql+pyodbc://SRSDB03/LEO_i2?driver=ODBC+Driver+17")  #> SDC025
local = pyodbc.connect("Driver={ODBC Driver 17 for SQL Server};Server=localhost;Database=LEO_i2;")
dsn = pyodbc.connect("DSN=LEO_i2;Trusted_Connection=yes")
