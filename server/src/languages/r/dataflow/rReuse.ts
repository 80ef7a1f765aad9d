/**
 * Taking over top-level R statements from the previous extraction after an edit, so that an edit in the middle of
 * a long script re-extracts only the statements that read what it changed.
 *
 * While extracting, each top-level statement's record notes the variables it read (with the value each held, or
 * none) and the ones it wrote, the relations its embedded SQL read and wrote, and how far the model had grown
 * before and after it (the T-SQL record, `sqlReuse.ts`). A statement of the new version may take over the old one's
 * part of the model when its text is the same (it lies wholly before the edit, or wholly after it at the same
 * distance from the end), the text before it on its first line is the same, and every variable and relation it
 * reads holds what the old one read, or what was moved from that. Its frames, outputs and notes are then moved
 * through the edit's shift and the new numbering of frames (`sqlRebase.ts`), and its writes are replayed, moved too.
 *
 * Invariant: a top-level statement's effects depend only on its own text, the variables and relations it reads by
 * name, the catalogue, the options, the rounding functions the script defines (a change to one restarts the whole
 * extraction, `rResume.ts`), the set of names the script assigns functions to (likewise), the budget for following
 * those functions (`rFunctions.ts`), the text before it on its first line and the document's line-break style. No statement
 * changes a frame an earlier statement made. A test compares re-used and fresh models after random edits.
 */
import { type BuilderMark, markBuilder, type ModelBuilder } from '../../../dataflow/builder';
import type { DataflowModel, Frame, FrameColumn } from '../../../dataflow/model';
import { FirstLinePrefixes, ModelMover, NotMovable, textShift, type TextShift } from '../../sql/dataflow/sqlRebase';
import { beginStatement, endStatement, RecordingMap, type StatementRecord as SqlRecord } from '../../sql/dataflow/sqlReuse';
import type { SqlEnv } from '../../sql/dataflow/sqlEnv';
import { LoggedMap } from '../writeLog';
import type { RState, RValue } from './rState';
import { MAX_INLINED_NODES } from './rFunctions';
import type { RNode } from './rTree';

/**
 * The variables' map with a log of writes (for checkpoints) that, while a statement is extracted, also notes the
 * first value each name had when read and the last value written.
 */
export class RecordingLog<V> extends LoggedMap<V> {
  readonly #reads = new Map<string, V | undefined>();
  readonly #writes = new Map<string, V | undefined>();
  #recording = false;

  record(): void {
    this.#recording = true;
  }

  stop(): { readonly reads: [string, V | undefined][]; readonly writes: [string, V | undefined][] } {
    const noted = { reads: [...this.#reads], writes: [...this.#writes] };
    this.#reads.clear();
    this.#writes.clear();
    this.#recording = false;
    return noted;
  }

  override get(name: string): V | undefined {
    const value = super.get(name);
    if (this.#recording && !this.#reads.has(name) && !this.#writes.has(name)) this.#reads.set(name, value);
    return value;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined || super.has(name);
  }

  override set(name: string, value: V): this {
    // The Map constructor calls `set` before the private fields exist; this map is always made empty.
    if (this.#recording) this.#writes.set(name, value);
    this.#remember(name);
    return super.set(name, value);
  }

  override delete(name: string): boolean {
    if (this.#recording) this.#writes.set(name, undefined);
    this.#remember(name);
    return super.delete(name);
  }

  /** Scopes of function calls being followed, each with the value every name it wrote had before (`rFunctions.ts`). */
  #scopes: Map<string, V | undefined>[] | undefined;

  #remember(name: string): void {
    // Every open scope notes the value before its own first write, so an inner call's restore is undone by the outer.
    if (this.#scopes !== undefined) for (const scope of this.#scopes) if (!scope.has(name)) scope.set(name, super.get(name));
  }

  /** Opens a scope: the writes until `popScope` are undone then. */
  pushScope(): void {
    (this.#scopes ??= []).push(new Map());
  }

  popScope(): void {
    const scope = this.#scopes?.pop();
    if (scope === undefined) return;
    for (const [name, before] of scope) {
      if (before === undefined) this.delete(name);
      else this.set(name, before);
    }
  }

  /** The value without noting a read. */
  peek(name: string): V | undefined {
    return super.get(name);
  }
}

/** What one top-level statement read, wrote and added, in the numbering of the extraction that made it. */
export interface RStatementRecord {
  readonly sql: SqlRecord;
  readonly reads: readonly (readonly [string, RValue | undefined])[];
  readonly writes: readonly (readonly [string, RValue | undefined])[];
  /** Nodes of the script's function bodies its calls read (`rFunctions.ts`), against the extraction's budget. */
  readonly inlined: number;
  /** True when the budget had run out by its end, so a call in it may not have been followed. */
  readonly limited: boolean;
}

/** What the previous extraction leaves for re-use. */
export interface ReusableR {
  readonly text: string;
  readonly root: RNode;
  readonly model: DataflowModel;
  /** By top-level statement index; none for a statement that was not extracted (a comment, past the budget). */
  readonly records: readonly (RStatementRecord | undefined)[];
  readonly catalogueFrames: SqlEnv['catalogueFrames'];
}

export interface RecordingStart {
  readonly mark: BuilderMark;
  readonly inlined: number;
}

export function beginRecording(state: RState): RecordingStart {
  (state.env as RecordingLog<RValue>).record();
  return { mark: beginStatement(state.sql), inlined: state.inlining.nodes };
}

export function endRecording(state: RState, before: RecordingStart): RStatementRecord {
  const env = (state.env as RecordingLog<RValue>).stop();
  return {
    sql: endStatement(state.sql, before.mark), reads: env.reads, writes: env.writes,
    inlined: state.inlining.nodes - before.inlined, limited: state.inlining.exhausted,
  };
}

/**
 * Takes over statements of the previous extraction for one new version. `replay` moves one statement's part into
 * the state and returns its new record, or undefined when the statement must be extracted again (and then
 * `extracted` must be called).
 */
export class RStatementReuse {
  readonly #previous: ReusableR;
  readonly #frames: readonly Frame[];
  readonly #shift: TextShift;
  readonly #mover: ModelMover;
  /** The new id of each old frame moved (-1 for none), and the old id of each new frame moved from one. */
  readonly #newId: Int32Array;
  readonly #oldId: number[] = [];
  /** The new value of each old value moved, or read where the old statement read it. */
  readonly #values = new Map<RValue, RValue>();
  /** True while everything in the state is what the previous extraction had at the same point. */
  #identical = true;
  #cursor = 0;
  readonly #sameLineBreaks: boolean;
  readonly #firstLines: FirstLinePrefixes;
  /** How many statements were taken over (tests read it). */
  reused = 0;

  constructor(previous: ReusableR, text: string) {
    this.#previous = previous;
    this.#frames = previous.model.frames;
    this.#shift = textShift(previous.text, text);
    this.#mover = new ModelMover(this.#shift);
    this.#newId = new Int32Array(previous.model.frames.length).fill(-1);
    // Quick fixes use the document's line break, so a change of style changes every statement.
    this.#sameLineBreaks = previous.text.includes('\r\n') === text.includes('\r\n');
    this.#firstLines = new FirstLinePrefixes(previous.text, this.#shift);
  }

  /** Says that a statement was extracted afresh, so later ones can no longer be taken over object for object. */
  extracted(): void {
    this.#identical = false;
  }

  replay(state: RState, index: number, node: RNode): RStatementRecord | undefined {
    if (!this.#sameLineBreaks) return undefined;
    const old = this.#oldStatement(index, node);
    if (old === undefined) return undefined;
    const record = this.#previous.records[old];
    if (record === undefined) return undefined;
    // Its calls were followed within the budget, and would be again from here; else it is extracted again.
    const inlining = state.inlining;
    if (record.limited || inlining.exhausted || inlining.nodes + record.inlined > MAX_INLINED_NODES) return undefined;
    const env = state.env as RecordingLog<RValue>;
    const builder = state.builder;
    const reads: [string, RValue | undefined][] = [];
    for (const [name, value] of record.reads) {
      const now = env.peek(name);
      if (value === undefined ? now !== undefined : now === undefined || (now !== value && this.#values.get(value) !== now)) return undefined;
      reads.push([name, now]);
    }
    const relations = state.sql.relations as RecordingMap<Frame>;
    const sqlReads: [string, Frame | undefined][] = [];
    for (const [key, frame] of record.sql.reads) {
      const now = relations.peek(key);
      if (frame === undefined ? now !== undefined : now === undefined || (now !== frame && !this.#movedFrom(builder, now, frame))) return undefined;
      sqlReads.push([key, now]);
    }
    const catalogueFrames = state.sql.catalogueFrames;
    for (const key of record.sql.catalogueKeys) if (!catalogueFrames.has(key) && !this.#previous.catalogueFrames.has(key)) return undefined;
    const before = markBuilder(builder);
    let writes: readonly (readonly [string, RValue | undefined])[];
    let sqlWrites: readonly (readonly [string, Frame | undefined])[];
    if (this.#identical && old === index && node === this.#previous.root.children[index] && sameMarks(before, record.sql.before)) {
      this.#takeOver(builder, record.sql);
      writes = record.writes;
      sqlWrites = record.sql.writes;
    } else {
      try {
        for (let i = 0; i < record.reads.length; i++) {
          const value = record.reads[i]![1];
          if (value !== undefined) this.#values.set(value, reads[i]![1]!);
        }
        [writes, sqlWrites] = this.#move(builder, record, before, node, old);
      } catch (error) {
        if (error instanceof NotMovable) return undefined;
        throw error;
      }
      this.#identical = false;
    }
    for (const key of record.sql.catalogueKeys) {
      if (!catalogueFrames.has(key)) catalogueFrames.set(key, this.#previous.catalogueFrames.get(key)!);
    }
    for (const [key, frame] of sqlWrites) {
      if (frame === undefined) relations.delete(key);
      else relations.set(key, frame);
    }
    for (const [name, value] of writes) {
      if (value === undefined) env.delete(name);
      else env.set(name, value);
    }
    this.reused++;
    inlining.nodes += record.inlined;
    return {
      sql: { before, after: markBuilder(builder), reads: sqlReads, writes: sqlWrites, catalogueKeys: record.sql.catalogueKeys },
      reads,
      writes,
      inlined: record.inlined,
      limited: false,
    };
  }

  /** The old top-level statement with the same text as new statement `index`, before the edit or after it. */
  #oldStatement(index: number, node: RNode): number | undefined {
    const { prefix, suffix, delta } = this.#shift;
    const olds = this.#previous.root.children;
    let old: number | undefined;
    if (node.end <= prefix) {
      const before = olds[index];
      if (before !== undefined && before.start === node.start && before.end === node.end && before.type === node.type) old = index;
    } else if (node.start - delta >= suffix) {
      while (this.#cursor < olds.length && olds[this.#cursor]!.start < node.start - delta) this.#cursor++;
      const before = olds[this.#cursor];
      if (before !== undefined && before.start === node.start - delta && before.end === node.end - delta && before.type === node.type) old = this.#cursor;
    }
    if (old === undefined) return undefined;
    // The text before a statement on its first line goes into quick fixes that insert lines before it.
    return this.#firstLines.unchanged(node.end, olds[old]!.start) ? old : undefined;
  }

  #movedFrom(builder: ModelBuilder, now: Frame, frame: Frame): boolean {
    return this.#oldId[now.id] === frame.id && this.#frames[frame.id] === frame && builder.frames[now.id] === now;
  }

  /** A statement before the edit with everything before it the same: its part of the old model is the new one's. */
  #takeOver(builder: ModelBuilder, record: SqlRecord): void {
    const { before, after } = record;
    const model = this.#previous.model;
    for (let i = before.frames; i < after.frames; i++) builder.frames.push(this.#frames[i]!);
    for (let i = before.outputs; i < after.outputs; i++) builder.outputs.push(model.outputs[i]!);
    for (let i = before.identifierLiterals; i < after.identifierLiterals; i++) builder.identifierLiterals.push(model.identifierLiterals[i]!);
    for (let i = before.serverNames; i < after.serverNames; i++) builder.serverNames.push(model.serverNames![i]!);
    for (let i = before.statements; i < after.statements; i++) builder.statements.push(model.statements![i]!);
    for (let i = before.incomplete; i < after.incomplete; i++) builder.incomplete.push(model.incomplete![i]!);
  }

  /** Moves the statement's part of the model into the builder; returns its writes, moved. */
  #move(
    builder: ModelBuilder,
    record: RStatementRecord,
    before: BuilderMark,
    node: RNode,
    old: number,
  ): [[string, RValue | undefined][], [string, Frame | undefined][]] {
    const from = record.sql.before.frames;
    const to = record.sql.after.frames;
    const shift = before.frames - from;
    const oldFrames = this.#frames;
    const mover = this.#mover;
    const frameId = (id: number): number => {
      if (id >= from && id < to) return id + shift;
      const moved = this.#newId[id] ?? -1;
      if (moved >= 0) return moved;
      // A frame taken over unchanged (restored from a checkpoint, or before the edit) keeps its id.
      if (builder.frames[id] !== undefined && builder.frames[id] === oldFrames[id]) return id;
      throw new NotMovable(`frame ${id} was not taken over`);
    };
    const frames: Frame[] = [];
    for (let i = from; i < to; i++) frames.push(mover.frame(oldFrames[i]!, frameId));
    const frameNow = (frame: Frame): Frame => {
      if (frame.id >= from && frame.id < to) return oldFrames[frame.id] === frame ? frames[frame.id - from]! : mover.frame(frame, frameId);
      const moved = this.#newId[frame.id] ?? -1;
      if (moved >= 0 && oldFrames[frame.id] === frame) return builder.frames[moved]!;
      if (builder.frames[frame.id] === frame) return frame;
      throw new NotMovable(`frame ${frame.id} was not taken over`);
    };
    const values = new ValueMover(mover, this.#values, frameNow, frameId, this.#previous.root.children[old]!, node, this.#shift.prefix);
    const writes = record.writes.map(([name, value]): [string, RValue | undefined] => [name, value === undefined ? undefined : values.value(value)]);
    const sqlWrites = record.sql.writes.map(([key, frame]): [string, Frame | undefined] => [key, frame === undefined ? undefined : frameNow(frame)]);
    const model = this.#previous.model;
    const { before: b, after: a } = record.sql;
    const outputs = model.outputs.slice(b.outputs, a.outputs).map((o) => mover.output(o, frameId));
    const identifierLiterals = model.identifierLiterals.slice(b.identifierLiterals, a.identifierLiterals).map((s) => mover.span(s));
    const serverNames = (model.serverNames ?? []).slice(b.serverNames, a.serverNames).map((s) => mover.span(s));
    const statements = (model.statements ?? []).slice(b.statements, a.statements).map((s) => mover.span(s));
    const incomplete = (model.incomplete ?? []).slice(b.incomplete, a.incomplete).map((p) => mover.incomplete(p));
    for (let i = 0; i < frames.length; i++) {
      this.#newId[from + i] = before.frames + i;
      this.#oldId[before.frames + i] = from + i;
      builder.frames.push(frames[i]!);
    }
    builder.outputs.push(...outputs);
    builder.identifierLiterals.push(...identifierLiterals);
    builder.serverNames.push(...serverNames);
    builder.statements.push(...statements);
    builder.incomplete.push(...incomplete);
    return [writes, sqlWrites];
  }
}

/** Moves the values one statement wrote; each old value is moved once, so identity is kept across statements. */
class ValueMover {
  constructor(
    private readonly mover: ModelMover,
    private readonly moved: Map<RValue, RValue>,
    private readonly frameNow: (frame: Frame) => Frame,
    private readonly frameId: (id: number) => number,
    private readonly oldStatement: RNode,
    private readonly newStatement: RNode,
    private readonly prefix: number,
  ) {}

  value(value: RValue): RValue {
    const known = this.moved.get(value);
    if (known !== undefined) return known;
    const moved = this.#move(value);
    this.moved.set(value, moved);
    return moved;
  }

  #move(value: RValue): RValue {
    const mover = this.mover;
    switch (value.kind) {
      case 'frame': {
        const next: Mutable<typeof value> = { ...value, frame: this.frameNow(value.frame) };
        if (value.groups !== undefined) next.groups = this.#columns(value.groups);
        if (value.groupGuard !== undefined) next.groupGuard = { ...value.groupGuard, span: mover.span(value.groupGuard.span) };
        if (value.keepEmpty !== undefined) next.keepEmpty = mover.span(value.keepEmpty);
        return next;
      }
      case 'column':
        return { ...value, ...this.#frame(value.frame), column: mover.column(value.column) };
      case 'plot':
        return { ...value, ...this.#frame(value.frame), layers: value.layers.map((l) => mover.layer(l, this.frameId)), span: mover.span(value.span) };
      case 'model':
        return { ...value, ...this.#frame(value.frame), fit: { ...value.fit, terms: value.fit.terms.map((t) => mover.spanned(t)) }, span: mover.span(value.span) };
      case 'survfit':
        return { ...value, ...this.#frame(value.frame), span: mover.span(value.span), strata: this.#columns(value.strata) };
      case 'design':
        return { ...value, ...this.#frame(value.frame) };
      case 'string':
        return { ...value, node: this.#node(value.node) };
      case 'function':
        return { ...value, node: this.#node(value.node) };
      case 'names':
      case 'unknown':
        return value;
    }
  }

  #frame(frame: Frame | undefined): { frame?: Frame } {
    return frame === undefined ? {} : { frame: this.frameNow(frame) };
  }

  #columns(columns: readonly FrameColumn[]): readonly FrameColumn[] {
    return this.mover.columns(columns);
  }

  /** The node of the new tree at the place of an old one: the same node before the edit, else its shifted copy. */
  #node(node: RNode): RNode {
    if (node.end <= this.prefix) return node;
    if (node.start < this.oldStatement.start || node.end > this.oldStatement.end) throw new NotMovable('a string from another statement');
    return counterpart(this.oldStatement, this.newStatement, node);
  }
}

/** The node of `now` (a copy of `old` shifted by the edit) at the place `node` holds in `old`. */
function counterpart(old: RNode, now: RNode, node: RNode): RNode {
  let a = old;
  let b = now;
  while (a !== node) {
    const i = a.children.findIndex((c) => c.start <= node.start && node.end <= c.end && (c === node || c.children.length > 0));
    const next = i >= 0 ? a.children[i] : undefined;
    const copy = i >= 0 ? b.children[i] : undefined;
    if (next === undefined || copy === undefined || copy.type !== next.type) throw new NotMovable('no counterpart');
    a = next;
    b = copy;
  }
  if (b.type !== node.type || b.start - now.start !== node.start - old.start || b.end - b.start !== node.end - node.start) throw new NotMovable('no counterpart');
  return b;
}

function sameMarks(a: BuilderMark, b: BuilderMark): boolean {
  return a.frames === b.frames && a.outputs === b.outputs && a.identifierLiterals === b.identifierLiterals && a.serverNames === b.serverNames
    && a.statements === b.statements && a.incomplete === b.incomplete;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
