/**
 * Where Python data comes from: the SRS SQL Server (`pd.read_sql(sql, conn)`, `cursor.execute(sql)` then
 * `fetchall()`, `read_sql_table`), whose SQL strings the T-SQL extractor reads in place, and files
 * (`read_csv`, `read_parquet` …), whose columns are not known, so nothing is said about them.
 */
import { addSource, addUnknown } from '../../../dataflow/builder';
import type { Frame } from '../../../dataflow/model';
import type { ObjectName } from '../../sql/ast';
import { extractQueryAt } from '../../sql/dataflow/sql';
import { externalTable } from '../../sql/dataflow/sqlEnv';
import type { PyNode } from '../parser/syntaxTree';
import { argument, type PyCall } from '../syntax/calls';
import { partialValue, sqlTokens } from '../syntax/strings';
import { stringLiteral } from './columns';
import { type Evaluation, type PyState, type PyValue, spanOf } from './state';

/** pandas readers of data files. */
export const FILE_READERS = new Set([
  'read_csv', 'read_parquet', 'read_excel', 'read_stata', 'read_feather', 'read_pickle', 'read_table', 'read_spss', 'read_sas', 'read_json', 'read_fwf', 'read_orc', 'read_hdf',
]);

export const SQL_READERS = new Set(['read_sql', 'read_sql_query', 'read_sql_table']);

/** The frame a query returns, read by the T-SQL extractor; a query that is not constant SQL gives an unknown frame. */
export function queryFrame(ev: Evaluation, sql: PyValue, at: PyNode): Frame {
  const state = ev.state;
  if (sql.kind !== 'string') return addUnknown(state.builder, spanOf(at));
  noteQuery(state, sql);
  const tokens = sqlTokens(state.masked, sql.pieces);
  const start = tokens.findIndex((t) => t.kind === 'word' && /^(select|with)$/i.test(t.value));
  if (start < 0) return addUnknown(state.builder, spanOf(at));
  let end = tokens.length;
  while (end > start && tokens[end - 1]!.kind === 'semicolon') end--;
  try {
    return extractQueryAt(state.sql, tokens.slice(0, end), start).frame;
  } catch {
    return addUnknown(state.builder, spanOf(at));
  }
}

/** Keeps a string sent to the database for the T-SQL features inside it (once per string). */
export function noteQuery(state: PyState, sql: PyValue & { kind: 'string' }): void {
  const first = sql.pieces[0];
  if (first === undefined || state.queryStarts.has(first.start)) return;
  state.queryStarts.add(first.start);
  state.queries.push({ pieces: sql.pieces });
}

/** `pd.read_sql(sql, conn)`, `read_sql_query`, `read_sql_table("spring_census_2019", conn, schema="…")`. */
export function sqlReader(ev: Evaluation, call: PyCall): PyValue {
  if (call.name === 'read_sql_table') {
    const table = stringLiteral(ev.state, argument(call, 'table_name', 0));
    const schema = stringLiteral(ev.state, argument(call, 'schema'));
    const node = argument(call, 'table_name', 0);
    if (table === undefined || node === undefined) return { kind: 'frame', frame: addUnknown(ev.state.builder, spanOf(call.node)) };
    return { kind: 'frame', frame: viewFrame(ev.state, [...(schema !== undefined ? schema.split('.') : []), ...table.split('.')], node) };
  }
  const sql = ev.evaluate(argument(call, 'sql', 0));
  return { kind: 'frame', frame: queryFrame(ev, sql, call.node) };
}

/** A view named by its parts (`npd_i2`, `dbo`, `spring_census_2019`), resolved against the catalogue. */
export function viewFrame(state: PyState, parts: readonly string[], node: PyNode): Frame {
  const span = spanOf(node);
  const clean = parts.map((p) => p.trim().replace(/^["[]|["\]]$/g, '')).filter((p) => p.length > 0);
  const name: ObjectName = { start: span.start, end: span.end, parts: clean.map((value) => ({ start: span.start, end: span.end, value, quoted: false })) };
  return externalTable(state.sql, name, span).frame;
}

/** A data file read in: record-level unless it sits in an outputs folder; its columns are not known. */
export function fileReader(ev: Evaluation, call: PyCall): PyValue {
  const state = ev.state;
  const path = constantPath(ev, argument(call, 'filepath_or_buffer', 0) ?? argument(call, 'path', 0) ?? argument(call, 'io', 0));
  const folders = path?.toLowerCase().split(/[\\/]+/) ?? [];
  const looksLikeOutput = folders.slice(0, -1).some((f) => state.config.outputPaths.includes(f));
  const record = state.config.parameters.fileInputsAreRecordLevel && !looksLikeOutput;
  const frame = addSource(state.builder, { ...(path !== undefined ? { name: path } : {}), span: spanOf(call.node), grain: record ? 'record' : 'unknown', columns: [], columnsComplete: false });
  return { kind: 'frame', frame };
}

/** The constant parts of a path: a literal or f-string (holes left out), or a variable holding one. */
export function constantPath(ev: Evaluation, node: PyNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  const value = ev.evaluate(node);
  if (value.kind !== 'string') return undefined;
  const path = partialValue(ev.state.text, value.pieces);
  return path.length > 0 ? path : undefined;
}
