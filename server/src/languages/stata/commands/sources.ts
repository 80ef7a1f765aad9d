/**
 * Where the data in memory comes from: `odbc load` from the SRS SQL Server (its SQL read by the T-SQL front end,
 * its result columns becoming the dataset's variables), `use` and `import` of files (variables unknown, unless the
 * script saved that file itself), `clear`, `merge` and `append`, `preserve` and `restore`, and frames.
 */
import { addSource, combine, derive } from '../../../dataflow/builder';
import type { Frame, FrameColumn, Span } from '../../../dataflow/model';
import type { ObjectName } from '../../sql/ast';
import { extractQueryAt } from '../../sql/dataflow/sql';
import { externalTable } from '../../sql/dataflow/sqlEnv';
import { tokenize } from '../../sql/tokenizer';
import { describeError } from '../../../util/errors';
import { type Dataset, findVariable, type Variable } from '../dataset/dataset';
import { resolveVarlist } from '../resolve';
import { embedQuery, type EmbeddedQuery } from '../sql/embedded';
import type { Token } from '../syntax/lexer';
import { deriveDataset, lineOf, type CommandContext, type StataState } from '../state';
import { fileName, hasOption, option, optionText } from './common';

/** Databases of the LEO extract, so that a query into one reads record-level data even when its columns are not known. */
const LEO_DATABASE = /\b(?:npd|leo|lilr|hesa|ucas|ilr)_i\d+\b/i;

function sourceDataset(state: StataState, frame: Frame, label: string, origin: string, lower: boolean, certain = frame.columnsComplete): Dataset {
  const vars: Variable[] = frame.columns.map((column) => variableOf(state, column, origin, lower));
  return { frame, vars, certain, label };
}

/** A variable for a SQL result column; its case is certain only for an alias (`AS pmr`) or with `lowercase`. */
function variableOf(state: StataState, column: FrameColumn, origin: string, lower: boolean): Variable {
  const span = column.span;
  // `expr AS name` (or `name` right after AS): the alias is spelled as written.
  const item = span !== undefined ? state.text.slice(span.start, span.end).toLowerCase() : '';
  const written = column.name.toLowerCase();
  const head = item.endsWith(written) ? item.slice(0, item.length - written.length).replace(/["[\s]+$/, '') : undefined;
  const alias = span !== undefined && ((head !== undefined && / as$/.test(head)) || /\bas\s*$/i.test(state.text.slice(Math.max(0, span.start - 12), span.start)));
  const name = lower ? column.name.toLowerCase() : column.name;
  return { name, ...(span ? { defined: span } : {}), exactCase: alias || lower, column: name === column.name ? column : { ...column, name }, origin };
}

export function odbcLoad(state: StataState, ctx: CommandContext): void {
  const line = lineOf(state, ctx.span.start);
  const label = `the data loaded by odbc load on line ${line}`;
  const origin = `odbc load (line ${line})`;
  const lower = hasOption(ctx, 'lowercase', 5);
  const exec = option(ctx, 'exec');
  const table = option(ctx, 'table');
  let frame: Frame | undefined;
  if (exec?.args !== undefined) frame = execFrame(state, ctx, exec.args.from, exec.args.to);
  else if (table?.args !== undefined) frame = tableFrame(state, ctx, table.args.from);
  frame ??= addSource(state.builder, { span: ctx.span, grain: 'unknown', columns: [], columnsComplete: false });
  state.dataset = sourceDataset(state, frame, label, origin, lower);
}

/** `odbc exec("…")`: SQL run on the server, read for the SQL features only. */
export function odbcExec(state: StataState, ctx: CommandContext): void {
  const exec = option(ctx, 'exec') ?? undefined;
  const first = exec?.args?.from ?? ctx.cmd.args.from;
  const token = ctx.cmd.tokens[first];
  if (token?.kind === 'string' && token.contentStart !== undefined && !token.synthetic) {
    const { start, end } = sqlSpan(state, token);
    addEmbedded(state, embedQuery(state.text, start, end, state.macros, state.context));
  }
}

/**
 * Where the SQL of an `exec()` string is written: the string itself, or, when the string is only a macro whose
 * value was written as one string literal (`local q "SELECT …"` then `exec(\`"\`q'"')`), that literal.
 */
function sqlSpan(state: StataState, token: Token): { start: number; end: number } {
  const own = { start: token.contentStart!, end: token.contentEnd! };
  const only = /^\s*(?:`([A-Za-z_][A-Za-z0-9_]*)'|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*))\s*$/.exec(state.text.slice(own.start, own.end));
  if (only === null) return own;
  const local = only[1];
  return state.macros.literalSpan(state.text, (local ?? only[2] ?? only[3])!, local === undefined) ?? own;
}

/** Keeps one analysis per place: a local's SQL run twice is one query in the do-file, with one set of findings. */
function addEmbedded(state: StataState, query: EmbeddedQuery): void {
  if (!state.embedded.some((q) => q.start === query.start && q.end === query.end)) state.embedded.push(query);
}

function execFrame(state: StataState, ctx: CommandContext, from: number, to: number): Frame | undefined {
  const token = ctx.cmd.tokens[from];
  if (token === undefined || token.kind !== 'string' || token.synthetic || token.contentStart === undefined || to - from !== 1) {
    return addSource(state.builder, { span: ctx.span, grain: 'unknown', columns: [], columnsComplete: false });
  }
  const { start: contentStart, end: contentEnd } = sqlSpan(state, token);
  const query = embedQuery(state.text, contentStart, contentEnd, state.macros, state.context);
  addEmbedded(state, query);
  const sqlText = state.text.slice(contentStart, contentEnd);
  if (/[`$]/.test(sqlText)) {
    // A query with macros in it is not the text written here, so its columns are not known.
    return addSource(state.builder, { span: ctx.span, grain: LEO_DATABASE.test(sqlText) ? 'record' : 'unknown', columns: [], columnsComplete: false });
  }
  // A record-level extract read again (the same query in another block) is the same columns from the same views.
  const again = state.extracts.get(sqlText);
  if (again !== undefined) return derive(state.builder, again, { span: ctx.span });
  try {
    const tokens = tokenize(state.text, contentStart, contentEnd).tokens;
    const start = tokens.findIndex((t) => t.kind === 'word' && /^(select|with)$/i.test(t.value));
    if (start < 0) return undefined;
    let end = tokens.length;
    while (end > start && tokens[end - 1]!.kind === 'semicolon') end--;
    const frame = extractQueryAt(state.sql, tokens.slice(0, end), start).frame;
    if (frame.grain === 'record' && frame.history.every((e) => e.kind === 'filter')) state.extracts.set(sqlText, frame);
    return frame;
  } catch (error) {
    state.builder.incomplete.push({ start: contentStart, end: contentEnd, reason: describeError(error) });
    return undefined;
  }
}

function tableFrame(state: StataState, ctx: CommandContext, from: number): Frame | undefined {
  const token = ctx.cmd.tokens[from];
  if (token === undefined || token.kind !== 'string' || token.synthetic || /[`$]/.test(token.value)) return undefined;
  const span: Span = { start: token.contentStart!, end: token.contentEnd! };
  const parts = token.value.split('.').map((p) => p.trim().replace(/^["[]|["\]]$/g, '')).filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  const name: ObjectName = { start: span.start, end: span.end, parts: parts.map((value) => ({ start: span.start, end: span.end, value, quoted: false })) };
  return externalTable(state.sql, name, span).frame;
}

/** The key a saved file is known by. */
export function fileKey(path: string): string {
  return path.trim().replace(/\\/g, '/').replace(/\.dta$/i, '').toLowerCase();
}

/** A file read from disk: the dataset the script saved there, or one whose variables are not known. */
export function fileDataset(state: StataState, path: string | undefined, span: Span, via: string): Dataset {
  const saved = path !== undefined ? state.saved.get(fileKey(path)) : undefined;
  if (saved !== undefined) return saved;
  const folders = path?.toLowerCase().split(/[\\/]/) ?? [];
  const looksLikeOutput = folders.slice(0, -1).some((f) => state.config.outputPaths.includes(f));
  // A tempfile not yet saved is this script's own intermediate (a loop's earlier pass, or a branch the analysis
  // cannot decide), never data read from elsewhere: what it holds is unknown, not record-level.
  const ownTempfile = path !== undefined && path.startsWith('__tempfile_');
  const record = state.config.parameters.fileInputsAreRecordLevel && !looksLikeOutput && !ownTempfile;
  const frame = addSource(state.builder, { ...(path !== undefined ? { name: path } : {}), span, grain: record ? 'record' : 'unknown', columns: [], columnsComplete: false });
  return { frame, vars: [], certain: false, label: path !== undefined ? `the data read from ${path} by ${via}` : `the data read by ${via}` };
}

/** `use file`, `use varlist using file`, `import delimited using file`, `insheet using file`, `sysuse`. */
export function useFile(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const range = cmd.using ?? cmd.args;
  const { path } = fileName(ctx.tokens, range);
  const via = cmd.sub !== undefined ? `${cmd.name} ${cmd.sub}` : cmd.name;
  const dataset = fileDataset(state, path, ctx.span, via);
  if (cmd.using !== undefined && cmd.name === 'use' && cmd.args.to > cmd.args.from) {
    // `use a b using f` keeps only the variables named.
    const kept = resolveVarlist(state, ctx, cmd.args, dataset);
    state.dataset = { ...dataset, vars: kept.vars, certain: dataset.certain && kept.complete };
    return;
  }
  state.dataset = dataset;
}

export function clearData(state: StataState, ctx: CommandContext): void {
  const frame = addSource(state.builder, { span: ctx.span, grain: 'unknown', columns: [], columnsComplete: true });
  state.dataset = { frame, vars: [], certain: true, label: 'the data in memory' };
}

/** `save file` remembers the dataset for a later `use` or `merge`; whether it is an output is decided by the outputs module. */
export function rememberSaved(state: StataState, path: string | undefined): void {
  if (path !== undefined) state.saved.set(fileKey(path), state.dataset);
}

/** `merge 1:1 keys using file, keepusing(vars) nogenerate`. */
export function merge(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  let from = cmd.args.from;
  if (tokens[from + 1]?.kind === 'colon') from += 3;
  const keys = resolveVarlist(state, ctx, { from, to: cmd.args.to });
  const { path } = fileName(tokens, cmd.using);
  const other = fileDataset(state, path, ctx.span, 'merge');
  const keepusing = option(ctx, 'keepusing', 5);
  const added: Variable[] = [];
  let certain = state.dataset.certain && keys.complete;
  if (keepusing?.args !== undefined) {
    const names = optionText(ctx, keepusing)?.split(/\s+/).filter((n) => n.length > 0) ?? [];
    if (other.certain) {
      const resolved = resolveVarlist(state, ctx, keepusing.args, other);
      added.push(...resolved.vars);
      certain &&= resolved.complete;
    } else {
      for (const name of names) {
        if (/[*?~\-\u0000]/.test(name)) certain = false;
        else added.push({ name, exactCase: false, column: { name, facts: state.facts.column(undefined, name) }, origin: `merge (line ${lineOf(state, ctx.span.start)})` });
      }
    }
  } else {
    added.push(...other.vars);
    certain &&= other.certain;
  }
  const vars = state.dataset.vars.slice();
  for (const v of added) if (findVariable(state.dataset, v.name) === undefined) vars.push(v);
  if (!hasOption(ctx, 'nogenerate', 4)) {
    const name = optionText(ctx, option(ctx, 'generate', 3)) ?? '_merge';
    vars.push({ name, defined: ctx.span, exactCase: true, column: { name, span: ctx.span, facts: {} }, origin: `merge (line ${lineOf(state, ctx.span.start)})` });
  }
  const frame = combine(state.builder, [state.dataset.frame, other.frame], { span: ctx.span, columns: vars.map((v) => v.column), columnsComplete: certain });
  state.dataset = { frame, vars, certain, label: state.dataset.label };
}

/** `append using file`: the variables of both. */
export function append(state: StataState, ctx: CommandContext): void {
  const { path } = fileName(ctx.tokens, ctx.cmd.using);
  const other = fileDataset(state, path, ctx.span, 'append');
  const vars = state.dataset.vars.slice();
  for (const v of other.vars) if (findVariable(state.dataset, v.name) === undefined) vars.push(v);
  const certain = state.dataset.certain && other.certain;
  const frame = combine(state.builder, [state.dataset.frame, other.frame], { span: ctx.span, columns: vars.map((v) => v.column), columnsComplete: certain, union: true });
  state.dataset = { frame, vars, certain, label: state.dataset.label };
}

export function preserve(state: StataState): void {
  // A bound keeps a do-file that preserves in a loop from growing the stack without limit.
  if (state.preserved.length < 1000) state.preserved.push(state.dataset);
}

export function restore(state: StataState, ctx: CommandContext): void {
  if (hasOption(ctx, 'not')) {
    state.preserved.pop();
    return;
  }
  const keep = hasOption(ctx, 'preserve', 3);
  const restored = keep ? state.preserved[state.preserved.length - 1] : state.preserved.pop();
  if (restored !== undefined) state.dataset = restored;
  else state.dataset = deriveDataset(state, ctx.span, { certain: false });
}

/** `frame create`, `frame change`/`cwf`, `frame copy`, `frame put … , into()`, `frame drop`. */
export function frameCommand(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  const sub = cmd.name === 'cwf' ? 'change' : cmd.sub;
  const first = tokens[cmd.args.from];
  const name = first?.kind === 'word' ? first.value : undefined;
  state.frames.set(state.currentFrame, state.dataset);
  switch (sub) {
    case 'create': {
      if (name === undefined) return;
      const frame = addSource(state.builder, { span: ctx.span, grain: 'unknown', columns: [], columnsComplete: true });
      state.frames.set(name, { frame, vars: [], certain: true, label: `frame ${name}` });
      return;
    }
    case 'change': {
      if (name === undefined) return;
      state.currentFrame = name;
      state.dataset = state.frames.get(name) ?? deriveDataset(state, ctx.span, { vars: [], certain: false, label: `frame ${name}` });
      return;
    }
    case 'copy': {
      const target = tokens[cmd.args.from + 1];
      if (name !== undefined && target?.kind === 'word') {
        const source = state.frames.get(name);
        if (source !== undefined) state.frames.set(target.value, { ...source, label: `frame ${target.value}` });
      }
      return;
    }
    case 'put': {
      const into = optionText(ctx, option(ctx, 'into'));
      if (into === undefined) return;
      const vars = resolveVarlist(state, ctx, cmd.args);
      const dataset = deriveDataset(state, ctx.span, { vars: vars.vars, certain: state.dataset.certain && vars.complete, label: `frame ${into}` });
      state.frames.set(into, dataset);
      return;
    }
    case 'drop':
      if (name !== undefined) state.frames.delete(name);
      return;
    default:
      return;
  }
}

/** Runs `frame name: command` in that frame. */
export function inFrame(state: StataState, name: string, run: () => void): void {
  state.frames.set(state.currentFrame, state.dataset);
  const previous = state.currentFrame;
  const before = state.dataset;
  state.currentFrame = name;
  state.dataset = state.frames.get(name) ?? before;
  run();
  state.frames.set(name, state.dataset);
  state.currentFrame = previous;
  state.dataset = state.frames.get(previous) ?? before;
}
