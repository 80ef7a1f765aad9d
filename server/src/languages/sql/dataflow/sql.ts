/**
 * The T-SQL extractor: walks a script statement by statement, using the SQL front end's tokenizer, statement
 * splitter and query parser, and builds the disclosure model. SELECT … INTO and INSERT fill the script's own
 * tables; UPDATE and DELETE on them can suppress small cells; a top-level SELECT is a result a researcher
 * sees (and may copy out); `bcp … out` and `INSERT INTO OPENROWSET(…)` write files.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { ObjectName, QueryExpr } from '../ast';
import { createState, parseObjectName, type ParseState } from '../parseState';
import { parseQueryExpr } from '../queryParser';
import type { ParsedStatement, SqlDocument } from '../document';
import { splitStatements } from '../statements';
import { analysedStatementCount } from '../analysisBudget';
import { tokenize, type Comment, type Token } from '../tokenizer';
import { describeError } from '../../../util/errors';
import { addOutput, addSource, createBuilder, derive, finishModel, findColumn, type ModelBuilder } from '../../../dataflow/builder';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import { createFactsResolver } from '../../../dataflow/facts';
import { isCountColumn } from '../../../dataflow/lineage';
import type { DataflowModel, Frame, FrameColumn, FrameEvent, Span } from '../../../dataflow/model';
import { chainParts } from './sqlBlock';
import { externalTable, lookupRelation, registerRelation, relationKeys, type SqlEnv } from './sqlEnv';
import { comparison, conjuncts, unwrap } from './sqlExpr';
import { mainBlock, queryFrame } from './sqlQuery';
import { CHECKPOINT_EVERY, resumeSql, sqlCheckpoint, type SqlExtraction } from './sqlResume';
import { beginStatement, endStatement, RecordingMap, type StatementRecord, StatementReuse } from './sqlReuse';
import { closeParen, isWordToken, splitTopLevel, upperOf } from './sqlTokens';

/** One statement as the extractor reads it: its span and, when it is extracted, its tokens in document offsets. */
export interface SqlStatementInput {
  readonly start: number;
  readonly end: number;
  tokens(): readonly Token[];
}

/**
 * What the extractor reads of a script: its comments, its string literals and its statements. The SQL front end
 * hands over its own parse (`parseInputOf`), so the text is tokenized and split once per version, and a resumed
 * extraction asks only the statements it extracts again for their tokens.
 */
export interface SqlParseInput {
  readonly comments: readonly Comment[];
  readonly strings: readonly Span[];
  readonly statements: readonly SqlStatementInput[];
}

/** Tokenizes and splits a script with the SQL front end's own functions (for scripts the front end has not read). */
export function parseSqlInput(text: string): SqlParseInput {
  const { tokens, comments } = tokenize(text);
  const { statements } = splitStatements(text, tokens);
  // The same statements as the front end analyses (see analysisBudget.ts); its note covers the rest.
  const analysed = statements.slice(0, analysedStatementCount(statements));
  return {
    comments,
    strings: tokens.filter((token) => token.kind === 'string').map((token) => ({ start: token.start, end: token.end })),
    statements: analysed.map((statement) => ({ start: statement.start, end: statement.end, tokens: () => tokens.slice(statement.firstToken, statement.endToken) })),
  };
}

/** The extractor's input from the front end's parse of the document: its statements' tokens, moved to document offsets. */
export function parseInputOf(doc: SqlDocument): SqlParseInput {
  const strings: Span[] = [];
  for (const entry of doc.statements) {
    for (const token of stringTokens(entry.parsed)) strings.push({ start: entry.base + token.start, end: entry.base + token.end });
  }
  return {
    comments: doc.comments,
    strings,
    statements: doc.statements.map((entry) => ({
      start: entry.base,
      end: entry.end,
      tokens: () => entry.parsed.tokens.map((token) => movedToken(token, entry.base)),
    })),
  };
}

/** The string literals of a statement's parse, found once per parse (parses are shared between versions). */
const stringsOfParse = new WeakMap<ParsedStatement, readonly Token[]>();

function stringTokens(parsed: ParsedStatement): readonly Token[] {
  let strings = stringsOfParse.get(parsed);
  if (strings === undefined) {
    strings = parsed.tokens.filter((token) => token.kind === 'string');
    stringsOfParse.set(parsed, strings);
  }
  return strings;
}

/** A token moved by `base`, built field by field: a spread of each of a long script's tokens costs several times more. */
function movedToken(token: Token, base: number): Token {
  const moved: { -readonly [K in keyof Token]: Token[K] } = { kind: token.kind, start: token.start + base, end: token.end + base, text: token.text, value: token.value };
  if (token.unterminated !== undefined) moved.unterminated = token.unterminated;
  if (token.upper !== undefined) moved.upper = token.upper;
  return moved;
}

/** The fields movedToken copies; a field added to Token must be added there too. */
export const MOVED_TOKEN_FIELDS = { kind: true, start: true, end: true, text: true, value: true, unterminated: true, upper: true } as const satisfies Record<keyof Token, true>;

export function extractSql(text: string, catalogue: CatalogueIndex | undefined, config: ResolvedDisclosureConfig, input?: SqlParseInput): DataflowModel {
  return extractSqlResumable(text, catalogue, config, undefined, input).model;
}

/**
 * Extracts the model of a script, resuming from the previous version's extraction where its leading statements
 * are unchanged (see sqlResume.ts), and returns what the next version needs to resume from this one.
 */
export function extractSqlResumable(
  text: string,
  catalogue: CatalogueIndex | undefined,
  config: ResolvedDisclosureConfig,
  previous?: SqlExtraction,
  input?: SqlParseInput,
): SqlExtraction {
  const parse = input ?? parseSqlInput(text);
  const builder = createBuilder('sql', '--');
  const env = createEnv(text, builder, catalogue, config);
  for (const comment of parse.comments) builder.texts.push({ start: comment.start, end: comment.end, kind: 'comment' });
  for (const string of parse.strings) builder.texts.push({ start: string.start, end: string.end, kind: 'string' });
  const spans = parse.statements.map((statement) => ({ start: statement.start, end: statement.end }));
  const checkpoints = resumeSql(env, spans, previous);
  const from = checkpoints[checkpoints.length - 1]?.index ?? 0;
  const records: StatementRecord[] = from > 0 ? previous!.records.slice(0, from) : [];
  // Statements after the checkpoint whose text and inputs did not change are moved over rather than extracted.
  let reused = 0;
  const reuse = previous !== undefined && previous.catalogue === catalogue && previous.config === config ? new StatementReuse(previous, text, spans) : undefined;
  for (let index = from; index < parse.statements.length; index++) {
    if (index % CHECKPOINT_EVERY === 0 && index > 0 && index !== from) checkpoints.push(sqlCheckpoint(env, index));
    const statement = parse.statements[index]!;
    builder.statements.push({ start: statement.start, end: statement.end });
    const replayed = reuse?.replay(env, index);
    if (replayed !== undefined) {
      records.push(replayed);
      reused++;
      continue;
    }
    reuse?.extracted();
    const before = beginStatement(env);
    const all = statement.tokens();
    let end = all.length;
    // The closing semicolon belongs to the statement's text but not to its grammar.
    while (end > 0 && all[end - 1]!.kind === 'semicolon') end--;
    const tokens = withoutWithinGroup(end === all.length ? all : all.slice(0, end));
    try {
      extractStatement(env, tokens);
    } catch (error) {
      // A statement the extractor cannot read adds nothing but a note; the rest of the script is still checked.
      builder.incomplete.push({ start: statement.start, end: statement.end, reason: describeError(error) });
    }
    records.push(endStatement(env, before));
  }
  return { model: finishModel(builder), text, statements: spans, catalogue, config, checkpoints, records, catalogueFrames: env.catalogueFrames, reused };
}

export function createEnv(text: string, builder: ModelBuilder, catalogue: CatalogueIndex | undefined, config: ResolvedDisclosureConfig): SqlEnv {
  const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
  return {
    text,
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    builder,
    facts: createFactsResolver(catalogue, config),
    config,
    catalogue,
    relations: new RecordingMap<Frame>(),
    helpers: { rounding: lower(config.roundingHelpers), suppression: lower(config.suppressionHelpers) },
    dominanceHelpers: lower(config.dominanceHelpers),
    catalogueFrames: new RecordingMap(),
  };
}

function extractStatement(env: SqlEnv, tokens: readonly Token[]): void {
  const first = tokens[0];
  if (first === undefined) return;
  const word = upperOf(first);
  if (word === 'SELECT' || word === 'WITH' || first.kind === 'lparen') {
    selectStatement(env, tokens);
    return;
  }
  switch (word) {
    case 'INSERT':
      insertStatement(env, tokens);
      return;
    case 'UPDATE':
      updateStatement(env, tokens);
      return;
    case 'DELETE':
      deleteStatement(env, tokens);
      return;
    case 'CREATE':
    case 'ALTER':
      createStatement(env, tokens);
      return;
    case 'DROP':
      dropStatement(env, tokens);
      return;
    case 'EXEC':
    case 'EXECUTE':
      execStatement(env, tokens);
      return;
    default:
      return;
  }
}

/** Extracts the query starting at token `at` (SELECT, WITH or a parenthesis). */
export function extractQueryAt(env: SqlEnv, tokens: readonly Token[], at: number): { frame: Frame; query: QueryExpr; state: ParseState } {
  const state = createState(tokens.slice(at));
  const query = parseQueryExpr(state);
  return { frame: queryFrame(env, state, query, new Map()), query, state };
}

function selectStatement(env: SqlEnv, tokens: readonly Token[]): void {
  const { frame, query } = extractQueryAt(env, tokens, 0);
  const block = mainBlock(query);
  if (block === undefined) return;
  if (block.into !== undefined) {
    registerRelation(env, block.into, named(env, frame, block.into));
    return;
  }
  if (block.items.length > 0 && block.items.every((item) => item.assignsVariable)) return;
  if (!env.config.parameters.sqlResultsAreOutputs) return;
  const listing = block.clauses.some((clause) => clause.kind === 'top' || clause.kind === 'fetch');
  addOutput(env.builder, { kind: 'result', span: selectListSpan(tokens, block), via: 'SELECT', frame: frame.id, ...(listing ? { listing } : {}) });
}

/** SELECT through the end of its select list: where a result's diagnostics go. */
function selectListSpan(tokens: readonly Token[], block: { start: number; end: number; clauses: readonly { kind: string; start: number }[] }): Span {
  const next = block.clauses.find((c) => c.kind !== 'select' && c.kind !== 'top' && c.start > block.start);
  const limit = next?.start ?? block.end;
  let end = block.start;
  for (const token of tokens) {
    if (token.start >= limit) break;
    if (token.start >= block.start) end = token.end;
  }
  return { start: block.start, end };
}

function named(env: SqlEnv, frame: Frame, name: ObjectName): Frame {
  const label = name.parts.map((p) => p.value).join('.');
  const renamed = { ...frame, name: label };
  env.builder.frames[frame.id] = renamed;
  return renamed;
}

function insertStatement(env: SqlEnv, tokens: readonly Token[]): void {
  let i = 1;
  if (isWordToken(tokens[i], 'INTO')) i++;
  const target = tokens[i];
  if (target === undefined) return;
  const open = upperOf(target);
  if ((open === 'OPENROWSET' || open === 'OPENDATASOURCE' || open === 'OPENQUERY') && tokens[i + 1]?.kind === 'lparen') {
    const close = closeParen(tokens, i + 1, tokens.length);
    const source = findQueryStart(tokens, close + 1);
    if (source < 0) return;
    const { frame } = extractQueryAt(env, tokens, source);
    const path = fileInStrings(tokens, i + 2, close);
    addOutput(env.builder, {
      kind: 'export',
      span: { start: tokens[0]!.start, end: tokens[close]!.end },
      via: `INSERT INTO ${open}`,
      frame: frame.id,
      ...(path !== undefined ? { target: path } : {}),
    });
    return;
  }
  const state = createState(tokens.slice(i));
  const name = parseObjectName(state) ?? (target.kind === 'variable' ? { start: target.start, end: target.end, parts: [{ start: target.start, end: target.end, value: target.text, quoted: false }] } : undefined);
  if (name === undefined) return;
  const source = findQueryStart(tokens, i + 1);
  if (source < 0) return;
  const { frame } = extractQueryAt(env, tokens, source);
  const existing = lookupRelation(env, name);
  // Rows inserted into a table the script filled before are added to what it already held.
  const result = existing !== undefined && existing.columns.length > 0
    ? derive(env.builder, frame, { span: { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end }, extraInputs: [existing], columns: existing.columns.length >= frame.columns.length ? existing.columns : frame.columns })
    : frame;
  registerRelation(env, name, named(env, result, name));
}

/** The first SELECT or WITH at depth zero from `from`, or -1. */
function findQueryStart(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') {
      if (depth === 0 && (isWordToken(tokens[i + 1], 'SELECT') || isWordToken(tokens[i + 1], 'WITH'))) return i;
      depth++;
    } else if (token.kind === 'rparen') depth--;
    else if (depth === 0 && (isWordToken(token, 'SELECT') || isWordToken(token, 'WITH'))) return i;
  }
  return -1;
}

function fileInStrings(tokens: readonly Token[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'string') continue;
    const match = /(?:Database=)?([^;'"]+\.(?:xlsx?|csv|txt|tsv|mdb|accdb))/i.exec(token.value);
    if (match !== null) return match[1]!.trim();
  }
  return undefined;
}

/**
 * `UPDATE t SET n = NULL WHERE n < 10` (or `SET n = CASE WHEN n < 10 THEN NULL ELSE n END`) suppresses cells of a
 * table the script made; `SET n = ROUND(n / 5.0, 0) * 5` rounds them.
 */
function updateStatement(env: SqlEnv, tokens: readonly Token[]): void {
  const state = createState(tokens.slice(1));
  const name = parseObjectName(state);
  if (name === undefined) return;
  const frame = lookupRelation(env, name);
  if (frame === undefined) return;
  const setAt = tokens.findIndex((t) => isWordToken(t, 'SET'));
  if (setAt < 0) return;
  const whereAt = tokens.findIndex((t, i) => i > setAt && isWordToken(t, 'WHERE'));
  const setEnd = whereAt < 0 ? tokens.length : whereAt;
  const isCount = (from: number, to: number): boolean => {
    const parts = chainParts(tokens, from, to);
    const column = parts !== undefined ? findColumn(frame, parts[parts.length - 1]!) : undefined;
    return column !== undefined ? isCountColumn(column) : parts !== undefined && /^(n|count|.*_n|n_.*)$/i.test(parts[parts.length - 1]!);
  };
  let threshold: number | undefined;
  let small = false;
  if (whereAt >= 0) {
    for (const part of conjuncts(tokens, { from: whereAt + 1, to: tokens.length }) ?? []) {
      const test = comparison(tokens, part, isCount);
      if (test?.kind === 'below') {
        small = true;
        threshold = test.threshold;
      }
    }
  }
  const span = { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
  const columns = frame.columns.map((c) => c);
  let changed = false;
  for (const assignment of splitTopLevel(tokens, setAt + 1, setEnd, (t) => t.kind === 'comma')) {
    const eq = tokens.findIndex((t, i) => i >= assignment.from && i < assignment.to && t.kind === 'operator' && t.text === '=');
    if (eq < 0) continue;
    const target = chainParts(tokens, assignment.from, eq);
    if (target === undefined) continue;
    const index = columns.findIndex((c) => c.name.toLowerCase() === target[target.length - 1]!.toLowerCase());
    if (index < 0) continue;
    const value = { from: eq + 1, to: assignment.to };
    const wrap = unwrap(tokens, value.from, value.to, isCount, env.helpers);
    const literal = value.to - value.from === 1 && (isWordToken(tokens[value.from], 'NULL') || tokens[value.from]!.kind === 'string');
    let column: FrameColumn = columns[index]!;
    if (small && literal) column = { ...column, suppression: threshold !== undefined ? { threshold, span } : { span } };
    else if (wrap.suppression !== undefined) column = { ...column, suppression: { ...wrap.suppression, span } };
    if (wrap.rounding !== undefined) column = { ...column, rounding: { ...wrap.rounding, span } };
    if (column !== columns[index]) {
      columns[index] = column;
      changed = true;
    }
  }
  if (!changed) return;
  registerRelation(env, name, derive(env.builder, frame, { ...(frame.name !== undefined ? { name: frame.name } : {}), span, columns }));
}

/** `DELETE FROM t WHERE n < 10` removes small cells: a minimum-count guard on the table. */
function deleteStatement(env: SqlEnv, tokens: readonly Token[]): void {
  let i = 1;
  if (isWordToken(tokens[i], 'FROM')) i++;
  const state = createState(tokens.slice(i));
  const name = parseObjectName(state);
  if (name === undefined) return;
  const frame = lookupRelation(env, name);
  if (frame === undefined) return;
  const whereAt = tokens.findIndex((t) => isWordToken(t, 'WHERE'));
  if (whereAt < 0) return;
  const isCount = (from: number, to: number): boolean => {
    const parts = chainParts(tokens, from, to);
    const column = parts !== undefined ? findColumn(frame, parts[parts.length - 1]!) : undefined;
    return column !== undefined && isCountColumn(column);
  };
  const span = { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
  const events: FrameEvent[] = [];
  for (const part of conjuncts(tokens, { from: whereAt + 1, to: tokens.length }) ?? []) {
    const test = comparison(tokens, part, isCount);
    if (test?.kind !== 'below') continue;
    // `DELETE … WHERE claimants < 10` removes the cells whose numerator is small, so it bounds that numerator.
    const conditional = tokens.slice(part.from, part.to).some((t) => (t.kind === 'word' || t.kind === 'quoted') && findColumn(frame, t.value)?.statistic?.conditional === true);
    events.push({ kind: 'threshold', span, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), ...(conditional ? { conditional } : {}) });
  }
  if (events.length === 0) return;
  registerRelation(env, name, derive(env.builder, frame, { ...(frame.name !== undefined ? { name: frame.name } : {}), span, events }));
}

function createStatement(env: SqlEnv, tokens: readonly Token[]): void {
  const kind = upperOf(tokens[1]);
  if (kind === 'TABLE') {
    const state = createState(tokens.slice(2));
    const name = parseObjectName(state);
    if (name === undefined) return;
    const open = tokens.findIndex((t) => t.kind === 'lparen');
    const columns: FrameColumn[] = [];
    if (open > 0) {
      for (const part of splitTopLevel(tokens, open + 1, closeParen(tokens, open, tokens.length), (t) => t.kind === 'comma')) {
        const first = tokens[part.from];
        if (first === undefined || (first.kind !== 'word' && first.kind !== 'quoted') || ['CONSTRAINT', 'PRIMARY', 'INDEX', 'UNIQUE'].includes(upperOf(first))) continue;
        columns.push({ name: first.value, facts: env.facts.column(undefined, first.value) });
      }
    }
    const span = { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
    registerRelation(env, name, addSource(env.builder, { name: name.parts.map((p) => p.value).join('.'), span, grain: 'unknown', columns, columnsComplete: columns.length > 0 }));
    return;
  }
  if (kind === 'VIEW' || (kind === 'OR' && upperOf(tokens[3]) === 'VIEW')) {
    const at = kind === 'VIEW' ? 2 : 4;
    const state = createState(tokens.slice(at));
    const name = parseObjectName(state);
    if (name === undefined) return;
    const source = findQueryStart(tokens, at + 1);
    if (source < 0) return;
    const { frame } = extractQueryAt(env, tokens, source);
    registerRelation(env, name, named(env, frame, name));
  }
}

function dropStatement(env: SqlEnv, tokens: readonly Token[]): void {
  if (upperOf(tokens[1]) !== 'TABLE' && upperOf(tokens[1]) !== 'VIEW') return;
  let i = 2;
  if (isWordToken(tokens[i], 'IF') && isWordToken(tokens[i + 1], 'EXISTS')) i += 2;
  const state = createState(tokens.slice(i));
  const name = parseObjectName(state);
  if (name === undefined) return;
  for (const key of relationKeys(name)) env.relations.delete(key);
}

/**
 * `EXEC xp_cmdshell 'bcp … queryout file'` and `'bcp table out file'` write files; `EXEC dbo.suppress_small '#t'`
 * (a configured helper) suppresses a table the script made.
 */
function execStatement(env: SqlEnv, tokens: readonly Token[]): void {
  const words = splitWords(tokens);
  const procedure = words[words.length - 1]?.toLowerCase() ?? '';
  const strings = tokens.filter((t) => t.kind === 'string');
  if (env.helpers.suppression.has(procedure)) {
    for (const str of strings) {
      const frame = env.relations.get(str.value.toLowerCase().trim());
      if (frame === undefined) continue;
      const event: FrameEvent = { kind: 'helper', span: { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end }, name: procedure };
      const updated = derive(env.builder, frame, { ...(frame.name !== undefined ? { name: frame.name } : {}), span: event.span, events: [event] });
      env.relations.set(str.value.toLowerCase().trim(), updated);
    }
    return;
  }
  for (const str of strings) bcpExport(env, str);
}

/**
 * The bcp command line as written in the T-SQL string: the query in double quotes may hold `""` (a double quote
 * to the shell) and `''` (a single quote to T-SQL), so it is matched on the raw text, not the decoded value.
 */
const BCP = /\bbcp\s+(?:"((?:[^"]|"")+)"|(\S+))\s+(queryout|out)\s+(?:"([^"]+)"|(\S+))/i;

function bcpExport(env: SqlEnv, str: Token): void {
  const quoteLength = str.text.startsWith('N') || str.text.startsWith('n') ? 2 : 1;
  const contentStart = str.start + quoteLength;
  const contentEnd = str.text.endsWith("'") && str.text.length > quoteLength ? str.end - 1 : str.end;
  const raw = env.text.slice(contentStart, contentEnd);
  const match = BCP.exec(raw);
  if (match === null) return;
  const span = { start: str.start, end: str.end };
  const path = (match[4] ?? match[5])?.replace(/''/g, "'");
  const target = path !== undefined ? { target: path } : {};
  if (match[3]!.toLowerCase() === 'queryout' && match[1] !== undefined) {
    // The query sits inside the string. Each two-character escape becomes the character it stands for and a
    // space, so the query tokenizes in place and every offset still points into the document.
    const queryStart = contentStart + match.index + match[0].indexOf('"') + 1;
    const queryEnd = queryStart + match[1].length;
    const unescaped = unescapePairs(unescapePairs(match[1], '"'), "'");
    const patched = env.text.slice(0, queryStart) + unescaped + env.text.slice(queryEnd);
    const inner = tokenize(patched, queryStart, queryEnd).tokens;
    if (inner.length === 0) return;
    const { frame } = extractQueryAt(env, inner, 0);
    addOutput(env.builder, { kind: 'export', span, via: 'bcp queryout', frame: frame.id, ...target });
    return;
  }
  const tableName = match[1] ?? match[2] ?? '';
  const parts = tableName.split('.').map((p) => p.replace(/^\[|\]$/g, ''));
  const objectName: ObjectName = { start: span.start, end: span.end, parts: parts.map((value) => ({ start: span.start, end: span.end, value, quoted: false })) };
  const frame = lookupRelation(env, objectName) ?? externalTable(env, objectName, span).frame;
  addOutput(env.builder, { kind: 'export', span, via: 'bcp out', frame: frame.id, ...target });
}

/**
 * Replaces each doubled quote by a single one padded with a space of the same length. Quotes open and close
 * in turn, so the space goes outside: before an opening quote and after a closing one, and a delimited name or
 * a literal keeps exactly its characters.
 */
function unescapePairs(text: string, quote: string): string {
  let opening = true;
  return text.replaceAll(quote + quote, () => {
    const replacement = opening ? ` ${quote}` : `${quote} `;
    opening = !opening;
    return replacement;
  });
}

/** The dotted procedure name after EXEC, as its parts. */
function splitWords(tokens: readonly Token[]): string[] {
  const words: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word' || token.kind === 'quoted') {
      words.push(token.value);
      if (tokens[i + 1]?.kind !== 'dot') break;
      i++;
      continue;
    }
    break;
  }
  return words;
}

/**
 * Drops the words of `WITHIN GROUP (ORDER BY …)`: the query parser takes that GROUP for the start of a GROUP BY
 * clause. Without the two words the ordering reads as a parenthesised argument, which findAggregates understands.
 */
function withoutWithinGroup(tokens: readonly Token[]): readonly Token[] {
  if (!tokens.some((t, i) => isWordToken(t, 'WITHIN') && isWordToken(tokens[i + 1], 'GROUP'))) return tokens;
  return tokens.filter((t, i) => !(isWordToken(t, 'WITHIN') && isWordToken(tokens[i + 1], 'GROUP'))
    && !(isWordToken(t, 'GROUP') && isWordToken(tokens[i - 1], 'WITHIN')));
}
