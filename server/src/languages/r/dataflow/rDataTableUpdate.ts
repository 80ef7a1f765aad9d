/**
 * data.table's update by reference: `dt[, x := expr]`, `` dt[, `:=`(a = e1, b = e2)] ``,
 * `dt[, c("a", "b") := list(e1, e2)]` and `dt[i, x := value]`. The table itself changes, whatever the
 * statement assigns, so the variable that names it gets the new frame; and `i` chooses the rows to update,
 * it does not filter the table (`dt[n < 10, n := NA]` blanks small cells, it does not keep them).
 */
import { derive } from '../../../dataflow/builder';
import type { FrameColumn, FrameEvent } from '../../../dataflow/model';
import { rComparison } from './rExpr';
import { contextFor, spanOf, type RState, type RValue } from './rState';
import { argsOf, callName, identifierName, isMissingLiteral, operands, operatorOf, stringValue, unparen, type RNode } from './rTree';
import { columnFrom } from './rVerbs';

/** The assignments an update `j` makes, or undefined when `j` is not an update by reference. */
export function updateAssignments(state: RState, j: RNode | undefined): { name: string; value: RNode }[] | 'unreadable' | undefined {
  const bare = unparen(j);
  if (bare === undefined) return undefined;
  if (bare.type === 'binary_operator' && operatorOf(bare, state.text) === ':=') {
    const [lhs, rhs] = operands(bare);
    if (rhs === undefined) return 'unreadable';
    const single = identifierName(state.text, lhs) ?? stringValue(state.text, lhs);
    if (single !== undefined) return [{ name: single, value: rhs }];
    const names = namesVector(state, lhs);
    const values = listItems(state, rhs);
    if (names === undefined || values === undefined || names.length !== values.length) return 'unreadable';
    return names.map((name, index) => ({ name, value: values[index]! }));
  }
  const call = callName(state.text, bare);
  if (call?.name === ':=' || call?.name === '`:=`') {
    const assignments: { name: string; value: RNode }[] = [];
    for (const arg of argsOf(state.text, bare)) {
      if (arg.name === undefined || arg.value === undefined) return 'unreadable';
      assignments.push({ name: arg.name, value: arg.value });
    }
    return assignments;
  }
  return undefined;
}

/** True when `j` updates the table by reference (such a statement prints nothing). */
export function isUpdateByReference(state: RState, j: RNode | undefined): boolean {
  return updateAssignments(state, j) !== undefined;
}

/** The value of `object[i, j := …]`: the updated table, which the variable `object` names from now on. */
export function updateByReference(
  state: RState,
  node: RNode,
  objectNode: RNode | undefined,
  object: RValue & { kind: 'frame' },
  i: RNode | undefined,
  j: RNode | undefined,
): RValue {
  const assignments = updateAssignments(state, j);
  if (assignments === undefined) return object;
  const frame = object.frame;
  const span = spanOf(node);
  if (assignments === 'unreadable') {
    // Columns made from names the analysis cannot read: the table may now hold anything.
    return rebind(state, objectNode, { ...object, frame: derive(state.builder, frame, { span, columnsComplete: false }) });
  }
  const columns = [...frame.columns];
  const events: FrameEvent[] = [];
  const put = (column: FrameColumn): void => {
    const at = columns.findIndex((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (at >= 0) columns[at] = column;
    else columns.push(column);
  };
  const rows = i !== undefined ? rComparison(contextFor(state, frame), i) : undefined;
  for (const assignment of assignments) {
    const context = contextFor(state, { ...frame, columns });
    if (i === undefined) {
      const result = columnFrom(context, assignment.name, assignment.value, spanOf(assignment.value));
      put(result.column);
      events.push(...result.events);
      continue;
    }
    // Only some rows change. Blanking the rows under a count threshold is suppression; any other partial
    // update leaves the column what it was, as far as disclosure goes.
    const existing = columns.find((c) => c.name.toLowerCase() === assignment.name.toLowerCase());
    if (rows?.kind === 'below' && existing !== undefined && isMissingLiteral(state.text, assignment.value)) {
      const threshold = rows.threshold !== undefined ? { threshold: rows.threshold } : {};
      put({ ...existing, suppression: { ...threshold, span } });
      events.push({ kind: 'suppress', span, ...threshold, columns: [assignment.name] });
    }
  }
  return rebind(state, objectNode, { ...object, frame: derive(state.builder, frame, { span, columns, events }) });
}

function rebind(state: RState, objectNode: RNode | undefined, value: RValue & { kind: 'frame' }): RValue {
  const name = identifierName(state.text, unparen(objectNode));
  if (name !== undefined) state.env.set(name, value);
  return value;
}

function namesVector(state: RState, node: RNode | undefined): string[] | undefined {
  const bare = unparen(node);
  if (bare === undefined || callName(state.text, bare)?.name !== 'c') return undefined;
  const names: string[] = [];
  for (const arg of argsOf(state.text, bare)) {
    const name = stringValue(state.text, arg.value);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

function listItems(state: RState, node: RNode | undefined): RNode[] | undefined {
  const bare = unparen(node);
  const call = bare !== undefined ? callName(state.text, bare)?.name : undefined;
  if (bare === undefined || (call !== 'list' && call !== '.')) return undefined;
  const items: RNode[] = [];
  for (const arg of argsOf(state.text, bare)) {
    if (arg.value === undefined) return undefined;
    items.push(arg.value);
  }
  return items;
}
