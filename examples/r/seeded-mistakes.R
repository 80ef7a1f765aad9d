# This script has deliberate mistakes, to show what LEO Lens reports in R.
library(DBI)

con <- dbConnect(odbc::odbc(), dsn = "SRS")
census <- dbGetQuery(con, "
  SELECT fsmeligible_spr19, senprovision_spr19, ethnicgroupmajor_spr19
  FROM npd_i2.\"<project number>\".spring_census_2019
")

# A misspelt column of a frame whose columns are known (LEO102, with a quick fix).
census$fsm <- census$fsmeligble_spr19 == 1
