/**
 * Margins written into a table as a column: `t["la_total"] = t.groupby("la")["n"].transform("sum")` (a total per
 * group of some of the table's keys) and `t["total"] = t["n"].sum()` (the grand total on every row). Each is a
 * total of the cells as they are at that point, so when a guard or a suppression comes after it, the total still
 * counts the cells removed, and SDC015 reads the `totals` event this gives.
 */
import { findColumn } from '../../../dataflow/builder';
import { NO_FACTS } from '../../../dataflow/facts';
import type { Frame, FrameColumn, FrameEvent, Span } from '../../../dataflow/model';
import { field, type PyNode, unparen } from '../parser/syntaxTree';
import { readCall } from '../syntax/calls';
import { namesOf, readColumn, stringLiteral } from './columns';
import { isCount } from './guards';
import type { Evaluation } from './state';

export interface Margin {
  readonly column: FrameColumn;
  readonly event: FrameEvent;
}

/** The margin `right` computes over the aggregate table `frame`, or undefined when it is not one. */
export function marginColumn(ev: Evaluation, frame: Frame, name: string, right: PyNode, frameNames: ReadonlySet<string>, span: Span, statement: Span): Margin | undefined {
  if (frame.grain !== 'aggregate' || frame.groupKeys.length === 0) return undefined;
  const state = ev.state;
  const call = readCall(state.text, unparen(right));
  if (call === undefined || call.receiver === undefined) return undefined;
  let summed: string | undefined;
  if (call.name === 'sum' && call.positional.length === 0) {
    // `t["n"].sum()`: the grand total of the column.
    summed = readColumn(state, call.receiver, frameNames);
  } else if (call.name === 'transform' && isSum(ev, call.positional[0])) {
    // `t.groupby("la")["n"].transform("sum")`: a total per group of coarser keys.
    const selection = unparen(call.receiver);
    if (selection?.type !== 'subscript') return undefined;
    const grouping = readCall(state.text, unparen(field(selection, 'value')));
    const object = unparen(grouping?.receiver);
    if (grouping?.name !== 'groupby' || object?.type !== 'identifier' || !frameNames.has(state.text.slice(object.start, object.end))) return undefined;
    const keys = namesOf(ev, grouping.positional[0] ?? grouping.args.find((a) => a.name === 'by')?.value);
    const tableKeys = new Set(frame.groupKeys.map((k) => k.name.toLowerCase()));
    if (keys === undefined || keys.length === 0 || keys.length >= tableKeys.size || !keys.every((k) => tableKeys.has(k.name.toLowerCase()))) return undefined;
    const selected = selection.children.filter((c) => c.field === 'subscript');
    summed = selected.length === 1 ? stringLiteral(state, selected[0]) : undefined;
  }
  if (summed === undefined || !isCount(frame, summed)) return undefined;
  // A total of blanked cells counts only the cells that were kept, each of them above the threshold.
  const suppression = findColumn(frame, summed)?.suppression;
  return {
    column: { name, span, facts: NO_FACTS, statistic: { kind: 'count', of: NO_FACTS, ofNames: [summed], span: statement }, ...(suppression !== undefined ? { suppression } : {}) },
    event: { kind: 'totals', span: statement },
  };
}

/** `"sum"`, `sum`, `np.sum`. */
function isSum(ev: Evaluation, node: PyNode | undefined): boolean {
  if (node === undefined) return false;
  if (stringLiteral(ev.state, node) === 'sum') return true;
  const text = ev.state.text.slice(node.start, node.end);
  return text === 'sum' || text === 'np.sum' || text === 'numpy.sum';
}
