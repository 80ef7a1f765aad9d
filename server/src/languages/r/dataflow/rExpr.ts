/**
 * Reads what an R expression means for disclosure, inside a data mask (dplyr verbs, data.table `j`, base
 * subsetting): the statistics it computes, whether it rounds (`round(n / 5) * 5`, `plyr::round_any(x, 100)`),
 * suppresses (`ifelse(n < 10, NA, n)`) or fills zeros (`replace_na(n, 0)`), and what a condition guards.
 */
import { findColumn } from '../../../dataflow/builder';
import { derivedFacts, mergeFacts, NO_FACTS, type FactsResolver } from '../../../dataflow/facts';
import { COUNT_NAME, isCountColumn } from '../../../dataflow/lineage';
import type { ColumnFacts, ColumnStatistic, Frame, FrameColumn, Span, StatisticKind } from '../../../dataflow/model';
import type { Comparison, Wrapping } from '../../sql/dataflow/sqlExpr';
import {
  argsOf, callName, identifierName, isMissingLiteral, named, numberValue, operands, operatorOf, stringValue, textOf, unparen, walk,
  type RNode,
} from './rTree';

export interface RContext {
  readonly text: string;
  readonly facts: FactsResolver;
  /** The frame whose columns bare names refer to (the data mask). */
  readonly frame?: Frame;
  readonly roundingHelpers: ReadonlySet<string>;
  readonly suppressionHelpers: ReadonlySet<string>;
  /** Functions the script defines that round their argument (`round5 <- function(x) 5 * round(x / 5)`), by name, with the base. */
  readonly localRounding?: ReadonlyMap<string, number>;
  /** Names bound to values in the script (so `threshold` in `n >= threshold` is not taken for a column). */
  readonly variables: { has(name: string): boolean };
}

/** The column a node names: `x`, `.data$x`, `df$x`, `.data[["x"]]`. */
export function columnName(context: RContext, node: RNode | undefined): string | undefined {
  const bare = unparen(node);
  if (bare === undefined) return undefined;
  const name = identifierName(context.text, bare);
  if (name !== undefined) return name;
  if (bare.type === 'extract_operator') {
    const [, rhs] = operands(bare);
    return identifierName(context.text, rhs) ?? stringValue(context.text, rhs);
  }
  if (bare.type === 'subset2') {
    const args = argsOf(context.text, bare);
    return stringValue(context.text, args[0]?.value);
  }
  return undefined;
}

/** The frame column (or catalogue facts) a name refers to. */
export function resolveName(context: RContext, name: string): FrameColumn {
  const column = findColumn(context.frame, name);
  if (column !== undefined) return column;
  return { name, facts: context.facts.column(undefined, name) };
}

/**
 * True when a guard tests a conditional count (`filter(claimants >= 10)` on a column holding `sum(claim == 1)`, or
 * `sum(claim == 1) >= 10` itself): such a guard bounds the numerator as well as the cell.
 */
export function testsConditionalCount(context: RContext, node: RNode): boolean {
  if (rStatistic(context, node)?.calls.some((call) => call.conditional === true)) return true;
  return columnsIn(context, node).some((name) => resolveName(context, name).statistic?.conditional === true);
}

/** True when a node is a count: a count column, `.N`, `n()`, or a conventional count name. */
export function isCountNode(context: RContext, node: RNode | undefined): boolean {
  const bare = unparen(node);
  if (bare === undefined) return false;
  // `cohort - employed >= 10` (a cell's complement) bounds the count itself: what is taken away is never negative.
  if (bare.type === 'binary_operator' && operatorOf(bare) === '-') {
    const [minuend] = operands(bare);
    return minuend !== undefined && isCountNode(context, minuend);
  }
  const call = callName(context.text, bare);
  if (call !== undefined) return call.name === 'n' || call.name === 'length' || call.name === 'nrow';
  const name = columnName(context, bare);
  if (name === undefined) return false;
  if (name === '.N' || name === 'N') return true;
  const column = findColumn(context.frame, name);
  if (column !== undefined) return isCountColumn(column);
  return COUNT_NAME.test(name);
}

const COMPARE = new Set(['>=', '>', '<=', '<', '==']);

/** Reads `count OP k` (either way round, under `!` and parentheses) as a guard comparison. */
export function rComparison(context: RContext, node: RNode | undefined): Comparison | undefined {
  let current = unparen(node);
  let negated = false;
  while (current?.type === 'unary_operator' && operatorOf(current) === '!') {
    negated = !negated;
    current = unparen(named(current)[0]);
  }
  if (current?.type !== 'binary_operator') return undefined;
  const op = operatorOf(current)!;
  if (!COMPARE.has(op)) return undefined;
  const [lhs, rhs] = operands(current);
  const leftCount = isCountNode(context, lhs);
  const rightCount = !leftCount && isCountNode(context, rhs);
  if (!leftCount && !rightCount) return undefined;
  const constant = constantOf(context, leftCount ? rhs : lhs);
  if (constant === 'not-constant') return undefined;
  const normalised = leftCount ? op : ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>', '==': '==' } as Record<string, string>)[op]!;
  let result: Comparison | undefined;
  switch (normalised) {
    case '>=': result = constant === undefined ? { kind: 'at-least' } : { kind: 'at-least', threshold: Math.ceil(constant) }; break;
    case '>': result = constant === undefined ? { kind: 'at-least' } : { kind: 'at-least', threshold: Math.floor(constant) + 1 }; break;
    case '<': result = constant === undefined ? { kind: 'below' } : { kind: 'below', threshold: Math.ceil(constant) }; break;
    case '<=': result = constant === undefined ? { kind: 'below' } : { kind: 'below', threshold: Math.floor(constant) + 1 }; break;
    case '==': result = constant === 0 ? { kind: 'zero' } : undefined; break;
    default: result = undefined;
  }
  if (result === undefined || !negated) return result;
  if (result.kind === 'at-least') return { kind: 'below', ...(result.threshold !== undefined ? { threshold: result.threshold } : {}) };
  if (result.kind === 'below') return { kind: 'at-least', ...(result.threshold !== undefined ? { threshold: result.threshold } : {}) };
  return undefined;
}

/** A number, undefined for a variable holding the threshold, or `not-constant`. */
function constantOf(context: RContext, node: RNode | undefined): number | undefined | 'not-constant' {
  const value = numberValue(context.text, node);
  if (value !== undefined) return value;
  const name = identifierName(context.text, unparen(node));
  if (name !== undefined && (context.variables.has(name) || /thresh|min|limit|cutoff|suppress/i.test(name))) return undefined;
  return 'not-constant';
}

/** The conjuncts of a condition (`a & b`, `a && b`, several filter arguments), or undefined under `|`. */
export function rConjuncts(node: RNode | undefined): RNode[] | undefined {
  const bare = unparen(node);
  if (bare === undefined) return [];
  if (bare.type === 'binary_operator') {
    const op = operatorOf(bare);
    if (op === '|' || op === '||') return undefined;
    if (op === '&' || op === '&&') {
      const [lhs, rhs] = operands(bare);
      const left = rConjuncts(lhs);
      const right = rConjuncts(rhs);
      return left === undefined || right === undefined ? undefined : [...left, ...right];
    }
  }
  return [bare];
}

/** What wraps an R value: the same findings as for a T-SQL expression, around the innermost R node. */
export type RWrap = Omit<Wrapping, 'inner'> & { readonly inner: RNode };

/** Peels rounding, suppression, zero-filling and type conversions off an expression. */
export function rUnwrap(context: RContext, node: RNode): RWrap {
  // Each layer is read from the outside in; the outermost rounding, suppression and markers are the ones the
  // output shows, so a layer's finding is kept only when no outer layer had one.
  const layers: { readonly peel: Peel; readonly span: Span }[] = [];
  let inner: RNode = node;
  for (let step = peel(context, inner); step !== undefined && layers.length < 12; step = peel(context, inner)) {
    layers.push({ peel: step, span: { start: inner.start, end: inner.end } });
    inner = step.inner;
  }
  const rounded = layers.find((l) => l.peel.rounding !== undefined);
  const suppressed = layers.find((l) => l.peel.suppression !== undefined);
  const markers = layers.find((l) => l.peel.markers !== undefined)?.peel.markers;
  const filled = layers.find((l) => l.peel.zeroFill === true);
  return {
    inner,
    ...(rounded !== undefined ? { rounding: { ...rounded.peel.rounding!, span: rounded.span } } : {}),
    ...(suppressed !== undefined ? { suppression: { ...suppressed.peel.suppression!, span: suppressed.span } } : {}),
    ...(markers !== undefined ? { markers } : {}),
    ...(filled !== undefined ? { zeroFill: { span: filled.span } } : {}),
  };
}

/** One wrapper taken off: what it does to the value, and what it wraps. */
interface Peel {
  readonly inner: RNode;
  readonly rounding?: Omit<NonNullable<Wrapping['rounding']>, 'span'>;
  readonly suppression?: Omit<NonNullable<Wrapping['suppression']>, 'span'>;
  readonly markers?: Wrapping['markers'];
  readonly zeroFill?: boolean;
}

const CONVERSIONS = new Set(['as.integer', 'as.numeric', 'as.double', 'as.character', 'format', 'formatC', 'prettyNum', 'scales::comma', 'comma', 'unname', 'c']);

function peel(context: RContext, node: RNode): Peel | undefined {
  const text = context.text;
  if (node.type === 'parenthesized_expression') {
    const inner = named(node)[0];
    return inner !== undefined ? { inner } : undefined;
  }
  if (node.type === 'binary_operator' && operatorOf(node) === '*') {
    // `round(x / N) * N`, `N * round(x / N)`, `ceiling(x / N) * N`.
    const [lhs, rhs] = operands(node);
    const multiplier = numberValue(text, rhs) ?? numberValue(text, lhs);
    const other = numberValue(text, rhs) !== undefined ? lhs : rhs;
    const call = unparen(other);
    const fn = call !== undefined ? callName(text, call)?.name : undefined;
    if (multiplier !== undefined && call !== undefined && fn !== undefined && ['round', 'ceiling', 'floor', 'trunc', 'round_half_up', 'round_half_even'].includes(fn)) {
      const arg = argsOf(text, call)[0]?.value;
      const divided = divisionByNumber(text, arg);
      if (divided !== undefined && divided.divisor === multiplier) return { inner: divided.value, rounding: { base: multiplier } };
    }
    return undefined;
  }
  const call = callName(text, node);
  if (call === undefined) return undefined;
  const args = argsOf(text, node);
  const first = args[0]?.value;
  const name = call.name;
  if (context.roundingHelpers.has(name.toLowerCase()) && first !== undefined) return { inner: first, rounding: { base: 0, trusted: true } };
  const localBase = context.localRounding?.get(name);
  if (localBase !== undefined && first !== undefined) return { inner: first, rounding: { base: localBase } };
  if (context.suppressionHelpers.has(name.toLowerCase()) && first !== undefined) return { inner: first, suppression: {} };
  if (name === 'round' && first !== undefined) {
    const digits = numberValue(text, (args.find((a) => a.name === 'digits') ?? args[1])?.value);
    if (digits !== undefined && digits < 0) return { inner: first, rounding: { base: 10 ** -digits } };
    return { inner: first };
  }
  if ((name === 'round_any' || name === 'roundAny') && first !== undefined) {
    const base = numberValue(text, (args.find((a) => a.name === 'accuracy') ?? args[1])?.value);
    if (base !== undefined && base > 0) return { inner: first, rounding: { base } };
    return undefined;
  }
  if (name === 'signif' && first !== undefined) return { inner: first };
  if (CONVERSIONS.has(name) && first !== undefined && args.length <= 3) return { inner: first };
  if ((name === 'replace_na' || name === 'coalesce' || name === 'nafill') && first !== undefined) {
    const fill = args.find((a) => a.name === 'fill' || a.name === 'replace') ?? args[1];
    return { inner: first, zeroFill: numberValue(text, fill?.value) === 0 };
  }
  if ((name === 'ifelse' || name === 'if_else' || name === 'fifelse') && args.length >= 3) return ifElse(context, args.map((a) => a.value));
  if (name === 'case_when' || name === 'fcase') return caseWhen(context, node, name);
  if (name === 'replace' && args.length >= 3) {
    // `replace(n, n < 10, NA)`
    const test = rComparison(context, args[1]!.value);
    if (test?.kind === 'below' && (isMissingLiteral(text, args[2]!.value) || args[2]!.value?.type === 'string') && first !== undefined) {
      return { inner: first, suppression: test.threshold !== undefined ? { threshold: test.threshold } : {} };
    }
  }
  return undefined;
}

/** `x / N` → x and N. */
function divisionByNumber(text: string, node: RNode | undefined): { value: RNode; divisor: number } | undefined {
  const bare = unparen(node);
  if (bare?.type !== 'binary_operator' || operatorOf(bare) !== '/') return undefined;
  const [lhs, rhs] = operands(bare);
  const divisor = numberValue(text, rhs);
  if (lhs === undefined || divisor === undefined || divisor <= 0) return undefined;
  return { value: lhs, divisor };
}

function literalMarker(text: string, node: RNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (isMissingLiteral(text, node)) return 'NA';
  if (node.type === 'string') return textOf(text, node);
  return undefined;
}

/** `ifelse(n < 10, NA, n)`, `if_else(n >= 10, n, NA)`, and `ifelse(is.na(n), 0, n)` (zero-filling). */
function ifElse(context: RContext, values: readonly (RNode | undefined)[]): Peel | undefined {
  const [condition, yes, no] = values;
  if (yes === undefined || no === undefined) return undefined;
  const text = context.text;
  const isNa = unparen(condition);
  if (isNa !== undefined && callName(text, isNa)?.name === 'is.na' && numberValue(text, yes) === 0) return { inner: no, zeroFill: true };
  const test = rComparison(context, condition);
  if (test?.kind === 'below' && literalMarker(text, yes) !== undefined) {
    return { inner: no, suppression: test.threshold !== undefined ? { threshold: test.threshold } : {} };
  }
  if (test?.kind === 'at-least' && literalMarker(text, no) !== undefined) {
    return { inner: yes, suppression: test.threshold !== undefined ? { threshold: test.threshold } : {} };
  }
  return undefined;
}

/** `case_when(n == 0 ~ "-", n < 10 ~ "<10", TRUE ~ as.character(n))`. */
function caseWhen(context: RContext, node: RNode, name: string): Peel | undefined {
  const text = context.text;
  const args = argsOf(text, node);
  const branches: { condition: RNode | undefined; value: RNode | undefined }[] = [];
  if (name === 'fcase') {
    for (let i = 0; i + 1 < args.length; i += 2) branches.push({ condition: args[i]!.value, value: args[i + 1]!.value });
  } else {
    for (const arg of args) {
      const formula = arg.value;
      if (formula?.type !== 'binary_operator' || operatorOf(formula) !== '~') continue;
      const [lhs, rhs] = operands(formula);
      branches.push({ condition: lhs, value: rhs });
    }
  }
  let guarded = false;
  let threshold: number | undefined;
  let inner: RNode | undefined;
  const markers: { condition: 'zero' | 'small'; marker: string; span: Span }[] = [];
  for (const branch of branches) {
    const test = rComparison(context, branch.condition);
    const marker = literalMarker(text, branch.value);
    if (test?.kind === 'below' && marker !== undefined) {
      guarded = true;
      threshold = test.threshold === undefined ? threshold : Math.max(threshold ?? 0, test.threshold);
      markers.push({ condition: 'small', marker, span: { start: branch.value!.start, end: branch.value!.end } });
    } else if (test?.kind === 'zero' && marker !== undefined) {
      markers.push({ condition: 'zero', marker, span: { start: branch.value!.start, end: branch.value!.end } });
    } else if (marker === undefined && branch.value !== undefined) {
      inner ??= branch.value;
    }
  }
  if (!guarded || inner === undefined) return undefined;
  return { inner, suppression: threshold !== undefined ? { threshold } : {}, ...(markers.length > 0 ? { markers } : {}) };
}

/** R functions that compute statistics, and which. */
const STATISTICS: ReadonlyMap<string, StatisticKind> = new Map([
  ['n', 'count'], ['n_distinct', 'count'], ['length', 'count'], ['nrow', 'count'], ['uniqueN', 'count'],
  ['sum', 'sum'], ['mean', 'mean'], ['weighted.mean', 'mean'], ['median', 'median'], ['quantile', 'percentile'], ['IQR', 'percentile'],
  ['min', 'min'], ['max', 'max'], ['range', 'range'], ['sd', 'sd'], ['var', 'variance'], ['cor', 'correlation'],
  ['first', 'other'], ['last', 'other'], ['nth', 'other'], ['mad', 'other'],
  ['Mode', 'mode'], ['mode_of', 'mode'], ['getmode', 'mode'], ['get_mode', 'mode'], ['calc_mode', 'mode'],
  ['survey_mean', 'mean'], ['survey_total', 'sum'], ['survey_median', 'median'], ['survey_prop', 'proportion'], ['survey_quantile', 'percentile'],
  ['svymean', 'mean'], ['svytotal', 'sum'], ['svyquantile', 'percentile'],
]);

/** Functions that join values into one string only when given `collapse`, and those that always do. */
const PASTERS = new Set(['paste', 'paste0', 'str_c']);
const COLLAPSERS = new Set(['toString', 'str_flatten', 'str_flatten_comma', 'glue_collapse']);

const WEIGHTED = new Set(['weighted.mean', 'survey_mean', 'survey_total', 'survey_median', 'survey_prop', 'survey_quantile', 'svymean', 'svytotal', 'svyquantile']);

export interface RStatistic {
  readonly kind: StatisticKind;
  readonly calls: readonly ColumnStatistic[];
  readonly weighted: boolean;
}

/** The statistic an expression computes, from the statistic calls in it (and `.N`). */
export function rStatistic(context: RContext, node: RNode): RStatistic | undefined {
  const text = context.text;
  const calls: ColumnStatistic[] = [];
  for (const sub of walk(node)) {
    if (sub.type === 'identifier' && textOf(text, sub) === '.N') {
      calls.push({ kind: 'count', of: NO_FACTS, ofNames: [], span: { start: sub.start, end: sub.end } });
      continue;
    }
    const call = callName(text, sub);
    if (call === undefined) continue;
    let kind = STATISTICS.get(call.name);
    const args = argsOf(text, sub);
    // `paste(pmr, collapse = ", ")`, `toString(pmr)`, `str_flatten(pmr)`: the values joined into one, a listing
    // like SQL's STRING_AGG.
    if (kind === undefined && (COLLAPSERS.has(call.name) || (PASTERS.has(call.name) && args.some((a) => a.name === 'collapse')))) kind = 'list';
    if (kind === undefined) {
      if (/^(mode|stat_?mode)$/i.test(call.name)) kind = 'mode';
      else continue;
    }
    if (call.name === 'length' && args.length !== 1) continue;
    const first = args.find((a) => a.name === undefined || a.name === 'x')?.value;
    if (kind === 'percentile' && call.name === 'quantile') {
      const probs = args.find((a) => a.name === 'probs') ?? args.filter((a) => a.name === undefined)[1];
      const p = numberValue(text, probs?.value);
      if (p === 0.5) kind = 'median';
    }
    // `sum(fsm == 1)` counts and `mean(fsm == 1)` shares only the rows meeting a condition: numerators.
    const conditional = (kind === 'mean' || kind === 'sum') && first !== undefined && isComparison(context.text, first);
    if (kind === 'mean' && conditional) kind = 'proportion';
    if (kind === 'sum' && conditional) kind = 'count';
    const names = first !== undefined ? columnsIn(context, first) : [];
    let of: ColumnFacts = NO_FACTS;
    for (const n of names) {
      const column = resolveName(context, n);
      of = mergeFacts(of, column.statistic?.of ?? column.facts);
    }
    const weighted = WEIGHTED.has(call.name) || args.some((a) => a.name === 'w' || a.name === 'wt' || a.name === 'weights');
    calls.push({
      kind,
      of,
      ofNames: names,
      span: { start: sub.start, end: sub.end },
      ...(weighted ? { weighted: true } : {}),
      ...(call.name === 'n_distinct' || call.name === 'uniqueN' ? { distinct: true } : {}),
      ...(conditional ? { conditional: true } : {}),
    });
  }
  if (calls.length === 0) return undefined;
  const bare = unparen(node)!;
  const weighted = calls.some((c) => c.weighted === true);
  if (bare.type === 'binary_operator' && operatorOf(bare) === '/') {
    const [lhs, rhs] = operands(bare);
    const left = calls.filter((c) => lhs !== undefined && c.span.start >= lhs.start && c.span.end <= lhs.end);
    const right = calls.filter((c) => rhs !== undefined && c.span.start >= rhs.start && c.span.end <= rhs.end);
    if (left.length > 0 && right.length > 0) {
      const kind = left[0]!.kind === 'sum' && right[0]!.kind === 'count' ? 'mean' : left[0]!.kind === 'sum' && weighted ? 'mean' : 'proportion';
      return { kind, calls, weighted };
    }
  }
  const kinds = new Set(calls.map((c) => c.kind));
  if (bare.type === 'binary_operator' && operatorOf(bare) === '-' && kinds.has('min') && kinds.has('max')) return { kind: 'range', calls, weighted };
  return { kind: calls[0]!.kind, calls, weighted };
}

function isComparison(text: string, node: RNode): boolean {
  const bare = unparen(node);
  const op = bare !== undefined ? operatorOf(bare, text) : undefined;
  return op !== undefined && ['==', '!=', '>', '<', '>=', '<=', '%in%'].includes(op);
}

/** Column names an expression reads (bare names in the data mask, `.data$x`, `df$x`). */
export function columnsIn(context: RContext, node: RNode): string[] {
  const out: string[] = [];
  const visit = (current: RNode): void => {
    if (current.type === 'call') {
      // The function name is not a column; its arguments may be (their names are not).
      for (const arg of argsOf(context.text, current)) if (arg.value !== undefined) visit(arg.value);
      return;
    }
    if (current.type === 'extract_operator') {
      const name = columnName(context, current);
      if (name !== undefined) out.push(name);
      return;
    }
    if (current.type === 'identifier') {
      const name = textOf(context.text, current).replace(/^`|`$/g, '');
      if (!context.variables.has(name) && name !== 'TRUE' && name !== 'FALSE' && name !== '.N' && name !== '.SD' && name !== '.x') out.push(name);
      return;
    }
    if (current.type === 'binary_operator' && operatorOf(current) === '~') {
      for (const child of named(current)) visit(child);
      return;
    }
    for (const child of current.children) if (child.named) visit(child);
  };
  visit(node);
  return [...new Set(out)];
}

/** Facts of a derived value: merged facts of what it reads, identifiers dropped (they do not survive a transformation). */
export function derivedFactsOf(context: RContext, node: RNode): ColumnFacts {
  let facts: ColumnFacts = NO_FACTS;
  for (const name of columnsIn(context, node)) facts = mergeFacts(facts, derivedFacts(resolveName(context, name).facts));
  return facts;
}

/**
 * The base a function defined in the script rounds its first parameter to, when its body (or the last expression
 * of its braces) is a rounding of that parameter: `function(x) 5 * round(x / 5)`, `\\(n) round(n, -2)`. Undefined
 * for any other function, which is then followed no further.
 */
export function roundingBaseOfFunction(context: RContext, fn: RNode): number | undefined {
  const params = fn.children.find((c) => c.type === 'parameters');
  const param = params !== undefined ? named(params)[0] : undefined;
  const parts = named(fn);
  let body = parts[parts.length - 1];
  if (param === undefined || body === undefined || body === params) return undefined;
  if (body.type === 'braced_expression') body = named(body)[named(body).length - 1];
  if (body === undefined) return undefined;
  const name = context.text.slice(param.start, param.end).split('=')[0]!.trim();
  const peeled = peel(context, unparen(body) ?? body);
  const inner = peeled !== undefined ? unparen(peeled.inner) : undefined;
  const base = peeled?.rounding?.base;
  if (base === undefined || base <= 0 || inner === undefined || identifierName(context.text, inner) !== name) return undefined;
  return base;
}
