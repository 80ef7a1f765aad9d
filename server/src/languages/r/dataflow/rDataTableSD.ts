/**
 * data.table's `.SD` in `j`: `lapply(.SD, mean)` computes one statistic per column of `.SD` (the `.SDcols`, or every
 * column but the `by` keys), and `c(lapply(.SD, mean), list(pupils = .N))` joins such a list with named items.
 * Both are common ways to summarise many columns at once, so the result is an aggregate like `.(a = mean(a), …)`.
 */
import { findColumn } from '../../../dataflow/builder';
import { NO_FACTS } from '../../../dataflow/facts';
import type { ColumnStatistic, Frame, FrameColumn } from '../../../dataflow/model';
import { spanOf, type RState } from './rState';
import { argsOf, callName, identifierName, stringValue, textOf, unparen, type RArg, type RNode } from './rTree';
import { statisticOfFunction } from './rVerbs';

/** One item of `j`: an expression to read as a column, or a column already made (one per `.SD` column). */
export type JItem = { readonly name: string; readonly node: RNode } | { readonly column: FrameColumn };

/**
 * The items of `j` when it uses `.SD` through `lapply` (alone or inside `c(…)`), or undefined when it does not.
 * `sdColumns` is undefined when `.SDcols` names columns the model cannot read (a variable): the statistics are then
 * known but not which columns they are over.
 */
export function sdItems(state: RState, frame: Frame, j: RNode, keys: readonly FrameColumn[], allArgs: readonly RArg[]): JItem[] | undefined {
  if (!usesSdLapply(state, j)) return undefined;
  const sdColumns = sdColumnsOf(state, frame, keys, allArgs.find((a) => a.name === '.SDcols')?.value);
  const items: JItem[] = [];
  const add = (node: RNode): void => {
    const bare = unparen(node);
    if (bare === undefined) return;
    const call = callName(state.text, bare);
    if (call?.name === 'c') {
      for (const arg of argsOf(state.text, bare)) if (arg.value !== undefined) add(arg.value);
    } else if (call?.name === 'lapply' && isSd(state, argsOf(state.text, bare)[0]?.value)) {
      items.push(...lapplyColumns(state, frame, bare, sdColumns));
    } else if (call?.name === '.' || call?.name === 'list') {
      for (const arg of argsOf(state.text, bare)) if (arg.value !== undefined) items.push({ name: arg.name ?? textOf(state.text, arg.value), node: arg.value });
    } else {
      items.push({ name: textOf(state.text, bare), node: bare });
    }
  };
  add(j);
  return items;
}

function usesSdLapply(state: RState, j: RNode): boolean {
  const call = callName(state.text, j);
  if (call?.name === 'lapply') return isSd(state, argsOf(state.text, j)[0]?.value);
  if (call?.name !== 'c') return false;
  return argsOf(state.text, j).some((arg) => {
    const inner = unparen(arg.value);
    return inner !== undefined && callName(state.text, inner)?.name === 'lapply' && isSd(state, argsOf(state.text, inner)[0]?.value);
  });
}

function isSd(state: RState, node: RNode | undefined): boolean {
  return node !== undefined && textOf(state.text, node) === '.SD';
}

/** The columns `.SD` holds: the `.SDcols` given as strings, every non-key column, or undefined when not readable. */
function sdColumnsOf(state: RState, frame: Frame, keys: readonly FrameColumn[], sdcols: RNode | undefined): FrameColumn[] | undefined {
  const resolve = (name: string): FrameColumn => findColumn(frame, name) ?? { name, facts: NO_FACTS };
  if (sdcols === undefined) {
    if (!frame.columnsComplete) return undefined;
    const keyNames = new Set(keys.map((k) => k.name.toLowerCase()));
    return frame.columns.filter((c) => !keyNames.has(c.name.toLowerCase()));
  }
  const bare = unparen(sdcols);
  const single = stringValue(state.text, bare);
  if (single !== undefined) return [resolve(single)];
  // `.SDcols = cols` after `cols <- c("a", "b")`: the names the variable holds.
  const variable = bare !== undefined ? identifierName(state.text, bare) : undefined;
  const bound = variable !== undefined ? state.env.get(variable) : undefined;
  if (bound?.kind === 'names') return bound.values.map(resolve);
  if (bound?.kind === 'string') return [resolve(bound.value)];
  if (bare !== undefined && callName(state.text, bare)?.name === 'c') {
    const names = argsOf(state.text, bare).map((arg) => stringValue(state.text, arg.value));
    if (names.every((n): n is string => n !== undefined)) return names.map(resolve);
  }
  return undefined;
}

/** `lapply(.SD, f, …)`: a column per `.SD` column with the statistic of `f`, or one standing for all of them. */
function lapplyColumns(state: RState, frame: Frame, call: RNode, sdColumns: readonly FrameColumn[] | undefined): JItem[] {
  const fn = argsOf(state.text, call)[1]?.value;
  const kind = statisticOfFunction(state, fn);
  const span = spanOf(call);
  const made = (name: string, source: FrameColumn | undefined): JItem => {
    const statistic: ColumnStatistic = { kind, of: source?.facts ?? NO_FACTS, ofNames: source !== undefined ? [source.name] : [], span };
    return { column: { name, span, facts: NO_FACTS, statistic, statistics: [statistic] } };
  };
  if (sdColumns === undefined) return [made(textOf(state.text, call), undefined)];
  return sdColumns.map((column) => made(column.name, findColumn(frame, column.name) ?? column));
}
