/**
 * Resuming an R extraction after an edit. Every `CHECKPOINT_EVERY` top-level statements the extractor notes how
 * far the model had grown and copies its variables and the relations its SQL made. The next version of the
 * document resumes from the last checkpoint before the first statement that changed: a statement is unchanged
 * when the parse took its node over from the previous tree (the same object), which it does only for
 * statements wholly before the edit, so their text and everything before them are the same.
 *
 * Invariant: a resumed extraction gives the same model as a fresh one. That holds because a statement's effects
 * depend only on its own text and the state before it, the model's lists only grow, and the frames, outputs and
 * values they hold are never changed once made (a test compares resumed and fresh models after random edits).
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import { markBuilder, restoreBuilder, type BuilderMark } from '../../../dataflow/builder';
import type { DataflowModel, Frame } from '../../../dataflow/model';
import type { SqlEnv } from '../../sql/dataflow/sqlEnv';
import type { RState, RValue } from './rState';
import type { RNode } from './rTree';

/** How many top-level statements apart checkpoints are: copying the variables costs, re-running costs too. */
export const CHECKPOINT_EVERY = 64;

/** The state before top-level statement `index`. */
export interface Checkpoint {
  readonly index: number;
  readonly env: ReadonlyMap<string, RValue>;
  readonly relations: ReadonlyMap<string, Frame>;
  readonly catalogueFrames: SqlEnv['catalogueFrames'];
  /** How far the model had grown. */
  readonly mark: BuilderMark;
}

/** An extraction with what the next version of the document needs to resume it. */
export interface RExtraction {
  readonly model: DataflowModel;
  readonly root: RNode;
  readonly catalogue: CatalogueIndex | undefined;
  readonly config: ResolvedDisclosureConfig;
  readonly checkpoints: readonly Checkpoint[];
}

export function checkpoint(state: RState, index: number): Checkpoint {
  return {
    index,
    env: new Map(state.env),
    relations: new Map(state.sql.relations),
    catalogueFrames: new Map(state.sql.catalogueFrames),
    mark: markBuilder(state.builder),
  };
}

/**
 * Restores the state of the last usable checkpoint of the previous extraction into a fresh state, and returns
 * the checkpoints still valid (the extractor goes on from the last of them); none when nothing can be reused.
 */
export function resume(state: RState, root: RNode, previous: RExtraction | undefined): Checkpoint[] {
  if (previous === undefined || previous.catalogue !== state.catalogue || previous.config !== state.config) return [];
  const unchanged = unchangedStatements(root, previous.root);
  const valid = previous.checkpoints.filter((c) => c.index <= unchanged);
  const last = valid[valid.length - 1];
  if (last === undefined || last.index === 0) return [];
  restoreBuilder(state.builder, previous.model, last.mark);
  for (const [name, value] of last.env) state.env.set(name, value);
  for (const [name, frame] of last.relations) state.sql.relations.set(name, frame);
  for (const [name, frame] of last.catalogueFrames) state.sql.catalogueFrames.set(name, frame);
  return valid;
}

/** How many leading top-level statements the parse took over from the previous tree. */
function unchangedStatements(root: RNode, previous: RNode): number {
  const count = Math.min(root.children.length, previous.children.length);
  let index = 0;
  while (index < count && root.children[index] === previous.children[index]) index++;
  return index;
}
