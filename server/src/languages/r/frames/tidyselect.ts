/**
 * tidyselect: the column selections of `select()`, `across()`, `pivot_longer(cols = …)`,
 * `distinct()`-style helpers and base `subset(select = …)`. A selection is certain when it picks a
 * known set of columns; a predicate (`where(is.numeric)`), an unknown vector or an open frame make
 * it uncertain, and then the result frame is open.
 */
import { childByField, type RNode } from '../parser/syntaxTree';
import { type ArgInfo, nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../syntax/calls';
import { constantValue } from '../syntax/pieces';
import { decodeString, identifierName } from '../syntax/strings';
import { findColumn } from './builder';
import type { Evaluator } from './evaluator';
import { mightBeMissingColumn } from './masking';
import type { Frame, FrameColumn, Span } from './model';
import { numberLiteral } from './statistics';

export interface SelectedColumn {
  readonly column: FrameColumn;
  /** The new name when the selection renames (`select(new = old)`). */
  readonly rename?: { readonly name: string; readonly span: Span };
}

export interface Selection {
  readonly columns: readonly SelectedColumn[];
  readonly certain: boolean;
}

interface Picked {
  readonly columns: FrameColumn[];
  readonly certain: boolean;
}

/** Evaluates the selection made by `args` on `frame`, recording the column references in it. */
export function selectColumns(ev: Evaluator, frame: Frame, args: readonly ArgInfo[], allowRename: boolean): Selection {
  let result: SelectedColumn[] = [];
  let certain = true;
  let first = true;
  for (const arg of args) {
    if (!arg.value) continue;
    const { negative, node } = stripNegation(ev.text, arg.value);
    if (first && negative) {
      result = frame.columns.map((column) => ({ column }));
      certain &&= frame.certainty === 'exact';
    }
    first = false;
    const picked = pickColumns(ev, frame, node);
    certain &&= picked.certain;
    if (negative) {
      result = result.filter((selected) => !picked.columns.includes(selected.column));
      continue;
    }
    const rename = allowRename && arg.name !== undefined && arg.nameNode && picked.columns.length === 1
      ? { name: arg.name, span: { start: arg.nameNode.start, end: arg.nameNode.end } }
      : undefined;
    for (const column of picked.columns) {
      const existing = result.findIndex((selected) => selected.column === column);
      if (existing >= 0 && !rename) continue;
      const entry: SelectedColumn = rename ? { column, rename } : { column };
      if (existing >= 0) result[existing] = entry;
      else result.push(entry);
    }
  }
  return { columns: result, certain };
}

function stripNegation(text: string, node: RNode): { negative: boolean; node: RNode } {
  const inner = unwrapParens(node);
  if (inner.type === 'unary_operator') {
    const operator = operatorOf(text, inner);
    const operand = childByField(inner, 'rhs');
    if ((operator === '-' || operator === '!') && operand) return { negative: true, node: operand };
  }
  return { negative: false, node: inner };
}

function pickColumns(ev: Evaluator, frame: Frame, raw: RNode): Picked {
  const text = ev.text;
  const node = unwrapParens(raw);
  const known = frame.certainty === 'exact';
  switch (node.type) {
    case 'identifier':
      return pickName(ev, frame, node, identifierName(nodeText(text, node)));
    case 'string': {
      const name = decodeString(text, node.start, node.end)?.value;
      if (name === undefined) return { columns: [], certain: false };
      const span = { start: node.start + 1, end: Math.max(node.start + 1, node.end - 1) };
      const reference = ev.builder.reference(frame, name, span, 'read', true);
      return reference.column ? { columns: [reference.column], certain: true } : { columns: [], certain: reference.status === 'missing' };
    }
    case 'float':
    case 'integer': {
      const position = numberLiteral(text, node);
      const column = known && position !== undefined ? frame.columns[position - 1] : undefined;
      return column ? { columns: [column], certain: true } : { columns: [], certain: false };
    }
    case 'binary_operator': {
      const operator = operatorOf(text, node);
      const lhs = childByField(node, 'lhs');
      const rhs = childByField(node, 'rhs');
      if (!lhs || !rhs) return { columns: [], certain: false };
      if (operator === ':') {
        const from = pickColumns(ev, frame, lhs);
        const to = pickColumns(ev, frame, rhs);
        const a = from.columns[0] ? frame.columns.indexOf(from.columns[0]) : -1;
        const b = to.columns[0] ? frame.columns.indexOf(to.columns[0]) : -1;
        if (a < 0 || b < 0 || !known) return { columns: [], certain: false };
        return { columns: frame.columns.slice(Math.min(a, b), Math.max(a, b) + 1), certain: true };
      }
      if (operator === '|' || operator === '&') {
        const left = pickColumns(ev, frame, lhs);
        const right = pickColumns(ev, frame, rhs);
        const columns = operator === '|'
          ? [...left.columns, ...right.columns.filter((c) => !left.columns.includes(c))]
          : left.columns.filter((c) => right.columns.includes(c));
        return { columns, certain: left.certain && right.certain };
      }
      ev.evaluate(node);
      return { columns: [], certain: false };
    }
    case 'call':
      return pickCall(ev, frame, node);
    default:
      ev.evaluate(node);
      return { columns: [], certain: false };
  }
}

function pickName(ev: Evaluator, frame: Frame, node: RNode, name: string): Picked {
  const column = findColumn(frame, name);
  if (column) {
    ev.builder.reference(frame, name, node, 'read', false);
    return { columns: [column], certain: true };
  }
  // tidyselect falls back to a variable holding column names.
  const value = ev.lookup(name);
  if (value.kind === 'strings') return namesFromVector(ev, frame, value.items.map((item) => constantValue(item)));
  if (value.kind !== 'unknown' || ev.isBoundAnywhere(name)) return { columns: [], certain: false };
  if (mightBeMissingColumn(ev, frame, name)) {
    ev.builder.reference(frame, name, node, 'read', true);
    return { columns: [], certain: true };
  }
  return { columns: [], certain: false };
}

function namesFromVector(_ev: Evaluator, frame: Frame, names: readonly (string | undefined)[]): Picked {
  const columns: FrameColumn[] = [];
  let certain = true;
  for (const name of names) {
    const column = name === undefined ? undefined : findColumn(frame, name);
    if (column) columns.push(column);
    else certain = false;
  }
  return { columns, certain };
}

const PATTERN_HELPERS = new Set(['starts_with', 'ends_with', 'contains', 'matches']);

function pickCall(ev: Evaluator, frame: Frame, node: RNode): Picked {
  const text = ev.text;
  const call = readCall(text, node);
  if (!call) return { columns: [], certain: false };
  const known = frame.certainty === 'exact';
  const args = valueArgs(call);
  switch (call.name) {
    case 'c':
    case 'list': {
      const columns: FrameColumn[] = [];
      let certain = true;
      for (const arg of args) {
        const { negative, node: inner } = stripNegation(text, arg.value!);
        const picked = pickColumns(ev, frame, inner);
        certain &&= picked.certain && !negative;
        for (const column of picked.columns) if (!columns.includes(column)) columns.push(column);
      }
      return { columns, certain };
    }
    case 'everything':
      return { columns: [...frame.columns], certain: known };
    case 'last_col':
      return frame.columns.length > 0 && args.length === 0 ? { columns: [frame.columns[frame.columns.length - 1]!], certain: known } : { columns: [], certain: false };
    case 'all_of':
    case 'any_of': {
      const vector = args[0]?.value;
      if (!vector) return { columns: [], certain: false };
      const inline = unwrapParens(vector);
      if (call.name === 'all_of' && (inline.type === 'string' || readCall(text, inline)?.name === 'c')) return pickColumns(ev, frame, inline);
      const value = ev.evaluate(vector);
      if (value.kind !== 'strings') return { columns: [], certain: false };
      const picked = namesFromVector(ev, frame, value.items.map((item) => constantValue(item)));
      return call.name === 'any_of' ? { columns: picked.columns, certain: known && value.items.every((i) => constantValue(i) !== undefined) } : picked;
    }
    default:
      break;
  }
  if (PATTERN_HELPERS.has(call.name)) {
    const patterns = args.filter((arg) => arg.name === undefined || arg.name === 'match').map((arg) => ev.evaluate(arg.value!));
    const ignoreCase = !args.some((arg) => arg.name === 'ignore.case' && /^(FALSE|F)$/.test(nodeText(text, arg.value!)));
    const strings = patterns.flatMap((value) => (value.kind === 'strings' ? value.items.map((item) => constantValue(item)) : [undefined]));
    if (strings.length === 0 || strings.some((s) => s === undefined)) return { columns: [], certain: false };
    const test = matcher(call.name, strings as string[], ignoreCase);
    if (!test) return { columns: [], certain: false };
    return { columns: frame.columns.filter((column) => test(column.name)), certain: known };
  }
  for (const arg of args) ev.evaluate(arg.value!);
  return { columns: [], certain: false };
}

function matcher(helper: string, patterns: readonly string[], ignoreCase: boolean): ((name: string) => boolean) | undefined {
  const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  const folded = patterns.map(fold);
  switch (helper) {
    case 'starts_with':
      return (name) => folded.some((p) => fold(name).startsWith(p));
    case 'ends_with':
      return (name) => folded.some((p) => fold(name).endsWith(p));
    case 'contains':
      return (name) => folded.some((p) => fold(name).includes(p));
    case 'matches':
      try {
        const regexes = patterns.map((p) => new RegExp(p, ignoreCase ? 'i' : ''));
        return (name) => regexes.some((r) => r.test(name));
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}
