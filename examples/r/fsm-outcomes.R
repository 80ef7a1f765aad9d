# Free school meals and later earnings, read from the SRS SQL Server.
library(DBI)

con <- dbConnect(odbc::odbc(), dsn = "SRS")

df <- dbGetQuery(con, "
  SELECT fsmeligible_spr19, senprovision_spr19
  FROM npd_i2.\"<project number>\".spring_census_2019
")

table(df$fsmeligible_spr19)
dbDisconnect(con)
