/**
 * Hover and go-to-definition in R, one case per line, with the cursor at `$0`.
 */
import { strict as assert } from 'node:assert';
import type { DefinitionTarget } from '../../../server/src/languages/types';
import { analyseR, rReady, withCursor } from './support/analyse';

const PRELUDE = [
  'library(dplyr)',
  'con <- DBI::dbConnect(odbc::odbc(), dsn = "SRS")',
  'df <- DBI::dbGetQuery(con, "SELECT fsmeligible_spr19, senprovision_spr19 FROM npd_i2.\\"<project number>\\".spring_census_2019")',
  's <- df %>% group_by(senprovision_spr19) %>% summarise(pupils = n(), share_fsm = mean(fsmeligible_spr19))',
  'r <- df %>% rename(fsm = fsmeligible_spr19)',
  '',
].join('\n');

interface HoverCase {
  readonly code: string;
  /** Patterns the markdown must match; an empty list means no hover at all. */
  readonly matches: readonly RegExp[];
  /** The hovered text. */
  readonly range?: string;
}

const HOVERS: readonly HoverCase[] = [
  { code: 'df$fsmeligible_spr$019', matches: [/FSMeligible_SPR19/, /Free School Meals/, /Sensitivity C/], range: 'fsmeligible_spr19' },
  { code: 's$pup$0ils', matches: [/derived column/, /A count of rows/, /pupils = n\(\)/], range: 'pupils' },
  { code: 's$share_f$0sm', matches: [/A mean of `fsmeligible_spr19`/] },
  { code: 'r$fs$0m', matches: [/renamed from `FSMeligible_SPR19`/i, /Free School Meals/] },
  { code: 'd$0f', matches: [/\*\*df\*\* — data\.frame, record level/, /spring_census_2019/, /Columns\*\* \(2\)/] },
  { code: 'tbl(con, in_schema("npd_i2", "spring_cen$0sus_2019"))', matches: [/School Census/, /Columns/], range: 'spring_census_2019' },
  { code: 'DBI::dbGetQuery(con, "SELECT fsmelig$0ible_spr19 FROM npd_i2.dbo.spring_census_2019")', matches: [/Free School Meals/], range: 'fsmeligible_spr19' },
  { code: 'DBI::dbGetQuery(con, "SELECT x FROM npd_i2.dbo.spring_cen$0sus_2019")', matches: [/School Census/] },
  { code: 'x <- c("fsmeligible$0_spr19")', matches: [] },
  { code: 'f <- read.csv("a.csv")\nf$som$0e', matches: [] },
];

interface DefinitionCase {
  readonly code: string;
  /** The text each document target covers, in order; `catalogue:<table>[.<column>]` for catalogue targets. */
  readonly targets: readonly string[];
}

const DEFINITIONS: readonly DefinitionCase[] = [
  { code: 'df$fsmeligible_spr$019', targets: ['fsmeligible_spr19@3', 'catalogue:school-census.FSMeligible_[term][yy]'] },
  { code: 's$pup$0ils', targets: ['pupils@4'] },
  { code: 'r$fs$0m', targets: ['fsm@5', 'catalogue:school-census.FSMeligible_[term][yy]'] },
  { code: 'd$0f', targets: ['df@3'] },
  { code: 's %>% filter(pupi$0ls >= 10)', targets: ['pupils@4'] },
  { code: 'tbl(con, in_schema("LEO_i2", "leo_earn$0ings"))', targets: ['catalogue:leo-earnings'] },
];

function describeTarget(text: string, target: DefinitionTarget): string {
  if (target.kind === 'catalogue') return `catalogue:${target.table}${target.column ? `.${target.column}` : ''}`;
  const line = text.slice(0, target.start).split('\n').length;
  return `${text.slice(target.start, target.end)}@${line}`;
}

describe('R: hover', () => {
  before(rReady);

  for (const c of HOVERS) {
    it(c.code.replace(/\n/g, ' ⏎ '), () => {
      const { text, offset } = withCursor(PRELUDE + c.code);
      const hover = analyseR(text).hover(offset);
      if (c.matches.length === 0) {
        assert.equal(hover, undefined);
        return;
      }
      assert.ok(hover, 'there is a hover');
      for (const pattern of c.matches) assert.match(hover.markdown, pattern);
      if (c.range) assert.equal(text.slice(hover.start, hover.end), c.range);
    });
  }
});

describe('R: definition', () => {
  before(rReady);

  for (const c of DEFINITIONS) {
    it(c.code, () => {
      const { text, offset } = withCursor(PRELUDE + c.code);
      assert.deepEqual(analyseR(text).definition(offset).map((t) => describeTarget(text, t)), c.targets);
    });
  }
});
