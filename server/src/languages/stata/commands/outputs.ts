/**
 * What a do-file shows or writes: tables and summaries displayed (`tabulate`, `table`, `tabstat`, `summarize`,
 * `mean`), records listed (`list`, `browse`), files written (`export`, `outsheet`, `save` into an outputs
 * folder, `esttab`, `outreg2`, `putexcel`), graphs drawn and saved. Only commands that display or write results
 * are outputs, and `quietly` stops the display. Each displayed table is a frame derived from the data in memory,
 * which stays as it was.
 */
import { addOutput, derive } from '../../../dataflow/builder';
import { identifiesUnit, NO_FACTS } from '../../../dataflow/facts';
import { isOutputPath } from '../../../dataflow/outputPaths';
import type { ColumnStatistic, Frame, FrameColumn, FrameEvent, Output, PlotLayer, Span, StatisticKind } from '../../../dataflow/model';
import type { Variable } from '../dataset/dataset';
import { taggedGroups } from './conditions';
import type { Range } from '../syntax/ast';
import type { Token } from '../syntax/lexer';
import { closing } from '../syntax/parser';
import { expressionVars, namedHere, resolveImplied, resolveVarlist } from '../resolve';
import { type CommandContext, type StataState } from '../state';
import { fileName, hasOption, option, optionText, statisticOf } from './common';
import { abbreviates } from '../syntax/names';
import { isScalingWeight } from './tables';
import { rememberSaved } from './sources';

/** A table displayed: a frame derived from the data in memory, aggregated by `keys`, with the given columns. */
function displayedTable(state: StataState, ctx: CommandContext, keys: readonly Variable[], columns: readonly FrameColumn[], extra: readonly FrameEvent[]): Frame {
  const statistics = columns.filter((c) => c.statistic !== undefined).map((c) => c.statistic!.kind);
  const events: FrameEvent[] = [
    ...filterEvents(ctx),
    { kind: 'aggregate', span: ctx.span, keys: keys.map((k) => k.column), perUnit: keys.some((k) => identifiesUnit(k.column.facts)), statistics },
    ...(isScalingWeight(ctx) ? [{ kind: 'weighted' as const, span: ctx.span }] : []),
    ...extra,
  ];
  return derive(state.builder, state.dataset.frame, { span: ctx.span, columns: [...keys.map((k) => k.column), ...columns], columnsComplete: true, events });
}

/** `if` conditions on a displayed table define its population (for the differencing rule). */
function filterEvents(ctx: CommandContext): FrameEvent[] {
  const cond = ctx.cmd.ifExp;
  if (cond === undefined || cond.to <= cond.from) return [];
  const tokens = ctx.tokens;
  const text = tokens.slice(cond.from, cond.to).map((t) => t.value).join('').toUpperCase();
  return [{ kind: 'filter', span: { start: tokens[cond.from]!.start, end: tokens[cond.to - 1]!.end }, condition: text }];
}

function show(state: StataState, ctx: CommandContext, frame: Frame, via: string, columns?: readonly FrameColumn[]): void {
  if (ctx.quiet) return;
  addOutput(state.builder, { kind: 'print', span: ctx.span, via, frame: frame.id, ...(columns ? { columns } : {}) });
}

function statistic(kind: StatisticKind, of: readonly Variable[], ctx: CommandContext): ColumnStatistic {
  return {
    kind,
    of: of.length === 1 ? of[0]!.column.facts : NO_FACTS,
    ofNames: of.map((v) => v.name),
    span: ctx.span,
    ...(isScalingWeight(ctx) ? { weighted: true } : {}),
  };
}

function statColumn(name: string, kinds: readonly StatisticKind[], of: readonly Variable[], ctx: CommandContext): FrameColumn {
  const statistics = kinds.map((k) => statistic(k, of, ctx));
  return { name, span: ctx.span, facts: NO_FACTS, statistic: statistics[0]!, statistics };
}

/** `tabulate a [b]`, `tab1 a b`, `tab2 a b`, with `row`, `col`, `cell`, `summarize()`. */
export function tabulate(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const listed = resolveImplied(state, ctx, cmd.args);
  expressionVars(state, ctx, cmd.ifExp);
  const summarized = option(ctx, 'summarize', 2);
  const measured = summarized?.args !== undefined ? resolveImplied(state, ctx, summarized.args).vars : [];
  const named = namedHere(listed);
  if (ctx.quiet && !hasOption(ctx, 'matcell') && !hasOption(ctx, 'generate', 3)) return;
  const oneWay = cmd.name === 'tab1' || named.length === 1;
  const groups: Variable[][] = cmd.name === 'tab1' ? named.map((v) => [v]) : [named];
  for (const group of groups) {
    if (group.length === 0) continue;
    const keys = [...ctx.by, ...group];
    const columns: FrameColumn[] = [];
    if (measured.length > 0) columns.push(statColumn(measured[0]!.name, ['mean', 'sd', 'count'], measured, ctx));
    else columns.push(statColumn('Freq', ['count'], [], ctx));
    if (hasOption(ctx, 'row') || hasOption(ctx, 'column', 3) || hasOption(ctx, 'cell')) columns.push(statColumn('percent', ['proportion'], [], ctx));
    const extra: FrameEvent[] = [{ kind: 'totals', span: ctx.span }];
    if (!oneWay) extra.push({ kind: 'zero-fill', span: ctx.span });
    const frame = displayedTable(state, ctx, keys, columns, extra);
    show(state, ctx, frame, 'tabulate');
    // `matcell(B)` keeps the cells' counts in a matrix, which `putexcel … = matrix(B)` can write out later.
    const matrix = optionText(ctx, option(ctx, 'matcell'))?.trim();
    if (matrix !== undefined && matrix !== '') state.matrices.set(matrix, frame);
  }
}

const SUMMARY: readonly StatisticKind[] = ['count', 'mean', 'sd', 'min', 'max'];
const DETAIL: readonly StatisticKind[] = ['count', 'mean', 'sd', 'min', 'max', 'percentile', 'median', 'variance'];

/** `summarize [varlist] [, detail meanonly]`: each variable's count, mean, sd, minimum and maximum. */
export function summarize(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const listed = cmd.args.to > cmd.args.from ? resolveImplied(state, ctx, cmd.args) : { vars: state.dataset.vars, complete: state.dataset.certain };
  expressionVars(state, ctx, cmd.ifExp);
  // r() keeps the results of the last variable summarised.
  const last = listed.complete ? listed.vars[listed.vars.length - 1] : undefined;
  state.summarized = last !== undefined ? { variable: last, dataset: state.dataset } : undefined;
  if (ctx.quiet || hasOption(ctx, 'meanonly', 5)) return;
  const kinds = hasOption(ctx, 'detail', 1) ? DETAIL : SUMMARY;
  const measured = listed.vars.length > 0 ? listed.vars : [];
  const columns = measured.length > 0 ? measured.map((v) => statColumn(v.name, kinds, [v], ctx)) : [statColumn('each variable', kinds, [], ctx)];
  // A summary leads with the mean, so the rules weigh its cells as means; the extremes come with it.
  const shown: FrameColumn[] = columns.map((c) => ({ ...c, statistic: c.statistics![1] ?? c.statistic! }));
  // `detail` adds the percentiles, each the value of one record: a column of their own, so the rules see them.
  if (kinds === DETAIL) shown.push(...measured.map((v) => statColumn(`${v.name} percentiles`, ['percentile', 'median'], [v], ctx)));
  const frame = displayedTable(state, ctx, ctx.by, shown, []);
  show(state, ctx, frame, 'summarize');
}

/** `tabstat vars, statistics(mean sd min max) by(g)`. */
export function tabstat(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const listed = resolveImplied(state, ctx, cmd.args);
  expressionVars(state, ctx, cmd.ifExp);
  const by = option(ctx, 'by');
  const keys = [...ctx.by, ...(by?.args !== undefined ? namedHere(resolveImplied(state, ctx, by.args)) : [])];
  // `statistics()` (down to `s()`) and its synonym `stats()`, each possibly given more than once.
  const named = ctx.cmd.options.filter((o) => o.args !== undefined && (abbreviates(o.name.value, 'statistics', 1) || /^stats$/i.test(o.name.value)));
  const stats = named.flatMap((o) => (optionText(ctx, o) ?? '').split(/[\s,]+/)).map((s) => statisticOf(s)).filter((k): k is StatisticKind => k !== undefined);
  const kinds = stats.length > 0 ? [...new Set(stats)] : ['mean' as StatisticKind];
  if (ctx.quiet) return;
  // One column per statistic of each variable, as tabstat lays them out, so each rule reads the statistic it is about.
  const columns = listed.vars.flatMap((v) => kinds.map((k) => statColumn(kinds.length === 1 ? v.name : `${v.name} ${k}`, [k], [v], ctx)));
  if (columns.length === 0) return;
  const frame = displayedTable(state, ctx, keys, columns, hasOption(ctx, 'nototal', 5) || keys.length === 0 ? [] : [{ kind: 'totals', span: ctx.span }]);
  show(state, ctx, frame, 'tabstat');
}

/** `table a b, contents(freq mean x)` (before Stata 17) and `table (a) (b), statistic(mean x)` (17 on). */
export function table(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const keys = namedHere(resolveImplied(state, ctx, cmd.args));
  expressionVars(state, ctx, cmd.ifExp);
  const columns: FrameColumn[] = [];
  const contents = option(ctx, 'contents', 1);
  const specs = ctx.cmd.options.filter((o) => /^stat(istic)?$/i.test(o.name.value) && o.args !== undefined);
  // `contents(freq mean x sd x)` and `statistic(mean x y)`: each statistic name applies to the variables after it.
  const read = (range: Range | undefined): void => {
    if (range === undefined) return;
    let kind: StatisticKind | undefined;
    for (let i = range.from; i < range.to; i++) {
      const t = ctx.tokens[i]!;
      if (t.kind !== 'word') continue;
      const k = statisticOf(t.value);
      if (k !== undefined && !/^[A-Za-z_]\w*_\w*$/.test(t.value)) {
        kind = k;
        if (k === 'count') columns.push(statColumn('frequency', ['count'], [], ctx));
        continue;
      }
      if (kind !== undefined && kind !== 'count') {
        const of = resolveImplied(state, ctx, { from: i, to: i + 1 }).vars;
        columns.push(statColumn(t.value, [kind], of, ctx));
      }
    }
  };
  if (contents !== undefined) read(contents.args);
  for (const spec of specs) read(spec.args);
  if (columns.length === 0) columns.push(statColumn('frequency', ['count'], [], ctx));
  const modern = ctx.tokens.slice(cmd.args.from, cmd.args.to).some((t) => t.kind === 'lparen');
  const totals = modern ? !hasOption(ctx, 'nototals', 5) : hasOption(ctx, 'totals', 3) || hasOption(ctx, 'row') || hasOption(ctx, 'col');
  const frame = displayedTable(state, ctx, [...ctx.by, ...keys], columns, totals ? [{ kind: 'totals', span: ctx.span }] : []);
  // Since Stata 17, `table` also fills the current collection, quietly or not, which `collect export` writes.
  state.collection = frame;
  show(state, ctx, frame, 'table');
}

/**
 * `collect export file`: writes the current collection, the table the last `table` made, to a file; `collect clear`
 * empties it. Other `collect` subcommands style or lay out the collection and write nothing.
 */
export function collectCommand(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  if (cmd.sub === 'clear') {
    delete state.collection;
    return;
  }
  if (cmd.sub !== 'export') return;
  const { path, span } = fileName(ctx.tokens, cmd.args);
  if (!isOutputPath(state.config, path, { dataFormats: STATA_DATA, writesData: false })) return;
  const frame = state.collection;
  addOutput(state.builder, {
    kind: 'export',
    span: ctx.span,
    via: 'collect export',
    ...(frame !== undefined ? { frame: frame.id } : {}),
    ...(path !== undefined ? { target: path } : {}),
    ...(span !== undefined ? { targetSpan: span } : {}),
  });
}

/** `mean x, over(g)`, `proportion x`, `total x`, `ci means x`. */
export function estimate(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const listed = resolveImplied(state, ctx, cmd.args);
  expressionVars(state, ctx, cmd.ifExp);
  const over = option(ctx, 'over');
  const keys = [...ctx.by, ...(over?.args !== undefined ? namedHere(resolveImplied(state, ctx, over.args)) : [])];
  if (ctx.quiet) return;
  const kind: StatisticKind = cmd.name === 'proportion' ? 'proportion' : cmd.name === 'total' ? 'sum' : 'mean';
  const frame = displayedTable(state, ctx, cmd.name === 'proportion' ? [...keys, ...listed.vars] : keys, listed.vars.map((v) => statColumn(v.name, [kind], [v], ctx)), []);
  show(state, ctx, frame, cmd.name);
}

/** `list [varlist] [if] [in]`, `browse`, `edit`: the rows themselves. */
export function list(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const listed = cmd.args.to > cmd.args.from ? resolveImplied(state, ctx, cmd.args) : undefined;
  expressionVars(state, ctx, cmd.ifExp);
  if (ctx.quiet && cmd.name === 'list') return;
  const columns = listed !== undefined && listed.complete ? namedHere(listed).map((v) => v.column) : undefined;
  const perGroup = listed !== undefined ? taggedGroups(state.dataset, ctx.tokens, cmd.ifExp) : undefined;
  if (perGroup !== undefined && listed !== undefined) {
    // `list la p50 if tag` after `egen tag = tag(la)`: one row per group, so the listing is a table of the groups,
    // and a statistic that egen put on every record of a group is shown here, where it leaves.
    const keyNames = new Set(perGroup.map((k) => k.name));
    const shown = namedHere(listed).filter((v) => !keyNames.has(v.name)).map((v) => (v.column.statistic !== undefined ? { ...v.column, statistic: { ...v.column.statistic, span: ctx.span } } : v.column));
    // A guard on an egen count of the same groups (`drop if n < 10`) came before, on the records; it holds for
    // the listed groups, so it is carried after the table's aggregation, where the rules look for guards.
    const shownNames = new Set(shown.map((c) => c.name.toLowerCase()));
    const guards = state.dataset.frame.history.filter((e) => (e.kind === 'threshold' && e.column !== undefined && shownNames.has(e.column.toLowerCase())) || e.kind === 'round');
    const frame = displayedTable(state, ctx, perGroup, shown, guards);
    show(state, ctx, frame, cmd.name);
    return;
  }
  addOutput(state.builder, { kind: 'print', span: ctx.span, via: cmd.name, frame: state.dataset.frame.id, ...(columns ? { columns } : {}) });
}

/**
 * `display exp`: an explicit subscript `x[1]` is the value of one record, so showing it lists that record's value
 * (SDC002). After `sort x` the first record holds the smallest value and after `gsort -x` the largest, so `x[1]`
 * then shows an extreme as well (SDC011). A name before `[` that is not a variable (a matrix `b[1,1]`, `_b[x]`)
 * shows no record.
 */
export function displayValues(state: StataState, ctx: CommandContext): void {
  const tokens = ctx.tokens;
  const end = ctx.cmd.comma ?? tokens.length;
  for (let i = ctx.cmd.args.from; i < end; i++) {
    const t = tokens[i]!;
    const open = tokens[i + 1];
    if (t.kind === 'word' && t.value === 'r' && open?.kind === 'lparen' && !open.spaced && tokens[i + 3]?.kind === 'rparen') {
      showSummaryExtreme(state, ctx, tokens[i + 2]!, { start: t.start, end: tokens[i + 3]!.end });
      i += 3;
      continue;
    }
    if (t.kind !== 'word' || open?.kind !== 'lbracket' || open.spaced || t.value.startsWith('_') || state.scalars.has(t.value)) continue;
    const close = closing(tokens, i + 1, end, 'lbracket', 'rbracket');
    const index = { from: i + 2, to: close };
    if (tokens.slice(index.from, index.to).some((x) => x.kind === 'comma')) continue;
    const variable = subscripted(state, ctx, i);
    expressionVars(state, ctx, index);
    i = close;
    if (variable === undefined || ctx.quiet) continue;
    const span = { start: t.start, end: tokens[Math.min(close, tokens.length - 1)]!.end };
    addOutput(state.builder, { kind: 'print', span: ctx.span, via: 'display', frame: state.dataset.frame.id, columns: [{ ...variable.column, span }] });
    const sorted = state.dataset.sortedBy;
    const first = index.to - index.from === 1 && tokens[index.from]!.kind === 'number' && tokens[index.from]!.value === '1';
    // Compared by name: over a dataset read from a file, the sort key and the subscripted name are each taken as named.
    if (sorted !== undefined && sorted.variable.name === variable.name && first) {
      const kind: StatisticKind = sorted.descending ? 'max' : 'min';
      const frame = displayedTable(state, ctx, [], [{ name: variable.name, span, facts: NO_FACTS, statistic: { kind, of: variable.column.facts, ofNames: [variable.name], span: ctx.span } }], []);
      show(state, ctx, frame, 'display');
    }
  }
}

/**
 * `display r(max)` (or `r(min)`) after `summarize x`: the largest or smallest value of `x`, which is one record's
 * value (SDC011), shown by the display whether or not the summary itself was shown.
 */
function showSummaryExtreme(state: StataState, ctx: CommandContext, result: Token, span: Span): void {
  const summarized = state.summarized;
  const kind: StatisticKind | undefined = result.value === 'max' ? 'max' : result.value === 'min' ? 'min' : undefined;
  if (summarized === undefined || kind === undefined || ctx.quiet) return;
  const { variable, dataset } = summarized;
  const column: FrameColumn = { name: variable.name, span, facts: NO_FACTS, statistic: { kind, of: variable.column.facts, ofNames: [variable.name], span: ctx.span } };
  const events: FrameEvent[] = [{ kind: 'aggregate', span: ctx.span, keys: [], perUnit: false, statistics: [kind] }];
  const frame = derive(state.builder, dataset.frame, { span: ctx.span, columns: [column], columnsComplete: true, events });
  show(state, ctx, frame, 'display');
}

/** The variable a subscripted name `x[…]` reads: one of the data's, or on data not all known, a plain name taken as one. */
function subscripted(state: StataState, ctx: CommandContext, at: number): Variable | undefined {
  const resolved = resolveImplied(state, ctx, { from: at, to: at + 1 });
  return resolved.vars.length === 1 && resolved.complete ? resolved.vars[0] : undefined;
}

const STATA_DATA = /\.(?:dta|dtas|sav|rds|parquet|feather)$/i;

/** `export delimited|excel [varlist] using file`, `outsheet [varlist] using file`, `save file`. */
export function writeData(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const isSave = cmd.name === 'save' || cmd.name === 'saveold';
  const range = isSave ? cmd.args : (cmd.using ?? (cmd.args.to > cmd.args.from && ctx.tokens[cmd.args.from]?.kind === 'string' ? cmd.args : undefined));
  const { path, span } = fileName(ctx.tokens, range);
  const listed = !isSave && cmd.using !== undefined && cmd.args.to > cmd.args.from ? resolveImplied(state, ctx, cmd.args) : undefined;
  expressionVars(state, ctx, cmd.ifExp);
  if (isSave) rememberSaved(state, path);
  const target = isSave && path !== undefined && !/\.\w+$/.test(path) ? `${path}.dta` : path;
  if (!isOutputPath(state.config, target, { dataFormats: STATA_DATA, writesData: isSave })) return;
  const via = cmd.sub !== undefined ? `${cmd.name} ${cmd.sub}` : cmd.name;
  const columns = listed !== undefined && listed.complete ? namedHere(listed).map((v) => v.column) : undefined;
  const output: Output = {
    kind: 'export',
    span: ctx.span,
    via,
    frame: state.dataset.frame.id,
    ...(target !== undefined ? { target } : {}),
    ...(span !== undefined ? { targetSpan: span } : {}),
    ...(columns ? { columns } : {}),
  };
  addOutput(state.builder, output);
}

/** `esttab using`, `estout using`, `outreg2 using`, `putexcel`, `etable, export()`: tables of estimates. */
export function writeEstimates(state: StataState, ctx: CommandContext): void {
  if (ctx.cmd.name === 'putexcel' && writeMatrices(state, ctx)) return;
  for (const model of state.quietModels.splice(0)) addOutput(state.builder, model);
  const { path, span } = fileName(ctx.tokens, ctx.cmd.using ?? (ctx.cmd.name === 'putexcel' ? ctx.cmd.args : undefined));
  if (ctx.cmd.name === 'putexcel' && ctx.cmd.sub === 'set') state.workbook = { ...(path !== undefined ? { path } : {}), ...(span !== undefined ? { span } : {}) };
  if (path === undefined && span === undefined) return;
  addOutput(state.builder, { kind: 'export', span: ctx.span, via: ctx.cmd.name, ...(path !== undefined ? { target: path } : {}), ...(span ? { targetSpan: span } : {}) });
}

/**
 * `putexcel B2 = matrix(B)`: writes a matrix into the workbook `putexcel set` named. A matrix that `tabulate`
 * filled with its cells is that table, written; true when the command wrote one.
 */
function writeMatrices(state: StataState, ctx: CommandContext): boolean {
  const tokens = ctx.tokens;
  let wrote = false;
  for (let i = ctx.cmd.args.from; i + 3 < ctx.cmd.args.to; i++) {
    if (tokens[i]!.kind !== 'word' || tokens[i]!.value.toLowerCase() !== 'matrix' || tokens[i + 1]!.kind !== 'lparen') continue;
    const frame = state.matrices.get(tokens[i + 2]!.value);
    if (frame === undefined) continue;
    const workbook = state.workbook;
    addOutput(state.builder, {
      kind: 'export',
      span: ctx.span,
      via: 'putexcel',
      frame: frame.id,
      ...(workbook?.path !== undefined ? { target: workbook.path } : {}),
      ...(workbook?.span !== undefined ? { targetSpan: workbook.span } : {}),
    });
    wrote = true;
  }
  return wrote;
}

/** `graph export file`, `graph save [name] file`, and a plot's `saving(file)` option. */
export function graphFile(state: StataState, ctx: CommandContext, path: string | undefined, span: Span | undefined): void {
  addOutput(state.builder, { kind: 'graphic-file', span: ctx.span, via: ctx.cmd.sub !== undefined ? `${ctx.cmd.name} ${ctx.cmd.sub}` : ctx.cmd.name, ...(path !== undefined ? { target: path } : {}), ...(span ? { targetSpan: span } : {}) });
}

export function graphCommand(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  if (cmd.name === 'graph' && (cmd.sub === 'export' || cmd.sub === 'save')) {
    const args = cmd.args;
    // `graph save name file`: the file is the last argument.
    const last = cmd.sub === 'save' && args.to - args.from >= 2 && ctx.tokens[args.from]!.kind === 'word' && ctx.tokens[args.from + 1]!.spaced ? { from: args.from + 1, to: args.to } : args;
    const { path, span } = fileName(ctx.tokens, last);
    const target = cmd.sub === 'save' && path !== undefined && !/\.\w+$/.test(path) ? `${path}.gph` : path;
    graphFile(state, ctx, target, span);
    return;
  }
  plot(state, ctx);
}

const LAYERS: Readonly<Record<string, string>> = {
  scatter: 'point', sc: 'point', dot: 'point', dotplot: 'point', stripplot: 'strip', histogram: 'histogram', hist: 'histogram',
  box: 'boxplot', hbox: 'boxplot', kdensity: 'density', line: 'line', connected: 'line', area: 'line', lfit: 'smooth', qfit: 'smooth',
  lowess: 'smooth', lpoly: 'smooth', bar: 'col', hbar: 'col', pie: 'col', rcap: 'line', spike: 'line', binscatter: 'line', lfitci: 'smooth',
};

/** `scatter y x`, `twoway (scatter y x) (lfit y x)`, `histogram x`, `graph box y`, `graph bar (mean) y, over(g)`. */
export function plot(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  const layers: PlotLayer[] = [];
  const kind = cmd.name === 'graph' || cmd.name === 'twoway' ? cmd.sub : cmd.name;
  let frame = state.dataset.frame;
  if (kind !== undefined && LAYERS[kind] !== undefined) layers.push({ kind: LAYERS[kind]!, span: ctx.span });
  // Parenthesised layers belong to twoway only: `graph bar (mean) y` puts a statistic in parentheses. Each layer,
  // parenthesised or after `||`, is read once here, with its own plot type, varlist and `if`.
  const twoway = cmd.name === 'twoway' || kind === 'twoway' || kind === undefined;
  const parts = layerParts(tokens, cmd.args, twoway, kind === 'twoway');
  const plotted: Variable[] = [];
  for (const part of parts) {
    for (const v of resolveVarlist(state, ctx, part.vars).vars) if (!plotted.includes(v)) plotted.push(v);
    if (part.ifExp !== undefined) expressionVars(state, ctx, part.ifExp);
    const name = part.plotType;
    if (name !== undefined && LAYERS[name] !== undefined) layers.push({ kind: LAYERS[name]!, span: part.span ?? ctx.span });
  }
  expressionVars(state, ctx, cmd.ifExp);
  if ((kind === 'bar' || kind === 'hbar' || kind === 'dot') && cmd.name === 'graph') {
    const over = cmd.options.filter((o) => /^over$/i.test(o.name.value) && o.args !== undefined).flatMap((o) => resolveVarlist(state, ctx, { from: o.args!.from, to: firstComma(ctx, o.args!) }).vars);
    const columns = plotted.map((v) => statColumn(v.name, ['mean'], [v], ctx));
    frame = displayedTable(state, ctx, [...ctx.by, ...over], columns.length > 0 ? columns : [statColumn('count', ['count'], [], ctx)], []);
  }
  // A histogram draws the records in memory, binned as it draws them (`help histogram`): its data is the dataset
  // itself, so a histogram of records is a graphic of individual values (SDC017), and one of a table is a table.
  addOutput(state.builder, { kind: 'plot', span: ctx.span, via: kind !== undefined && cmd.name !== kind ? `${cmd.name} ${kind}` : cmd.name, frame: frame.id, layers });
  const saving = option(ctx, 'saving', 3);
  if (saving?.args !== undefined) {
    const { path, span } = fileName(tokens, { from: saving.args.from, to: firstComma(ctx, saving.args) });
    graphFile(state, ctx, path !== undefined && !/\.\w+$/.test(path) ? `${path}.gph` : path, span);
  }
}

/**
 * `sts graph [, by(g)]`: the Kaplan-Meier curve of the data `stset` declared, which steps at each failure, so it
 * is drawn from the records whatever they are.
 */
export function survivalGraph(state: StataState, ctx: CommandContext): void {
  const by = option(ctx, 'by');
  if (by?.args !== undefined) resolveVarlist(state, ctx, { from: by.args.from, to: firstComma(ctx, by.args) });
  expressionVars(state, ctx, ctx.cmd.ifExp);
  addOutput(state.builder, { kind: 'plot', span: ctx.span, via: 'sts graph', frame: state.dataset.frame.id, layers: [{ kind: 'survival', span: ctx.span }] });
  const saving = option(ctx, 'saving', 3);
  if (saving?.args !== undefined) {
    const { path, span } = fileName(ctx.tokens, { from: saving.args.from, to: firstComma(ctx, saving.args) });
    graphFile(state, ctx, path !== undefined && !/\.\w+$/.test(path) ? `${path}.gph` : path, span);
  }
}

interface LayerPart {
  /** The layer's variables: `y x` of `(scatter y x if g == 1, msize(small))`. */
  readonly vars: Range;
  readonly ifExp?: Range;
  readonly plotType?: string;
  readonly parenthesised: boolean;
  /** The layer as written, from its plot type (or opening parenthesis) to its end. */
  readonly span?: Span;
}

/**
 * The layers of a twoway graph, each with its own varlist and `if`: parenthesised (`(scatter y x if g, opts)
 * (lfit y x)`) or separated by `||` (`scatter y x || lfit y x`). The plot type word and each layer's options are
 * not variables. Without either form the whole argument list is the one varlist.
 */
function layerParts(tokens: readonly Token[], args: Range, grouped: boolean, firstTyped = false): LayerPart[] {
  const parts: LayerPart[] = [];
  let depth = 0;
  let segmentStart = args.from;
  let sawSeparator = false;
  let split = false;
  const pushSegment = (from: number, to: number, parenthesised: boolean, typed: boolean): void => {
    const first = tokens[from];
    const plotType = typed && first?.kind === 'word' ? first.value.toLowerCase() : undefined;
    const start = plotType !== undefined ? from + 1 : from;
    let end = to;
    let ifExp: Range | undefined;
    for (let i = start; i < to; i++) {
      const t = tokens[i]!;
      if (t.kind === 'comma') {
        end = Math.min(end, i);
        if (ifExp !== undefined && ifExp.to > i) ifExp = { from: ifExp.from, to: i };
        break;
      }
      if (t.kind === 'word' && (t.value === 'if' || t.value === 'in') && ifExp === undefined) {
        end = Math.min(end, i);
        if (t.value === 'if') ifExp = { from: i + 1, to };
      }
    }
    const span = to > from ? { start: tokens[parenthesised ? from - 1 : from]!.start, end: tokens[Math.min(parenthesised ? to : to - 1, tokens.length - 1)]!.end } : undefined;
    parts.push({ vars: { from: start, to: end }, ...(ifExp !== undefined ? { ifExp } : {}), ...(plotType !== undefined ? { plotType } : {}), parenthesised, ...(span ? { span } : {}) });
  };
  for (let i = args.from; i < args.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') {
      if (grouped && depth === 0 && i === segmentStart && tokens[i + 1]?.kind === 'word') {
        const close = closing(tokens, i, args.to);
        pushSegment(i + 1, close, true, true);
        i = close;
        segmentStart = close + 1;
        continue;
      }
      if (!grouped && depth === 0 && tokens[i + 1]?.kind === 'word' && tokens[i + 2]?.kind === 'rparen') {
        // `graph bar (mean) y (sum) n`: a statistic in parentheses, not a variable.
        if (i > segmentStart) pushSegment(segmentStart, i, false, false);
        split = true;
        i += 2;
        segmentStart = i + 1;
        continue;
      }
      depth++;
    } else if (t.kind === 'rparen') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'op' && t.value === '|' && tokens[i + 1]?.kind === 'op' && tokens[i + 1]!.value === '|') {
      if (i > segmentStart) pushSegment(segmentStart, i, false, sawSeparator || (firstTyped && parts.length === 0));
      sawSeparator = true;
      i++;
      segmentStart = i + 1;
    }
  }
  if (parts.length === 0 && !sawSeparator && !split && !firstTyped) return [{ vars: args, parenthesised: false }];
  // `graph twoway scatter y x`: after `graph twoway` the first word is the plot type, as after `||`.
  if (segmentStart < args.to) pushSegment(segmentStart, args.to, false, sawSeparator || (firstTyped && parts.length === 0));
  return parts;
}

function firstComma(ctx: CommandContext, range: { from: number; to: number }): number {
  for (let i = range.from; i < range.to; i++) if (ctx.tokens[i]!.kind === 'comma') return i;
  return range.to;
}
