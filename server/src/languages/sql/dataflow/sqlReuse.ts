/**
 * Re-using a statement's extraction from the previous version of the document, after an edit earlier in the
 * script or when the statement is between the last checkpoint and the edit.
 *
 * While extracting, each statement's record notes what it read (the relations it looked up, and the frame each
 * held, or none), what it wrote (the relations it set or dropped) and how far the model had grown before and after
 * it. A statement of the new version may take over the old one's part of the model when its text is the same
 * (it lies wholly before the edit, or wholly after it, at the same distance from the end), the start of its first
 * line is the same, and every relation it reads holds the frame the old one read, or the frame that was moved from
 * it. Its frames, outputs and notes are then moved through the edit's shift and the new numbering of frames
 * (sqlRebase.ts), and its writes are replayed.
 *
 * Invariant: a statement's effects depend only on its own text, the relations made before it, the catalogue and
 * options, the text of its first line before it and whether the document uses CRLF line breaks; no statement reads
 * the relations any other way than by name (`get`), nor changes a frame an earlier statement made. A test compares
 * models re-used this way with fresh ones after random edits.
 */
import { markBuilder, type BuilderMark, type ModelBuilder } from '../../../dataflow/builder';
import type { DataflowModel, Frame, Span } from '../../../dataflow/model';
import { FirstLinePrefixes, ModelMover, NotMovable, textShift, type TextShift } from './sqlRebase';
import type { SqlEnv } from './sqlEnv';

/**
 * A map that, while a statement is extracted, notes the first value each key had and the last value written.
 * It is always made empty: the Map constructor would call `set` before the private fields exist.
 */
export class RecordingMap<V> extends Map<string, V> {
  // Made once and emptied after each statement: most statements read and write a key or two.
  readonly #reads = new Map<string, V | undefined>();
  readonly #writes = new Map<string, V | undefined>();
  #recording = false;

  /** Starts noting reads and writes. */
  record(): void {
    this.#recording = true;
  }

  /** Stops noting and returns what was read (before any write of the same key) and written (undefined: deleted). */
  stop(): { readonly reads: [string, V | undefined][]; readonly writes: [string, V | undefined][] } {
    const noted = { reads: [...this.#reads], writes: [...this.#writes] };
    this.#reads.clear();
    this.#writes.clear();
    this.#recording = false;
    return noted;
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (this.#recording && !this.#reads.has(key) && !this.#writes.has(key)) this.#reads.set(key, value);
    return value;
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined || super.has(key);
  }

  override set(key: string, value: V): this {
    if (this.#recording) this.#writes.set(key, value);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.#recording) this.#writes.set(key, undefined);
    return super.delete(key);
  }

  /** The value without noting a read. */
  peek(key: string): V | undefined {
    return super.get(key);
  }
}

/** What one statement read, wrote and added, in the numbering of the extraction that made it. */
export interface StatementRecord {
  readonly before: BuilderMark;
  readonly after: BuilderMark;
  readonly reads: readonly (readonly [string, Frame | undefined])[];
  readonly writes: readonly (readonly [string, Frame | undefined])[];
  /** Catalogue views whose columns the statement looked up (env.catalogueFrames). */
  readonly catalogueKeys: readonly string[];
}

/** What the previous extraction leaves for re-use. */
export interface ReusableExtraction {
  readonly text: string;
  readonly statements: readonly Span[];
  readonly records: readonly StatementRecord[];
  readonly model: DataflowModel;
  readonly catalogueFrames: SqlEnv['catalogueFrames'];
}

/** Starts noting what the next statement reads and writes. */
export function beginStatement(env: SqlEnv): BuilderMark {
  asRecording(env.relations)?.record();
  asRecording(env.catalogueFrames)?.record();
  return markBuilder(env.builder);
}

/** The record of the statement begun with `before`. */
export function endStatement(env: SqlEnv, before: BuilderMark): StatementRecord {
  const relations = asRecording(env.relations)?.stop();
  const catalogue = asRecording(env.catalogueFrames)?.stop();
  return {
    before,
    after: markBuilder(env.builder),
    reads: relations?.reads ?? [],
    writes: relations?.writes ?? [],
    catalogueKeys: catalogue === undefined ? [] : catalogueKeys(catalogue.reads, catalogue.writes),
  };
}

/**
 * Takes over statements of the previous extraction for one new version. `replay` moves one statement's part into
 * the builder and returns its new record, or undefined when the statement must be extracted again (and then
 * `extracted` must be called).
 */
export class StatementReuse {
  readonly #previous: ReusableExtraction;
  readonly #frames: readonly Frame[];
  readonly #statements: readonly Span[];
  readonly #shift: TextShift;
  readonly #mover: ModelMover;
  /** The new id of each old frame moved (-1 for none), and the old id of each new frame moved from one. */
  readonly #newId: Int32Array;
  readonly #oldId: number[] = [];
  /**
   * True while every frame in the builder is the previous model's frame at the same place, and the relations are
   * what they were: a statement before the edit is then taken over as it is, objects and all.
   */
  #identical = true;
  /** Where the search for the old statement of the next new one starts. */
  #cursor = 0;
  readonly #sameLineBreaks: boolean;
  readonly #firstLines: FirstLinePrefixes;

  constructor(previous: ReusableExtraction, text: string, statements: readonly Span[]) {
    this.#previous = previous;
    this.#frames = previous.model.frames;
    this.#statements = statements;
    this.#shift = textShift(previous.text, text);
    this.#mover = new ModelMover(this.#shift);
    this.#firstLines = new FirstLinePrefixes(previous.text, this.#shift);
    this.#newId = new Int32Array(previous.model.frames.length).fill(-1);
    // A HAVING guard's quick fix uses the document's line break, so a change of style changes every statement.
    this.#sameLineBreaks = previous.text.includes('\r\n') === text.includes('\r\n');
  }

  /** Says that a statement was extracted afresh, so later ones can no longer be taken over object for object. */
  extracted(): void {
    this.#identical = false;
  }

  replay(env: SqlEnv, index: number): StatementRecord | undefined {
    if (!this.#sameLineBreaks) return undefined;
    const old = this.#oldStatement(index);
    if (old === undefined) return undefined;
    const record = this.#previous.records[old];
    if (record === undefined) return undefined;
    const builder = env.builder;
    const reads: [string, Frame | undefined][] = [];
    for (const [key, frame] of record.reads) {
      const now = peek(env.relations, key);
      if (frame === undefined ? now !== undefined : now === undefined || (now !== frame && !this.#movedFrom(builder, now, frame))) return undefined;
      reads.push([key, now]);
    }
    for (const key of record.catalogueKeys) if (!env.catalogueFrames.has(key) && !this.#previous.catalogueFrames.has(key)) return undefined;
    const before = markBuilder(builder);
    let writes: readonly (readonly [string, Frame | undefined])[];
    // Only a statement before the edit keeps its offsets; one after it moves even when nothing else changed.
    if (this.#identical && old === index && this.#statements[index]!.end <= this.#shift.prefix && sameMarks(before, record.before)) {
      this.#takeOver(builder, record);
      writes = record.writes;
    } else {
      try {
        writes = this.#move(builder, record, before);
      } catch (error) {
        if (error instanceof NotMovable) return undefined;
        throw error;
      }
      this.#identical = false;
    }
    for (const key of record.catalogueKeys) {
      if (!env.catalogueFrames.has(key)) env.catalogueFrames.set(key, this.#previous.catalogueFrames.get(key)!);
    }
    for (const [key, frame] of writes) {
      if (frame === undefined) env.relations.delete(key);
      else env.relations.set(key, frame);
    }
    return { before, after: markBuilder(builder), reads, writes, catalogueKeys: record.catalogueKeys };
  }

  /** The old statement with the same text as new statement `index`, before the edit or after it; undefined if none. */
  #oldStatement(index: number): number | undefined {
    const now = this.#statements[index]!;
    const { prefix, suffix, delta } = this.#shift;
    const spans = this.#previous.statements;
    let old: number | undefined;
    if (now.end <= prefix) {
      const before = spans[index];
      if (before !== undefined && before.start === now.start && before.end === now.end) old = index;
    } else if (now.start - delta >= suffix) {
      while (this.#cursor < spans.length && spans[this.#cursor]!.start < now.start - delta) this.#cursor++;
      const before = spans[this.#cursor];
      if (before !== undefined && before.start === now.start - delta && before.end === now.end - delta) old = this.#cursor;
    }
    if (old === undefined) return undefined;
    // The indentation of a statement's first line goes into its HAVING guard's quick fix.
    return this.#firstLines.unchanged(now.end, spans[old]!.start) ? old : undefined;
  }

  /** True when `now`, a frame of the new model, was moved from the old frame `frame`. */
  #movedFrom(builder: ModelBuilder, now: Frame, frame: Frame): boolean {
    return this.#oldId[now.id] === frame.id && this.#frames[frame.id] === frame && builder.frames[now.id] === now;
  }

  /** A statement before the edit with everything before it the same: its part of the old model is the new one's. */
  #takeOver(builder: ModelBuilder, record: StatementRecord): void {
    const { before, after } = record;
    const model = this.#previous.model;
    for (let i = before.frames; i < after.frames; i++) builder.frames.push(this.#frames[i]!);
    for (let i = before.outputs; i < after.outputs; i++) builder.outputs.push(model.outputs[i]!);
    for (let i = before.identifierLiterals; i < after.identifierLiterals; i++) builder.identifierLiterals.push(model.identifierLiterals[i]!);
    for (let i = before.serverNames; i < after.serverNames; i++) builder.serverNames.push(model.serverNames![i]!);
    for (let i = before.incomplete; i < after.incomplete; i++) builder.incomplete.push(model.incomplete![i]!);
  }

  /** Moves the statement's part of the model into the builder; returns its writes as new frames. */
  #move(builder: ModelBuilder, record: StatementRecord, before: BuilderMark): [string, Frame | undefined][] {
    const from = record.before.frames;
    const to = record.after.frames;
    const shift = before.frames - from;
    const old = this.#frames;
    const frameId = (id: number): number => {
      if (id >= from && id < to) return id + shift;
      const moved = this.#newId[id] ?? -1;
      if (moved >= 0) return moved;
      // A frame taken over unchanged (restored from a checkpoint, or before the edit) keeps its id.
      if (builder.frames[id] !== undefined && builder.frames[id] === old[id]) return id;
      throw new NotMovable(`frame ${id} was not taken over`);
    };
    const frames: Frame[] = [];
    for (let i = from; i < to; i++) frames.push(this.#mover.frame(old[i]!, frameId));
    const writes = record.writes.map(([key, frame]): [string, Frame | undefined] => [key, frame === undefined ? undefined : this.#frameNow(builder, frame, frameId, from, to, frames)]);
    const parts = moveParts(this.#mover, this.#previous.model, record, frameId);
    for (let i = 0; i < frames.length; i++) {
      this.#newId[from + i] = before.frames + i;
      this.#oldId[before.frames + i] = from + i;
      builder.frames.push(frames[i]!);
    }
    builder.outputs.push(...parts.outputs);
    builder.identifierLiterals.push(...parts.identifierLiterals);
    builder.serverNames.push(...parts.serverNames);
    builder.incomplete.push(...parts.incomplete);
    return writes;
  }

  /** The new frame for an old one a statement wrote into a relation. */
  #frameNow(builder: ModelBuilder, frame: Frame, frameId: (id: number) => number, from: number, to: number, frames: readonly Frame[]): Frame {
    if (frame.id >= from && frame.id < to) return this.#frames[frame.id] === frame ? frames[frame.id - from]! : this.#mover.frame(frame, frameId);
    const moved = this.#newId[frame.id] ?? -1;
    if (moved >= 0 && this.#frames[frame.id] === frame) return builder.frames[moved]!;
    if (builder.frames[frame.id] === frame) return frame;
    throw new NotMovable(`frame ${frame.id} was not taken over`);
  }
}

function sameMarks(a: BuilderMark, b: BuilderMark): boolean {
  return a.frames === b.frames && a.outputs === b.outputs && a.identifierLiterals === b.identifierLiterals && a.serverNames === b.serverNames
    && a.statements === b.statements && a.incomplete === b.incomplete;
}

/** The outputs and notes a statement added, moved. */
function moveParts(mover: ModelMover, model: DataflowModel, record: StatementRecord, frameId: (id: number) => number) {
  const { before, after } = record;
  return {
    outputs: model.outputs.slice(before.outputs, after.outputs).map((o) => mover.output(o, frameId)),
    identifierLiterals: model.identifierLiterals.slice(before.identifierLiterals, after.identifierLiterals).map((s) => mover.span(s)),
    serverNames: (model.serverNames ?? []).slice(before.serverNames, after.serverNames).map((s) => mover.span(s)),
    incomplete: (model.incomplete ?? []).slice(before.incomplete, after.incomplete).map((p) => mover.incomplete(p)),
  };
}

function catalogueKeys(reads: readonly [string, unknown][], writes: readonly [string, unknown][]): string[] {
  if (writes.length === 0) return reads.map(([key]) => key);
  return [...new Set([...reads.map(([key]) => key), ...writes.map(([key]) => key)])];
}

function asRecording<V>(map: Map<string, V>): RecordingMap<V> | undefined {
  return map instanceof RecordingMap ? map : undefined;
}

function peek(map: Map<string, Frame>, key: string): Frame | undefined {
  return map instanceof RecordingMap ? (map as RecordingMap<Frame>).peek(key) : map.get(key);
}
