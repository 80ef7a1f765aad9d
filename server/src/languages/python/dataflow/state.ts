/**
 * The state of the Python evaluator and the values it tracks: data frames (and pandas Series, which are one
 * column of a frame), `groupby` objects waiting for their aggregation, strings (for SQL and paths), database
 * connections and cursors, plots and model fits. Anything else is `unknown`, and the checks stay silent about it.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { ModelBuilder } from '../../../dataflow/builder';
import type { FactsResolver } from '../../../dataflow/facts';
import type { Frame, FrameColumn, ModelFit, PlotLayer, Span } from '../../../dataflow/model';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import type { SqlEnv } from '../../sql/dataflow/sqlEnv';
import type { PyNode } from '../parser/syntaxTree';
import type { Piece } from '../syntax/strings';

export type PyValue =
  | { readonly kind: 'frame'; readonly frame: Frame }
  /** One column of a frame (a Series); `series` is the frame that holds just it, made on first need. */
  | { readonly kind: 'column'; readonly frame: Frame; readonly column: FrameColumn }
  /** `df.groupby(keys)`, optionally with a selection (`["col"]`), waiting for its aggregation. */
  | { readonly kind: 'grouped'; readonly frame: Frame; readonly keys: readonly FrameColumn[]; readonly selected?: readonly string[]; readonly span: Span }
  /** `df.loc` / `df.iloc` / `df.plot` / `df.str`: an accessor of a frame, read by the subscript or call after it. */
  | { readonly kind: 'accessor'; readonly frame: Frame; readonly name: string; readonly column?: FrameColumn }
  | { readonly kind: 'string'; readonly pieces: readonly Piece[]; readonly node: PyNode }
  | { readonly kind: 'number'; readonly value: number }
  /** A row mask held in a variable (`ok = (t["n"] >= 10) & …`), read as a filter where it indexes a frame. */
  | { readonly kind: 'mask'; readonly node: PyNode }
  /** A list or tuple of constant strings (column names), as written. */
  | { readonly kind: 'names'; readonly names: readonly { readonly name: string; readonly span: Span }[] }
  | { readonly kind: 'connection' }
  /** A cursor (or a SQLAlchemy result) after `execute(sql)`: the frame the query returns, if it was read. */
  | { readonly kind: 'cursor'; readonly frame?: Frame }
  | { readonly kind: 'plot'; readonly frame?: Frame; readonly layers: readonly PlotLayer[]; readonly span: Span }
  | { readonly kind: 'model'; readonly frame?: Frame; readonly fit: ModelFit; readonly span: Span }
  /** An imported module or an object of one (`pd`, `plt`, `sns`, `smf`, a matplotlib figure or axes). */
  | { readonly kind: 'module'; readonly name: string }
  | { readonly kind: 'unknown' };

export const UNKNOWN: PyValue = Object.freeze({ kind: 'unknown' });

/** A column named in code, for LEO102, hover and go to definition. */
export interface ColumnReference {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly frame: Frame;
  /** The column it names, when the frame has it. */
  readonly column?: FrameColumn;
}

/** A variable bound to a value by a statement, for completion and hover at later offsets. */
export interface Binding {
  readonly name: string;
  readonly nameSpan: Span;
  /** The statement that binds it: the binding holds from its end. */
  readonly statement: Span;
  readonly frame?: Frame;
}

/** A string sent to the database, for the T-SQL features inside it. */
export interface QuerySite {
  readonly pieces: readonly Piece[];
}

export interface PyState {
  readonly text: string;
  /** The text with backslash escapes blanked; the SQL extraction tokenizes this. */
  readonly masked: string;
  readonly builder: ModelBuilder;
  readonly facts: FactsResolver;
  readonly config: ResolvedDisclosureConfig;
  readonly catalogue: CatalogueIndex | undefined;
  readonly sql: SqlEnv;
  readonly env: Map<string, PyValue>;
  readonly suppressionHelpers: ReadonlySet<string>;
  readonly roundingHelpers: ReadonlySet<string>;
  /** Functions the script defines that return their argument rounded (`def round5(x): return 5 * round(x / 5)`), with the base. */
  readonly localRounding: Map<string, number>;
  /** What the features read, collected during the same walk. */
  readonly references: ColumnReference[];
  readonly bindings: Binding[];
  readonly queries: QuerySite[];
  /** Strings already read as SQL, by start offset, so a query is analysed for the features once. */
  readonly queryStarts: Set<number>;
  /** Strings sent to the database but too long to read as SQL (`MAX_QUERY_CHARACTERS`), by start offset. */
  readonly longQueries: Map<number, Span>;
  /** Functions the script defines at its top level (`def table(frame): …`), by name, followed where they are called. */
  readonly functions: Map<string, PyNode>;
  /** The calls of the script's functions being followed now, innermost last, and the budget they have used. */
  readonly inlining: InliningState;
}

export interface InliningState {
  readonly active: string[];
  /** Statements of function bodies read so far, across every call; bounded so nested helpers cannot multiply work. */
  statements: number;
  /** True once the budget ran out and a note said so. */
  exhausted: boolean;
}

export function spanOf(node: { readonly start: number; readonly end: number }): Span {
  return { start: node.start, end: node.end };
}

export function textOf(state: PyState, node: PyNode): string {
  return state.text.slice(node.start, node.end);
}

export function frameOf(value: PyValue): Frame | undefined {
  return value.kind === 'frame' || value.kind === 'column' || value.kind === 'grouped' || value.kind === 'accessor' ? value.frame
    : value.kind === 'plot' || value.kind === 'model' || value.kind === 'cursor' ? value.frame : undefined;
}

/** What the helper modules need of the evaluator: its state and a way to evaluate a sub-expression. */
export interface Evaluation {
  readonly state: PyState;
  evaluate(node: PyNode | undefined): PyValue;
}
