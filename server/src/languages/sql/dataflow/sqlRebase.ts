/**
 * Moving what one statement added to a dataflow model into the next version of the document: every offset goes
 * through the edit's shift and every frame id through the new builder's numbering. The statement re-used this way
 * gives exactly the objects a fresh extraction would make, field for field (see sqlReuse.ts for when it may be).
 *
 * Parts that nothing moves (catalogue columns, spans before the edit) are returned as they are, so a model keeps
 * sharing what it shared, and an unmoved statement costs a walk but no copies.
 */
import type { TextEdit } from '../../../model/findings';
import type {
  ColumnUse, Frame, FrameColumn, FrameEvent, GuardInsertion, IncompletePart, JoinFact, JoinFilter, Output, PlotLayer,
  SourceTable, Span,
} from '../../../dataflow/model';

/**
 * Where the text changed between two versions: characters before `prefix` are the same at the same offsets, and
 * from `suffix` on (in the old text) the same `delta` characters later in the new one. Offsets in between belong to
 * the changed part and cannot be moved.
 */
export interface TextShift {
  readonly prefix: number;
  readonly suffix: number;
  readonly delta: number;
}

/** Thrown when something to move points into the changed part, or at a frame the new model does not have. */
export class NotMovable extends Error {}

/** The shift between two texts: their common prefix and suffix, kept apart so that no offset is on both sides. */
export function textShift(before: string, after: string): TextShift {
  const limit = Math.min(before.length, after.length);
  const prefix = commonLength(limit, (from, to) => before.slice(from, to) === after.slice(from, to));
  const rest = limit - prefix;
  const common = commonLength(rest, (from, to) => before.slice(before.length - to, before.length - from) === after.slice(after.length - to, after.length - from));
  // An insertion leaves the prefix and suffix touching; an offset there could be the end of what precedes or the
  // start of what follows, so the first character after it is counted as changed.
  const suffix = Math.max(before.length - common, prefix + 1);
  return { prefix, suffix, delta: after.length - before.length };
}

/**
 * Whether a statement taken over after an edit has the same text before it on its first line as the old one had
 * (quick fixes that insert a line before the statement copy it). Before the edit it is the same text. After the
 * edit it is the same when a line break lies between the changed part and the statement, found once per edit; a
 * statement on the line of the edit counts as changed. Comparing the two texts for each statement would cost the
 * length of the line each time, which on a long pasted line of many statements is quadratic.
 */
export class FirstLinePrefixes {
  readonly #shift: TextShift;
  /** The first line break of the old text at or after its changed part, or its length when there is none. */
  readonly #lineBreakAfterEdit: number;

  constructor(previousText: string, shift: TextShift) {
    this.#shift = shift;
    const feed = previousText.indexOf('\n', shift.suffix);
    const ret = previousText.indexOf('\r', shift.suffix);
    this.#lineBreakAfterEdit = Math.min(feed < 0 ? previousText.length : feed, ret < 0 ? previousText.length : ret);
  }

  /** For a statement that ends at `end` in the new text and started at `oldStart` in the old one. */
  unchanged(end: number, oldStart: number): boolean {
    if (end <= this.#shift.prefix) return true;
    return oldStart >= this.#shift.suffix && this.#lineBreakAfterEdit < oldStart;
  }
}

/**
 * The length of the longest run `[0, n)` on which `same` holds, found by comparing chunks that double in size and
 * then halving the one that differs: string comparison runs in native code, a loop over characters would not.
 */
function commonLength(limit: number, same: (from: number, to: number) => boolean): number {
  let length = 0;
  let chunk = 64;
  while (length < limit) {
    const to = Math.min(limit, length + chunk);
    if (same(length, to)) {
      length = to;
      chunk *= 2;
    } else if (to - length === 1) {
      break;
    } else {
      chunk = Math.max(1, Math.floor((to - length) / 2));
    }
  }
  return length;
}

/** Moves model parts through one shift; frame ids through `frameId`, which throws NotMovable for a frame not moved. */
export class ModelMover {
  // Plain fields, read on every offset moved.
  private readonly prefix: number;
  private readonly suffix: number;
  private readonly delta: number;
  readonly #columns = new Map<FrameColumn, FrameColumn>();
  readonly #columnLists = new Map<readonly FrameColumn[], readonly FrameColumn[]>();
  readonly #events = new Map<FrameEvent, FrameEvent>();
  readonly #sources = new Map<SourceTable, SourceTable>();

  constructor(shift: TextShift) {
    this.prefix = shift.prefix;
    this.suffix = shift.suffix;
    this.delta = shift.delta;
  }

  offset(offset: number): number {
    if (offset <= this.prefix) return offset;
    if (offset >= this.suffix) return offset + this.delta;
    throw new NotMovable(`offset ${offset} is in the edited text`);
  }

  /** A plain span (every span of the model is one: start and end, nothing else). */
  span(span: Span): Span {
    const start = this.offset(span.start);
    const end = this.offset(span.end);
    return start === span.start && end === span.end ? span : { start, end };
  }

  frame(frame: Frame, frameId: (id: number) => number): Frame {
    const id = frameId(frame.id);
    const span = this.span(frame.span);
    const columns = this.columns(frame.columns);
    const groupKeys = this.columns(frame.groupKeys);
    const history = this.#each(frame.history, this.event);
    const inputs = list(frame.inputs, frameId);
    const sources = this.#each(frame.sources, this.source);
    const uses = this.#each(frame.uses, this.use);
    const guardInsertion = frame.guardInsertion && this.insertion(frame.guardInsertion);
    const joins = frame.joins && list(frame.joins, (j) => this.join(j, frameId));
    if (id === frame.id && span === frame.span && columns === frame.columns && groupKeys === frame.groupKeys && history === frame.history
      && inputs === frame.inputs && sources === frame.sources && uses === frame.uses && guardInsertion === frame.guardInsertion && joins === frame.joins) {
      return frame;
    }
    // Built field by field in the order the builder uses: spreading the builder's frames is many times slower.
    const moved: Mutable<Frame> = { id } as Mutable<Frame>;
    if (frame.name !== undefined) moved.name = frame.name;
    moved.span = span;
    moved.grain = frame.grain;
    moved.columns = columns;
    moved.columnsComplete = frame.columnsComplete;
    moved.groupKeys = groupKeys;
    moved.history = history;
    moved.inputs = inputs;
    moved.sources = sources;
    moved.uses = uses;
    if (guardInsertion !== undefined) moved.guardInsertion = guardInsertion;
    if (frame.modelValues !== undefined) moved.modelValues = frame.modelValues;
    if (joins !== undefined) moved.joins = joins;
    return moved;
  }

  output(output: Output, frameId: (id: number) => number): Output {
    const moved: Mutable<Output> = { ...output, span: this.span(output.span) };
    if (output.frame !== undefined) moved.frame = frameId(output.frame);
    if (output.columns !== undefined) moved.columns = this.columns(output.columns);
    if (output.targetSpan !== undefined) moved.targetSpan = this.span(output.targetSpan);
    if (output.layers !== undefined) moved.layers = list(output.layers, (layer) => this.layer(layer, frameId));
    if (output.model !== undefined) moved.model = { ...output.model, terms: list(output.model.terms, (term) => this.spanned(term)) };
    if (output.roundInsertion !== undefined) moved.roundInsertion = this.insertion(output.roundInsertion);
    if (output.dropColumn !== undefined) {
      const start = this.offset(output.dropColumn.start);
      moved.dropColumn = { ...output.dropColumn, start, end: this.offset(output.dropColumn.end) };
    }
    return moved;
  }

  incomplete(part: IncompletePart): IncompletePart {
    const start = this.offset(part.start);
    const end = this.offset(part.end);
    return start === part.start && end === part.end ? part : { start, end, reason: part.reason };
  }

  edit(edit: TextEdit): TextEdit {
    const start = this.offset(edit.start);
    const end = this.offset(edit.end);
    return start === edit.start && end === edit.end ? edit : { start, end, newText: edit.newText };
  }

  columns(columns: readonly FrameColumn[]): readonly FrameColumn[] {
    let moved = this.#columnLists.get(columns);
    if (moved === undefined) {
      moved = this.#each(columns, this.column);
      this.#columnLists.set(columns, moved);
    }
    return moved;
  }

  column(column: FrameColumn): FrameColumn {
    let moved = this.#columns.get(column);
    if (moved !== undefined) return moved;
    const span = column.span && this.span(column.span);
    const statistic = column.statistic && this.spanned(column.statistic);
    const statistics = column.statistics && list(column.statistics, (s) => this.spanned(s));
    const rounding = column.rounding && this.spanned(column.rounding);
    const suppression = column.suppression && this.spanned(column.suppression);
    const markers = column.markers && list(column.markers, (m) => this.spanned(m));
    const removal = column.removal && list(column.removal, (e) => this.edit(e));
    if (span === column.span && statistic === column.statistic && statistics === column.statistics && rounding === column.rounding
      && suppression === column.suppression && markers === column.markers && removal === column.removal) {
      moved = column;
    } else {
      const copy: Mutable<FrameColumn> = { name: column.name } as Mutable<FrameColumn>;
      if (span !== undefined) copy.span = span;
      copy.facts = column.facts;
      if (statistic !== undefined) copy.statistic = statistic;
      if (statistics !== undefined) copy.statistics = statistics;
      if (rounding !== undefined) copy.rounding = rounding;
      if (suppression !== undefined) copy.suppression = suppression;
      if (markers !== undefined) copy.markers = markers;
      if (removal !== undefined) copy.removal = removal;
      moved = copy;
    }
    this.#columns.set(column, moved);
    return moved;
  }

  event(event: FrameEvent): FrameEvent {
    let moved = this.#events.get(event);
    if (moved !== undefined) return moved;
    const span = this.span(event.span);
    if (event.kind === 'aggregate') {
      const keys = this.columns(event.keys);
      const statement = event.statement && this.span(event.statement);
      moved = span === event.span && keys === event.keys && statement === event.statement ? event : { ...event, span, keys, ...(statement !== undefined ? { statement } : {}) };
    } else if (event.kind === 'threshold' && event.extension !== undefined) {
      // The place where a guard can take one more condition moves with the guard.
      const at = this.offset(event.extension.at);
      moved = span === event.span && at === event.extension.at ? event : { ...event, span, extension: { ...event.extension, at } };
    } else {
      moved = span === event.span ? event : { ...event, span };
    }
    this.#events.set(event, moved);
    return moved;
  }

  /** `list` with one of this mover's own methods, without making a closure for each list. */
  #each<T>(items: readonly T[], move: (this: ModelMover, item: T) => T): readonly T[] {
    let moved: T[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const next = move.call(this, item);
      if (moved === undefined && next !== item) moved = items.slice(0, i);
      moved?.push(next);
    }
    return moved ?? items;
  }

  /** Sources are shared along a lineage: each is moved once. */
  private source(source: SourceTable): SourceTable {
    let moved = this.#sources.get(source);
    if (moved === undefined) {
      moved = this.spanned(source);
      this.#sources.set(source, moved);
    }
    return moved;
  }

  private use(use: ColumnUse): ColumnUse {
    const span = this.span(use.span);
    return span === use.span ? use : { name: use.name, facts: use.facts, span };
  }

  spanned<T extends { readonly span: Span }>(value: T): T {
    const span = this.span(value.span);
    return span === value.span ? value : { ...value, span };
  }

  private insertion(insertion: GuardInsertion): GuardInsertion {
    const at = this.offset(insertion.at);
    return at === insertion.at ? insertion : { ...insertion, at };
  }

  private join(join: JoinFact, frameId: (id: number) => number): JoinFact {
    const span = this.span(join.span);
    const keyword = join.keyword && this.span(join.keyword);
    const left = list(join.left, frameId);
    const right = frameId(join.right);
    const on = join.on && this.span(join.on);
    const filters = list(join.filters, (f) => this.filter(f));
    if (span === join.span && keyword === join.keyword && left === join.left && right === join.right && on === join.on && filters === join.filters) return join;
    const moved: Mutable<JoinFact> = { kind: join.kind, span } as Mutable<JoinFact>;
    if (keyword !== undefined) moved.keyword = keyword;
    if (join.keepAll !== undefined) moved.keepAll = join.keepAll;
    moved.left = left;
    moved.right = right;
    if (on !== undefined) moved.on = on;
    moved.filters = filters;
    return moved;
  }

  private filter(filter: JoinFilter): JoinFilter {
    const span = this.span(filter.span);
    const removal = filter.removal && list(filter.removal, (e) => this.edit(e));
    if (span === filter.span && removal === filter.removal) return filter;
    const moved: Mutable<JoinFilter> = { ...filter, span };
    if (removal !== undefined) moved.removal = removal;
    return moved;
  }

  layer(layer: PlotLayer, frameId: (id: number) => number): PlotLayer {
    const moved: Mutable<PlotLayer> = { ...layer, span: this.span(layer.span) };
    if (layer.frame !== undefined) moved.frame = frameId(layer.frame);
    if (layer.fix !== undefined) moved.fix = { ...layer.fix, edits: list(layer.fix.edits, (e) => this.edit(e)) };
    return moved;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The fields `frame` and `column` copy one by one: a field added to the model must be added there too, and
 * these lists make the compiler say so.
 */
export const MOVED_FRAME_FIELDS = {
  id: true, name: true, span: true, grain: true, columns: true, columnsComplete: true, groupKeys: true, history: true, inputs: true,
  sources: true, uses: true, guardInsertion: true, modelValues: true, joins: true,
} as const satisfies Record<keyof Frame, true>;
export const MOVED_COLUMN_FIELDS = {
  name: true, span: true, facts: true, statistic: true, statistics: true, rounding: true, suppression: true, markers: true, removal: true,
} as const satisfies Record<keyof FrameColumn, true>;
export const MOVED_JOIN_FIELDS = {
  kind: true, span: true, keyword: true, keepAll: true, left: true, right: true, on: true, filters: true,
} as const satisfies Record<keyof JoinFact, true>;

/** The list with each element moved; the list itself when no element changed. */
function list<T>(items: readonly T[], move: (item: T) => T): readonly T[] {
  let moved: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = move(item);
    if (moved === undefined && next !== item) moved = items.slice(0, i);
    moved?.push(next);
  }
  return moved ?? items;
}
