/**
 * Resuming a T-SQL extraction after an edit. Every `CHECKPOINT_EVERY` statements the extractor notes how far the
 * model had grown and copies the relations the script had made by then. The next version of the document resumes
 * from the last checkpoint at or before its first changed statement: a statement is unchanged when it starts at
 * the same offset with the same text, and every statement before it is unchanged too.
 *
 * Invariant: a resumed extraction gives the same model as a fresh one. A statement's effects depend only on its
 * own tokens and the relations made before it; the model's lists only grow, and nothing in them changes once made
 * (a test compares resumed and fresh models after random edits).
 */
import { markBuilder } from '../../../dataflow/builder';
import { type Checkpoint, type Resumable, usableCheckpoints } from '../../../dataflow/checkpoints';
import type { Span } from '../../../dataflow/model';
import type { SqlEnv } from './sqlEnv';
import type { ReusableExtraction } from './sqlReuse';
import { textShift } from './sqlRebase';

export { CHECKPOINT_EVERY } from '../../../dataflow/checkpoints';

/** The relations a script had made by some point: all that later statements read besides the model. */
export interface SqlEnvSnapshot {
  readonly relations: SqlEnv['relations'];
  readonly catalogueFrames: SqlEnv['catalogueFrames'];
}

/** The state before statement `index`. */
export interface SqlCheckpoint extends Checkpoint {
  readonly sql: SqlEnvSnapshot;
}

/** An extraction with what the next version of the document needs to resume it, or to re-use its statements. */
export interface SqlExtraction extends Resumable<SqlCheckpoint>, ReusableExtraction {
  readonly text: string;
  readonly statements: readonly Span[];
  /** How many statements after the checkpoint resumed from were taken over rather than extracted (for tests). */
  readonly reused: number;
}

/** Copies the relations, so that later statements' changes do not reach the copy. */
export function snapshotSqlEnv(env: SqlEnv): SqlEnvSnapshot {
  return { relations: new Map(env.relations), catalogueFrames: new Map(env.catalogueFrames) };
}

/** Puts a snapshot's relations back into a fresh environment (SQL embedded in R resumes through this too). */
export function restoreSqlEnv(env: SqlEnv, snapshot: SqlEnvSnapshot): void {
  for (const [name, frame] of snapshot.relations) env.relations.set(name, frame);
  for (const [name, frame] of snapshot.catalogueFrames) env.catalogueFrames.set(name, frame);
}

export function sqlCheckpoint(env: SqlEnv, index: number): SqlCheckpoint {
  return { index, sql: snapshotSqlEnv(env), mark: markBuilder(env.builder) };
}

/**
 * Restores the last usable checkpoint of the previous extraction into a fresh environment and returns the
 * checkpoints still valid (extraction goes on from the last of them); none when nothing can be reused.
 */
export function resumeSql(env: SqlEnv, statements: readonly Span[], previous: SqlExtraction | undefined): SqlCheckpoint[] {
  const valid = usableCheckpoints(env.builder, previous, env, (before) => unchangedStatements(env.text, statements, before));
  const last = valid[valid.length - 1];
  if (last !== undefined) restoreSqlEnv(env, last.sql);
  return valid;
}

/**
 * How many leading statements are the same, at the same offsets, as in the previous text, each with the same text
 * before it on its first line (whose indentation a HAVING guard's quick fix copies). A change of line-break style
 * changes every such fix, so then none is the same.
 */
function unchangedStatements(text: string, statements: readonly Span[], previous: SqlExtraction): number {
  if (text.includes('\r\n') !== previous.text.includes('\r\n')) return 0;
  // A statement that ends before the first change has the same text, and so has its first line before it.
  const { prefix } = textShift(previous.text, text);
  const count = Math.min(statements.length, previous.statements.length);
  let index = 0;
  while (index < count) {
    const now = statements[index]!;
    const before = previous.statements[index]!;
    if (now.start !== before.start || now.end !== before.end || now.end > prefix) break;
    index++;
  }
  return index;
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}
