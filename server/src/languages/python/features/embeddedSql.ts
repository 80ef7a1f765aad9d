/**
 * The T-SQL features inside Python strings sent to the database: each string is analysed by the T-SQL front end
 * with its offsets mapped back to the Python file. Findings that touch a hole (an f-string `{…}`, a `.format`
 * placeholder, a variable concatenated in) are dropped, since the SQL there is only known at run time.
 */
import { analyseEmbeddedSql, type EmbeddedSqlAnalysis } from '../../embedded/offsetMap';
import type { AnalysisContext } from '../../types';
import type { Finding } from '../../../model/findings';
import { embeddedParts, HOLE_PREFIX, type Piece } from '../syntax/strings';

export interface EmbeddedQuery {
  readonly start: number;
  readonly end: number;
  readonly analysis: EmbeddedSqlAnalysis;
}

/** Analyses each query; `previous` (the last version's) lets an unchanged query reuse its SQL analysis. */
export function embeddedQueries(text: string, sites: readonly { pieces: readonly Piece[] }[], context: AnalysisContext, previous: readonly EmbeddedQuery[] = []): EmbeddedQuery[] {
  const byText = new Map<string, EmbeddedSqlAnalysis>();
  for (const query of previous) byText.set(query.analysis.map.text, query.analysis);
  const out: EmbeddedQuery[] = [];
  for (const site of sites) {
    if (site.pieces.length === 0) continue;
    const parts = embeddedParts(text, site.pieces);
    const sqlText = parts.map((p) => p.text).join('');
    if (sqlText.trim() === '') continue;
    const analysis = analyseEmbeddedSql(parts, context, { escape: escapeForPython }, byText.get(sqlText));
    out.push({ start: site.pieces[0]!.start, end: site.pieces[site.pieces.length - 1]!.end, analysis });
  }
  return out;
}

/** Text inserted into a Python string: backslashes and quotes escaped (no literal quote can break out). */
function escapeForPython(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "\\'");
}

/** The findings of every query, in Python offsets, without those touching a hole. */
export function embeddedFindings(queries: readonly EmbeddedQuery[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const query of queries) {
    const sqlFindings = query.analysis.sql.findings;
    const sqlText = query.analysis.map.text;
    query.analysis.findings.forEach((finding, i) => {
      const original = sqlFindings[i]!;
      const around = sqlText.slice(Math.max(0, original.start - 40), original.end + 40);
      if (sqlText.slice(original.start, original.end).includes(HOLE_PREFIX) || (around.includes(HOLE_PREFIX) && touchesHole(sqlText, original.start, original.end))) return;
      const key = `${finding.code}:${finding.start}:${finding.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(finding);
    });
  }
  return out;
}

/** True when the range is part of a dotted name one of whose parts is a hole (`{db}.dbo.table`). */
function touchesHole(sql: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && /[\w.\]["]/.test(sql[from - 1]!)) from--;
  let to = end;
  while (to < sql.length && /[\w.\]["]/.test(sql[to]!)) to++;
  return sql.slice(from, to).includes(HOLE_PREFIX);
}

/** The query whose SQL text holds the offset, if any. */
export function queryAt(queries: readonly EmbeddedQuery[], offset: number): EmbeddedQuery | undefined {
  for (const query of queries) {
    if (offset < query.start || offset > query.end) continue;
    if (query.analysis.map.toSql(offset) !== undefined) return query;
  }
  return undefined;
}
