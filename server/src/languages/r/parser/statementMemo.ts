/**
 * What readers work out about one top-level statement that does not depend on where the statement is: its
 * comment and string spans relative to its start, the names it assigns. A statement the parse takes over
 * after an edit is a copy with its offsets moved (`parser/convert.ts`), and the copy shares the original's
 * memo, so an edit costs these readers only the statements it made anew.
 *
 * Invariant: nothing kept here holds an absolute offset or a node.
 */
import type { TextSpan } from '../frames/model';
import type { RNode } from './syntaxTree';

export interface StatementMemo {
  /** The statement's comments and strings in document order, offsets relative to the statement's start. */
  texts?: readonly TextSpan[];
  /** The names the statement assigns, takes as parameters or loops over (see `collectBoundNames`). */
  boundNames?: readonly string[];
}

/** The memo of a top-level statement, made empty on first use. */
export function statementMemo(statement: RNode): StatementMemo {
  return (statement.shared ??= {}) as StatementMemo;
}

/** Lets a moved copy of a statement share what was worked out about the original. */
export function shareStatementMemo(original: RNode, copy: RNode): void {
  copy.shared = original.shared;
}
