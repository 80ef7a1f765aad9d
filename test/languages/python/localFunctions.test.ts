/**
 * Functions the script defines are followed where they are called: the body runs with the call's arguments, so the
 * tables, guards, zero-fills and outputs inside it are that call's. Recursion and nesting stay bounded, a body's
 * column names are not judged against one caller's frame, and a file whose helpers would take too long to follow
 * says so with a LEO000 note.
 */
import { strict as assert } from 'node:assert';
import { allFindings, codesAndLines, pyReady } from './support/analyse';

const HEADER =
  'import pandas as pd\n' +
  'census = pd.read_sql(\'SELECT HomeLA_SPR19_anon AS la, FSMeligible_SPR19 AS fsm, SENprovisionMajor_SPR19 AS sen FROM npd_i2."<project number>".spring_census_2019\', con)\n';

const found = (text: string): string[] => codesAndLines(text, allFindings(text)).filter((f) => !f.startsWith('LEO2')).sort();

describe('Python: functions the script defines', () => {
  before(pyReady);

  it('a guarded helper that zero-fills a pivot, called for a nested population: SDC014 once in the body, SDC020 at the second call', () => {
    const text = HEADER +
      'def sen_table(frame):\n' +
      '    counts = frame.groupby(["la", "sen"]).size().reset_index(name="n")\n' +
      '    counts = counts[counts["n"] >= 10]\n' +
      '    counts["n"] = (counts["n"] / 5).round() * 5\n' +
      '    return counts.pivot(index="la", columns="sen", values="n").fillna(0)\n' +
      'everyone = sen_table(census)\n' +
      'fsm_only = sen_table(census[census["fsm"] == 1])\n' +
      'everyone.to_csv("outputs/sen_all.csv")\n' +
      'fsm_only.to_csv("outputs/sen_fsm.csv")\n';
    assert.deepEqual(found(text), ['SDC014@7', 'SDC020@9']);
  });

  it('an unguarded table written inside the helper is reported at its groupby; a guarded one is quiet', () => {
    const helper = (guard: string): string => HEADER +
      'def write_table(frame, name):\n' +
      `    table = frame.groupby("la").size().reset_index(name="n")${guard}\n` +
      '    table["n"] = (table["n"] / 5).round() * 5\n' +
      '    table.to_csv(name)\n' +
      'write_table(census, "outputs/la.csv")\n';
    assert.deepEqual(found(helper('')), ['SDC010@4']);
    assert.deepEqual(found(helper('.query("n >= 10")')), []);
  });

  it('keyword arguments and defaults are bound', () => {
    const script = (call: string): string => HEADER +
      'def protect(table, threshold=10):\n' +
      '    return table[table["n"] >= threshold]\n' +
      'tab = census.groupby("la").size().reset_index(name="n")\n' +
      `safe = ${call}\n` +
      'safe["n"] = (safe["n"] / 5).round() * 5\n' +
      'safe.to_csv("outputs/la.csv")\n';
    assert.deepEqual(found(script('protect(table=tab)')), []);
    assert.deepEqual(found(script('protect(tab, threshold=5)')), ['SDC010@5']);
  });

  it('piped helpers whose guard names the column through a default and whose rounding loops over a default tuple', () => {
    const script = (k: string): string => HEADER +
      `def suppress(t, col="n", k=${k}):\n` +
      '    return t.loc[t[col] >= k]\n' +
      'def round5(t, cols=("n",)):\n' +
      '    t = t.copy()\n' +
      '    for c in cols:\n' +
      '        t[c] = (t[c] / 5).round() * 5\n' +
      '    return t\n' +
      'table = census.groupby("la").size().reset_index(name="n").pipe(suppress).pipe(round5)\n' +
      'table.to_markdown("outputs/la.md")\n';
    assert.deepEqual(found(script('10')), []);
    assert.deepEqual(found(script('5')), ['SDC010@10']);
  });

  it('a .loc row filter names the frame it is taken of, so its count guard counts', () => {
    const script = (filter: string): string => HEADER +
      'tab = census.groupby("la").size().reset_index(name="n")\n' +
      `tab = ${filter}\n` +
      'tab["n"] = (tab["n"] / 5).round() * 5\n' +
      'tab.to_csv("outputs/la.csv")\n';
    assert.deepEqual(found(script('tab.loc[tab["n"] >= 10]')), []);
    assert.deepEqual(found(script('tab.loc[tab["n"] >= 10, ["la", "n"]]')), []);
    assert.deepEqual(found(script('tab.loc[tab["n"] >= 3]')), ['SDC010@3']);
  });

  it('recursion is not followed, and a body reading a column one caller lacks gives no LEO102', () => {
    const text = HEADER +
      'def again(frame):\n' +
      '    return again(frame)\n' +
      'def shares(frame):\n' +
      '    return frame["not_a_column_here"].mean()\n' +
      'again(census)\n' +
      'shares(census)\n';
    assert.deepEqual(found(text), []);
  });

  it('helpers too large to follow in every call leave a LEO000 note', () => {
    const body = Array.from({ length: 2500 }, (_, i) => `    x${i} = frame.copy()\n`).join('');
    const calls = Array.from({ length: 10 }, (_, i) => `t${i} = big(census)\n`).join('');
    const text = `${HEADER}def big(frame):\n${body}    return frame\n${calls}`;
    const notes = allFindings(text).filter((f) => f.code === 'LEO000');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message, /functions were followed/);
  });
});
