/**
 * Generated Stata in the style of a LEO analysis: an `odbc load` of a census year, derived variables, a loop, a
 * merge with a saved lookup, a guarded and rounded collapse written to outputs, a quiet model and a table of
 * estimates. Each block has its own census year and names, so the benchmark and the fuzzer get large,
 * well-formed do-files.
 */

function block(n: number): string {
  const year = 2010 + (n % 11);
  const yy = String(year % 100).padStart(2, '0');
  return `* Block ${n}: year 11 cohort of ${year} ----------------------------------------
clear
odbc load, exec("SELECT pupilmatchingrefanonymous_spr${yy} AS pmr, fsmeligible_spr${yy} AS fsm, gender_spr${yy} AS gender, senprovision_spr${yy} AS sen FROM npd_i2.dbo.spring_census_${year} WHERE onroll_spr${yy} = 1") dsn("SRS_SQL") clear
generate byte fsm_flag = fsm == 1
generate byte girl = gender == "F"
generate byte sen_support = inlist(sen, "E", "K")
label variable fsm_flag "Eligible for free school meals"
foreach v of varlist fsm_flag girl sen_support {
    quietly replace \`v' = 0 if missing(\`v')
}
forvalues k = 1/3 {
    generate byte band\`k' = 0
}
tempfile cohort_${n}
save \`cohort_${n}'

odbc load, exec("SELECT PUPILMATCHINGREFANONYMOUS AS pmr, AE_ID FROM LEO_i2.dbo.learner_ae_id_to_pmr_lookup") dsn("SRS_SQL") clear
duplicates drop pmr, force
merge 1:1 pmr using \`cohort_${n}', keep(match) nogenerate

bysort fsm_flag girl: generate cell_n = _N
quietly regress sen_support fsm_flag girl band1 band2
estimates store model_${n}

preserve
    collapse (count) pupils = pmr (mean) share_sen = sen_support, by(fsm_flag girl)
    drop if pupils < 10
    replace pupils = round(pupils, 5)
    replace share_sen = round(share_sen, 0.01)
    export delimited using "outputs/block_${n}.csv", replace
restore

preserve
    contract sen_support, freq(pupils)
    keep if pupils >= 10
    replace pupils = round(pupils, 5)
    export delimited using "outputs/sen_${n}.csv", replace
restore

esttab model_${n} using "outputs/model_${n}.rtf", se replace
#delimit ;
keep pmr fsm_flag girl
     sen_support ;
#delimit cr
order girl fsm_flag
keep girl-sen_support
`;
}

/** About \`lines\` lines of generated Stata. */
export function stataScript(lines: number): string {
  let text = 'version 17\nset more off\n';
  for (let n = 0; text.split('\n').length < lines; n++) text += block(n);
  return text;
}
