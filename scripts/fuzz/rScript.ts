/**
 * Generated R in the style of a LEO analysis (SQL extracts, dplyr, data.table, base R, outputs), so the
 * fuzzer has large well-formed R to mutate as the T-SQL side has bench/support/sqlScript.ts.
 */

function block(n: number): string {
  const year = 2010 + (n % 11);
  const yy = String(year % 100).padStart(2, '0');
  return `# Block ${n}: cohort for ${year}
census_${n} <- DBI::dbGetQuery(con, paste0(
  "SELECT pupilmatchingrefanonymous_spr${yy} AS pmr, fsmeligible_spr${yy} AS fsm ",
  "FROM npd_i2.\\"<project number>\\".spring_census_${year} WHERE onroll_spr${yy} = 1"
))
census_${n}$fsm_flag <- census_${n}$fsm == 1
summary_${n} <- census_${n} %>%
  filter(!is.na(fsm)) %>%
  group_by(fsm) %>%
  summarise(pupils = n(), .groups = "drop") %>%
  filter(pupils >= 10)
readr::write_csv(summary_${n}, "outputs/summary_${n}.csv")
dt_${n} <- data.table::as.data.table(census_${n})
bands_${n} <- dt_${n}[fsm == 1, .(people = uniqueN(pmr)), by = fsm_flag]
bands_${n}[, people := round(people, -1)]
print(table(census_${n}$fsm)[table(census_${n}$fsm) >= 10])
helper_${n} <- function(df, col = "fsm") {
  if (nrow(df) > 0) { df[[col]] } else { NULL }
}
`;
}

/** About `lines` lines of generated R. */
export function rScript(lines: number): string {
  const blocks: string[] = ['library(DBI)\nlibrary(dplyr)\ncon <- dbConnect(odbc::odbc(), dsn = "SRS")\n'];
  for (let n = 0; blocks.length * 20 < lines; n++) blocks.push(block(n));
  return blocks.join('\n');
}
