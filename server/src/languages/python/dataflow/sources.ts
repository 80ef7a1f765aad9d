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
import { descendants, type PyNode, unparen } from '../parser/syntaxTree';
import { argument, type PyCall } from '../syntax/calls';
import { MAX_QUERY_CHARACTERS } from '../parser/analysisBudget';
import { partialValue, type Piece, sqlTokens } from '../syntax/strings';
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
  if (sql.kind !== 'string' || tooLong(state, sql.pieces)) return addUnknown(state.builder, spanOf(at));
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

/** True (and the string noted) when the pieces span more than `MAX_QUERY_CHARACTERS`: the SQL is not read. */
export function tooLong(state: PyState, pieces: readonly Piece[]): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first === undefined || last === undefined || last.end - first.start <= MAX_QUERY_CHARACTERS) return false;
  if (!state.longQueries.has(first.start)) state.longQueries.set(first.start, { start: first.start, end: last.end });
  return true;
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

/** Keyword arguments of `pyodbc.connect`, `pymssql.connect` and the like that name the database server. */
const SERVER_ARGUMENT = /^(?:server|host|hostname|dsn_host|address)$/i;

/** A `Server=…` (or `Data Source=…`, `Address=…`) entry of an ODBC connection string, naming a machine other than this one. */
const SERVER_ENTRY = /(?:^|;)\s*(?:server|data source|address|addr)\s*=\s*(?!\(local\)|localhost|\.\s*(?:;|$)|\{)[^;\s]/i;

/** Another key of an ODBC connection string, so that a string is read as one only when it is one. */
const CONNECTION_KEY = /(?:^|;)\s*(?:driver|database|initial catalog|trusted_connection|integrated security|uid)\s*=/i;

/** The host of a SQLAlchemy URL (`mssql+pyodbc://user@host/db`), other than this machine. */
const URL_HOST = /^[a-z][\w+]*:\/\/(?:[^@/]*@)?(?!localhost\b|127\.0\.0\.1\b)[A-Za-z0-9]/i;

/**
 * The strings of a connection call that name the database server (code clearance, R17): a server keyword
 * (`pyodbc.connect(server="…")`), the literal holding `Server=…` in a connection string, even one written as
 * several literals side by side (`"Driver=…;" "Server=…;"`, which Python joins into one), or a SQLAlchemy URL's host.
 */
export function noteServerNames(ev: Evaluation, call: PyCall): void {
  const state = ev.state;
  for (const arg of call.args) {
    const value = unparen(arg.value);
    if (value === undefined) continue;
    if (arg.name !== undefined) {
      if (SERVER_ARGUMENT.test(arg.name) && value.type === 'string' && (stringLiteral(state, value) ?? '').trim() !== '' && !/^(?:localhost|\(local\)|\.|127\.0\.0\.1)$/i.test(stringLiteral(state, value)!.trim())) {
        state.builder.serverNames.push(spanOf(value));
      }
      continue;
    }
    const literals = value.type === 'string' ? [value] : value.type === 'concatenated_string' ? [...descendants(value)].filter((n) => n.type === 'string') : [];
    const joined = literals.map((l) => stringLiteral(state, l) ?? '').join('');
    if (URL_HOST.test(joined) && literals.length === 1) {
      state.builder.serverNames.push(spanOf(literals[0]!));
      continue;
    }
    if (!CONNECTION_KEY.test(joined)) continue;
    for (const literal of literals) {
      if (SERVER_ENTRY.test(stringLiteral(state, literal) ?? '')) state.builder.serverNames.push(spanOf(literal));
    }
  }
}
