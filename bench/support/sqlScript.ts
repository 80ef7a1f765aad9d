/** Generated T-SQL in the style of a long LEO analysis script, shared by the benchmarks. */

/**
 * One block of about 50 lines in the style of a LEO analysis: a census cohort into a temp table, a CTE over
 * earnings joined through the lookups, benefits with OUTER APPLY, an UPDATE and control flow.
 * Every block uses its own temp table names and census year, so the script looks like a long real one.
 */
function block(n: number): string {
  const year = 2010 + (n % 11);
  const yy = String(year % 100).padStart(2, '0');
  const p = '"<project number>"';
  return `-- Block ${n}: cohort for ${year}
IF OBJECT_ID('tempdb..#cohort_${n}') IS NOT NULL DROP TABLE #cohort_${n};

SELECT  sc.PupilMatchingRefAnonymous_SPR${yy} AS pmr,
        sc.FSMeligible_SPR${yy} AS fsm,
        sc.SENprovision_SPR${yy} AS sen,
        sc.Gender_SPR${yy} AS gender
INTO    #cohort_${n}
FROM    npd_i2.${p}.spring_census_${year} sc
WHERE   sc.NCyearActual_SPR${yy} = '11'
  AND   sc.OnRoll_SPR${yy} = 1;

WITH keyed AS (
    SELECT c.pmr, ek.EDUKEY
    FROM   #cohort_${n} c
    INNER JOIN LEO_i2.${p}.learner_ae_id_to_pmr_lookup pm ON pm.PUPILMATCHINGREFANONYMOUS = c.pmr
    INNER JOIN LEO_i2.${p}.learner_ae_id_to_edukey_lookup ek ON ek.AE_ID = pm.AE_ID
),
earn AS (
    SELECT e.Edukey, e.TaxYear, SUM(e.Earnings) AS total
    FROM   LEO_i2.${p}.leo_earnings e
    GROUP BY e.Edukey, e.TaxYear
)
SELECT  k.pmr, er.TaxYear, er.total,
        ROW_NUMBER() OVER (PARTITION BY k.pmr ORDER BY er.TaxYear) AS rn
INTO    #earnings_${n}
FROM    keyed k
INNER JOIN earn er ON er.Edukey = k.EDUKEY
WHERE   er.total > 0;

SELECT  c.pmr, c.fsm, first_claim.StartDate, first_claim.Benefit_type
FROM    #cohort_${n} c
INNER JOIN LEO_i2.${p}.learner_ae_id_to_pmr_lookup pm ON pm.PUPILMATCHINGREFANONYMOUS = c.pmr
INNER JOIN LEO_i2.${p}.learner_ae_id_to_edukey_lookup ek ON ek.AE_ID = pm.AE_ID
OUTER APPLY (
    SELECT TOP 1 b.StartDate, b.Benefit_type
    FROM   LEO_i2.${p}.leo_benefit b
    WHERE  b.EduKey = ek.EDUKEY AND b.Out_of_work_benefit = 1
    ORDER BY b.StartDate
) first_claim;

UPDATE  e SET e.total = 0 FROM #earnings_${n} e WHERE e.total < 0;

IF EXISTS (SELECT 1 FROM #earnings_${n} WHERE rn > 20)
BEGIN
    PRINT 'long earnings history in block ${n}';
END

SELECT  x.pmr, MAX(x.total) AS best_year FROM #earnings_${n} x GROUP BY x.pmr HAVING COUNT(*) > 2;
${n % 10 === 9 ? 'GO\n' : ''}`;
}

export function script(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let n = 0; count < lines; n++) {
    const text = block(n);
    parts.push(text);
    count += text.split('\n').length - 1;
  }
  return parts.join('\n');
}

