/**
 * Reference diagnostics in R: each case is a snippet and the findings expected on it, written as
 * `CODE 'text under the finding'`. Where provenance is uncertain, the expectation is silence.
 */
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../server/src/model/findings';
import { analyseR, rReady } from './support/analyse';

const PRELUDE = [
  'library(dplyr)',
  'con <- DBI::dbConnect(odbc::odbc(), dsn = "SRS")',
  'df <- DBI::dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.\\"<project number>\\".spring_census_2019")',
  '',
].join('\n');

function shown(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} '${text.slice(f.start, f.end)}'`);
}

function applyFirstFix(text: string, finding: Finding): string {
  const edit = finding.fixes?.[0]?.edits[0];
  assert.ok(edit, `${finding.code} has a fix`);
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

const CASES: readonly { readonly code: string; readonly findings: readonly string[] }[] = [
  { code: 'df$fsmeligble_spr19', findings: ["LEO102 'fsmeligble_spr19'"] },
  { code: 'df$fsmeligible_spr19', findings: [] },
  { code: 'df$FSMELIGIBLE_SPR19', findings: [] },
  { code: 'df[["senprovison_spr19"]]', findings: ["LEO102 'senprovison_spr19'"] },
  { code: 'df %>% select(fsmeligible_spr19, senprovision_spr91)', findings: ["LEO102 'senprovision_spr91'"] },
  { code: 'df %>% filter(fsmeligble_spr19 == 1)', findings: ["LEO102 'fsmeligble_spr19'"] },
  { code: 'df %>% filter(fsmeligible_spr19 > threshold)', findings: [] },
  { code: 'df %>% filter(fsmeligible_spr19 %in% codes_from_elsewhere)', findings: [] },
  { code: 'df %>% mutate(a = 1, b = a + 1) %>% filter(b > 1)', findings: [] },
  { code: 'df %>% summarise(n = n()) %>% mutate(pct = n / sum(n)) %>% select(pct, n)', findings: [] },
  { code: 's <- df %>% count(fsmeligible_spr19)\ns$senprovision_spr19', findings: ["LEO102 'senprovision_spr19'"] },
  { code: 'df$fsm <- df$fsmeligible_spr19 == 1\ndf$fsm', findings: [] },
  { code: 'df$fsm <- NULL\ndf$fsm', findings: ["LEO102 'fsm'"] },
  { code: 'df$flag <- 1\ndf$flagg', findings: ["LEO102 'flagg'"] },
  { code: 'df$flag <- 1\ndf$flag <- NULL\ndf$flag', findings: ["LEO102 'flag'"] },
  { code: 'DBI::dbGetQuery(con, "SELECT Edukey, Earnigs FROM LEO_i2.dbo.leo_earnings")', findings: ["LEO102 'Earnigs'"] },
  { code: 'DBI::dbGetQuery(con, "SELECT Edukey,\\n       Earnigs\\nFROM LEO_i2.dbo.leo_earnings")', findings: ["LEO102 'Earnigs'"] },
  { code: 'q <- paste0("SELECT fsmeligble_spr19, ", cols, " FROM npd_i2.dbo.spring_census_2019")\nDBI::dbGetQuery(con, q)', findings: ["LEO102 'fsmeligble_spr19'"] },
  { code: 'q <- paste0("SELECT fsmeligible_spr19, ", cols, " FROM npd_i2.dbo.spring_census_", year)\nDBI::dbGetQuery(con, q)', findings: [] },
  { code: 'x <- DBI::dbGetQuery(con, paste0("SELECT ", cols, " FROM npd_i2.dbo.spring_census_2019"))\nx$anything', findings: [] },
  { code: 'tbl(con, in_schema("npd_i2", "sprng_census_2019"))', findings: ["LEO101 'sprng_census_2019'"] },
  { code: 'tbl(con, in_schema("scratch", "my_own_table"))', findings: [] },
  { code: 'tbl(con, "my_cohort")$anything', findings: [] },
  { code: 'f <- read.csv("x.csv")\nf$fsmeligble_spr19', findings: [] },
  { code: 'f <- readr::read_csv("x.csv") %>% filter(fsmeligble_spr19 == 1)', findings: [] },
  { code: 'helper <- function(data) data$fsmeligble_spr19', findings: [] },
  { code: 'nm <- paste0("fsm", "eligible_spr19")\ndf[[nm]]', findings: [] },
  { code: 'df[[paste0("fsmeligible_spr", yy)]]', findings: [] },
  { code: 'names(df) <- tolower(names(df))\ndf$anything', findings: [] },
  { code: 'q <- "SELECT Edukey, Earnigs FROM LEO_i2.dbo.leo_earnings"\nrun_somewhere(q)', findings: ["LEO102 'Earnigs'"] },
  { code: 'DBI::dbGetQuery(con, glue::glue_sql("SELECT Edukey, Earnigs FROM LEO_i2.dbo.leo_earnings WHERE TaxYear = {yr}", .con = con))', findings: ["LEO102 'Earnigs'"] },
  { code: 'DBI::dbGetQuery(con, sprintf("SELECT %s, Earnigs FROM LEO_i2.dbo.%s", key_column, view))', findings: [] },
  { code: 'DBI::dbGetQuery(con, sprintf("SELECT %s, Earnigs FROM LEO_i2.dbo.leo_earnings", key_column))', findings: ["LEO102 'Earnigs'"] },
  { code: 'df$flag[df$fsmeligible_spr19 == 1] <- TRUE\ndf$flag', findings: [] },
  { code: 'df[["flag"]][1] <- TRUE\ndf$flag', findings: [] },
  { code: 'nm <- "x"\ndf[[nm]] <- 1\ndf$x', findings: [] },
  { code: 'for (v in c("a", "b")) df[[v]] <- 1\ndf$a', findings: [] },
  { code: 'df[, new_names] <- 0\ndf$whatever', findings: [] },
  { code: 'colnames(df)[1] <- "fsm"\ndf$fsm', findings: [] },
  { code: 'dt <- data.table::as.data.table(df)\nadd_flags(dt)\ndt$flag', findings: [] },
  { code: 'dt <- data.table::as.data.table(df)\nnrow(dt)\ndt$flagg', findings: ["LEO102 'flagg'"] },
  { code: 'dt <- data.table::as.data.table(df)\ndata.table::set(dt, j = "flag", value = 1L)\ndt$flag', findings: [] },
  { code: 'assign("df", read.csv("x.csv"))\ndf$anything', findings: [] },
  { code: 'reload <- function() df <<- read.csv("x.csv")\ndf$anything', findings: [] },
];

describe('R: diagnostics', () => {
  before(rReady);

  for (const c of CASES) {
    it(c.code.replace(/\n/g, ' ⏎ '), () => {
      const text = PRELUDE + c.code;
      assert.deepEqual(shown(text, analyseR(text).findings), c.findings);
    });
  }

  it('reports the misspelt column of the issue with a suggestion and a working fix', () => {
    const text = `${PRELUDE}df$fsmeligble_spr19\n`;
    const [finding] = analyseR(text).findings;
    assert.equal(finding?.code, 'LEO102');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Unknown column 'fsmeligble_spr19' in 'df' from `npd_i2\.spring_census_2019` \(dbGetQuery\); did you mean fsmeligible_spr19\?/);
    const fixed = applyFirstFix(text, finding);
    assert.ok(fixed.endsWith('df$fsmeligible_spr19\n'));
    assert.deepEqual(analyseR(fixed).findings, []);
  });

  it('fixes a name inside quotes without touching the quotes', () => {
    const text = `${PRELUDE}df[["senprovison_spr19"]]`;
    const fixed = applyFirstFix(text, analyseR(text).findings[0]!);
    assert.ok(fixed.endsWith('df[["senprovision_spr19"]]'));
  });

  it('maps fixes in embedded SQL through escapes back into the R string', () => {
    const text = `${PRELUDE}DBI::dbGetQuery(con, "SELECT \\"fsmeligble_spr19\\"\\tFROM npd_i2.\\"<project number>\\".spring_census_2019")`;
    const findings = analyseR(text).findings;
    assert.deepEqual(shown(text, findings), ["LEO102 '\\\"fsmeligble_spr19\\\"'"]);
    const fixed = applyFirstFix(text, findings[0]!);
    assert.deepEqual(analyseR(fixed).findings, []);
  });

  it('applies severity overrides, and off silences a code', () => {
    const text = `${PRELUDE}df$fsmeligble_spr19\nDBI::dbGetQuery(con, "SELECT Earnigs FROM LEO_i2.dbo.leo_earnings")`;
    assert.deepEqual(analyseR(text, { LEO102: 'off' }).findings, []);
    assert.deepEqual(analyseR(text, { LEO102: 'error' }).findings.map((f) => f.severity), ['error', 'error']);
  });

  it('never throws and stays silent on code that does not parse', () => {
    for (const broken of ['df$', 'df %>% filter(', 'df[["', 'x <- function(', '}}}', 'DBI::dbGetQuery(con, "SELECT', '"unterminated', '`odd name` <- ((', '']) {
      const analysis = analyseR(PRELUDE + broken);
      assert.deepEqual(analysis.findings.filter((f) => f.code === 'LEO102'), [], broken);
    }
  });
});
