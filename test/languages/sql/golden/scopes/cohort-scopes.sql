SELECT sc.PupilMatchingRefAnonymous_SPR19 AS pmr, sc.FSMeligible_SPR19 AS fsm
INTO #pupils
FROM npd_i2."<project number>".spring_census_2019 sc;

WITH keyed (pmr, ae_id) AS (
    SELECT p.pmr, lk.AE_ID FROM #pupils p
    JOIN LEO_i2."<project number>".learner_ae_id_to_pmr_lookup lk ON lk.PUPILMATCHINGREFANONYMOUS = p.pmr
)
SELECT k.pmr, ek.EDUKEY, latest.TaxYear, Earnings
FROM keyed k
JOIN LEO_i2."<project number>".learner_ae_id_to_edukey_lookup ek ON ek.AE_ID = k.ae_id
OUTER APPLY (SELECT TOP 1 e.TaxYear, e.Earnings FROM LEO_i2."<project number>".leo_earnings e WHERE e.Edukey = ek.EDUKEY ORDER BY e.TaxYear DESC) latest
WHERE EXISTS (SELECT 1 FROM #pupils p2 WHERE p2.pmr = k.pmr AND fsm = 1)
ORDER BY pmr;

UPDATE #pupils SET fsm = 0 WHERE pmr IS NULL;
