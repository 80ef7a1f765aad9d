/**
 * Base R functions on frames: `subset()`, `transform()`, `with()`, `within()`, `aggregate()` with a
 * formula, and the contingency tables `table()` and `xtabs()`.
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../../syntax/calls';
import { identifierName } from '../../syntax/strings';
import { findColumn } from '../builder';
import { column, like, upsertColumns } from '../frameOps';
import type { Handler, Invocation } from '../invocation';
import { maskedExpression, maskedName } from '../masking';
import type { Frame, FrameColumn, Statistic } from '../model';
import { rStatistic } from '../statistics';
import { selectColumns } from '../tidyselect';
import { UNKNOWN, type Value } from '../values';
import { argumentsText, comparisonsIn, deriveNamed, inputFrame, namesSite } from './common';

const subset: Handler = {
  formals: ['x', 'subset', 'select', 'drop', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const ev = inv.evaluator;
    let current = frame;
    const condition = inv.arg('subset');
    if (condition?.value) {
      inv.consume(condition);
      maskedExpression(ev, condition.value, frame);
      current = ev.builder.addFrameStep(
        { kind: 'filter', fn: inv.fn, span: inv.span, inputs: [frame.id], condition: argumentsText(ev.text, [condition]), comparisons: comparisonsIn(ev.text, condition.value) },
        like(frame, inv.span),
      );
    }
    const select = inv.arg('select');
    if (!select?.value) return { kind: 'frame', frame: current };
    inv.consume(select);
    const selection = selectColumns(ev, current, [select], false);
    const columns = selection.columns.map((s) => s.column);
    return {
      kind: 'frame',
      frame: ev.builder.addFrameStep(
        { kind: 'select', fn: inv.fn, span: inv.span, inputs: [current.id], columns: columns.map((c) => c.name), renamed: [] },
        like(current, inv.span, { columns, certainty: current.certainty === 'exact' && selection.certain ? 'exact' : 'open' }),
      ),
    };
  },
};

const transform: Handler = {
  formals: ['_data', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const made: FrameColumn[] = [];
    for (const arg of inv.dots) {
      inv.consume(arg);
      if (!arg.value || arg.name === undefined || !arg.nameNode) continue;
      made.push(deriveNamed(inv.evaluator, frame, arg.name, arg.nameNode, arg.value, inv.fn));
    }
    return {
      kind: 'frame',
      frame: inv.evaluator.builder.addFrameStep(
        { kind: 'derive', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: made, removed: [], groups: [] },
        like(frame, inv.span, { columns: upsertColumns(frame.columns, made) }),
      ),
    };
  },
};

/** `with(df, expr)`: the expression sees the columns; its value is not followed. */
const withData: Handler = {
  formals: ['data', 'expr', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    const expr = inv.arg('expr');
    if (!frame || !expr?.value) return UNKNOWN;
    namesSite(inv, frame);
    inv.consume(expr);
    const call = readCall(inv.evaluator.text, unwrapParens(expr.value));
    if (call?.name === 'table') return contingency(inv, frame, call.args.filter((a) => a.value).map((a) => a.value!));
    maskedExpression(inv.evaluator, expr.value, frame);
    return UNKNOWN;
  },
};

/** `within(df, { … })` changes columns by code the analysis does not follow: the result is open. */
const within: Handler = {
  formals: ['data', 'expr', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    const expr = inv.arg('expr');
    if (!frame) return UNKNOWN;
    inv.consume(expr);
    if (expr?.value) maskedExpression(inv.evaluator, expr.value, frame);
    return {
      kind: 'frame',
      frame: inv.evaluator.builder.addFrameStep(
        { kind: 'derive', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: [], removed: [], groups: [] },
        like(frame, inv.span, { certainty: 'open' }),
      ),
    };
  },
};

/** Names in a formula side joined by `+` (`a + b`, `cbind(x, y)`, or `.`). */
function formulaNames(ev: Invocation['evaluator'], node: RNode): { nodes: RNode[]; dot: boolean } {
  const text = ev.text;
  const inner = unwrapParens(node);
  if (inner.type === 'binary_operator' && operatorOf(text, inner) === '+') {
    const lhs = childByField(inner, 'lhs');
    const rhs = childByField(inner, 'rhs');
    const a = lhs ? formulaNames(ev, lhs) : { nodes: [], dot: false };
    const b = rhs ? formulaNames(ev, rhs) : { nodes: [], dot: false };
    return { nodes: [...a.nodes, ...b.nodes], dot: a.dot || b.dot };
  }
  const call = readCall(text, inner);
  if (call?.name === 'cbind') return { nodes: valueArgs(call).map((a) => a.value!), dot: false };
  if (inner.type === 'identifier' && nodeText(text, inner) === '.') return { nodes: [], dot: true };
  return { nodes: [inner], dot: false };
}

/** `aggregate(y ~ g1 + g2, data = df, FUN = mean)`. */
const aggregate: Handler = {
  formals: ['x', 'data', 'FUN', '...'],
  run(inv) {
    const ev = inv.evaluator;
    const formula = inv.arg('x');
    const frameValue = inv.value('data');
    const frame = frameValue.kind === 'frame' ? frameValue.frame : undefined;
    const formulaNode = formula?.value ? unwrapParens(formula.value) : undefined;
    if (!frame || !formulaNode || formulaNode.type !== 'binary_operator' || operatorOf(ev.text, formulaNode) !== '~') return UNKNOWN;
    inv.consume(formula);
    const fnNode = inv.arg('FUN')?.value;
    const fn = fnNode ? nodeText(ev.text, fnNode).replace(/^\w+::/, '') : '';
    inv.consume(inv.arg('FUN'));
    const statistic = rStatistic(fn);
    const lhs = childByField(formulaNode, 'lhs');
    const rhs = childByField(formulaNode, 'rhs');
    const keysRead = rhs ? formulaNames(ev, rhs) : { nodes: [], dot: false };
    const valuesRead = lhs ? formulaNames(ev, lhs) : { nodes: [], dot: false };
    const keyColumns = keysRead.nodes.map((n) => nameColumn(ev, frame, n)).filter((c): c is FrameColumn => c !== undefined);
    const measured = valuesRead.dot
      ? frame.columns.filter((c) => !keyColumns.includes(c))
      : valuesRead.nodes.map((n) => nameColumn(ev, frame, n)).filter((c): c is FrameColumn => c !== undefined);
    const made = measured.map((source) => {
      const stat: Statistic | undefined = statistic ? { kind: statistic.kind, fn, of: [source], ofNames: [source.name], span: inv.span } : undefined;
      return column(source.name, {
        kind: 'derived', expression: `${fn}(${source.name})`, inputs: [source], statistics: stat ? [stat] : [], via: inv.fn, ...(stat ? { statistic: stat } : {}),
      }, inv.span);
    });
    const certain = !keysRead.dot && keyColumns.length === keysRead.nodes.length && (valuesRead.dot ? frame.certainty === 'exact' : measured.length === valuesRead.nodes.length);
    return {
      kind: 'frame',
      frame: ev.builder.addFrameStep(
        { kind: 'aggregate', fn: inv.fn, span: inv.span, inputs: [frame.id], keys: keyColumns.map((c) => c.name), columns: made },
        { frameClass: 'data.frame', columns: [...keyColumns, ...made], certainty: certain ? 'exact' : 'open', groups: [], grain: 'aggregate', span: inv.span },
      ),
    };
  },
};

function nameColumn(ev: Invocation['evaluator'], frame: Frame, node: RNode): FrameColumn | undefined {
  if (node.type !== 'identifier') {
    maskedExpression(ev, node, frame);
    return undefined;
  }
  const name = identifierName(nodeText(ev.text, node));
  maskedName(ev, node, name, frame);
  return findColumn(frame, name);
}

/** A contingency table over columns: an aggregate frame of the keys and a `Freq` count. */
function contingency(inv: Invocation, frame: Frame | undefined, nodes: readonly RNode[], keyColumns: FrameColumn[] = []): Value {
  const ev = inv.evaluator;
  for (const node of nodes) {
    if (frame && node.type === 'identifier') {
      const found = nameColumn(ev, frame, node);
      if (found) keyColumns.push(found);
    } else {
      const value = ev.evaluate(node);
      if (value.kind === 'column' && value.column) {
        frame ??= value.frame;
        keyColumns.push(value.column);
      } else if (value.kind === 'frame') {
        frame ??= value.frame;
        keyColumns.push(...value.frame.columns);
      }
    }
  }
  if (!frame) return UNKNOWN;
  const count: Statistic = { kind: 'count', fn: inv.fn, of: keyColumns, ofNames: keyColumns.map((c) => c.name), span: inv.span };
  const freq = column('Freq', { kind: 'derived', expression: nodeText(ev.text, inv.node), inputs: keyColumns, statistic: count, statistics: [count], via: inv.fn }, inv.span);
  return {
    kind: 'frame',
    frame: ev.builder.addFrameStep(
      { kind: 'aggregate', fn: inv.fn, span: inv.span, inputs: [frame.id], keys: keyColumns.map((c) => c.name), columns: [freq] },
      { frameClass: 'unknown', columns: [...keyColumns, freq], certainty: 'exact', groups: [], grain: 'aggregate', span: inv.span },
    ),
  };
}

const table: Handler = {
  formals: ['...'],
  run(inv) {
    const nodes = inv.dots.filter((arg) => arg.name === undefined && arg.value).map((arg) => arg.value!);
    inv.dots.forEach((arg) => inv.consume(arg));
    const piped = inv.piped?.value;
    if (piped?.kind === 'frame') return contingency(inv, piped.frame, [], [...piped.frame.columns]);
    return contingency(inv, undefined, nodes);
  },
};

/** `xtabs(~ a + b, data = df)`. */
const xtabs: Handler = {
  formals: ['formula', 'data', '...'],
  run(inv) {
    const ev = inv.evaluator;
    const data = inv.value('data');
    const formula = inv.arg('formula')?.value;
    inv.consume(inv.arg('formula'));
    if (data.kind !== 'frame' || !formula) return UNKNOWN;
    const inner = unwrapParens(formula);
    const rhs = childByField(inner, 'rhs');
    const lhs = inner.type === 'binary_operator' ? childByField(inner, 'lhs') : undefined;
    if (lhs) maskedExpression(ev, lhs, data.frame);
    return contingency(inv, data.frame, rhs ? formulaNames(ev, rhs).nodes : []);
  },
};

/** `unique()`, `na.omit()` and similar: fewer rows, the same columns. `by` names data.table key columns. */
const sameColumns: Handler = {
  formals: ['x', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    const by = inv.dots.find((arg) => arg.name === 'by');
    if (by?.value) {
      inv.consume(by);
      selectColumns(inv.evaluator, frame, [by], false);
    }
    return {
      kind: 'frame',
      frame: inv.evaluator.builder.addFrameStep(
        { kind: 'distinct', fn: inv.fn, span: inv.span, inputs: [frame.id], keys: [] },
        like(frame, inv.span),
      ),
    };
  },
};

export const BASE_FRAME_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['subset', subset],
  ['transform', transform],
  ['with', withData],
  ['within', within],
  ['aggregate', aggregate],
  ['table', table],
  ['xtabs', xtabs],
  ['unique', sameColumns],
  ['na.omit', sameColumns],
  ['droplevels', sameColumns],
];
