* Spring census extracts for three years, loaded over ODBC.
local years 17 18 19
foreach y of local years {
    odbc load, exec("select PupilMatchingRefAnonymous_SPR`y', FSMeligible_SPR`y' from npd_i2.""<project number>"".spring_census_20`y'") dsn("SRS") clear
    generate int census_year = 2000 + `y'   // the census year, for appending
    save "census_`y'.dta", replace
}
