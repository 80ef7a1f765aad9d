/**
 * Which functions compute which statistic, and how rounding is written, in R and in the SQL that R
 * scripts send. The disclosure rules care about the kind of statistic, not the function's spelling.
 */
import { childByField, type RNode } from '../parser/syntaxTree';
import { nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../syntax/calls';
import type { Rounding, StatisticKind } from './model';

interface StatisticFunction {
  readonly kind: StatisticKind;
  readonly distinct?: boolean;
  readonly weighted?: boolean;
}

const R_STATISTICS: Readonly<Record<string, StatisticFunction>> = {
  n: { kind: 'count' },
  '.N': { kind: 'count' },
  tally: { kind: 'count' },
  length: { kind: 'count' },
  nrow: { kind: 'count' },
  NROW: { kind: 'count' },
  n_distinct: { kind: 'count', distinct: true },
  uniqueN: { kind: 'count', distinct: true },
  table: { kind: 'count' },
  sum: { kind: 'sum' },
  colSums: { kind: 'sum' },
  fsum: { kind: 'sum' },
  mean: { kind: 'mean' },
  colMeans: { kind: 'mean' },
  fmean: { kind: 'mean' },
  'weighted.mean': { kind: 'mean', weighted: true },
  median: { kind: 'median' },
  fmedian: { kind: 'median' },
  quantile: { kind: 'percentile' },
  IQR: { kind: 'percentile' },
  mad: { kind: 'percentile' },
  fivenum: { kind: 'range' },
  min: { kind: 'min' },
  max: { kind: 'max' },
  fmin: { kind: 'min' },
  fmax: { kind: 'max' },
  range: { kind: 'range' },
  sd: { kind: 'sd' },
  fsd: { kind: 'sd' },
  var: { kind: 'variance' },
  fvar: { kind: 'variance' },
  'prop.table': { kind: 'proportion' },
  proportions: { kind: 'proportion' },
  cor: { kind: 'correlation' },
  Mode: { kind: 'mode' },
  mode: { kind: 'mode' },
  fmode: { kind: 'mode' },
};

/** The statistic an R function computes, if it is one. */
export function rStatistic(fn: string): StatisticFunction | undefined {
  return Object.prototype.hasOwnProperty.call(R_STATISTICS, fn) ? R_STATISTICS[fn] : undefined;
}

const SQL_STATISTICS: Readonly<Record<string, StatisticKind>> = {
  COUNT: 'count',
  COUNT_BIG: 'count',
  SUM: 'sum',
  AVG: 'mean',
  MIN: 'min',
  MAX: 'max',
  STDEV: 'sd',
  STDEVP: 'sd',
  VAR: 'variance',
  VARP: 'variance',
  PERCENTILE_CONT: 'percentile',
  PERCENTILE_DISC: 'percentile',
};

/** The statistic a T-SQL aggregate computes, if it is one. */
export function sqlStatistic(fn: string): StatisticKind | undefined {
  const key = fn.toUpperCase();
  return Object.prototype.hasOwnProperty.call(SQL_STATISTICS, key) ? SQL_STATISTICS[key] : undefined;
}

/**
 * The rounding an expression applies to its result, if any: `round(x / 5) * 5`, `5 * round(x / 5)`,
 * `plyr::round_any(x, 5)`, `round(x, -2)`, and `ceiling`/`floor` in the same shapes.
 */
export function detectRounding(text: string, expression: RNode): Rounding | undefined {
  const node = unwrapParens(expression);
  const span = { start: node.start, end: node.end };
  if (node.type === 'binary_operator' && operatorOf(text, node) === '*') {
    const lhs = childByField(node, 'lhs');
    const rhs = childByField(node, 'rhs');
    if (!lhs || !rhs) return undefined;
    for (const [roundSide, baseSide] of [[lhs, rhs], [rhs, lhs]] as const) {
      const base = numberLiteral(text, baseSide);
      const call = readCall(text, unwrapParens(roundSide));
      if (base === undefined || !call || !ROUNDERS.has(call.name)) continue;
      const inner = valueArgs(call)[0]?.value;
      if (inner && isDivisionBy(text, inner, base)) return { base, fn: call.name, span };
    }
    return undefined;
  }
  const call = readCall(text, node);
  if (!call) return undefined;
  const args = valueArgs(call);
  if (call.name === 'round_any' && args[1]?.value) {
    const base = numberLiteral(text, args[1].value);
    return base === undefined ? undefined : { base, fn: call.name, span };
  }
  if (call.name === 'round' || call.name === 'round_half_up') {
    const digitsArg = args.find((arg) => arg.name === 'digits') ?? args.find((arg, index) => index === 1 && arg.name === undefined);
    const digits = digitsArg?.value ? numberLiteral(text, digitsArg.value) : 0;
    if (digits === undefined) return undefined;
    return { base: Math.pow(10, -digits), fn: call.name, span };
  }
  return undefined;
}

const ROUNDERS = new Set(['round', 'round_half_up', 'ceiling', 'floor', 'trunc']);

function isDivisionBy(text: string, node: RNode, base: number): boolean {
  const inner = unwrapParens(node);
  if (inner.type !== 'binary_operator' || operatorOf(text, inner) !== '/') return false;
  const divisor = childByField(inner, 'rhs');
  return divisor !== undefined && numberLiteral(text, divisor) === base;
}

/** The value of a numeric literal, allowing a leading minus and `L` suffixes. */
export function numberLiteral(text: string, node: RNode): number | undefined {
  const inner = unwrapParens(node);
  if (inner.type === 'float' || inner.type === 'integer') {
    const value = Number(nodeText(text, inner).replace(/[Li]$/, ''));
    return Number.isFinite(value) ? value : undefined;
  }
  if (inner.type === 'unary_operator') {
    const operand = childByField(inner, 'rhs');
    const operator = operatorOf(text, inner);
    if (operand && (operator === '-' || operator === '+')) {
      const value = numberLiteral(text, operand);
      return value === undefined ? undefined : operator === '-' ? -value : value;
    }
  }
  return undefined;
}
