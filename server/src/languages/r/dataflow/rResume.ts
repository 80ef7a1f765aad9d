/**
 * Resuming an R extraction after an edit. Every `CHECKPOINT_EVERY` top-level statements the extractor notes how
 * far the model had grown, how many writes its variables had had (the variables keep a log of them, so a
 * checkpoint costs the same however many there are) and copies the relations its SQL made. The next version of the
 * document resumes from the last checkpoint before the first statement that changed: a statement is unchanged
 * when the parse took its node over from the previous tree (the same object), which it does only for
 * statements wholly before the edit, so their text and everything before them are the same.
 *
 * Invariant: a resumed extraction gives the same model as a fresh one. That holds because a statement's effects
 * depend only on its own text and the state before it, the model's lists only grow, and the frames, outputs and
 * values they hold are never changed once made (a test compares resumed and fresh models after random edits).
 */
import { markBuilder } from '../../../dataflow/builder';
import { type Checkpoint as ModelCheckpoint, type Resumable, usableCheckpoints } from '../../../dataflow/checkpoints';
import { restoreSqlEnv, snapshotSqlEnv, type SqlEnvSnapshot } from '../../sql/dataflow/sqlResume';
import type { RState, RValue } from './rState';
import type { RNode } from './rTree';
import type { ReusableR } from './rReuse';
import type { LoggedMap } from '../writeLog';

export { CHECKPOINT_EVERY } from '../../../dataflow/checkpoints';

/** The state before top-level statement `index`. */
export interface Checkpoint extends ModelCheckpoint {
  /** How many writes the variables had had (`LoggedMap.mark`): the variables are the log's first writes. */
  readonly env: number;
  readonly sql: SqlEnvSnapshot;
}

/** An extraction with what the next version of the document needs to resume it. */
export interface RExtraction extends Resumable<Checkpoint>, ReusableR {
  readonly root: RNode;
  /** How many statements after the checkpoint resumed from were taken over rather than extracted (for tests). */
  readonly reused: number;
  /** The variables with the log of their writes, which the checkpoints index. */
  readonly env: LoggedMap<RValue>;
  /** The rounding functions the script defined, which every statement's reading of a call depends on. */
  readonly localRounding: ReadonlyMap<string, number>;
  /** The names the script assigns functions to, which decide which calls are looked up as its own. */
  readonly functionNames: ReadonlySet<string>;
}

export function checkpoint(state: RState, index: number): Checkpoint {
  return { index, env: state.env.mark(), sql: snapshotSqlEnv(state.sql), mark: markBuilder(state.builder) };
}

/**
 * Restores the state of the last usable checkpoint of the previous extraction into a fresh state, and returns
 * the checkpoints still valid (the extractor goes on from the last of them); none when nothing can be reused.
 */
export function resume(state: RState, root: RNode, previous: RExtraction | undefined): Checkpoint[] {
  // A rounding function defined, changed or removed anywhere changes how earlier calls of it read: start afresh.
  if (previous !== undefined && !sameRounding(previous.localRounding, state.localRounding)) return [];
  // So does a name that comes to hold, or no longer holds, a function the script defines.
  if (previous !== undefined && !sameNames(previous.functionNames, state.functionNames)) return [];
  const valid = usableCheckpoints(state.builder, previous, state, (before) => unchangedStatements(root, before.root));
  const last = valid[valid.length - 1];
  if (last !== undefined && previous !== undefined) {
    state.env.restore(previous.env, last.env);
    restoreSqlEnv(state.sql, last.sql);
  }
  return valid;
}

/** Whether statements of the previous extraction may be taken over at all (see rReuse.ts). */
export function reusable(state: RState, previous: RExtraction | undefined): previous is RExtraction {
  return previous !== undefined && previous.catalogue === state.catalogue && previous.config === state.config
    && sameRounding(previous.localRounding, state.localRounding) && sameNames(previous.functionNames, state.functionNames);
}

function sameNames(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const name of a) if (!b.has(name)) return false;
  return true;
}

function sameRounding(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, base] of a) if (b.get(name) !== base) return false;
  return true;
}

/** How many leading top-level statements the parse took over from the previous tree. */
function unchangedStatements(root: RNode, previous: RNode): number {
  const count = Math.min(root.children.length, previous.children.length);
  let index = 0;
  while (index < count && root.children[index] === previous.children[index]) index++;
  return index;
}
