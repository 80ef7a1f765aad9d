/**
 * Where R data comes from: files (record-level unless they sit in an outputs folder), and the SRS SQL Server,
 * whose queries are written as strings (`dbGetQuery(con, "SELECT …")`) or named as views
 * (`tbl(con, in_schema("npd_i2", "spring_census_2019"))`). SQL strings are read by the T-SQL extractor, in place.
 */
import type { ObjectName } from '../../sql/ast';
import { tokenize } from '../../sql/tokenizer';
import { addSource, addUnknown } from '../../../dataflow/builder';
import type { Frame } from '../../../dataflow/model';
import { argument, positional, spanOf, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import { argsOf, callName, stringContentSpan, stringValue, type RNode } from './rTree';
import { extractQueryAt } from '../../sql/dataflow/sql';
import { externalTable } from '../../sql/dataflow/sqlEnv';

/** Functions that read a data file, with the position of their path argument. */
const READERS = new Set([
  'read.csv', 'read.csv2', 'read.table', 'read.delim', 'read_csv', 'read_csv2', 'read_tsv', 'read_delim', 'fread', 'vroom',
  'readRDS', 'read_rds', 'read_dta', 'read_sav', 'read_sas', 'read_stata', 'read_spss', 'read_parquet', 'read_feather',
  'open_dataset', 'read_excel', 'read_xlsx', 'read_xls', 'read.xlsx', 'read_fst', 'qread', 'read.dta', 'readxl',
]);

const SQL_QUERIES = new Set(['dbGetQuery', 'dbSendQuery', 'sqlQuery', 'dbReadTable', 'sql', 'tbl', 'read_sql', 'dbplyr::sql']);

export function isSourceCall(name: string): boolean {
  return READERS.has(name) || SQL_QUERIES.has(name) || name === 'in_schema' || name === 'dbFetch';
}

export function sourceCall(state: RState, call: RCall): RValue {
  if (READERS.has(call.name)) return fileSource(state, call);
  switch (call.name) {
    case 'dbFetch':
      return call.data;
    case 'dbGetQuery':
    case 'dbSendQuery':
    case 'sqlQuery':
    case 'read_sql': {
      // The connection comes first (or is piped in); the statement second.
      const statement = argument(call.allArgs, 'statement') ?? argument(call.allArgs, 'query') ?? argument(call.allArgs, 'sql')
        ?? positional(call.allArgs)[call.pipe !== undefined ? 0 : 1];
      return sqlSource(state, statement?.value, call.node);
    }
    case 'dbReadTable':
      return viewSource(state, (argument(call.allArgs, 'name') ?? positional(call.allArgs)[call.pipe !== undefined ? 0 : 1])?.value, call.node);
    case 'sql':
      return sqlSource(state, call.allArgs[0]?.value, call.node);
    case 'tbl': {
      const from = (argument(call.allArgs, 'from') ?? positional(call.allArgs)[call.pipe !== undefined ? 0 : 1])?.value;
      if (from === undefined) return UNKNOWN;
      const inner = callName(state.text, from);
      if (inner?.name === 'sql') return sqlSource(state, argument(argsOf(state.text, from), 'query', 0)?.value, call.node);
      return viewSource(state, from, call.node);
    }
    default:
      return UNKNOWN;
  }
}

function fileSource(state: RState, call: RCall): RValue {
  const pathNode = (argument(call.allArgs, 'file', 0) ?? argument(call.allArgs, 'path', 0) ?? argument(call.allArgs, 'input', 0))?.value;
  const path = pathNode !== undefined ? constantPath(state, pathNode) : undefined;
  const folders = path?.toLowerCase().split(/[\\/]/) ?? [];
  const looksLikeOutput = folders.slice(0, -1).some((f) => state.config.outputPaths.includes(f));
  const record = state.config.parameters.fileInputsAreRecordLevel && !looksLikeOutput;
  const frame = addSource(state.builder, { ...(path !== undefined ? { name: path } : {}), span: spanOf(call.node), grain: record ? 'record' : 'unknown', columns: [], columnsComplete: false });
  return { kind: 'frame', frame, ...(call.name === 'fread' ? { dataTable: true } : {}) };
}

/** Reads the SQL in a string literal with the T-SQL extractor; other statements (built with paste) are unknown. */
function sqlSource(state: RState, node: RNode | undefined, call: RNode): RValue {
  if (node === undefined || node.type !== 'string') return { kind: 'frame', frame: addUnknown(state.builder, spanOf(call)) };
  const content = stringContentSpan(state.text, node);
  const tokens = tokenize(state.masked, content.start, content.end).tokens;
  if (tokens.length === 0) return { kind: 'frame', frame: addUnknown(state.builder, spanOf(call)) };
  const start = tokens.findIndex((t) => t.kind === 'word' && /^(select|with)$/i.test(t.value));
  if (start < 0) return { kind: 'frame', frame: addUnknown(state.builder, spanOf(call)) };
  let end = tokens.length;
  while (end > start && tokens[end - 1]!.kind === 'semicolon') end--;
  try {
    const { frame } = extractQueryAt(state.sql, tokens.slice(0, end), start);
    return { kind: 'frame', frame };
  } catch {
    return { kind: 'frame', frame: addUnknown(state.builder, spanOf(call)) };
  }
}

/** `in_schema("npd_i2", "spring_census_2019")`, `"LEO_i2.dbo.leo_earnings"`, `I("…")`, `Id(…)`. */
function viewSource(state: RState, node: RNode | undefined, call: RNode): RValue {
  const parts = viewParts(state, node);
  if (parts === undefined) return { kind: 'frame', frame: addUnknown(state.builder, spanOf(call)) };
  const span = spanOf(node ?? call);
  const name: ObjectName = { start: span.start, end: span.end, parts: parts.map((value) => ({ start: span.start, end: span.end, value, quoted: false })) };
  const frame: Frame = externalTable(state.sql, name, span).frame;
  return { kind: 'frame', frame };
}

function viewParts(state: RState, node: RNode | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  const literal = stringValue(state.text, node);
  if (literal !== undefined) return splitName(literal);
  const call = callName(state.text, node);
  if (call === undefined) return undefined;
  const args = positional(argsOf(state.text, node));
  const values = args.map((a) => stringValue(state.text, a.value));
  if (values.some((v) => v === undefined)) return undefined;
  if (call.name === 'in_schema' || call.name === 'Id' || call.name === 'in_catalog') return values.flatMap((v) => splitName(v!));
  if (call.name === 'I' || call.name === 'sql') return splitName(values[0]!);
  return undefined;
}

function splitName(name: string): string[] {
  return name.split('.').map((p) => p.trim().replace(/^["[]|["\]]$/g, '')).filter((p) => p.length > 0);
}

/** The constant parts of a path: a literal, `file.path(…)`, `paste0(…)`, `here(…)`, joined with `/`. */
export function constantPath(state: RState, node: RNode): string | undefined {
  const literal = stringValue(state.text, node);
  if (literal !== undefined) return literal;
  if (node.type === 'identifier') {
    const bound = state.env.get(state.text.slice(node.start, node.end));
    return bound?.kind === 'string' ? bound.value : undefined;
  }
  const call = callName(state.text, node);
  if (call === undefined || !['file.path', 'paste0', 'paste', 'here', 'glue', 'sprintf', 'str_c', 'str_glue'].includes(call.name)) return undefined;
  const parts: string[] = [];
  for (const arg of positional(argsOf(state.text, node))) {
    if (arg.value === undefined) continue;
    const value = constantPath(state, arg.value);
    if (value !== undefined) parts.push(value);
  }
  if (parts.length === 0) return undefined;
  const separator = call.name === 'paste0' || call.name === 'glue' || call.name === 'sprintf' || call.name === 'str_c' || call.name === 'str_glue' ? '' : '/';
  return parts.join(separator).replace(/\{[^}]*\}/g, '');
}
