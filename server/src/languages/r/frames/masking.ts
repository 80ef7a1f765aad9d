/**
 * Data masking: inside `filter()`, `mutate()`, `summarise()`, data.table's `i`, `j` and `by`, and the
 * like, a bare name means a column of the frame. This module reads such expressions and records the
 * column references in them.
 *
 * A bare name that is not a column may still be an ordinary R variable (defined in a sourced file, say),
 * so it is only reported as a missing column when the frame is exact, the script never defines that
 * name, and the name looks like a column: the catalogue knows it, or it is a near miss of a column.
 */
import { childByField, type RNode } from '../parser/syntaxTree';
import { nodeText, operatorOf, readCall } from '../syntax/calls';
import { decodeString, identifierName } from '../syntax/strings';
import type { Evaluator } from './evaluator';
import type { Frame, FrameColumn, Span } from './model';
import { findColumn } from './builder';
import { closestColumns } from './suggest';
import { selectColumns } from './tidyselect';

/** Columns defined earlier in the same call (`mutate(a = 1, b = a + 1)`), visible to later arguments. */
export type LocalColumns = Map<string, FrameColumn>;

/** Names that are R constants, never columns. */
const R_CONSTANTS = new Set(['T', 'F', 'pi', 'LETTERS', 'letters', 'month.name', 'month.abb', 'TRUE', 'FALSE', 'NA', 'NULL', 'Inf', 'NaN']);

/** Functions whose first argument is a tidyselect selection inside a masking verb. */
const SELECTING_HELPERS = new Set(['across', 'if_any', 'if_all', 'c_across', 'pick']);

/** Reads `node` with the frame's columns in scope. */
export function maskedExpression(ev: Evaluator, node: RNode, frame: Frame, local?: LocalColumns): void {
  const text = ev.text;
  switch (node.type) {
    case 'identifier': {
      maskedName(ev, node, identifierName(nodeText(text, node)), frame, local);
      return;
    }
    case 'string':
    case 'float':
    case 'integer':
    case 'comment':
    case 'function_definition':
      return;
    case 'call': {
      const call = readCall(text, node);
      if (!call) break;
      if (call.name === 'sym' || call.name === 'syms' || call.name === 'get' || call.name === 'parse_expr') return;
      if (SELECTING_HELPERS.has(call.name)) {
        const [cols, ...rest] = call.args;
        if (cols?.value) selectColumns(ev, frame, [cols], false);
        for (const arg of rest) if (arg.value && arg.name !== '.fns' && arg.value.type !== 'function_definition') maskedExpression(ev, arg.value, frame, local);
        return;
      }
      const callee = childByField(node, 'function');
      if (callee && callee.type !== 'identifier' && callee.type !== 'namespace_operator') maskedExpression(ev, callee, frame, local);
      for (const arg of call.args) if (arg.value) maskedExpression(ev, arg.value, frame, local);
      return;
    }
    case 'extract_operator': {
      const lhs = childByField(node, 'lhs');
      const rhs = childByField(node, 'rhs');
      const owner = lhs?.type === 'identifier' ? nodeText(text, lhs) : undefined;
      if (owner === '.data' && rhs) {
        strictName(ev, rhs, frame, local);
        return;
      }
      if (owner === '.env') return;
      if (lhs?.type === 'identifier' && isColumnName(frame, identifierName(nodeText(text, lhs)), local)) {
        maskedExpression(ev, lhs, frame, local);
        return;
      }
      ev.evaluate(node);
      return;
    }
    case 'subset2': {
      const owner = childByField(node, 'function');
      const argument = childByField(node, 'arguments')?.children.find((c) => c.type === 'argument');
      const value = argument ? childByField(argument, 'value') : undefined;
      if (owner && nodeText(text, owner) === '.data' && value?.type === 'string') {
        strictName(ev, value, frame, local);
        return;
      }
      break;
    }
    case 'unary_operator': {
      const rhs = childByField(node, 'rhs');
      // `!!x` and `!!!x` inject a value computed outside the data; nothing in them is a column.
      if (operatorOf(text, node) === '!' && rhs?.type === 'unary_operator' && operatorOf(text, rhs) === '!') return;
      break;
    }
    case 'braced_expression': {
      // `{{ x }}` embraces a function argument, which is not a column of this frame.
      const inner = node.children.filter((c) => c.named && c.type !== 'comment');
      if (inner.length === 1 && inner[0]!.type === 'braced_expression') return;
      break;
    }
    default:
      break;
  }
  for (const child of node.children) if (child.named && child.field !== 'operator') maskedExpression(ev, child, frame, local);
}

/** Records a bare name read in a masking context. */
export function maskedName(ev: Evaluator, node: Span, name: string, frame: Frame, local?: LocalColumns): void {
  if (name.startsWith('.') || R_CONSTANTS.has(name)) return;
  const own = local?.get(name);
  if (own) {
    ev.builder.resolvedReference(frame, name, node, 'read', own);
    return;
  }
  if (findColumn(frame, name)) {
    ev.builder.reference(frame, name, node, 'read', false);
    return;
  }
  if (mightBeMissingColumn(ev, frame, name)) ev.builder.reference(frame, name, node, 'read', true);
}

/** A name that must be a column (`.data$x`, a string in a selection). */
function strictName(ev: Evaluator, node: RNode, frame: Frame, local?: LocalColumns): void {
  const name = node.type === 'string' ? decodeString(ev.text, node.start, node.end)?.value : identifierName(nodeText(ev.text, node));
  if (name === undefined) return;
  const own = local?.get(name);
  const span = node.type === 'string' ? { start: node.start + 1, end: Math.max(node.start + 1, node.end - 1) } : node;
  if (own) ev.builder.resolvedReference(frame, name, span, 'read', own);
  else ev.builder.reference(frame, name, span, 'read', true);
}

function isColumnName(frame: Frame, name: string, local?: LocalColumns): boolean {
  return local?.has(name) === true || findColumn(frame, name) !== undefined;
}

/** True when a bare name that is not a column should be reported as one (see the module comment). */
export function mightBeMissingColumn(ev: Evaluator, frame: Frame, name: string): boolean {
  if (frame.certainty !== 'exact' || ev.isBoundAnywhere(name) || R_CONSTANTS.has(name) || name.startsWith('.')) return false;
  if (name.length < 3) return false;
  return ev.catalogue.findColumns(name).length > 0 || closestColumns(frame, name).length > 0;
}
