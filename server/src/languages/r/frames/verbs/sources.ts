/**
 * Where frames come from: SQL sent through DBI, odbc and RODBC, lazy dbplyr tables, whole tables read
 * by name, and files. Frames read from files are open: their columns are not known, so nothing is
 * ever reported about them.
 */
import type { TableReference } from '../../../../catalogue/api';
import { type ArgInfo, nodeText } from '../../syntax/calls';
import { constantValue, flatten, type PiecedString } from '../../syntax/pieces';
import { hostRange } from '../../syntax/strings';
import type { Evaluator } from '../evaluator';
import { catalogueColumn, like, unknownFrame } from '../frameOps';
import type { Handler, Invocation } from '../invocation';
import type { Frame, FrameClass, Span } from '../model';
import { UNKNOWN, type TableName, type Value } from '../values';

const DATABASE_PACKAGES = ['DBI', 'odbc', 'RODBC', 'RODBCext', 'dbplyr', 'dplyr', 'pool', 'RPostgres', 'RSQLite', 'duckdb', 'RMariaDB'];

function ev(inv: Invocation): Evaluator {
  return inv.evaluator;
}

/** The SQL an argument holds, if it holds a single string or a `sql()` value. */
export function sqlText(value: Value): PiecedString | undefined {
  if (value.kind === 'sql') return value.text;
  if (value.kind === 'strings' && value.items.length === 1) return value.items[0];
  return undefined;
}

/** A frame made by running SQL; open when the SQL analysis cannot say what comes back. */
function sqlFrame(inv: Invocation, arg: ArgInfo | undefined, frameClass: FrameClass): Frame | undefined {
  const value = arg ? inv.valueOf(arg) : UNKNOWN;
  const sql = sqlText(value);
  const e = ev(inv);
  const argSpan = arg?.value ? { start: arg.value.start, end: arg.value.end } : inv.span;
  if (!sql) {
    return e.builder.addFrameStep(
      { kind: 'source', fn: inv.fn, span: inv.span, inputs: [], origin: { kind: 'unknown', reason: 'the query is not a string the analysis can read' } },
      unknownFrame(inv.span, frameClass),
    );
  }
  const result = e.context.sql.query(sql, { fn: inv.fn, span: inv.span, returnsRows: true });
  const shown = flatten(sql, () => '…').value;
  return e.builder.addFrameStep(
    { kind: 'source', fn: inv.fn, span: inv.span, inputs: [], origin: { kind: 'sql', sql: shown, tables: result?.tables ?? [], span: argSpan } },
    result
      ? { frameClass, columns: result.columns, certainty: result.certainty, groups: [], grain: result.grain, span: inv.span }
      : unknownFrame(inv.span, frameClass),
  );
}

/** A frame holding a whole catalogued table (exact), or an open frame for any other table. */
export function tableFrame(inv: Invocation, table: TableName, frameClass: FrameClass): Frame {
  const e = ev(inv);
  e.noteTableName(table, inv.fn);
  const match = e.catalogue.resolveTable(table.reference);
  const written = [table.reference.database, table.reference.schema, table.reference.name].filter((p) => p !== undefined).join('.');
  const origin = { kind: 'table' as const, name: written, span: table.span, ...(match ? { table: match } : {}) };
  if (!match) {
    return e.builder.addFrameStep({ kind: 'source', fn: inv.fn, span: inv.span, inputs: [], origin }, unknownFrame(inv.span, frameClass, 'record'));
  }
  const columns = e.catalogue.columnsOf(match).map((column) => catalogueColumn(column, match, table.nameSpan));
  return e.builder.addFrameStep(
    { kind: 'source', fn: inv.fn, span: inv.span, inputs: [], origin },
    { frameClass, columns, certainty: 'exact', groups: [], grain: 'record', span: inv.span },
  );
}

/** A table name written as one string (`"spring_census_2019"`, `"npd_i2.dbo.spring_census_2019"`). */
export function tableNameFromString(value: Value, span: Span): TableName | undefined {
  if (value.kind === 'table-name') return value.table;
  if (value.kind !== 'strings' || value.items.length !== 1) return undefined;
  const pieces = value.items[0]!.pieces;
  const piece = pieces[0];
  if (pieces.length !== 1 || piece?.kind !== 'text') return undefined;
  const text = piece.text.value;
  const parts = splitDotted(text);
  if (!parts) return undefined;
  const last = parts[parts.length - 1]!;
  const nameSpan = hostRange(piece.text, last.from, last.to);
  const reference: TableReference = {
    name: last.name,
    ...(parts.length >= 2 ? { schema: parts[parts.length - 2]!.name } : {}),
    ...(parts.length >= 3 ? { database: parts[parts.length - 3]!.name } : {}),
  };
  const first = parts[0]!;
  return {
    reference,
    nameSpan,
    span,
    ...(parts.length >= 3 ? { databaseSpan: hostRange(piece.text, first.from, first.to) } : {}),
  };
}

/** Splits `a."b c".[d]` into its parts, without quotes or brackets; undefined when it is not a name. */
function splitDotted(text: string): { name: string; from: number; to: number }[] | undefined {
  const parts: { name: string; from: number; to: number }[] = [];
  let i = 0;
  while (i <= text.length) {
    const open = text[i];
    if (open === '"' || open === '[' || open === '`') {
      const close = text.indexOf(open === '[' ? ']' : open, i + 1);
      if (close < 0) return undefined;
      parts.push({ name: text.slice(i + 1, close), from: i + 1, to: close });
      i = close + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      const name = text.slice(i, j).trim();
      if (!/^[#@A-Za-z_][\w$@#<> -]*$/.test(name)) return undefined;
      parts.push({ name, from: i, to: j });
      i = j;
    }
    if (i >= text.length) break;
    if (text[i] !== '.') return undefined;
    i++;
  }
  return parts.length > 0 && parts.length <= 3 ? parts : undefined;
}

/** A table-name argument: a string, `in_schema()`, `in_catalog()`, `Id()`, or a `sql()` query. */
function readTableArgument(inv: Invocation, arg: ArgInfo | undefined): { table?: TableName; sql?: PiecedString } {
  if (!arg?.value) return {};
  const value = inv.valueOf(arg);
  if (value.kind === 'sql') return { sql: value.text };
  const table = tableNameFromString(value, { start: arg.value.start, end: arg.value.end });
  return table ? { table } : {};
}

const queryHandler = (frameClass: FrameClass, statement: string): Handler => ({
  formals: ['conn', statement, '...'],
  packages: DATABASE_PACKAGES,
  run: (inv) => {
    const frame = sqlFrame(inv, inv.arg(statement), frameClass);
    return frame ? { kind: 'frame', frame } : UNKNOWN;
  },
});

const sendQuery: Handler = {
  formals: ['conn', 'statement', '...'],
  packages: DATABASE_PACKAGES,
  run: (inv) => {
    const frame = sqlFrame(inv, inv.arg('statement'), 'data.frame');
    return frame ? { kind: 'result-set', frame } : UNKNOWN;
  },
};

const fetchRows: Handler = {
  formals: ['res', 'n', '...'],
  packages: DATABASE_PACKAGES,
  run: (inv) => {
    const result = inv.input();
    return result.kind === 'result-set' ? { kind: 'frame', frame: result.frame } : UNKNOWN;
  },
};

/** SQL that changes the database and returns no rows (`dbExecute`, `sqlExecute`). */
const execute = (statement: string): Handler => ({
  formals: ['conn', statement, '...'],
  packages: DATABASE_PACKAGES,
  run: (inv) => {
    const arg = inv.arg(statement);
    const sql = arg ? sqlText(inv.valueOf(arg)) : undefined;
    if (sql) ev(inv).context.sql.query(sql, { fn: inv.fn, span: inv.span, returnsRows: false });
    return UNKNOWN;
  },
});

const readTable = (nameFormal: string): Handler => ({
  formals: ['conn', nameFormal, '...'],
  packages: DATABASE_PACKAGES,
  run: (inv) => {
    const { table } = readTableArgument(inv, inv.arg(nameFormal));
    return table ? { kind: 'frame', frame: tableFrame(inv, table, 'data.frame') } : UNKNOWN;
  },
});

const lazyTable: Handler = {
  formals: ['src', 'from', '...'],
  packages: ['dplyr', 'dbplyr'],
  run: (inv) => {
    const from = inv.arg('from');
    const { table, sql } = readTableArgument(inv, from);
    if (table) return { kind: 'frame', frame: tableFrame(inv, table, 'lazy') };
    if (sql && from) {
      const frame = sqlFrame(inv, from, 'lazy');
      return frame ? { kind: 'frame', frame } : UNKNOWN;
    }
    return UNKNOWN;
  },
};

/** `in_schema(schema, table)`: dbplyr writes `schema.table`; LEO code passes the database there. */
const inSchema: Handler = {
  formals: ['schema', 'table'],
  packages: ['dbplyr', 'dplyr'],
  run: (inv) => {
    const schema = stringArgument(inv, 'schema');
    const table = stringArgument(inv, 'table');
    if (!table) return UNKNOWN;
    const isDatabase = schema !== undefined && ev(inv).catalogue.isLeoDatabase(schema.value);
    const reference: TableReference = {
      name: table.value,
      ...(schema ? (isDatabase ? { database: schema.value } : { schema: schema.value }) : {}),
    };
    return { kind: 'table-name', table: { reference, nameSpan: table.span, span: inv.span, ...(schema && isDatabase ? { databaseSpan: schema.span } : {}) } };
  },
};

const inCatalog: Handler = {
  formals: ['catalog', 'schema', 'table'],
  packages: ['dbplyr', 'dplyr'],
  run: (inv) => {
    const database = stringArgument(inv, 'catalog');
    const schema = stringArgument(inv, 'schema');
    const table = stringArgument(inv, 'table');
    if (!table) return UNKNOWN;
    const reference: TableReference = {
      name: table.value,
      ...(schema ? { schema: schema.value } : {}),
      ...(database ? { database: database.value } : {}),
    };
    return { kind: 'table-name', table: { reference, nameSpan: table.span, span: inv.span, ...(database ? { databaseSpan: database.span } : {}) } };
  },
};

/** `DBI::Id(catalog = , schema = , table = )`, or unnamed parts in that order. */
const identifier: Handler = {
  formals: ['...'],
  packages: ['DBI'],
  run: (inv) => {
    const parts = inv.dotEntries().map((entry) => ({ entry, text: entry.value.kind === 'strings' && entry.value.items.length === 1 ? stringOf(entry.value.items[0]!) : undefined }));
    if (parts.some((p) => !p.text)) return UNKNOWN;
    const named = new Map(parts.filter((p) => p.entry.name).map((p) => [p.entry.name!, p.text!]));
    const unnamed = parts.filter((p) => !p.entry.name).map((p) => p.text!);
    const roles = unnamed.length === 3 ? ['catalog', 'schema', 'table'] : unnamed.length === 2 ? ['schema', 'table'] : ['table'];
    unnamed.forEach((part, i) => {
      if (roles[i] && !named.has(roles[i]!)) named.set(roles[i]!, part);
    });
    const table = named.get('table');
    if (!table) return UNKNOWN;
    const database = named.get('catalog');
    const schema = named.get('schema');
    const reference: TableReference = {
      name: table.value,
      ...(schema ? { schema: schema.value } : {}),
      ...(database ? { database: database.value } : {}),
    };
    return { kind: 'table-name', table: { reference, nameSpan: table.span, span: inv.span, ...(database ? { databaseSpan: database.span } : {}) } };
  },
};

function stringArgument(inv: Invocation, formal: string): { value: string; span: Span } | undefined {
  const arg = inv.arg(formal);
  if (!arg?.value) return undefined;
  const value = inv.valueOf(arg);
  if (value.kind !== 'strings' || value.items.length !== 1) return undefined;
  return stringOf(value.items[0]!);
}

function stringOf(item: PiecedString): { value: string; span: Span } | undefined {
  const value = constantValue(item);
  const piece = item.pieces[0];
  if (value === undefined || !piece || piece.kind !== 'text') return undefined;
  return { value, span: hostRange(piece.text, 0, value.length) };
}

/** Reading a file: the frame is open, its columns unknown. */
const fileReader = (frameClass: FrameClass): Handler => ({
  formals: ['file', '...'],
  run: (inv) => {
    const e = ev(inv);
    const arg = inv.arg('file') ?? inv.dots[0];
    const value = arg ? inv.valueOf(arg) : UNKNOWN;
    const path = value.kind === 'strings' && value.items.length === 1 ? constantValue(value.items[0]!) : undefined;
    const frame = e.builder.addFrameStep(
      { kind: 'source', fn: inv.fn, span: inv.span, inputs: [], origin: { kind: 'file', span: arg?.value ?? inv.span, ...(path !== undefined ? { path } : {}) } },
      unknownFrame(inv.span, frameClass),
    );
    return { kind: 'frame', frame };
  },
});

/**
 * Conversions that keep the rows and columns (`collect`, `as_tibble`, `as.data.table`). Constructors
 * that take `...` (`data.table(df)`) count only when they wrap a single frame.
 */
const convert = (to: FrameClass, formal = 'x'): Handler => ({
  formals: formal === '...' ? ['...'] : [formal, '...'],
  run: (inv) => {
    let input: Value = UNKNOWN;
    if (formal === '...') {
      const entries = inv.dotEntries();
      if (entries.length === 1 && entries[0]!.name === undefined) input = entries[0]!.value;
    } else {
      input = inv.input();
    }
    if (input.kind !== 'frame') return UNKNOWN;
    const frame = ev(inv).builder.addFrameStep(
      { kind: 'convert', fn: inv.fn, span: inv.span, inputs: [input.frame.id], to },
      like(input.frame, inv.span, { frameClass: to }),
    );
    return { kind: 'frame', frame };
  },
});

/** `setDT(df)`: converts in place, so the variable now holds a data.table. */
const setDataTable: Handler = {
  formals: ['x', '...'],
  packages: ['data.table'],
  run: (inv) => {
    const input = inv.input();
    ev(inv).markInvisible();
    if (input.kind !== 'frame') return UNKNOWN;
    const e = ev(inv);
    const frame = e.builder.addFrameStep(
      { kind: 'convert', fn: inv.fn, span: inv.span, inputs: [input.frame.id], to: 'data.table' },
      like(input.frame, inv.span, { frameClass: 'data.table' }),
    );
    const target = inv.inputNode();
    if (target?.type === 'identifier') e.bind(nodeText(e.text, target), { kind: 'frame', frame }, inv.span, target);
    return { kind: 'frame', frame };
  },
};

const FILE_READERS: readonly (readonly [string, FrameClass])[] = [
  ['read.csv', 'data.frame'], ['read.csv2', 'data.frame'], ['read.table', 'data.frame'], ['read.delim', 'data.frame'],
  ['read_csv', 'tibble'], ['read_csv2', 'tibble'], ['read_tsv', 'tibble'], ['read_delim', 'tibble'], ['read_rds', 'unknown'],
  ['readRDS', 'unknown'], ['fread', 'data.table'], ['read_dta', 'tibble'], ['read_sav', 'tibble'], ['read_sas', 'tibble'],
  ['read_excel', 'tibble'], ['read_xlsx', 'tibble'], ['read_xls', 'tibble'], ['read.xlsx', 'data.frame'],
  ['read_parquet', 'tibble'], ['read_feather', 'tibble'], ['read_fst', 'data.frame'], ['vroom', 'tibble'],
];

export const SOURCE_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['dbGetQuery', queryHandler('data.frame', 'statement')],
  ['sqlQuery', queryHandler('data.frame', 'query')],
  ['dbSendQuery', sendQuery],
  ['dbFetch', fetchRows],
  ['fetch', fetchRows],
  ['dbExecute', execute('statement')],
  ['dbSendStatement', execute('statement')],
  ['sqlExecute', execute('query')],
  ['dbReadTable', readTable('name')],
  ['sqlFetch', readTable('sqtable')],
  ['tbl', lazyTable],
  ['in_schema', inSchema],
  ['in_catalog', inCatalog],
  ['Id', identifier],
  ...FILE_READERS.map(([name, frameClass]) => [name, fileReader(frameClass)] as const),
  ['collect', convert('tibble')],
  ['compute', convert('lazy')],
  ['collapse', convert('lazy')],
  ['as_tibble', convert('tibble')],
  ['tibble', convert('tibble')],
  ['as.data.frame', convert('data.frame')],
  ['data.frame', convert('data.frame', '...')],
  ['as.data.table', convert('data.table')],
  ['data.table', convert('data.table', '...')],
  ['copy', convert('data.table')],
  ['setDT', setDataTable],
];
