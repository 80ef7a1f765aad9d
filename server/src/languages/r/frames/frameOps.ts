/**
 * Small pure helpers that make columns and derive new frame specifications from old frames.
 */
import type { ColumnMatch, TableMatch } from '../../../catalogue/api';
import type { FrameSpec } from './builder';
import { findColumn } from './builder';
import type { ColumnOrigin, Frame, FrameClass, FrameColumn, Grain, Span } from './model';

export function catalogueColumn(match: ColumnMatch, table: TableMatch, definedAt: Span, name: string = match.name, exactCase = false): FrameColumn {
  return { name, exactCase, origin: { kind: 'catalogue', match, table }, definedAt };
}

export function column(name: string, origin: ColumnOrigin, definedAt: Span, exactCase = true): FrameColumn {
  return { name, exactCase, origin, definedAt };
}

export function renamed(source: FrameColumn, name: string, definedAt: Span): FrameColumn {
  return { ...source, name, exactCase: true, definedAt };
}

/** A frame spec that keeps everything of `frame` except what `changes` sets. */
export function like(frame: Frame, span: Span, changes: Partial<FrameSpec> = {}): FrameSpec {
  return {
    frameClass: frame.frameClass,
    columns: frame.columns,
    certainty: frame.certainty,
    groups: frame.groups,
    grain: frame.grain,
    span,
    ...changes,
  };
}

/** An open frame about which nothing is known, for sources such as files. */
export function unknownFrame(span: Span, frameClass: FrameClass = 'unknown', grain: Grain = 'unknown'): FrameSpec {
  return { frameClass, columns: [], certainty: 'open', groups: [], grain, span };
}

/** Adds or replaces columns by name, keeping the order of the frame and appending new ones. */
export function upsertColumns(columns: readonly FrameColumn[], additions: readonly FrameColumn[]): FrameColumn[] {
  const result = [...columns];
  for (const addition of additions) {
    const at = result.findIndex((c) => sameName(c, addition.name));
    if (at >= 0) result[at] = addition;
    else result.push(addition);
  }
  return result;
}

export function removeColumns(columns: readonly FrameColumn[], names: readonly string[]): FrameColumn[] {
  return columns.filter((c) => !names.some((name) => sameName(c, name)));
}

export function sameName(columnEntry: FrameColumn, name: string): boolean {
  return columnEntry.name === name || (!columnEntry.exactCase && columnEntry.name.toLowerCase() === name.toLowerCase());
}

/** The columns of a frame that a list of names picks out, in the order of the names, skipping unknown names. */
export function pick(frame: Frame, names: readonly string[]): FrameColumn[] {
  const picked: FrameColumn[] = [];
  for (const name of names) {
    const found = findColumn(frame, name);
    if (found && !picked.includes(found)) picked.push(found);
  }
  return picked;
}
