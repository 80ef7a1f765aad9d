/**
 * Completion in R, one case per line: a snippet after a shared prelude, the cursor at `$0`, and the
 * labels that must (and must not) be offered.
 */
import { strict as assert } from 'node:assert';
import { analyseR, rReady, withCursor } from './support/analyse';

const PRELUDE = [
  'library(dplyr)',
  'library(data.table)',
  'con <- DBI::dbConnect(odbc::odbc(), dsn = "SRS")',
  'df <- DBI::dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.\\"<project number>\\".spring_census_2019")',
  'dt <- as.data.table(df)',
  '',
].join('\n');

const BOTH = ['fsmeligible_spr19', 'senprovision_spr19'];

interface Case {
  readonly code: string;
  /** Labels that must be offered (compared without regard to case). */
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** The exact list of labels, in order. */
  readonly exactly?: readonly string[];
}

const CASES: readonly Case[] = [
  { code: 'df$$0', exactly: BOTH },
  { code: 'df$fsm$0', exactly: BOTH },
  { code: 'df[["$0"]]', exactly: BOTH },
  { code: 'df[["sen$0', exactly: BOTH },
  { code: 'df[, "$0"]', exactly: BOTH },
  { code: 'df[df$fsmeligible_spr19 == 1, c("fsmeligible_spr19", "$0")]', exactly: BOTH },
  { code: 'df |> filter($0)', exactly: BOTH },
  { code: 'df %>% mutate(x = sen$0)', exactly: BOTH },
  { code: 'df %>% filter(fsm$0', exactly: BOTH },
  { code: 'select(df, $0)', exactly: BOTH },
  { code: 'df %>% group_by(fsmeligible_spr19) %>% summarise(pupils = n()) %>% filter($0)', exactly: ['fsmeligible_spr19', 'pupils'] },
  { code: 's <- df %>% count(senprovision_spr19)\ns$$0', exactly: ['senprovision_spr19', 'n'] },
  { code: 'dt[, .(n = .N), by = .($0)]', exactly: BOTH },
  { code: 'dt[$0]', exactly: BOTH },
  { code: 'dt[, $0]', exactly: BOTH },
  { code: 'dt[, flag := fsmeligible_spr19 == 1]\ndt$$0', exactly: [...BOTH, 'flag'] },
  { code: 'e <- tbl(con, in_schema("LEO_i2", "leo_earnings"))\ne %>% filter(TaxYear == 201819) %>% select($0)', includes: ['Edukey', 'TaxYear', 'Earnings'] },
  { code: 'tbl(con, in_schema("$0"))', includes: ['npd_i2', 'LEO_i2', 'hesa_i2'] },
  { code: 'tbl(con, in_schema($0', includes: ['npd_i2'] },
  { code: 'tbl(con, in_schema("npd_i2", "spring_census_20$0"))', includes: ['spring_census_2019'], excludes: ['leo_earnings'] },
  { code: 'tbl(con, in_schema("LEO_i2", "$0"))', includes: ['leo_earnings', 'learner_ae_id_to_pmr_lookup'], excludes: ['spring_census_2019'] },
  { code: 'DBI::dbGetQuery(con, "SELECT $0 FROM npd_i2.dbo.spring_census_2019")', includes: ['fsmeligible_spr19', 'senprovision_spr19'] },
  { code: 'DBI::dbGetQuery(con, "SELECT e.$0 FROM LEO_i2.dbo.leo_earnings AS e")', includes: ['Edukey', 'TaxYear', 'Earnings'] },
  { code: 'q <- paste0("SELECT x FROM ", "npd_i2.dbo.$0")\nDBI::dbGetQuery(con, q)', includes: ['spring_census_2019'] },
  { code: '# df$$0', exactly: [] },
  { code: 'x <- "df$$0"', exactly: [] },
  { code: 'f <- read.csv("a.csv")\nf$$0', exactly: [] },
  { code: 'unknown_frame$$0', exactly: [] },
  { code: 'df$$0\nbroken <- (', exactly: BOTH },
  { code: 'df %>% filter(other$$0)', exactly: [] },
];

describe('R: completion', () => {
  before(rReady);

  for (const c of CASES) {
    it(c.code.replace(/\n/g, ' ⏎ '), () => {
      const { text, offset } = withCursor(PRELUDE + c.code);
      const labels = analyseR(text).complete(offset).items.map((item) => item.label);
      const lower = labels.map((l) => l.toLowerCase());
      if (c.exactly) assert.deepEqual(labels, c.exactly);
      for (const wanted of c.includes ?? []) assert.ok(lower.includes(wanted.toLowerCase()), `${wanted} is offered among ${labels.slice(0, 20).join(', ')}`);
      for (const unwanted of c.excludes ?? []) assert.ok(!lower.includes(unwanted.toLowerCase()), `${unwanted} is not offered`);
    });
  }

  it('carries catalogue documentation, resolved lazily', () => {
    const { text, offset } = withCursor(`${PRELUDE}df$$0`);
    const analysis = analyseR(text);
    const item = analysis.complete(offset).items.find((i) => i.label === 'fsmeligible_spr19')!;
    assert.match(item.detail ?? '', /Dichotomous/);
    const docs = analysis.resolveDocumentation(item.resolveKey!);
    assert.match(docs ?? '', /Free School Meals/);
  });

  it('replaces the word being typed', () => {
    const { text, offset } = withCursor(`${PRELUDE}df$fsm$0el`);
    const item = analyseR(text).complete(offset).items[0]!;
    assert.equal(text.slice(item.replaceStart, item.replaceEnd), 'fsmel');
  });

  it('writes names R cannot take bare in backticks', () => {
    const { text, offset } = withCursor(`${PRELUDE}w <- dbGetQuery(con, "SELECT fsmeligible_spr19 AS [free meals] FROM npd_i2.dbo.spring_census_2019")\nw %>% filter($0)`);
    const item = analyseR(text).complete(offset).items.find((i) => i.label === 'free meals');
    assert.equal(item?.insertText, '`free meals`');
  });

  it('escapes what it inserts into an R string inside SQL', () => {
    const { text, offset } = withCursor(`${PRELUDE}DBI::dbGetQuery(con, "SELECT x FROM npd_i2.$0")`);
    const schema = analyseR(text).complete(offset).items.find((i) => i.label.includes('<project number>'));
    assert.equal(schema?.insertText, '\\"<project number>\\"');
  });
});
