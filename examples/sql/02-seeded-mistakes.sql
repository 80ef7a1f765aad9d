-- This script has deliberate mistakes, to show what LEO Lens reports.

-- A misspelt census column (LEO102, with a quick fix to fsmeligible_spr19).
SELECT sc.pupilmatchingrefanonymous_spr19,
       sc.fsmeligble_spr19
FROM npd_i2."<project number>".spring_census_2019 AS sc;

-- A view that does not exist in the LEO database (LEO101).
SELECT e.EduKey, e.TaxYear
FROM LEO_i2."<project number>".leo_earning AS e;

-- A qualifier that is not an alias of the query (LEO105).
SELECT x.Earnings
FROM LEO_i2."<project number>".leo_earnings AS e;
