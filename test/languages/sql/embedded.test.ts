/**
 * SQL embedded in R and Python strings: the offset map, and results of the SQL analysis mapped back to the host.
 */
import { strict as assert } from 'node:assert';
import {
  analyseEmbeddedSql, buildOffsetMap, type EmbeddedPart, partsFromBackslashString,
} from '../../../server/src/languages/embedded/offsetMap';
import { bundledCatalogue, contextWith } from './support/catalogues';

/** The parts of every double-quoted string literal in a line of host code, joined with a synthetic space. */
function stringsOf(host: string): EmbeddedPart[] {
  const parts: EmbeddedPart[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"/g;
  for (const m of host.matchAll(pattern)) {
    const start = m.index + 1;
    if (parts.length > 0) parts.push({ kind: 'synthetic', text: ' ', at: start - 1 });
    parts.push(...partsFromBackslashString(host, start, start + m[1]!.length));
  }
  return parts;
}

const escapeForR = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

describe('embedded sql', () => {
  it('maps offsets through escapes and between concatenated pieces', () => {
    const host = 'paste0("SELECT \\"a\\"\\n", "FROM t")';
    const map = buildOffsetMap(stringsOf(host));
    assert.equal(map.text, 'SELECT "a"\n FROM t');
    assert.equal(map.toHost(0), host.indexOf('SELECT'));
    assert.equal(map.toHost(map.text.indexOf('"a"')), host.indexOf('\\"a'));
    assert.equal(map.toHost(map.text.indexOf('FROM')), host.indexOf('FROM'));
    assert.equal(map.toHostEnd(map.text.length), host.lastIndexOf('"'));
    assert.equal(map.toSql(host.indexOf('FROM') + 2), map.text.indexOf('FROM') + 2);
    assert.equal(map.toSql(0), undefined);
    assert.ok(map.isVerbatim(map.text.indexOf('FROM'), map.text.length));
    assert.ok(!map.isVerbatim(map.text.indexOf('"a"'), map.text.indexOf('"a"') + 3));
  });

  it('maps findings and their fixes back to the host', () => {
    const host = 'dbGetQuery(con, paste0("SELECT sc.fsmeligble_spr19 ", "FROM npd_i2.\\"<project number>\\".spring_census_2019 sc"))';
    const result = analyseEmbeddedSql(stringsOf(host), contextWith(bundledCatalogue()), { escape: escapeForR });
    const [finding] = result.findings;
    assert.equal(finding?.code, 'LEO102');
    assert.equal(host.slice(finding.start, finding.end), 'fsmeligble_spr19');
    const edit = finding.fixes![0]!.edits[0]!;
    assert.equal(host.slice(0, edit.start) + edit.newText + host.slice(edit.end), host.replace('fsmeligble', 'fsmeligible'));
  });

  it('maps completion, hover and definition', () => {
    const host = 'pd.read_sql("SELECT e. FROM LEO_i2.\\"<project number>\\".leo_earnings e", con)';
    const result = analyseEmbeddedSql(stringsOf(host), contextWith(bundledCatalogue()), { escape: escapeForR });
    const cursor = host.indexOf('e. FROM') + 2;
    const items = result.complete(cursor)?.items ?? [];
    const taxYear = items.find((i) => i.label === 'TaxYear');
    assert.ok(taxYear);
    assert.equal(taxYear.replaceStart, cursor);
    assert.equal(result.complete(0), undefined);
    const hover = result.hover(host.indexOf('leo_earnings') + 2);
    assert.match(hover?.markdown ?? '', /leo_earnings/);
    assert.equal(host.slice(hover!.start, hover!.end), 'leo_earnings');
    const definition = result.definition(host.indexOf('e. FROM'));
    assert.deepEqual(definition.map((d) => (d.kind === 'document' ? host.slice(d.start, d.end) : d.kind)), ['e']);
    const views = analyseEmbeddedSql(stringsOf('q <- "SELECT * FROM "'), contextWith(bundledCatalogue()), { escape: escapeForR });
    const earnings = views.complete('q <- "SELECT * FROM '.length)?.items.find((i) => i.label === 'leo_earnings');
    assert.equal(earnings?.insertText, 'LEO_i2.\\"<project number>\\".leo_earnings');
  });
});
