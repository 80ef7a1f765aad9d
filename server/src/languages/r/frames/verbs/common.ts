/**
 * Helpers shared by the verb handlers: the input frame, the completion site over a call's arguments,
 * simple comparisons in filters, and named derived columns.
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { type ArgInfo, nodeText, operatorOf, unwrapParens } from '../../syntax/calls';
import { decodeString, identifierName } from '../../syntax/strings';
import { derivedOrigin } from '../derivation';
import type { Evaluator } from '../evaluator';
import { column } from '../frameOps';
import type { Invocation } from '../invocation';
import { type LocalColumns, maskedExpression } from '../masking';
import type { Comparison, Frame, FrameColumn, Span } from '../model';
import { numberLiteral } from '../statistics';

/** The frame a verb works on, if its first argument (or the pipe) holds one. */
export function inputFrame(inv: Invocation): Frame | undefined {
  const value = inv.input();
  return value.kind === 'frame' ? value.frame : undefined;
}

/** Offers the frame's columns as bare names anywhere inside the call's parentheses. */
export function namesSite(inv: Invocation, frame: Frame): void {
  const args = inv.call.argumentsNode;
  if (!args) return;
  const closed = args.children[args.children.length - 1];
  const end = closed && !closed.missing && (closed.type === ')' || closed.type === ']') ? closed.start : args.end;
  inv.evaluator.builder.site({ start: args.start + 1, end, frame, form: 'names' });
}

/** Reads each argument with data masking. */
export function maskArguments(inv: Invocation, frame: Frame, args: readonly ArgInfo[], local?: LocalColumns): void {
  for (const arg of args) {
    inv.consume(arg);
    if (arg.value) maskedExpression(inv.evaluator, arg.value, frame, local);
  }
}

/**
 * Reads `name = expression` with data masking and returns the derived column it makes. The name is
 * recorded as a definition, so hovering it explains the derivation.
 */
export function deriveNamed(
  ev: Evaluator, frame: Frame, name: string, nameSpan: Span, expression: RNode, via: string, local?: LocalColumns, define = true,
): FrameColumn {
  const before = ev.builder.references.length;
  maskedExpression(ev, expression, frame, local);
  const origin = derivedOrigin(ev.text, expression, ev.builder.references.slice(before), via);
  const made = column(name, origin, nameSpan);
  if (define) ev.builder.resolvedReference(frame, name, nameSpan, 'define', made);
  return made;
}

/** The name an argument gives, as R would: its name, or the expression's text for unnamed ones. */
export function argumentLabel(text: string, arg: ArgInfo): { name: string; span: Span } | undefined {
  if (arg.name !== undefined && arg.nameNode) return { name: arg.name, span: { start: arg.nameNode.start, end: arg.nameNode.end } };
  if (!arg.value) return undefined;
  const value = unwrapParens(arg.value);
  if (value.type === 'identifier') return { name: identifierName(nodeText(text, value)), span: value };
  if (value.type === 'string') {
    const decoded = decodeString(text, value.start, value.end);
    return decoded ? { name: decoded.value, span: { start: value.start + 1, end: Math.max(value.start + 1, value.end - 1) } } : undefined;
  }
  return { name: nodeText(text, arg.value).replace(/\s+/g, ' '), span: { start: arg.value.start, end: arg.value.end } };
}

const COMPARISONS = new Set(['>', '>=', '<', '<=', '==', '!=']);
const FLIPPED: Readonly<Record<string, Comparison['operator']>> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '!=': '!=' };

/** Simple comparisons of a column with a constant, through `&` and `&&` (`n >= 10 & year == 2019`). */
export function comparisonsIn(text: string, node: RNode): Comparison[] {
  const found: Comparison[] = [];
  const visit = (current: RNode): void => {
    const inner = unwrapParens(current);
    if (inner.type !== 'binary_operator') return;
    const operator = operatorOf(text, inner);
    const lhs = childByField(inner, 'lhs');
    const rhs = childByField(inner, 'rhs');
    if (!lhs || !rhs) return;
    if (operator === '&' || operator === '&&') {
      visit(lhs);
      visit(rhs);
      return;
    }
    if (!COMPARISONS.has(operator)) return;
    const span = { start: inner.start, end: inner.end };
    const left = columnName(text, lhs);
    const right = constant(text, rhs);
    if (left !== undefined && right !== undefined) {
      found.push({ column: left, operator: operator as Comparison['operator'], value: right, span });
      return;
    }
    const flippedColumn = columnName(text, rhs);
    const flippedValue = constant(text, lhs);
    if (flippedColumn !== undefined && flippedValue !== undefined) found.push({ column: flippedColumn, operator: FLIPPED[operator]!, value: flippedValue, span });
  };
  visit(node);
  return found;
}

function columnName(text: string, node: RNode): string | undefined {
  const inner = unwrapParens(node);
  if (inner.type === 'identifier') return identifierName(nodeText(text, inner));
  if (inner.type === 'extract_operator') {
    const rhs = childByField(inner, 'rhs');
    return rhs ? identifierName(nodeText(text, rhs)) : undefined;
  }
  return undefined;
}

function constant(text: string, node: RNode): number | string | undefined {
  const number = numberLiteral(text, node);
  if (number !== undefined) return number;
  const inner = unwrapParens(node);
  return inner.type === 'string' ? decodeString(text, inner.start, inner.end)?.value : undefined;
}

/** The text of the arguments, for a step's description. */
export function argumentsText(text: string, args: readonly ArgInfo[]): string {
  return args.filter((arg) => arg.value).map((arg) => nodeText(text, arg.node).replace(/\s+/g, ' ')).join(', ');
}
