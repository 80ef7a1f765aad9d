-- Earnings at age 25 of pupils who were eligible for free school meals in spring 2019.
-- Links the School Census to HMRC earnings through the LEO lookups (PMR -> AE_ID -> EDUKEY).

IF OBJECT_ID('tempdb..#cohort') IS NOT NULL DROP TABLE #cohort;

SELECT sc.PupilMatchingRefAnonymous_SPR19 AS pmr,
       sc.FSMeligible_SPR19              AS fsm,
       sc.SENprovision_SPR19             AS sen
INTO #cohort
FROM npd_i2."<project number>".spring_census_2019 AS sc
WHERE sc.NCyearActual_SPR19 = '11';

WITH linked AS (
    SELECT c.pmr, c.fsm, ek.EDUKEY
    FROM #cohort AS c
    INNER JOIN LEO_i2."<project number>".learner_ae_id_to_pmr_lookup AS pl
        ON pl.PUPILMATCHINGREFANONYMOUS = c.pmr
    INNER JOIN LEO_i2."<project number>".learner_ae_id_to_edukey_lookup AS ek
        ON ek.AE_ID = pl.AE_ID
)
-- Only cells of ten or more people are kept, as the output checkers require.
SELECT l.fsm, e.TaxYear, COUNT(*) AS people
FROM linked AS l
INNER JOIN LEO_i2."<project number>".leo_earnings AS e
    ON e.EduKey = l.EDUKEY
GROUP BY l.fsm, e.TaxYear
HAVING COUNT(*) >= 10;
GO
