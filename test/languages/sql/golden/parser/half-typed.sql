SELECT e.
FROM LEO_i2."<project number>".leo_earnings e

SELECT COUNT(

SELECT sc. FROM npd_i2."<project number>".spring_census_2019 AS

WITH cte AS (SELECT 1 AS x

SELECT * FROM

SELECT a FROM t WHERE x IN (
    SELECT y FROM u
    UNION ALL

    SELECT z FROM v
)
