/**
 * The frame-provenance model of an R script: which data frames (and lazy dbplyr tables) it makes,
 * which columns each holds and where every column came from, the steps that connect them, and the
 * outputs that leave the script.
 *
 * The model is language-neutral in its vocabulary (sources, derived columns with their statistic,
 * grouping and aggregation, filters, joins, reshapes, outputs) so that the disclosure rules can read it
 * without knowing R. Everything is in offsets of the analysed text. Uncertainty is explicit: a frame
 * whose column list is not known for sure is `open`, and nothing is ever reported against it.
 */
import type { ColumnMatch, TableMatch } from '../../../catalogue/api';

// The span and the statistic words are the dataflow model's own, so the two models cannot drift apart.
import type { Span, StatisticKind } from '../../../dataflow/model';
export type { Span, StatisticKind };

/** A statistic computed inside an expression: `n()`, `mean(Earnings)`, `.N`, `quantile(x, 0.9)`. */
export interface Statistic {
  readonly kind: StatisticKind;
  /** The function as written, without its package (`n`, `mean`, `.N`, `COUNT`). */
  readonly fn: string;
  /** The columns it is computed over, resolved on the input frame when they could be. */
  readonly of: readonly FrameColumn[];
  /** The names it is computed over, as written (including those that could not be resolved). */
  readonly ofNames: readonly string[];
  readonly span: Span;
  /** `n_distinct()`, `uniqueN()`, `COUNT(DISTINCT …)`. */
  readonly distinct?: boolean;
  /** Computed with weights (`count(wt = w)`, `weighted.mean`). */
  readonly weighted?: boolean;
}

/** A rounding applied to a value: `round(n / 5) * 5` has base 5, `round(x, -2)` base 100. */
export interface Rounding {
  readonly base: number;
  readonly fn: string;
  readonly span: Span;
}

export type ColumnOrigin =
  /** A column of a catalogued view, passed through unchanged (perhaps renamed). `table` is the view read, when known. */
  | { readonly kind: 'catalogue'; readonly match: ColumnMatch; readonly table?: TableMatch }
  /** A column computed by the script. */
  | {
    readonly kind: 'derived';
    /** The defining expression as written (R or SQL). */
    readonly expression: string;
    /** The columns the expression reads, resolved where possible. */
    readonly inputs: readonly FrameColumn[];
    /** The statistic when the expression is one (`n = n()` is a count, `mean(Earnings)` a mean). */
    readonly statistic?: Statistic;
    /** Every statistic inside the expression, outermost first. */
    readonly statistics: readonly Statistic[];
    readonly rounding?: Rounding;
    /** Where the expression came from: the R verb, the data.table `j`, or a SQL select item. */
    readonly via: string;
  }
  /** A column whose source is not known (a file, a SQL expression over an unknown table). */
  | { readonly kind: 'unknown'; readonly reason: string };

export interface FrameColumn {
  readonly name: string;
  /**
   * True when R sees exactly this spelling (names made in R, SQL aliases); false for names echoed from
   * the database, whose case depends on the server, so they are matched without regard to case.
   */
  readonly exactCase: boolean;
  readonly origin: ColumnOrigin;
  /** Where the column entered the data: the select item, the `tbl()` call, the `mutate` argument. */
  readonly definedAt: Span;
}

/** Record level (one row per person or record), aggregated, or not known. */
export type Grain = 'record' | 'aggregate' | 'unknown';

/** What kind of R object holds the frame; it decides how `x[i, j]` is read. */
export type FrameClass = 'data.frame' | 'tibble' | 'data.table' | 'lazy' | 'unknown';

export interface Frame {
  readonly id: number;
  /** The variable the frame was assigned to, when it was. */
  readonly name?: string;
  readonly frameClass: FrameClass;
  readonly columns: readonly FrameColumn[];
  /** `exact`: these columns and no others. `open`: at least these; others may exist. */
  readonly certainty: 'exact' | 'open';
  /** The grouping (`group_by`, data.table `by` for `:=`), as column names. */
  readonly groups: readonly string[];
  readonly grain: Grain;
  /** The step that made this frame. */
  readonly step: number;
  /** The code that made the frame. */
  readonly span: Span;
}

/** A simple comparison in a filter, for the minimum-count guards (`n >= 10`, `.N > 9`). */
export interface Comparison {
  readonly column: string;
  readonly operator: '>' | '>=' | '<' | '<=' | '==' | '!=';
  readonly value: number | string;
  readonly span: Span;
}

/** Where the data of a source step comes from. */
export type SourceOrigin =
  | {
    readonly kind: 'sql';
    /** The query as far as it is constant, holes shown as `…`. */
    readonly sql: string;
    /** Catalogue views the query reads. */
    readonly tables: readonly TableMatch[];
    readonly span: Span;
  }
  | { readonly kind: 'table'; readonly table?: TableMatch; readonly name: string; readonly span: Span }
  | { readonly kind: 'file'; readonly path?: string; readonly span: Span }
  | { readonly kind: 'unknown'; readonly reason: string };

export type OutputKind = 'export' | 'print' | 'result' | 'plot' | 'graphic-file' | 'model';

export interface PlotLayer {
  /** `point`, `jitter`, `boxplot`, `histogram`, `col`, `bar`, `line`, `hex`, `density`, `survival` … */
  readonly kind: string;
  readonly fn: string;
  readonly span: Span;
  /** True when the layer hides individual values (`outlier.shape = NA`). */
  readonly hidesIndividuals?: boolean;
  /** The frame the layer draws when it has its own `data`. */
  readonly frame?: number;
}

export interface ModelTerm {
  readonly text: string;
  readonly span: Span;
  /** The columns the term reads. */
  readonly columns: readonly FrameColumn[];
  /** `factor(x)`, `as.factor(x)`, character or categorical catalogue columns are categorical. */
  readonly categorical: boolean;
  /** Fixed effects written apart from the regressors (`| school` in fixest, `(1 | school)` in lme4). */
  readonly fixedEffect: boolean;
}

export interface ModelFit {
  readonly fn: string;
  readonly formula: string;
  readonly response?: string;
  readonly terms: readonly ModelTerm[];
  /** True when regressors are crossed (`a * b`, `a:b`). */
  readonly interactions: boolean;
  readonly weighted: boolean;
}

interface StepBase {
  readonly id: number;
  /** The R function or construct (`filter`, `summarise`, `[.data.table`, `$<-`, `dbGetQuery`). */
  readonly fn: string;
  readonly span: Span;
  /** Frames read by the step, main input first. */
  readonly inputs: readonly number[];
  /** The frame the step makes, if it makes one. */
  readonly result?: number;
}

export type Step = StepBase & (
  | { readonly kind: 'source'; readonly origin: SourceOrigin }
  /** Columns kept, dropped, renamed or reordered. */
  | { readonly kind: 'select'; readonly columns: readonly string[]; readonly renamed: readonly { readonly from: string; readonly to: string }[] }
  /** Columns added or replaced (`mutate`, `:=`, `df$x <- …`); removed ones listed too. */
  | { readonly kind: 'derive'; readonly columns: readonly FrameColumn[]; readonly removed: readonly string[]; readonly groups: readonly string[] }
  | { readonly kind: 'filter'; readonly condition: string; readonly comparisons: readonly Comparison[] }
  | { readonly kind: 'group'; readonly keys: readonly string[] }
  | {
    readonly kind: 'aggregate';
    readonly keys: readonly string[];
    /** The statistic columns the step makes. */
    readonly columns: readonly FrameColumn[];
  }
  | {
    readonly kind: 'join';
    /** `left`, `inner`, `right`, `full`, `semi`, `anti`, `cross`. */
    readonly how: string;
    readonly by: readonly { readonly left: string; readonly right: string }[];
  }
  | { readonly kind: 'bind'; readonly direction: 'rows' | 'columns' }
  | { readonly kind: 'reshape'; readonly direction: 'longer' | 'wider' }
  | { readonly kind: 'sort'; readonly keys: readonly string[] }
  | { readonly kind: 'distinct'; readonly keys: readonly string[] }
  /** Rows picked by position or rank (`head`, `slice_max`, `top_n`). */
  | { readonly kind: 'slice'; readonly by?: string; readonly n?: number }
  | { readonly kind: 'ungroup' }
  /** The same rows and columns in another kind of object (`collect`, `as.data.table`, `setDT`). */
  | { readonly kind: 'convert'; readonly to: FrameClass }
  /** Zero-filled or completed grids (`complete`, `replace_na(0)`, `fill = 0`). */
  | { readonly kind: 'zero-fill' }
  /** Totals or margins added (`adorn_totals`, `addmargins`, `rollup`). */
  | { readonly kind: 'totals' }
  | {
    readonly kind: 'output';
    readonly output: OutputKind;
    /** The file written, as far as the path is constant. */
    readonly target?: string;
    readonly targetSpan?: Span;
    readonly layers?: readonly PlotLayer[];
    readonly model?: ModelFit;
  }
);

export type ReferenceRole = 'read' | 'define' | 'rename' | 'drop' | 'key';

/** One use of a column name on a frame. */
export interface ColumnReference {
  readonly start: number;
  readonly end: number;
  /** The name as R sees it (quotes and backticks removed). */
  readonly name: string;
  readonly frame: number;
  readonly role: ReferenceRole;
  /** The column it resolved to. */
  readonly column?: FrameColumn;
  /**
   * `resolved`: found on the frame. `missing`: the frame is exact and has no such column.
   * `unchecked`: the frame is open, so nothing is claimed.
   */
  readonly status: 'resolved' | 'missing' | 'unchecked';
}

/** One binding of a variable to a value. */
export interface Binding {
  readonly name: string;
  /** Where the binding starts to hold (the end of the assignment). */
  readonly from: number;
  readonly frame?: number;
  /** The assignment (or the `setDT` / `:=` call that changed the frame in place). */
  readonly span: Span;
  /** The span of the variable name in the assignment. */
  readonly nameSpan: Span;
}

/** A comment or string literal, for allow comments and the values-in-code rule. */
export interface TextSpan extends Span {
  readonly kind: 'comment' | 'string';
}

export interface FrameModel {
  readonly frames: readonly Frame[];
  readonly steps: readonly Step[];
  readonly references: readonly ColumnReference[];
  readonly bindings: readonly Binding[];
  readonly texts: readonly TextSpan[];
}
