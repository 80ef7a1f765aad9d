/**
 * Stata editor features on cursor-marked snippets: variable completion in varlists, expressions, `by` prefixes
 * and options (and none where a name is being made or in strings and comments), hover and go-to-definition to
 * where a variable was loaded or made, and the SQL features inside `odbc load, exec("…")`.
 */
import { strict as assert } from 'node:assert';
import { analyseStata, withCursor } from './support';

const LOAD = 'odbc load, exec("SELECT pupilmatchingrefanonymous_spr19 AS pmr, fsmeligible_spr19 AS fsm, gender_spr19 AS gender FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n';

function labels(marked: string): string[] {
  const { text, offset } = withCursor(marked);
  return analyseStata(text).complete(offset).items.map((i) => i.label);
}

describe('Stata: completion', () => {
  const cases: { name: string; text: string; expect: string[] | 'none' | 'some' }[] = [
    { name: 'a varlist', text: `${LOAD}tabulate $0`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'a prefix being typed', text: `${LOAD}tab f$0`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'an expression after =', text: `${LOAD}generate byte girl = gen$0`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'an if condition', text: `${LOAD}keep if $0`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'a by() option', text: `${LOAD}collapse (count) n = pmr, by($0)`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'a by prefix', text: `${LOAD}bysort $0`, expect: ['pmr', 'fsm', 'gender'] },
    { name: 'variables made earlier', text: `${LOAD}generate byte girl = gender == "F"\nsummarize $0`, expect: ['pmr', 'fsm', 'gender', 'girl'] },
    { name: 'after a rename', text: `${LOAD}rename fsm fsm19\nlist $0`, expect: ['pmr', 'fsm19', 'gender'] },
    { name: 'after a collapse', text: `${LOAD}collapse (count) n = pmr, by(fsm)\nlist $0`, expect: ['fsm', 'n'] },
    { name: 'not the new name of generate', text: `${LOAD}generate $0`, expect: 'none' },
    { name: 'not in a string', text: `${LOAD}display "$0"`, expect: 'none' },
    { name: 'not in a comment', text: `${LOAD}// tab $0`, expect: 'none' },
    { name: 'not the command name', text: `${LOAD}ta$0`, expect: 'none' },
    { name: 'not option names', text: `${LOAD}tab fsm, $0`, expect: 'none' },
    { name: 'SQL columns inside exec()', text: 'odbc load, exec("SELECT pupilmatchingrefanonymous_spr19, $0 FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n', expect: 'some' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = labels(c.text);
      if (c.expect === 'none') assert.deepEqual(got, []);
      else if (c.expect === 'some') assert.ok(got.some((l) => /fsmeligible_spr19/i.test(l)), got.slice(0, 10).join(', '));
      else assert.deepEqual(got, c.expect);
    });
  }
});

describe('Stata: hover and definition', () => {
  it('hovers a variable with where it was loaded and its catalogue entry', () => {
    const { text, offset } = withCursor(`odbc load, exec("SELECT fsmeligible_spr19 FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\ntab fsm$0eligible_spr19\n`);
    const hover = analyseStata(text).hover(offset);
    assert.ok(hover, 'a hover');
    assert.match(hover.markdown, /odbc load \(line 1\)/);
    assert.match(hover.markdown, /fsmeligible/i);
  });

  it('goes to where a variable was made', () => {
    const { text, offset } = withCursor(`${LOAD}generate byte girl = gender == "F"\ntab gi$0rl\n`);
    const targets = analyseStata(text).definition(offset);
    const made = text.indexOf('girl');
    assert.deepEqual(targets, [{ kind: 'document', start: made, end: made + 4 }]);
  });

  it('goes from a variable to the alias in the SQL that loaded it', () => {
    const { text, offset } = withCursor(`${LOAD}tab fs$0m\n`);
    const targets = analyseStata(text).definition(offset);
    const alias = text.indexOf('AS fsm') + 3;
    assert.equal(targets.length, 1);
    const target = targets[0]!;
    assert.ok(target.kind === 'document' && target.start < alias && target.end === alias + 3, JSON.stringify(target));
  });

  it('hovers SQL inside exec()', () => {
    const { text, offset } = withCursor('odbc load, exec("SELECT fsmeli$0gible_spr19 FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n');
    const hover = analyseStata(text).hover(offset);
    assert.ok(hover, 'a hover');
    assert.ok(hover.start > text.indexOf('SELECT') && hover.end <= text.indexOf(' FROM'));
  });
});

describe('Stata: reference findings', () => {
  it('reports an unknown variable with a did-you-mean fix', () => {
    const text = `${LOAD}tab fms\n`;
    const [finding] = analyseStata(text).findings;
    assert.equal(finding?.code, 'LEO102');
    assert.equal(text.slice(finding!.start, finding!.end), 'fms');
    assert.equal(finding!.fixes?.[0]?.edits[0]?.newText, 'fsm');
  });

  it('reports an ambiguous abbreviation instead of guessing', () => {
    const text = `${LOAD}generate fsm2 = fsm\ntab fs\n`;
    assert.deepEqual(analyseStata(text).findings.map((f) => f.code), ['LEO104']);
  });

  it('accepts a unique abbreviation, wildcards, ranges and _all', () => {
    const text = `${LOAD}tab gend\ndescribe f* pm?\nkeep pmr-gender\ndescribe _all\n`;
    assert.deepEqual(analyseStata(text).findings, []);
  });

  it('rejects an abbreviation after set varabbrev off', () => {
    const text = `${LOAD}set varabbrev off\ntab gend\n`;
    assert.deepEqual(analyseStata(text).findings.map((f) => f.code), ['LEO102']);
  });

  it('reads stored results and coefficients as results, and assert as an expression', () => {
    const text = `${LOAD}logit fsm gender\nassert e(N) - e(df_m) >= 10\nassert _b[gender] != . & _se[gender] > 0\nsummarize pmr\ngenerate share = fsm / r(N)\nassert fms == 1\n`;
    const findings = analyseStata(text).findings;
    assert.deepEqual(findings.map((f) => f.code), ['LEO102']);
    assert.equal(text.slice(findings[0]!.start, findings[0]!.end), 'fms');
  });

  it('reads twoway layers: the plot type, if and options of each layer are not variables', () => {
    const text = `${LOAD}twoway (connected fsm gender if pmr != "", msize(small)) (line fsm gender), legend(off)\ntwoway scatter fsm gender || lfit fsm gender\ngraph bar (mean) fsm, over(gender)\ntwoway (scatter fsm gendr)\n`;
    const findings = analyseStata(text).findings.filter((f) => f.code.startsWith('LEO'));
    assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['gendr']);
  });

  it('says nothing when the variables are not certain', () => {
    const texts = [
      'use "work/cohort.dta", clear\ntab anything\n',
      'import delimited using "work/x.csv", clear\nsummarize whatever\n',
      `${LOAD}some_user_command\ntab anything\n`,
      `${LOAD}reshape wide fsm, i(pmr) j(gender) string\ntab fsm1\n`,
      `${LOAD}local v notavar\ntab \`v'\n`,
      `${LOAD}tab \`undefined'\n`,
    ];
    for (const text of texts) assert.deepEqual(analyseStata(text).findings.map((f) => f.code), [], text);
  });

  it('follows a dataset saved and used again', () => {
    const text = `${LOAD}tempfile base\nsave \`base'\nclear\nuse \`base', clear\ntab fms\n`;
    assert.deepEqual(analyseStata(text).findings.map((f) => f.code), ['LEO102']);
  });

  it('expands a known macro in a varlist', () => {
    const text = `${LOAD}local vars fsm gender\ntab \`vars'\nforeach v of local vars {\n  tab \`v'\n}\n`;
    assert.deepEqual(analyseStata(text).findings, []);
  });

  it('reports SQL findings inside exec() at their place in the do-file', () => {
    const text = 'odbc load, exec("SELECT fsmeligble_spr19 FROM npd_i2.dbo.spring_census_2019") dsn("SRS_SQL") clear\n';
    const findings = analyseStata(text).findings;
    assert.deepEqual(findings.map((f) => f.code), ['LEO102']);
    assert.equal(text.slice(findings[0]!.start, findings[0]!.end), 'fsmeligble_spr19');
  });

  it('drops SQL findings on a macro of unknown value', () => {
    const text = 'odbc load, exec("SELECT fsmeligible_spr`yy\' FROM npd_i2.dbo.spring_census_20`yy\'") dsn("SRS_SQL") clear\n';
    assert.deepEqual(analyseStata(text).findings, []);
  });
});
