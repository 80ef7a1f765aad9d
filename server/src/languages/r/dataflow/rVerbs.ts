/**
 * dplyr, tidyr, janitor and base R verbs on data frames: filters (and the guards among them), selections,
 * new columns (with rounding, suppression and zero-filling), grouping and summaries, counts and tables, joins,
 * stacking, totals and zero-filled grids.
 */
import { DOMINANCE_NAME } from '../../../dataflow/dominanceNames';
import { combine, derive, findColumn } from '../../../dataflow/builder';
import { identifiesUnit, isDirectIdentifier, isEmpty, NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, ColumnUse, Frame, FrameColumn, FrameEvent, GuardExtension, GuardInsertion, JoinFact, Span, StatisticKind } from '../../../dataflow/model';
import { unionFrames } from '../../../dataflow/union';
import {
  columnName, columnsIn, derivedFactsOf, rComparison, rConjuncts, resolveName, rStatistic, rUnwrap, testsConditionalCount, type RContext,
} from './rExpr';
import { argument, contextFor, frameOf, spanOf, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import { argsOf, callName, identifierName, named, numberValue, operands, operatorOf, stringValue, textOf, unparen, walk, type RArg, type RNode } from './rTree';


/** Normalised text of a condition, for comparing populations across outputs. */
export function conditionText(text: string, node: RNode): string {
  return textOf(text, node).replace(/\s+/g, '').replace(/\b[A-Za-z_.][\w.]*\$/g, '').replace(/"/g, "'").toUpperCase();
}

/**
 * A guard written with bare names (`filter(n >= 10)`, `dt[people >= 10]`) can take one more condition by name;
 * one written as `tab$n >= 10` would need the frame's name too, so it gets no quick fix.
 */
function bareNameExtension(state: RState, part: RNode): { extension?: GuardExtension } {
  if (/\$|\[\[/.test(textOf(state.text, part))) return {};
  return { extension: { at: part.end, joiner: ' & ', byName: true } };
}

/** The groups of a per-group count column (made by `add_count()`) that a comparison tests, if it tests one. */
function perGroupTested(context: RContext, part: RNode): readonly string[] | undefined {
  for (const node of walk(part)) {
    if (node.type !== 'identifier') continue;
    const groups = findColumn(context.frame, textOf(context.text, node))?.statistic?.perGroup;
    if (groups !== undefined) return groups;
  }
  return undefined;
}

/** The events of filter conditions: guards, dominance checks and population filters. */
export function conditionEvents(state: RState, context: RContext, conditions: readonly RNode[], grouped: boolean): { events: FrameEvent[]; groupGuard?: { threshold?: number; span: Span } } {
  const events: FrameEvent[] = [];
  let groupGuard: { threshold?: number; span: Span } | undefined;
  for (const condition of conditions) {
    const parts = rConjuncts(condition);
    if (parts === undefined) {
      events.push({ kind: 'filter', span: spanOf(condition), condition: conditionText(state.text, condition) });
      continue;
    }
    for (const part of parts) {
      const span = spanOf(part);
      const test = rComparison(context, part);
      if (test?.kind === 'at-least') {
        const groupSize = grouped && [...walk(part)].some((n) => callName(state.text, n)?.name === 'n' || textOf(state.text, n) === '.N');
        const guard = test.threshold !== undefined ? { threshold: test.threshold, span } : { span };
        if (groupSize) groupGuard = guard;
        else {
          const groupKeys = perGroupTested(context, part);
          events.push({ kind: 'threshold', ...guard, ...(testsConditionalCount(context, part) ? { conditional: true } : {}), ...(groupKeys !== undefined ? { groupKeys } : {}), ...bareNameExtension(state, part) });
        }
        continue;
      }
      if (columnsIn(context, part).some((n) => DOMINANCE_NAME.test(n))) {
        events.push({ kind: 'dominance', span });
        continue;
      }
      events.push({ kind: 'filter', span, condition: conditionText(state.text, part) });
      identifierLiterals(state, context, part);
    }
  }
  return groupGuard !== undefined ? { events, groupGuard } : { events };
}

function identifierLiterals(state: RState, context: RContext, node: RNode): void {
  const op = operatorOf(node, state.text);
  if (op !== '==' && op !== '%in%') return;
  const [lhs, rhs] = operands(node);
  const name = columnName(context, lhs);
  if (name === undefined || rhs === undefined || !isDirectIdentifier(resolveName(context, name).facts)) return;
  for (const sub of walk(rhs)) if (sub.type === 'string') state.builder.identifierLiterals.push(spanOf(sub));
}

function usesOf(context: RContext, nodes: readonly RNode[]): ColumnUse[] {
  const uses: ColumnUse[] = [];
  for (const node of nodes) {
    for (const name of columnsIn(context, node)) {
      const column = resolveName(context, name);
      if (!isEmpty(column.facts)) uses.push({ name, facts: column.facts, span: spanOf(node) });
    }
  }
  return uses;
}

export function filterVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const context = contextFor(state, value.frame);
  const conditions = call.args.filter((a) => a.name === undefined && a.value !== undefined).map((a) => a.value!);
  const { events, groupGuard } = conditionEvents(state, context, conditions, value.groups !== undefined && value.groups.length > 0);
  const frame = derive(state.builder, value.frame, { span: spanOf(call.node), events, uses: usesOf(context, conditions) });
  return { ...value, frame, ...(groupGuard !== undefined ? { groupGuard } : {}) };
}

/** Names listed in a selection: `a`, `c(a, b)`, `"a"`, `-a`, with helper functions making the list open. */
function selection(state: RState, args: readonly RArg[]): { keep: { name: string; from: string }[]; drop: string[]; open: boolean; all: boolean } {
  const keep: { name: string; from: string }[] = [];
  const drop: string[] = [];
  let open = false;
  let all = false;
  const visit = (node: RNode | undefined, rename: string | undefined, negate: boolean): void => {
    const bare = unparen(node);
    if (bare === undefined) return;
    if (bare.type === 'unary_operator' && operatorOf(bare) === '-') {
      visit(named(bare)[0], undefined, !negate);
      return;
    }
    const name = identifierName(state.text, bare) ?? stringValue(state.text, bare);
    if (name !== undefined) {
      if (negate) drop.push(name);
      else keep.push({ name: rename ?? name, from: name });
      return;
    }
    const call = callName(state.text, bare);
    if (call?.name === 'c') {
      for (const arg of argsOf(state.text, bare)) visit(arg.value, arg.name, negate);
      return;
    }
    if (call?.name === 'everything' && !negate) {
      all = true;
      return;
    }
    open = true;
  };
  for (const arg of args) visit(arg.value, arg.name, false);
  return { keep, drop, open, all };
}

export function selectVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }, args: readonly RArg[] = call.args): RValue {
  const frame = value.frame;
  const context = contextFor(state, frame);
  const { keep, drop, open, all } = selection(state, args);
  let columns: FrameColumn[];
  let complete: boolean;
  if (keep.length === 0 && !all) {
    columns = frame.columns.filter((c) => !drop.some((d) => d.toLowerCase() === c.name.toLowerCase()));
    complete = frame.columnsComplete && !open;
  } else {
    columns = keep.map((k) => ({ ...resolveName(context, k.from), name: k.name, span: spanOf(call.node) }));
    if (all) columns.push(...frame.columns.filter((c) => !keep.some((k) => k.from.toLowerCase() === c.name.toLowerCase())));
    complete = !open && (!all || frame.columnsComplete);
  }
  const derived = derive(state.builder, frame, { span: spanOf(call.node), columns, columnsComplete: complete, uses: usesOf(context, args.map((a) => a.value).filter((v): v is RNode => v !== undefined)) });
  return { ...value, frame: derived };
}

export function renameVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const renames = new Map<string, string>();
  for (const arg of call.args) {
    const from = arg.value !== undefined ? (identifierName(state.text, arg.value) ?? stringValue(state.text, arg.value)) : undefined;
    if (arg.name !== undefined && from !== undefined) renames.set(from.toLowerCase(), arg.name);
  }
  const columns = value.frame.columns.map((c) => (renames.has(c.name.toLowerCase()) ? { ...c, name: renames.get(c.name.toLowerCase())! } : c));
  return { ...value, frame: derive(state.builder, value.frame, { span: spanOf(call.node), columns }) };
}

interface ColumnResult {
  readonly column: FrameColumn;
  readonly events: FrameEvent[];
}

/** A new column `name = expr` in a data mask (mutate, summarise, data.table `j`). */
export function columnFrom(context: RContext, name: string, node: RNode, span: Span): ColumnResult {
  const wrap = rUnwrap(context, node);
  const events: FrameEvent[] = [];
  const extras = {
    ...(wrap.rounding !== undefined ? { rounding: wrap.rounding } : {}),
    ...(wrap.suppression !== undefined ? { suppression: wrap.suppression } : {}),
    ...(wrap.markers !== undefined ? { markers: wrap.markers } : {}),
  };
  if (wrap.suppression !== undefined) events.push({ kind: 'suppress', span: wrap.suppression.span, ...(wrap.suppression.threshold !== undefined ? { threshold: wrap.suppression.threshold } : {}), columns: [name] });
  if (wrap.rounding !== undefined) events.push({ kind: 'round', span: wrap.rounding.span, base: wrap.rounding.base, columns: [name], ...(wrap.rounding.trusted ? { trusted: true } : {}) });
  const statistic = rStatistic(context, wrap.inner);
  if (statistic !== undefined) {
    const main = statistic.calls[0]!;
    const column: FrameColumn = {
      name,
      span,
      facts: NO_FACTS,
      statistic: { ...main, kind: statistic.kind, ...(statistic.weighted ? { weighted: true } : {}), span: statistic.calls.length === 1 ? main.span : spanOf(wrap.inner) },
      statistics: statistic.calls,
      ...extras,
    };
    return { column, events };
  }
  const plain = columnName(context, wrap.inner);
  if (plain !== undefined && plain !== '.N') {
    const base = resolveName(context, plain);
    if (wrap.zeroFill !== undefined && base.statistic?.kind === 'count') events.push({ kind: 'zero-fill', span: wrap.zeroFill.span });
    return { column: { ...base, name, span, ...extras }, events };
  }
  // A value computed from statistic columns (`n / sum(n)`) carries their statistic.
  const stats: ColumnStatistic[] = [];
  for (const ref of columnsIn(context, wrap.inner)) {
    const column = findColumn(context.frame, ref);
    if (column?.statistic !== undefined) stats.push(column.statistic);
  }
  if (stats.length > 0) {
    const divided = [...walk(wrap.inner)].some((n) => operatorOf(n) === '/');
    // One statistic rescaled by constants (`100 * share`) is still the statistic computed where it was computed, so
    // it keeps that place; a value made from several statistics, or a share of one, is computed here.
    const rescaled = !divided && stats.length === 1;
    return { column: { name, span, facts: NO_FACTS, statistic: { ...stats[0]!, kind: divided ? 'proportion' : stats[0]!.kind, span: rescaled ? stats[0]!.span : spanOf(wrap.inner) }, statistics: stats, ...extras }, events };
  }
  return { column: { name, span, facts: derivedFactsOf(context, wrap.inner), ...extras }, events };
}

/** The columns an `across()` applies to. */
function acrossTargets(state: RState, frame: Frame, node: RNode | undefined): FrameColumn[] {
  const bare = unparen(node);
  if (bare === undefined) return [];
  const call = callName(state.text, bare);
  if (call?.name === 'everything' || call?.name === 'where') return frame.columns.filter((c) => c.statistic !== undefined || call.name === 'everything');
  if (call?.name === 'starts_with' || call?.name === 'ends_with' || call?.name === 'contains' || call?.name === 'matches') {
    const pattern = stringValue(state.text, argsOf(state.text, bare)[0]?.value) ?? '';
    const test = (n: string): boolean => call.name === 'starts_with' ? n.startsWith(pattern) : call.name === 'ends_with' ? n.endsWith(pattern) : call.name === 'contains' ? n.includes(pattern) : safeTest(pattern, n);
    const matched = frame.columns.filter((c) => test(c.name));
    // After `pivot_wider` the spread columns' names come from the data, so a pattern that names none of the known
    // columns of such a frame means the spread ones, which hold the frame's statistic.
    if (matched.length === 0 && !frame.columnsComplete) return frame.columns.filter((c) => c.statistic !== undefined);
    return matched;
  }
  const { keep } = selection(state, [{ value: bare, node: bare }]);
  return keep.map((k) => findColumn(frame, k.from) ?? { name: k.from, facts: NO_FACTS });
}

/** A `matches()` pattern as R would read it, or no match when it is not a valid regular expression here. */
function safeTest(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return false;
  }
}

/** The body of an `across()` function: `~ f(.x)`, `\(x) f(x)`, `function(x) f(x)`, or a function name. */
function acrossBody(state: RState, node: RNode | undefined): { body: RNode; param: string } | { fn: string } | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  if (bare.type === 'unary_operator' && operatorOf(bare) === '~') {
    const body = named(bare)[0];
    return body !== undefined ? { body, param: '.x' } : undefined;
  }
  if (bare.type === 'function_definition') {
    const params = bare.children.find((c) => c.type === 'parameters');
    const param = params !== undefined ? named(params)[0] : undefined;
    const body = named(bare)[named(bare).length - 1];
    const paramName = param !== undefined ? textOf(state.text, param).split('=')[0]!.trim() : '.x';
    return body !== undefined ? { body: body.type === 'braced_expression' ? (named(body)[named(body).length - 1] ?? body) : body, param: paramName } : undefined;
  }
  const name = identifierName(state.text, bare) ?? (bare.type === 'namespace_operator' ? textOf(state.text, named(bare)[named(bare).length - 1]!) : undefined);
  return name !== undefined ? { fn: name } : undefined;
}

/** Columns made by `across(cols, fn)`: each target column passed through the function. */
function acrossColumns(state: RState, frame: Frame, node: RNode, span: Span): ColumnResult[] {
  const args = argsOf(state.text, node);
  const targets = acrossTargets(state, frame, (argument(args, '.cols', 0))?.value);
  const fn = acrossBody(state, (argument(args, '.fns', 1))?.value);
  if (fn === undefined) return [];
  return targets.map((target) => {
    const context = contextFor(state, frame);
    if ('fn' in fn) {
      const lower = fn.fn.toLowerCase();
      if (state.roundingHelpers.has(lower)) return { column: { ...target, rounding: { base: 0, trusted: true, span } }, events: [{ kind: 'round', span, base: 0, trusted: true, columns: [target.name] }] };
      if (state.suppressionHelpers.has(lower)) return { column: { ...target, suppression: { span } }, events: [{ kind: 'suppress', span, columns: [target.name] }] };
      return { column: target, events: [] };
    }
    // Let the parameter stand for the target column inside the body.
    const masked: Frame = { ...frame, columns: [...frame.columns, { ...target, name: fn.param }, { ...target, name: '.' }] };
    const result = columnFrom({ ...context, frame: masked }, target.name, fn.body, span);
    return { column: { ...result.column, name: target.name }, events: result.events };
  });
}

export function mutateVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }, transmute = false): RValue {
  let frame = value.frame;
  const columns = transmute ? [...(value.groups ?? [])] : [...frame.columns];
  const events: FrameEvent[] = [];
  const put = (column: FrameColumn): void => {
    const at = columns.findIndex((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (at >= 0) columns[at] = column;
    else columns.push(column);
  };
  for (const arg of call.args) {
    if (arg.value === undefined || (arg.name !== undefined && arg.name.startsWith('.'))) continue;
    const context = contextFor(state, { ...frame, columns });
    const span = spanOf(arg.node);
    if (arg.name === undefined && callName(state.text, arg.value)?.name === 'across') {
      for (const result of acrossColumns(state, { ...frame, columns }, arg.value, span)) {
        put(result.column);
        events.push(...result.events);
      }
      continue;
    }
    const name = arg.name ?? textOf(state.text, arg.value);
    const result = columnFrom(context, name, arg.value, span);
    put(result.column);
    events.push(...result.events);
  }
  frame = derive(state.builder, frame, { span: spanOf(call.node), columns, events, uses: usesOf(contextFor(state, frame), call.args.map((a) => a.value).filter((v): v is RNode => v !== undefined)) });
  return { ...value, frame };
}

/** Group keys from arguments: `a`, `band = cut(x)`, `c("a", "b")`, `.(a, b)`, `list(a, b)`. */
export function keysFrom(state: RState, frame: Frame, args: readonly RArg[]): FrameColumn[] {
  const context = contextFor(state, frame);
  const keys: FrameColumn[] = [];
  const visit = (node: RNode | undefined, rename: string | undefined): void => {
    const bare = unparen(node);
    if (bare === undefined) return;
    const call = callName(state.text, bare);
    if (call !== undefined && (call.name === 'c' || call.name === '.' || call.name === 'list' || call.name === 'vars')) {
      for (const arg of argsOf(state.text, bare)) visit(arg.value, arg.name);
      return;
    }
    const literal = stringValue(state.text, bare);
    if (literal !== undefined) {
      for (const part of literal.split(',').map((p) => p.trim()).filter((p) => p.length > 0)) keys.push({ ...resolveName(context, part), span: spanOf(bare) });
      return;
    }
    const name = columnName(context, bare);
    if (name !== undefined) {
      keys.push({ ...resolveName(context, name), name: rename ?? name, span: spanOf(bare) });
      return;
    }
    keys.push({ name: rename ?? textOf(state.text, bare), facts: derivedFactsOf(context, bare), span: spanOf(bare) });
  };
  for (const arg of args) visit(arg.value, arg.name);
  return keys;
}

export function groupByVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const keyArgs = call.args.filter((a) => a.name === undefined || !a.name.startsWith('.'));
  const keys = keysFrom(state, value.frame, keyArgs);
  const drop = argument(call.args, '.drop');
  const keepEmpty = drop?.value !== undefined && /^(FALSE|F)$/.test(textOf(state.text, drop.value)) ? spanOf(drop.node) : undefined;
  const add = argument(call.args, '.add');
  const groups = add?.value !== undefined && textOf(state.text, add.value) === 'TRUE' ? [...(value.groups ?? []), ...keys] : keys;
  const { groupGuard: _dropped, ...rest } = value;
  return { ...rest, groups, ...(keepEmpty !== undefined ? { keepEmpty } : {}) };
}

/** Where a count guard can go after a summary: a `filter()` on the count column, in the pipeline's own pipe. */
export function filterInsertion(state: RState, call: RCall, countColumn: string | undefined): GuardInsertion | undefined {
  if (countColumn === undefined) return undefined;
  const pipe = call.pipe ?? '|>';
  const lineStart = state.text.lastIndexOf('\n', call.node.start - 1) + 1;
  const indent = /^[ \t]*/.exec(state.text.slice(lineStart))![0];
  return {
    at: call.node.end,
    template: ` ${pipe}\n${indent}  filter(${countColumn} >= {threshold})`,
    title: `Keep only cells with ${countColumn} >= {threshold}`,
  };
}

/** A summary: one row per group, with the statistics of the named arguments. */
export function summariseVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const frame = value.frame;
  const by = argument(call.args, '.by') ?? argument(call.args, 'by');
  const keys = by !== undefined ? keysFrom(state, frame, [by]) : [...(value.groups ?? [])];
  const context = contextFor(state, frame);
  const columns: FrameColumn[] = [...keys];
  const events: FrameEvent[] = [];
  for (const arg of call.args) {
    if (arg.value === undefined || (arg.name !== undefined && arg.name.startsWith('.')) || arg === by) continue;
    if (arg.name === undefined && callName(state.text, arg.value)?.name === 'across') {
      for (const result of acrossColumns(state, frame, arg.value, spanOf(arg.node))) columns.push(result.column);
      continue;
    }
    const result = columnFrom(context, arg.name ?? textOf(state.text, arg.value), arg.value, spanOf(arg.node));
    columns.push(result.column);
    events.push(...result.events);
  }
  return aggregateResult(state, call, value, keys, columns, events);
}

/** Builds the frame of an aggregation and the value that carries its remaining grouping. */
export function aggregateResult(state: RState, call: RCall, value: RValue & { kind: 'frame' }, keys: readonly FrameColumn[], columns: readonly FrameColumn[], extra: readonly FrameEvent[], span: Span = spanOf(call.node)): RValue {
  const statistics = columns.filter((c) => c.statistic !== undefined);
  const aggregate: FrameEvent = {
    kind: 'aggregate',
    span,
    keys,
    perUnit: keys.some((k) => identifiesUnit(k.facts)),
    statistics: statistics.map((c) => c.statistic!.kind),
  };
  const events: FrameEvent[] = [aggregate];
  if (value.groupGuard !== undefined) events.push({ kind: 'threshold', span: value.groupGuard.span, ...(value.groupGuard.threshold !== undefined ? { threshold: value.groupGuard.threshold } : {}) });
  if (value.keepEmpty !== undefined) events.push({ kind: 'zero-fill', span: value.keepEmpty });
  events.push(...extra);
  const count = statistics.find((c) => c.statistic!.kind === 'count')?.name;
  const insertion = filterInsertion(state, call, count);
  const frame = derive(state.builder, value.frame, {
    span,
    columns,
    columnsComplete: true,
    events,
    ...(insertion !== undefined ? { guardInsertion: insertion } : {}),
  });
  const remaining = keys.length > 1 ? keys.slice(0, -1) : undefined;
  return { kind: 'frame', frame, ...(remaining !== undefined ? { groups: remaining } : {}), ...(value.dataTable ? { dataTable: true } : {}) };
}

/** `count(df, a, b, wt = w, name = "n")`, `tally()`, `tabyl(df, a, b)`. */
export function countVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const keyArgs = call.args.filter((a) => a.name === undefined || !['wt', 'name', 'sort', '.drop', 'show_na', 'show_missing_levels', 'dat'].includes(a.name));
  const keys = call.name === 'tally' ? [...(value.groups ?? [])] : [...(value.groups ?? []), ...keysFrom(state, value.frame, keyArgs)];
  const name = stringValue(state.text, argument(call.args, 'name')?.value) ?? 'n';
  const wt = argument(call.args, 'wt');
  const statistic: ColumnStatistic = { kind: 'count', of: NO_FACTS, ofNames: [], span: spanOf(call.node), ...(wt !== undefined ? { weighted: true } : {}) };
  const columns: FrameColumn[] = [...keys, { name, span: spanOf(call.node), facts: NO_FACTS, statistic }];
  const extra: FrameEvent[] = [];
  const drop = argument(call.args, '.drop');
  if (drop?.value !== undefined && /^(FALSE|F)$/.test(textOf(state.text, drop.value))) extra.push({ kind: 'zero-fill', span: spanOf(drop.node) });
  // A two-way tabyl is a cross-tabulation: it shows every combination, zeros included.
  if (call.name === 'tabyl' && keys.length >= 2) extra.push({ kind: 'zero-fill', span: spanOf(call.node) });
  return aggregateResult(state, call, { ...value, groups: [] }, keys, columns, extra);
}

/** `add_count()` and `add_tally()`: a count per group written onto every record. */
export function addCountVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const name = stringValue(state.text, argument(call.args, 'name')?.value) ?? 'n';
  // The groups are the pending `group_by()` and the bare names among the arguments; an expression as a group
  // (`add_count(band = cut(x, 5))`) leaves the groups unknown, so the count guards no later table.
  const dots = call.args.filter((a) => a.name === undefined && a.value !== undefined);
  const named = dots.every((a) => a.value!.type === 'identifier') ? dots.map((a) => textOf(state.text, a.value!)) : undefined;
  const perGroup = named !== undefined ? [...(value.groups ?? []).map((g) => g.facts.knownAs ?? g.name), ...named] : undefined;
  const statistic: ColumnStatistic = { kind: 'count', of: NO_FACTS, ofNames: [], span: spanOf(call.node), ...(perGroup !== undefined && perGroup.length > 0 ? { perGroup } : {}) };
  const column: FrameColumn = { name, span: spanOf(call.node), facts: NO_FACTS, statistic };
  return { ...value, frame: derive(state.builder, value.frame, { span: spanOf(call.node), columns: [...value.frame.columns, column] }) };
}

/** `table(df$a, df$b)`, `table(df[c("a", "b")])`, `xtabs(~ a + b, data = df)`: counts of every combination. */
export function tableOf(state: RState, call: RCall, frame: Frame | undefined, keys: readonly FrameColumn[]): RValue {
  if (frame === undefined || keys.length === 0) return UNKNOWN;
  const statistic: ColumnStatistic = { kind: 'count', of: NO_FACTS, ofNames: [], span: spanOf(call.node) };
  const columns: FrameColumn[] = [...keys, { name: 'Freq', span: spanOf(call.node), facts: NO_FACTS, statistic }];
  // A table of two or more factors is a complete grid: every combination appears, zeros included.
  const extra: FrameEvent[] = keys.length >= 2 ? [{ kind: 'zero-fill', span: spanOf(call.node) }] : [];
  return aggregateResult(state, call, { kind: 'frame', frame }, keys, columns, extra);
}

/** Keys of a formula's right (or only) side: `~ a + b`, `y ~ g1 + g2`. */
export function formulaTerms(node: RNode | undefined): { response?: RNode; terms: RNode[] } {
  const bare = unparen(node);
  if (bare === undefined) return { terms: [] };
  let response: RNode | undefined;
  let rhs: RNode | undefined;
  if (bare.type === 'unary_operator' && operatorOf(bare) === '~') rhs = named(bare)[0];
  else if (bare.type === 'binary_operator' && operatorOf(bare) === '~') [response, rhs] = operands(bare);
  else return { terms: [] };
  const terms = splitSum(rhs);
  return response !== undefined ? { response, terms } : { terms };
}

/** The terms of `a + b + c`. */
export function splitSum(node: RNode | undefined): RNode[] {
  const terms: RNode[] = [];
  const split = (n: RNode | undefined): void => {
    const b = unparen(n);
    if (b === undefined) return;
    if (b.type === 'binary_operator' && operatorOf(b) === '+') {
      const [l, r] = operands(b);
      split(l);
      split(r);
      return;
    }
    terms.push(b);
  };
  split(node);
  return terms;
}

export function joinVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }, other: Frame | undefined): RValue {
  const byArg = argument(call.args, 'by');
  const frames = other !== undefined ? [value.frame, other] : [value.frame];
  const mask: Frame = { ...value.frame, columns: frames.flatMap((f) => f.columns) };
  const context = contextFor(state, mask);
  const uses: ColumnUse[] = [];
  if (byArg?.value !== undefined) {
    for (const sub of walk(byArg.value)) {
      const name = stringValue(state.text, sub) ?? (sub.type === 'identifier' && callName(state.text, sub) === undefined ? identifierName(state.text, sub) : undefined);
      if (name === undefined || name === 'join_by' || name === 'c') continue;
      const column = resolveName(context, name);
      if (!isEmpty(column.facts)) uses.push({ name, facts: column.facts, span: spanOf(sub) });
    }
  }
  const span = spanOf(call.node);
  if (call.name === 'semi_join' || call.name === 'anti_join') {
    const event: FrameEvent = { kind: 'filter', span, condition: `${call.name.toUpperCase()}(${textOf(state.text, call.args[0]?.value ?? call.node)})` };
    return { ...value, frame: derive(state.builder, value.frame, { span, events: [event], uses, ...(other !== undefined ? { extraInputs: [other] } : {}) }) };
  }
  const joins = other !== undefined ? rJoinFacts(state, call, value.frame, other) : [];
  return { kind: 'frame', frame: combine(state.builder, frames, { span, uses, joins }) };
}

/**
 * The join for the model's `joins` (the population hint reads it): dplyr's joins by name, and `merge`, which is an
 * inner join unless `all`, `all.x` or `all.y` says otherwise.
 */
function rJoinFacts(state: RState, call: RCall, left: Frame, right: Frame): JoinFact[] {
  const span = spanOf(call.node);
  const kinds: Readonly<Record<string, JoinFact['kind']>> = { inner_join: 'inner', left_join: 'left', right_join: 'right', full_join: 'full' };
  let kind = kinds[call.name];
  if (call.name === 'merge') {
    const all = (name: string) => { const value = argument(call.args, name)?.value; return value !== undefined && /^T(RUE)?$/.test(textOf(state.text, value).trim()); };
    kind = all('all') ? 'full' : all('all.x') ? (all('all.y') ? 'full' : 'left') : all('all.y') ? 'right' : 'inner';
  }
  if (kind === undefined) return [];
  const at = state.text.indexOf(call.name, span.start);
  const keyword = call.name !== 'merge' && at >= 0 && at < span.end ? { start: at, end: at + call.name.length } : undefined;
  return [{ kind, span, ...(keyword !== undefined ? { keyword, keepAll: 'left_join' } : {}), left: [left.id], right: right.id, filters: [] }];
}

export function stackVerb(state: RState, call: RCall, frames: readonly Frame[]): RValue {
  if (frames.length === 0) return UNKNOWN;
  return { kind: 'frame', frame: unionFrames(state.builder, frames, spanOf(call.node), state.config.parameters) };
}

export function eventVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }, event: FrameEvent['kind']): RValue {
  const span = spanOf(call.node);
  let ev: FrameEvent;
  if (event === 'totals' || event === 'zero-fill') ev = { kind: event, span };
  else if (event === 'helper') ev = { kind: 'helper', span, name: call.name };
  else if (event === 'dominance') ev = { kind: 'dominance', span };
  else if (event === 'round') ev = { kind: 'round', span, base: 0, trusted: true };
  else return value;
  return { ...value, frame: derive(state.builder, value.frame, { span, events: [ev] }) };
}

/** `pivot_wider(names_from = g, values_from = n, values_fill = 0)`: the statistic spreads over new columns. */
export function pivotWiderVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const frame = value.frame;
  const namesFrom = columnName(contextFor(state, frame), argument(call.args, 'names_from')?.value);
  // tidyr's pivot_wider names the value column `values_from`; reshape2 and data.table's dcast name it `value.var`.
  const valuesFrom = columnName(contextFor(state, frame), (argument(call.args, 'values_from') ?? argument(call.args, 'value.var'))?.value);
  // The zero that fills absent combinations is `values_fill` in pivot_wider and `fill` in spread and dcast.
  const fill = argument(call.args, 'values_fill') ?? argument(call.args, 'fill');
  const events: FrameEvent[] = [];
  if (fill?.value !== undefined && [...walk(fill.value)].some((n) => numberValue(state.text, n) === 0)) events.push({ kind: 'zero-fill', span: spanOf(fill.node) });
  const valueColumn = valuesFrom !== undefined ? findColumn(frame, valuesFrom) : undefined;
  const columns = frame.columns.filter((c) => c.name !== namesFrom && c.name !== valuesFrom);
  if (valueColumn !== undefined) columns.push(valueColumn);
  return { ...value, frame: derive(state.builder, frame, { span: spanOf(call.node), columns, columnsComplete: false, events }) };
}

/** `distinct(df, a, b)`: one row per combination, record-level only when an identifier is kept. */
export function distinctVerb(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const args = call.args.filter((a) => a.name === undefined);
  if (args.length === 0) return value;
  const keys = keysFrom(state, value.frame, args);
  const unit = keys.some((k) => identifiesUnit(k.facts));
  const frame = derive(state.builder, value.frame, {
    span: spanOf(call.node),
    columns: keys,
    columnsComplete: true,
    ...(unit ? {} : { grain: 'aggregate' as const, groupKeys: keys }),
  });
  return { kind: 'frame', frame };
}

/** `aggregate(y ~ g, data = df, FUN = mean)` and `aggregate(df$y, by = list(df$g), FUN = mean)`. */
export function statisticOfFunction(state: RState, node: RNode | undefined): StatisticKind {
  const name = node !== undefined ? (identifierName(state.text, node) ?? stringValue(state.text, node)) : undefined;
  switch (name) {
    case 'length': return 'count';
    case 'sum': return 'sum';
    case 'mean': return 'mean';
    case 'median': return 'median';
    case 'min': return 'min';
    case 'max': return 'max';
    case 'range': return 'range';
    case 'sd': return 'sd';
    case 'var': return 'variance';
    case 'quantile': return 'percentile';
    default: return 'other';
  }
}

export { frameOf };
