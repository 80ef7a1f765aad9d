-- Build a cohort from the spring census and attach earnings.
USE scratch_db;
GO

IF OBJECT_ID('tempdb..#cohort') IS NOT NULL DROP TABLE #cohort;

DECLARE @year int = 2019, @label nvarchar(20) = N'spring';

SELECT sc.pupilmatchingrefanonymous_spr19 AS pmr,
       sc.fsmeligible_spr19,
       CAST(sc.yearofbirth_spr19 AS int) AS yob
INTO #cohort
FROM npd_i2."<project number>".spring_census_2019 AS sc WITH (NOLOCK)
WHERE sc.ncyearactual_spr19 = '11'
  AND sc.recordstatus_spr19 IN (1, 2)

;WITH earn AS (
    SELECT e.EduKey, e.TaxYear, SUM(e.Earnings) AS total
    FROM LEO_i2."<project number>".leo_earnings e
    GROUP BY e.EduKey, e.TaxYear
)
SELECT c.pmr, ek.EDUKEY, x.total,
       ROW_NUMBER() OVER (PARTITION BY c.pmr ORDER BY x.TaxYear ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rn
FROM #cohort c
INNER JOIN [LEO_i2].[<project number>].[learner_ae_id_to_pmr_lookup] pmr ON pmr.PUPILMATCHINGREFANONYMOUS = c.pmr
LEFT OUTER JOIN LEO_i2."<project number>".learner_ae_id_to_edukey_lookup ek ON ek.AE_ID = pmr.AE_ID
OUTER APPLY (SELECT TOP 1 earn.total, earn.TaxYear FROM earn WHERE earn.EduKey = ek.EDUKEY ORDER BY earn.TaxYear DESC) x
WHERE EXISTS (SELECT 1 FROM earn e2 WHERE e2.EduKey = ek.EDUKEY)
ORDER BY rn
GO
