/**
 * Helpers the language extractors share to build a DataflowModel, so that every language derives grain,
 * history and sources the same way. A new frame copies what it inherits from its main input and appends the
 * events of its own step.
 */
import { pushAll } from '../util/arrays';
import type {
  ColumnUse, DataflowModel, Frame, FrameColumn, FrameEvent, GuardInsertion, IncompletePart, JoinFact, Output, SourceTable, Span, TextSpan,
} from './model';

export interface ModelBuilder {
  readonly language: DataflowModel['language'];
  readonly commentPrefix: string;
  readonly frames: Frame[];
  readonly outputs: Output[];
  readonly texts: TextSpan[];
  readonly identifierLiterals: Span[];
  readonly serverNames: Span[];
  readonly statements: Span[];
  readonly incomplete: IncompletePart[];
  /**
   * The top-level statement being read, set by front ends that place findings on the statement that built a table
   * (R and Python): each aggregation made meanwhile records it, so a table built inside a function the script
   * defines is placed on the statement that called the function.
   */
  statementBeingRead?: Span;
}

export function createBuilder(language: DataflowModel['language'], commentPrefix: string): ModelBuilder {
  return { language, commentPrefix, frames: [], outputs: [], texts: [], identifierLiterals: [], serverNames: [], statements: [], incomplete: [] };
}

/** How far each of a builder's lists had grown at one point of an extraction, so a later one can resume there. */
export interface BuilderMark {
  readonly frames: number;
  readonly outputs: number;
  readonly identifierLiterals: number;
  readonly serverNames: number;
  readonly statements: number;
  readonly incomplete: number;
}

export function markBuilder(builder: ModelBuilder): BuilderMark {
  return {
    frames: builder.frames.length,
    outputs: builder.outputs.length,
    identifierLiterals: builder.identifierLiterals.length,
    serverNames: builder.serverNames.length,
    statements: builder.statements.length,
    incomplete: builder.incomplete.length,
  };
}

/**
 * Fills a fresh builder with what an earlier model held at `mark`. The lists only ever grow and what they hold is
 * never changed once made, so the first entries of an earlier model are exactly what the same leading statements
 * would make again. `texts` is not restored: the caller fills it for the whole new text.
 */
export function restoreBuilder(builder: ModelBuilder, model: DataflowModel, mark: BuilderMark): void {
  pushAll(builder.frames, model.frames, mark.frames);
  pushAll(builder.outputs, model.outputs, mark.outputs);
  pushAll(builder.identifierLiterals, model.identifierLiterals, mark.identifierLiterals);
  pushAll(builder.serverNames, model.serverNames ?? [], mark.serverNames);
  pushAll(builder.statements, model.statements ?? [], mark.statements);
  pushAll(builder.incomplete, model.incomplete ?? [], mark.incomplete);
}

export function finishModel(builder: ModelBuilder): DataflowModel {
  return {
    language: builder.language,
    frames: builder.frames,
    outputs: builder.outputs,
    texts: builder.texts,
    identifierLiterals: builder.identifierLiterals,
    commentPrefix: builder.commentPrefix,
    statements: builder.statements,
    ...(builder.serverNames.length > 0 ? { serverNames: builder.serverNames } : {}),
    ...(builder.incomplete.length > 0 ? { incomplete: builder.incomplete } : {}),
  };
}

export interface SourceFrameInit {
  readonly name?: string;
  readonly span: Span;
  readonly grain: Frame['grain'];
  readonly columns: readonly FrameColumn[];
  readonly columnsComplete: boolean;
  readonly sources?: readonly SourceTable[];
  readonly modelValues?: boolean;
}

/** A frame read from outside the script: a catalogue view, a file, a table the script did not make. */
export function addSource(builder: ModelBuilder, init: SourceFrameInit): Frame {
  const frame: Frame = {
    id: builder.frames.length,
    ...(init.name !== undefined ? { name: init.name } : {}),
    span: init.span,
    grain: init.grain,
    columns: init.columns,
    columnsComplete: init.columnsComplete,
    groupKeys: [],
    history: [],
    inputs: [],
    sources: init.sources ?? [],
    uses: [],
    ...(init.modelValues ? { modelValues: true } : {}),
  };
  builder.frames.push(frame);
  return frame;
}

/** A frame of unknown content, so that later steps have something to refer to. */
export function addUnknown(builder: ModelBuilder, span: Span, name?: string): Frame {
  return addSource(builder, { ...(name !== undefined ? { name } : {}), span, grain: 'unknown', columns: [], columnsComplete: false });
}

export interface DeriveInit {
  readonly name?: string;
  readonly span: Span;
  readonly columns?: readonly FrameColumn[];
  readonly columnsComplete?: boolean;
  readonly events?: readonly FrameEvent[];
  readonly uses?: readonly ColumnUse[];
  readonly grain?: Frame['grain'];
  readonly groupKeys?: readonly FrameColumn[];
  readonly guardInsertion?: GuardInsertion;
  readonly extraInputs?: readonly Frame[];
  readonly modelValues?: boolean;
  /** Replaces the inherited history (used when a step reorders events, as a UNION of totals does). */
  readonly history?: readonly FrameEvent[];
  /** The joins of this step (not inherited). */
  readonly joins?: readonly JoinFact[];
}

/** A frame made from `input` by one step; events are appended to the inherited history. */
export function derive(builder: ModelBuilder, input: Frame, init: DeriveInit): Frame {
  const extra = init.extraInputs ?? [];
  const aggregate = init.events?.find((e): e is Extract<FrameEvent, { kind: 'aggregate' }> => e.kind === 'aggregate' && !e.perUnit);
  const perUnit = aggregate === undefined && (init.events?.some((e) => e.kind === 'aggregate' && e.perUnit) ?? false);
  const columns = init.columns ?? input.columns;
  const frame: Frame = {
    id: builder.frames.length,
    ...(init.name !== undefined ? { name: init.name } : {}),
    span: init.span,
    grain: init.grain ?? (aggregate !== undefined ? 'aggregate' : input.grain),
    columns: perUnit ? columns.map(recordValue) : columns,
    columnsComplete: init.columnsComplete ?? input.columnsComplete,
    groupKeys: init.groupKeys ?? (aggregate !== undefined ? aggregate.keys : input.groupKeys),
    history: [...(init.history ?? input.history), ...stampStatement(builder, init.events ?? [])],
    inputs: [input.id, ...extra.map((f) => f.id)],
    sources: mergeSources([input, ...extra]),
    uses: init.uses ?? [],
    ...(init.guardInsertion !== undefined
      ? { guardInsertion: init.guardInsertion }
      : input.guardInsertion !== undefined && aggregate === undefined ? { guardInsertion: input.guardInsertion } : {}),
    ...(init.modelValues || (input.modelValues && init.events === undefined) ? { modelValues: true } : {}),
    ...(init.joins !== undefined && init.joins.length > 0 ? { joins: init.joins } : {}),
  };
  builder.frames.push(frame);
  return frame;
}

/**
 * A column of a per-unit aggregation (one row per pupil or record: `MAX(level) … GROUP BY pupil`) as a value of
 * that unit's record. The statistic describes one unit's own records, never a group of units, so the rules that
 * look for extremes, totals or medians in outputs must not see it; a later aggregation over units is the statistic.
 */
function recordValue(column: FrameColumn): FrameColumn {
  if (column.statistic === undefined && column.statistics === undefined) return column;
  const { statistic: _statistic, statistics: _statistics, ...rest } = column;
  return rest;
}

/**
 * A join or other combination of frames. The main lineage is the input holding statistics when there is one
 * (a table of counts joined to a lookup keeps the table's guards), and otherwise the first input.
 */
export function combine(builder: ModelBuilder, inputs: readonly Frame[], init: DeriveInit & { readonly union?: boolean }): Frame {
  if (inputs.length === 0) return addUnknown(builder, init.span, init.name);
  const main = mainInput(inputs);
  const others = inputs.filter((f) => f !== main);
  const aggregates = init.events?.some((e) => e.kind === 'aggregate' && !e.perUnit) ?? false;
  const grain = init.grain ?? (aggregates ? 'aggregate' : combinedGrain(inputs, init.union === true));
  return derive(builder, main, {
    ...init,
    grain,
    columns: init.columns ?? inputs.flatMap((f) => f.columns),
    columnsComplete: init.columnsComplete ?? inputs.every((f) => f.columnsComplete),
    extraInputs: [...others, ...(init.extraInputs ?? [])],
  });
}

/** Aggregations made while a top-level statement is read note that statement (see `statementBeingRead`). */
function stampStatement(builder: ModelBuilder, events: readonly FrameEvent[]): readonly FrameEvent[] {
  const statement = builder.statementBeingRead;
  if (statement === undefined || !events.some((e) => e.kind === 'aggregate' && e.statement === undefined)) return events;
  return events.map((e) => (e.kind === 'aggregate' && e.statement === undefined ? { ...e, statement } : e));
}

/** The input whose lineage a combination continues: the one holding statistics, then an aggregated one, then the first. */
function mainInput(inputs: readonly Frame[]): Frame {
  let best = inputs[0]!;
  let bestScore = -1;
  for (const frame of inputs) {
    const score = (frame.columns.some((c) => c.statistic !== undefined) ? 2 : 0) + (frame.grain === 'aggregate' ? 1 : 0);
    if (score > bestScore) {
      best = frame;
      bestScore = score;
    }
  }
  return best;
}

function combinedGrain(inputs: readonly Frame[], union: boolean): Frame['grain'] {
  if (inputs.some((f) => f.grain === 'record')) return 'record';
  if (inputs.every((f) => f.grain === 'aggregate')) return 'aggregate';
  return union ? 'unknown' : inputs.some((f) => f.grain === 'aggregate') && inputs.every((f) => f.grain !== 'unknown') ? 'aggregate' : 'unknown';
}

function mergeSources(frames: readonly Frame[]): SourceTable[] {
  const out: SourceTable[] = [];
  const seen = new Set<string>();
  for (const frame of frames) {
    for (const source of frame.sources) {
      const key = `${source.name.toLowerCase()}@${source.span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(source);
    }
  }
  return out;
}

export function addOutput(builder: ModelBuilder, output: Output): void {
  builder.outputs.push(output);
}

/** Finds a column of a frame by name, case-insensitively; the last of two with one name wins, as in a SELECT. */
export function findColumn(frame: Frame | undefined, name: string): FrameColumn | undefined {
  if (frame === undefined) return undefined;
  const columns = frame.columns;
  const lower = name.toLowerCase();
  if (columns.length < INDEXED_FROM) {
    for (let i = columns.length - 1; i >= 0; i--) {
      if (columns[i]!.name.toLowerCase() === lower) return columns[i];
    }
    return undefined;
  }
  return columnIndex(columns).get(lower);
}

/** Frames this wide get a name index: a wide SELECT whose every item is looked up was quadratic without one. */
const INDEXED_FROM = 24;

const columnIndexes = new WeakMap<readonly FrameColumn[], { readonly length: number; readonly byName: Map<string, FrameColumn> }>();

/** The name index of a column list, made on first use and made again if the list has grown since. */
function columnIndex(columns: readonly FrameColumn[]): Map<string, FrameColumn> {
  const known = columnIndexes.get(columns);
  if (known !== undefined && known.length === columns.length) return known.byName;
  const byName = new Map<string, FrameColumn>();
  for (const column of columns) byName.set(column.name.toLowerCase(), column);
  columnIndexes.set(columns, { length: columns.length, byName });
  return byName;
}
