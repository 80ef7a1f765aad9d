/**
 * Which top-level expressions R prints. R auto-prints a top-level value only when it is visible: the value of
 * `invisible()`, of a data.table update by reference (`dt[, x := …]`) and of data.table's `set*` functions is
 * not, so a statement made of one of them shows nothing, however many records the table holds. Wrapping such
 * a call in parentheses makes the value visible again, so only the bare call counts.
 */
import { isUpdateByReference } from './rDataTableUpdate';
import type { RState } from './rState';
import { argsOf, callName, type RNode } from './rTree';

/** Functions whose value R returns invisibly (data.table's in-place setters, and a few base ones). */
const INVISIBLE_RESULT = new Set([
  'invisible',
  'setDT', 'setDF', 'setkey', 'setkeyv', 'setorder', 'setorderv', 'setnames', 'setcolorder', 'setattr', 'set',
  'setindex', 'setindexv', 'setalloccol', 'setDTthreads', 'setNumericRounding', 'setreordervec',
  'library', 'require', 'requireNamespace', 'suppressPackageStartupMessages', 'options', 'Sys.setenv', 'Sys.setlocale',
  'set.seed', 'rm', 'dir.create', 'source', 'setwd', 'attach', 'detach',
]);

/** True when the value of this top-level expression is invisible, so it prints nothing. */
export function printsNothing(state: RState, node: RNode): boolean {
  if (node.type === 'call') {
    const call = callName(state.text, node);
    return call !== undefined && INVISIBLE_RESULT.has(call.name);
  }
  if (node.type === 'subset') {
    const positional = argsOf(state.text, node).filter((arg) => arg.name === undefined);
    return isUpdateByReference(state, positional[1]?.value);
  }
  return false;
}

/** The in-place setters whose first argument names the table they change. */
export function changesItsFirstArgument(name: string): boolean {
  return name.startsWith('set') && INVISIBLE_RESULT.has(name) && name !== 'set.seed' && name !== 'setwd' && name !== 'setDTthreads' && name !== 'setNumericRounding';
}
