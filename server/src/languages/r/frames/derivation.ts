/**
 * Describes how a derived column is computed: the columns it reads, the statistics inside it, the
 * outermost statistic (which is what the column is: `n = n()` a count, `mean(Earnings)` a mean), and
 * any rounding applied on top.
 */
import { childByField, type RNode, walk } from '../parser/syntaxTree';
import { nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../syntax/calls';
import { identifierName } from '../syntax/strings';
import type { ColumnOrigin, ColumnReference, FrameColumn, Statistic } from './model';
import { detectRounding, rStatistic } from './statistics';

/**
 * The origin of a column computed by `node`. `references` are the column references recorded while the
 * expression was read; those inside the expression are its inputs.
 */
export function derivedOrigin(text: string, node: RNode, references: readonly ColumnReference[], via: string): ColumnOrigin {
  const inside = references.filter((r) => r.start >= node.start && r.end <= node.end);
  const inputs = uniqueColumns(inside);
  const statistics = findStatistics(text, node, inside);
  const statistic = outerStatistic(text, node, statistics, inside);
  const rounding = detectRounding(text, node);
  return {
    kind: 'derived',
    expression: nodeText(text, node),
    inputs,
    statistics,
    via,
    ...(statistic ? { statistic } : {}),
    ...(rounding ? { rounding } : {}),
  };
}

function uniqueColumns(references: readonly ColumnReference[]): FrameColumn[] {
  const columns: FrameColumn[] = [];
  for (const reference of references) if (reference.column && !columns.includes(reference.column)) columns.push(reference.column);
  return columns;
}

function findStatistics(text: string, node: RNode, references: readonly ColumnReference[]): Statistic[] {
  const found: Statistic[] = [];
  walk(node, (current) => {
    let fn: string | undefined;
    if (current.type === 'call') fn = readCall(text, current)?.name;
    else if (current.type === 'identifier' && nodeText(text, current) === '.N') fn = '.N';
    if (!fn) return;
    const known = rStatistic(fn);
    if (!known) return;
    const within = references.filter((r) => r.start >= current.start && r.end <= current.end);
    const call = current.type === 'call' ? readCall(text, current) : undefined;
    const weighted = known.weighted || (call !== undefined && call.args.some((arg) => arg.name === 'w' || arg.name === 'wt'));
    found.push({
      kind: known.kind,
      fn,
      of: uniqueColumns(within),
      ofNames: [...new Set(within.map((r) => r.name))],
      span: { start: current.start, end: current.end },
      ...(known.distinct ? { distinct: true } : {}),
      ...(weighted ? { weighted: true } : {}),
    });
  });
  return found;
}

/** The statistic the whole expression is, looking through rounding, `as.*` conversions and parentheses. */
function outerStatistic(text: string, node: RNode, statistics: readonly Statistic[], references: readonly ColumnReference[]): Statistic | undefined {
  let current = unwrapParens(node);
  for (;;) {
    const call = readCall(text, current);
    if (call && (WRAPPERS.has(call.name) || call.name === 'round_any')) {
      const inner = valueArgs(call)[0]?.value;
      if (!inner) return undefined;
      current = unwrapParens(inner);
      continue;
    }
    if (current.type === 'binary_operator' && operatorOf(text, current) === '*') {
      // `round(n / 5) * 5` and `100 * n / sum(n)` keep the statistic of the non-constant side.
      const lhs = childByField(current, 'lhs');
      const rhs = childByField(current, 'rhs');
      const variable = lhs && isConstant(lhs) ? rhs : rhs && isConstant(rhs) ? lhs : undefined;
      if (!variable) break;
      current = unwrapParens(variable);
      continue;
    }
    break;
  }
  const direct = statistics.find((s) => s.span.start === current.start && s.span.end === current.end);
  if (direct) return direct;
  if (current.type === 'identifier' && identifierName(nodeText(text, current)) === '.N') return statistics.find((s) => s.fn === '.N');
  if (current.type === 'binary_operator' && operatorOf(text, current) === '/') {
    const denominator = childByField(current, 'rhs');
    const total = denominator ? statistics.find((s) => s.kind === 'sum' && s.span.start >= denominator.start && s.span.end <= denominator.end) : undefined;
    if (total) return { ...total, kind: 'proportion', fn: '/', span: { start: current.start, end: current.end } };
    const numerator = childByField(current, 'lhs');
    if (numerator && denominator && isConstant(denominator)) current = unwrapParens(numerator);
  }
  // A column that already holds a statistic keeps it through rounding and scaling (`round(n / 5) * 5`).
  if (current.type === 'identifier' || current.type === 'extract_operator') {
    const reference = references.find((r) => r.start >= current.start && r.end <= current.end && r.column);
    const origin = reference?.column?.origin;
    if (origin?.kind === 'derived' && origin.statistic) return origin.statistic;
  }
  return undefined;
}

const WRAPPERS = new Set(['round', 'round_half_up', 'signif', 'ceiling', 'floor', 'trunc', 'as.integer', 'as.numeric', 'as.double', 'suppressWarnings']);

function isConstant(node: RNode): boolean {
  const inner = unwrapParens(node);
  return inner.type === 'float' || inner.type === 'integer';
}
