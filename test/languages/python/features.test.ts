/**
 * Editor features in Python, with `$0` cursor markers: column completion after `df["`, `df[["a", "`,
 * `.loc[:, "`, `.groupby("` and `df.`; the T-SQL completion and hover inside SQL strings; hover and go to
 * definition on columns; LEO102 fixes.
 */
import { strict as assert } from 'node:assert';
import { analysePy, pyReady, withCursor } from './support/analyse';

const SETUP = `import pandas as pd
census = pd.read_sql('SELECT pupilmatchingrefanonymous_spr19, fsmeligible_spr19, gender_spr19 FROM npd_i2.dbo.spring_census_2019', conn)
counts = census.groupby("gender_spr19").agg(pupils=("pupilmatchingrefanonymous_spr19", "count"))
`;

function labelsAt(marked: string): string[] {
  const { text, offset } = withCursor(SETUP + marked);
  return analysePy(text).complete(offset).items.map((i) => i.label);
}

const CENSUS_COLUMNS = ['pupilmatchingrefanonymous_spr19', 'fsmeligible_spr19', 'gender_spr19'];

describe('Python: completion', () => {
  before(pyReady);

  const cases: [string, string, string[]][] = [
    ['inside df["', 'census["$0', CENSUS_COLUMNS],
    ['inside df[\'… with a prefix typed', "census['fsm$0", CENSUS_COLUMNS],
    ['inside a list of columns', 'census[["gender_spr19", "$0', CENSUS_COLUMNS],
    ['inside .loc[:, "', 'census.loc[:, "$0', CENSUS_COLUMNS],
    ['inside groupby("', 'census.groupby("$0', CENSUS_COLUMNS],
    ['inside merge(on="', 'census.merge(other, on="$0', CENSUS_COLUMNS],
    ['after a dot', 'census.$0', CENSUS_COLUMNS],
    ['on an aggregated frame', 'counts["$0', ['gender_spr19', 'pupils']],
    ['nothing for an unknown variable', 'other["$0', []],
  ];
  for (const [name, marked, expected] of cases) {
    it(name, () => assert.deepEqual(labelsAt(marked), expected));
  }

  it('replaces the word typed so far', () => {
    const { text, offset } = withCursor(`${SETUP}census["fsm$0"]\n`);
    const item = analysePy(text).complete(offset).items.find((i) => i.label === 'fsmeligible_spr19')!;
    assert.equal(text.slice(item.replaceStart, item.replaceEnd), 'fsm');
  });

  it('documents a catalogued column when the item is focused', () => {
    const { text, offset } = withCursor(`${SETUP}census["$0`);
    const analysis = analysePy(text);
    const item = analysis.complete(offset).items.find((i) => i.label === 'fsmeligible_spr19')!;
    assert.match(analysis.resolveDocumentation(item.resolveKey!) ?? '', /Free School Meals/);
  });

  it('completes column names inside a SQL string, from the T-SQL front end', () => {
    const { text, offset } = withCursor(`import pandas as pd\ndf = pd.read_sql("SELECT fsm$0 FROM npd_i2.dbo.spring_census_2019", conn)\n`);
    const labels = analysePy(text).complete(offset).items.map((i) => i.label);
    assert.ok(labels.some((l) => /^fsmeligible_spr19$/i.test(l)), labels.slice(0, 20).join(', '));
  });

  it('completes inside an f-string query around its holes', () => {
    const { text, offset } = withCursor(`import pandas as pd\nyear = 2019\ndf = pd.read_sql(f"SELECT fsm$0 FROM npd_i2.dbo.spring_census_2019 WHERE ncyearactual_spr19 = {year}", conn)\n`);
    const labels = analysePy(text).complete(offset).items.map((i) => i.label);
    assert.ok(labels.some((l) => /^fsmeligible_spr19$/i.test(l)));
  });
});

describe('Python: hover, definition and fixes', () => {
  before(pyReady);

  it('hovers a catalogued column with its catalogue entry', () => {
    const { text, offset } = withCursor(`${SETUP}census["fsmelig$0ible_spr19"]\n`);
    const hover = analysePy(text).hover(offset);
    assert.ok(hover !== undefined);
    assert.match(hover.markdown, /fsmeligible_spr19/i);
    assert.equal(text.slice(hover.start, hover.end), 'fsmeligible_spr19');
  });

  it('hovers a made column with what it holds', () => {
    const { text, offset } = withCursor(`${SETUP}counts["pup$0ils"]\n`);
    assert.match(analysePy(text).hover(offset)?.markdown ?? '', /count of `pupilmatchingrefanonymous_spr19`/);
  });

  it('hovers a variable holding a frame', () => {
    const { text, offset } = withCursor(`${SETUP}cen$0sus2 = census\n`);
    assert.match(analysePy(text).hover(offset)?.markdown ?? '', /3 columns/);
  });

  it('hovers a table inside a SQL string', () => {
    const { text, offset } = withCursor(`import pandas as pd\ndf = pd.read_sql("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_cen$0sus_2019", conn)\n`);
    assert.match(analysePy(text).hover(offset)?.markdown ?? '', /census/i);
  });

  it('goes from a column use to its select item and its catalogue entry', () => {
    const { text, offset } = withCursor(`${SETUP}census["gender$0_spr19"]\n`);
    const targets = analysePy(text).definition(offset);
    const inDocument = targets.find((t) => t.kind === 'document');
    assert.ok(inDocument !== undefined && inDocument.kind === 'document');
    assert.equal(text.slice(inDocument.start, inDocument.end), 'gender_spr19');
    assert.ok(inDocument.start < SETUP.indexOf('FROM'), 'the select item');
    assert.ok(targets.some((t) => t.kind === 'catalogue' && t.column !== undefined));
  });

  it('goes from a made column to where it was made', () => {
    const { text, offset } = withCursor(`${SETUP}counts["pup$0ils"]\n`);
    const target = analysePy(text).definition(offset)[0];
    assert.ok(target?.kind === 'document');
    assert.equal(text.slice(target.start, target.end), 'pupils=("pupilmatchingrefanonymous_spr19", "count")');
  });

  it('offers the closest column as the preferred LEO102 fix', () => {
    const text = `${SETUP}census["gendr_spr19"]\n`;
    const finding = analysePy(text).findings.find((f) => f.code === 'LEO102')!;
    assert.equal(text.slice(finding.start, finding.end), 'gendr_spr19');
    assert.deepEqual(finding.fixes?.map((f) => f.edits[0]!.newText), ['gender_spr19']);
    assert.equal(finding.fixes?.[0]?.preferred, true);
  });

  it('reads the columns inside a comparison, a boolean mask and parentheses', () => {
    for (const line of ['fsm = census["gendr_spr19"] == "F"', 'boys = census[census["gendr_spr19"] > "F"]', 'both = (census["gendr_spr19"] == "F") & ~(census["gendr_spr19"] != "M")', 'pick = 1 if census["gendr_spr19"].any() else 0']) {
      const text = `${SETUP}${line}\n`;
      const found = analysePy(text).findings.filter((f) => f.code === 'LEO102');
      assert.ok(found.length >= 1, line);
      for (const f of found) assert.equal(text.slice(f.start, f.end), 'gendr_spr19', line);
    }
    const { text, offset } = withCursor(`${SETUP}girls = census["gender$0_spr19"] == "F"\n`);
    assert.ok(analysePy(text).hover(offset)?.markdown, 'hover on a column inside a comparison');
  });

  it('holds column findings inside a statement that does not parse yet', () => {
    const text = `${SETUP}x = census["gendr_spr19"] +\n`;
    assert.deepEqual(analysePy(text).findings.filter((f) => f.code === 'LEO102'), []);
  });

  it('drops SQL findings that touch an f-string hole', () => {
    const text = `import pandas as pd\nschema = "dbo"\ndf = pd.read_sql(f"SELECT fsmeligible_spr19 FROM npd_i2.{schema}.spring_census_2019", conn)\n`;
    assert.deepEqual(analysePy(text).findings.map((f) => f.code), []);
  });

  const silent: [string, string][] = [
    ['a two-level column after agg with a list of functions', 't = census.groupby("gender_spr19").agg({"fsmeligible_spr19": ["mean", "count"]})\nt["fsmeligible_spr19"]["mean"]'],
    ['the indicator column of a merge', 'm = census.merge(other, on="gender_spr19", how="outer", indicator=True)\nm["_merge"]'],
    ['a column added in place by insert', 'census.insert(0, "new_flag", 1)\ncensus["new_flag"]'],
    ['a frame handed to a module function', 'helpers.add_flags(census)\ncensus["flag"]'],
    ['the count column of value_counts, whose name depends on the pandas version', 'vc = census["gender_spr19"].value_counts().reset_index()\nvc["index"]'],
    ['a frame changed by a method the model does not know', 'census.pop("gender_spr19")\ncensus["anything"]'],
    ['columns renamed by a function', 'census.columns = census.columns.str.lower()\ncensus["x"]'],
    ['a column named by a variable in a loop', 'for c in cols:\n    census[c] = 0\ncensus["anything"]'],
    ['after exec', 'exec(code)\ncensus["anything"]'],
  ];
  for (const [name, body] of silent) {
    it(`stays silent on ${name}`, () => {
      assert.deepEqual(analysePy(`${SETUP}${body}\n`).findings.map((f) => f.code), []);
    });
  }

  it('still checks a frame after a method that only looks at it', () => {
    assert.deepEqual(analysePy(`${SETUP}census.info()\ncensus["gendr_spr19"]\n`).findings.map((f) => f.code), ['LEO102']);
  });

  it('lists frames as symbols', () => {
    assert.deepEqual(analysePy(SETUP).symbols().map((s) => s.name), ['census', 'counts']);
  });
});
