/**
 * Checkpoints for resuming a front end's extraction after an edit, shared by every front end that resumes.
 * A front end notes a checkpoint every `CHECKPOINT_EVERY` top-level statements: how far the model had grown
 * (a builder mark) and whatever state of its own the statements after it read. The next version of the document
 * says how many leading statements are unchanged; extraction restarts at the last checkpoint within them.
 *
 * Invariant: a checkpoint is usable only when the document's catalogue and disclosure settings are the ones the
 * previous extraction ran with, and only when every statement before it is unchanged.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { ResolvedDisclosureConfig } from '../disclosure/config';
import { restoreBuilder, type BuilderMark, type ModelBuilder } from './builder';
import type { DataflowModel } from './model';

/** How many statements apart checkpoints are: copying state costs, re-running statements costs too. */
export const CHECKPOINT_EVERY = 64;

/** The state before top-level statement `index`, as far as the model is concerned. */
export interface Checkpoint {
  readonly index: number;
  readonly mark: BuilderMark;
}

/** What a previous extraction leaves for the next one. */
export interface Resumable<C extends Checkpoint> {
  readonly model: DataflowModel;
  readonly catalogue: CatalogueIndex | undefined;
  readonly config: ResolvedDisclosureConfig;
  readonly checkpoints: readonly C[];
}

/**
 * The previous extraction's checkpoints that are still valid, with the builder restored to the last of them;
 * none when nothing can be reused. The caller restores its own state from the last one returned.
 */
export function usableCheckpoints<E extends Resumable<Checkpoint>>(
  builder: ModelBuilder,
  previous: E | undefined,
  now: { readonly catalogue: CatalogueIndex | undefined; readonly config: ResolvedDisclosureConfig },
  unchanged: (previous: E) => number,
): E['checkpoints'][number][] {
  if (previous === undefined || previous.catalogue !== now.catalogue || previous.config !== now.config) return [];
  const count = unchanged(previous);
  const valid = previous.checkpoints.filter((c) => c.index <= count);
  const last = valid[valid.length - 1];
  if (last === undefined || last.index === 0) return [];
  restoreBuilder(builder, previous.model, last.mark);
  return valid;
}
