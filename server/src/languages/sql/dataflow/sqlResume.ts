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
import type { CatalogueIndex } from '../../../catalogue/api';
import { markBuilder, restoreBuilder, type BuilderMark } from '../../../dataflow/builder';
import type { DataflowModel, Frame, Span } from '../../../dataflow/model';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import type { SqlEnv } from './sqlEnv';

/** How many statements apart checkpoints are: copying the relations costs, re-running statements costs too. */
export const CHECKPOINT_EVERY = 64;

/** The state before statement `index`. */
export interface SqlCheckpoint {
  readonly index: number;
  readonly relations: ReadonlyMap<string, Frame>;
  readonly catalogueFrames: SqlEnv['catalogueFrames'];
  readonly mark: BuilderMark;
}

/** An extraction with what the next version of the document needs to resume it. */
export interface SqlExtraction {
  readonly model: DataflowModel;
  readonly text: string;
  readonly statements: readonly Span[];
  readonly catalogue: CatalogueIndex | undefined;
  readonly config: ResolvedDisclosureConfig;
  readonly checkpoints: readonly SqlCheckpoint[];
}

export function sqlCheckpoint(env: SqlEnv, index: number): SqlCheckpoint {
  return { index, relations: new Map(env.relations), catalogueFrames: new Map(env.catalogueFrames), mark: markBuilder(env.builder) };
}

/**
 * Restores the last usable checkpoint of the previous extraction into a fresh environment and returns the
 * checkpoints still valid (extraction goes on from the last of them); none when nothing can be reused.
 */
export function resumeSql(env: SqlEnv, statements: readonly Span[], previous: SqlExtraction | undefined): SqlCheckpoint[] {
  if (previous === undefined || previous.catalogue !== env.catalogue || previous.config !== env.config) return [];
  const unchanged = unchangedStatements(env.text, statements, previous);
  const valid = previous.checkpoints.filter((c) => c.index <= unchanged);
  const last = valid[valid.length - 1];
  if (last === undefined || last.index === 0) return [];
  restoreBuilder(env.builder, previous.model, last.mark);
  for (const [name, frame] of last.relations) env.relations.set(name, frame);
  for (const [name, frame] of last.catalogueFrames) env.catalogueFrames.set(name, frame);
  return valid;
}

/** How many leading statements are the same, at the same offsets, as in the previous text. */
function unchangedStatements(text: string, statements: readonly Span[], previous: SqlExtraction): number {
  const count = Math.min(statements.length, previous.statements.length);
  let index = 0;
  while (index < count) {
    const now = statements[index]!;
    const before = previous.statements[index]!;
    if (now.start !== before.start || now.end !== before.end) break;
    if (text.slice(now.start, now.end) !== previous.text.slice(before.start, before.end)) break;
    index++;
  }
  return index;
}
