-- Outputs that would not pass statistical disclosure control, to show the SDC warnings.

-- Mean earnings by school with no minimum count and no dominance check.
SELECT sc.LAEstab_anon_SPR19 AS school, AVG(e.Earnings) AS mean_earnings, MAX(e.Earnings) AS top_earner
FROM npd_i2."<project number>".spring_census_2019 AS sc
INNER JOIN LEO_i2."<project number>".learner_ae_id_to_pmr_lookup AS pl
    ON pl.PUPILMATCHINGREFANONYMOUS = sc.PupilMatchingRefAnonymous_SPR19
INNER JOIN LEO_i2."<project number>".learner_ae_id_to_edukey_lookup AS ek
    ON ek.AE_ID = pl.AE_ID
INNER JOIN LEO_i2."<project number>".leo_earnings AS e
    ON e.EduKey = ek.EDUKEY
WHERE e.TaxYear = 201819
GROUP BY sc.LAEstab_anon_SPR19;
