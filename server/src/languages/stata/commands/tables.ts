/**
 * Commands that turn the records in memory into a table: `collapse` (its statistics, `(count)`, new names and
 * weights), `contract`, `duplicates drop` on keys, and one record kept per group. The result is a dataflow frame
 * with an aggregation event and, where a count column exists, the place a minimum-count guard could go.
 */
import { identifiesUnit, NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, FrameEvent, GuardInsertion, Span, StatisticKind } from '../../../dataflow/model';
import { isCountColumn } from '../../../dataflow/lineage';
import type { Token } from '../syntax/lexer';
import { keepsIndicator, statisticOver, type Variable } from '../dataset/dataset';
import { splitElements } from '../dataset/varlist';
import { impliedVariable, namedHere, resolveImplied, resolveVarlist } from '../resolve';
import { deriveDataset, lineOf, madeVariable, type CommandContext, type StataState } from '../state';
import { hasOption, option, optionText, statisticOf } from './common';

/** True for weights that scale statistics (analytic, probability, importance); frequency weights are counts. */
export function isScalingWeight(ctx: CommandContext): boolean {
  if (ctx.surveyWeighted === true) return true;
  const kind = ctx.cmd.weight?.kind;
  return kind === 'aweight' || kind === 'pweight' || kind === 'iweight';
}

/** Where `drop if n < {threshold}` can go: on the line after the command, at its indentation. */
export function guardAfter(state: StataState, ctx: CommandContext, count: string | undefined): GuardInsertion | undefined {
  if (count === undefined) return undefined;
  const lineStart = state.text.lastIndexOf('\n', ctx.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(state.text.slice(lineStart))![0];
  return { at: ctx.span.end, template: `\n${indent}drop if ${count} < {threshold}`, title: `Drop cells with fewer than {threshold} units (drop if ${count} < {threshold})` };
}

/** Makes the dataset a table by `keys` holding `vars`, with the events of the step. */
export function aggregateDataset(state: StataState, ctx: CommandContext, keys: readonly Variable[], vars: readonly Variable[], extra: readonly FrameEvent[], span: Span, certain = true): void {
  const statistics = vars.filter((v) => v.column.statistic !== undefined).map((v) => v.column.statistic!.kind);
  const aggregate: FrameEvent = {
    kind: 'aggregate',
    span,
    keys: keys.map((k) => k.column),
    perUnit: keys.some((k) => identifiesUnit(k.column.facts)),
    statistics,
  };
  const count = vars.find((v) => isCountColumn(v.column) && !keys.includes(v))?.name;
  const insertion = guardAfter(state, ctx, count);
  state.dataset = deriveDataset(state, span, {
    vars,
    certain,
    events: [aggregate, ...extra],
    ...(insertion ? { guardInsertion: insertion } : {}),
    label: `the table made by ${ctx.cmd.name} on line ${lineOf(state, span.start)}`,
  });
}

/** `collapse (mean) earn (count) n=pmr [aw=w], by(school fsm)`. */
export function collapse(state: StataState, ctx: CommandContext): void {
  const tokens = ctx.tokens;
  const cmd = ctx.cmd;
  const byOption = option(ctx, 'by');
  const line = lineOf(state, ctx.span.start);
  const keys = byOption?.args !== undefined ? collapseKeys(state, ctx, byOption.args, line) : { vars: [] as Variable[], complete: true };
  const weighted = isScalingWeight(ctx);
  let kind: StatisticKind = 'mean';
  let certain = keys.complete;
  const made: Variable[] = [];
  let extraEvents: FrameEvent[] = weighted ? [{ kind: 'weighted', span: cmd.weight!.start !== undefined ? { start: cmd.weight!.start, end: cmd.weight!.end } : ctx.span }] : [];
  let i = cmd.args.from;
  while (i < cmd.args.to) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') {
      const name = tokens[i + 1];
      kind = name !== undefined ? statisticOf(name.value) ?? 'other' : 'other';
      while (i < cmd.args.to && tokens[i]!.kind !== 'rparen') i++;
      i++;
      continue;
    }
    // One element: `x`, `x*`, or `new = x`.
    const end = elementEnd(tokens, i, cmd.args.to);
    if (tokens[end]?.kind === 'equals') {
      const sourceEnd = elementEnd(tokens, end + 1, cmd.args.to);
      const source = resolveImplied(state, ctx, { from: end + 1, to: sourceEnd });
      const nameToken = tokens[i]!;
      if (nameToken.kind !== 'word' || end - i !== 1) certain = false;
      else made.push(statVariable(nameToken.value, nameToken, kind, source.vars, weighted && !unweighted(tokens, i, cmd.args.from), ctx.span, line));
      i = sourceEnd;
      continue;
    }
    const sources = resolveImplied(state, ctx, { from: i, to: end });
    if (!sources.complete) {
      const element = splitElements(tokens, { from: i, to: end })[0];
      if (element !== undefined && !element.unknownMacro && !/[*?~-]/.test(element.text) && sources.vars.length === 0) {
        made.push(statVariable(element.text, tokens[i]!, kind, [], weighted, ctx.span, line));
      } else certain = false;
    }
    for (const source of sources.vars) made.push(statVariable(source.name, undefined, kind, [source], weighted && !unweighted(tokens, i, cmd.args.from), ctx.span, line));
    i = end;
  }
  if (made.some((v) => v.column.statistic?.kind === 'percentile' || v.column.statistic?.kind === 'median')) extraEvents = [...extraEvents];
  aggregateDataset(state, ctx, keys.vars, [...keys.vars, ...made], extraEvents, ctx.span, certain);
}

/**
 * The `by()` variables of a collapse. They are the result's keys whatever the dataset held: a plain name the
 * dataset is not known to have (it came from `use`) is still a variable of the table, with the facts its name
 * gives, so the table's variables stay certain; a wildcard or an unknown macro leaves them uncertain.
 */
export function collapseKeys(state: StataState, ctx: CommandContext, range: { from: number; to: number }, line: number): { vars: Variable[]; complete: boolean } {
  const resolved = resolveVarlist(state, ctx, range);
  // The keys are named here: the table's findings about them point at by().
  if (resolved.complete) return { vars: namedHere(resolved), complete: true };
  const vars = namedHere(resolved);
  let complete = true;
  for (const element of splitElements(ctx.tokens, range)) {
    if (vars.some((v) => v.name.toLowerCase() === element.text.toLowerCase())) continue;
    if (element.unknownMacro || element.factor !== undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(element.text)) {
      complete = false;
      continue;
    }
    const implied = impliedVariable(state, state.dataset, element.text);
    vars.push(madeVariable(element.text, { start: element.start, end: element.end }, { facts: implied.column.facts }, `collapse by() (line ${line})`));
  }
  return { vars, complete };
}

/** `(count)` and `(rawsum)` ignore analytic and probability weights: the statistic named last before `at`. */
function unweighted(tokens: readonly Token[], at: number, from: number): boolean {
  for (let i = at - 1; i > from; i--) {
    if (tokens[i]!.kind === 'rparen' && tokens[i - 2]?.kind === 'lparen') return /^(?:count|rawsum)$/i.test(tokens[i - 1]!.value);
  }
  return false;
}

function elementEnd(tokens: readonly Token[], from: number, to: number): number {
  let j = from + 1;
  while (j < to && !tokens[j]!.spaced && tokens[j]!.kind !== 'lparen' && tokens[j]!.kind !== 'equals') j++;
  // `new =x` and `new= x` are the same as `new = x`.
  return j;
}

export function statVariable(name: string, token: Token | undefined, kind: StatisticKind, of: readonly Variable[], weighted: boolean, span: Span, line: number): Variable {
  const statistic: ColumnStatistic = {
    kind: statisticOver(kind, of),
    of: of.length === 1 ? of[0]!.column.facts : NO_FACTS,
    ofNames: of.map((v) => v.name),
    span,
    ...(weighted ? { weighted: true } : {}),
  };
  const defined = token !== undefined && !token.synthetic ? { start: token.start, end: token.end } : span;
  return {
    ...madeVariable(name, defined, { facts: NO_FACTS, statistic }, `collapse (line ${line})`),
    ...(of.length === 1 && of[0]!.name === name ? { exactCase: of[0]!.exactCase } : {}),
    ...(keepsIndicator(kind, of) ? { indicator: true } : {}),
  };
}

/** `contract a b, freq(n) zero`. */
export function contract(state: StataState, ctx: CommandContext): void {
  // A dataset `use`d from a file lists only the variables named so far; the keys named here are among its others.
  const keys = resolveImplied(state, ctx, ctx.cmd.args);
  const name = optionText(ctx, option(ctx, 'freq')) ?? '_freq';
  const line = lineOf(state, ctx.span.start);
  const count = madeVariable(name, ctx.span, { facts: NO_FACTS, statistic: { kind: 'count', of: NO_FACTS, ofNames: [], span: ctx.span, ...(isScalingWeight(ctx) ? { weighted: true } : {}) } }, `contract (line ${line})`);
  const extra: FrameEvent[] = hasOption(ctx, 'zero') ? [{ kind: 'zero-fill', span: ctx.span }] : [];
  // The keys are named here, as in collapse: the table's findings about them point at this command.
  const named = namedHere(keys);
  aggregateDataset(state, ctx, named, [...named, count], extra, ctx.span, keys.complete);
}

/** `duplicates drop keys, force`: one record per key; a table when the records carry statistics per group. */
export function duplicatesDrop(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  if (cmd.args.to <= cmd.args.from) {
    state.dataset = deriveDataset(state, ctx.span, {});
    return;
  }
  const keys = resolveImplied(state, ctx, cmd.args);
  const hasStatistics = state.dataset.vars.some((v) => v.column.statistic !== undefined && !keys.vars.includes(v));
  if (!hasStatistics) {
    state.dataset = deriveDataset(state, ctx.span, {});
    return;
  }
  aggregateDataset(state, ctx, keys.vars, state.dataset.vars, [], ctx.span, state.dataset.certain && keys.complete);
}

/** `reshape long|wide stubs, i(ids) j(var)`: the variables change in ways that depend on the data. */
export function reshape(state: StataState, ctx: CommandContext): void {
  const i = option(ctx, 'i');
  if (i?.args !== undefined) resolveVarlist(state, ctx, i.args);
  state.dataset = deriveDataset(state, ctx.span, { certain: false });
}
