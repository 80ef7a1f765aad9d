/**
 * The dataflow model: the one language-neutral picture of a script that every front end (T-SQL, R, later Python
 * and Stata) emits from its single parse, and that the disclosure rules read (they read nothing else).
 *
 * It is a list of frames (any relation with columns: a catalogue view, a CTE, a temp table, an R data frame),
 * each with column provenance back to the catalogue and the ordered history of the events on its main lineage
 * (aggregations, guards, rounding, totals), and a list of outputs (sinks: results, prints, files, plots, model
 * fits). A rule can ask "was there a minimum-count guard after the last aggregation?" without walking the script.
 *
 * Invariants: everything is in offsets of the analysed text; frame ids are indexes into `frames` and an input's
 * id is always smaller than the frame's; where a fact is uncertain the model says `unknown` (or leaves the column
 * out with `columnsComplete: false`) and the rules stay silent about it.
 */
import type {
  DateKind, GeographyLevel, IdentificationRisk, IdentifierKind, MagnitudeKind, SensitiveCategory, Sensitivity,
} from '../catalogue/api';
import type { TextEdit } from '../model/findings';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The statistics ACRO and the output-checking guidance distinguish. */
export type StatisticKind =
  | 'count' | 'sum' | 'mean' | 'median' | 'percentile' | 'mode' | 'min' | 'max' | 'range'
  | 'sd' | 'variance' | 'proportion' | 'correlation'
  /** The group's values themselves, joined into one (`STRING_AGG`): a listing, not a summary. */
  | 'list'
  | 'other';

/** What the disclosure rules know about a column, from the catalogue, the configuration or its name. */
export interface ColumnFacts {
  readonly identifier?: IdentifierKind;
  readonly identificationRisk?: IdentificationRisk;
  readonly sensitivity?: Sensitivity;
  readonly geography?: GeographyLevel;
  readonly magnitude?: MagnitudeKind;
  readonly date?: DateKind;
  readonly dateOfBirth?: boolean;
  readonly sensitive?: SensitiveCategory;
  /** True for columns of the children-in-need and looked-after tables (a DfE condition of use applies). */
  readonly safeguardingSource?: boolean;
  /** The name the facts were found under (catalogue spelling when catalogued). */
  readonly knownAs?: string;
  /** Where the facts came from; `name` means a built-in or configured name pattern. */
  readonly basis?: 'catalogue' | 'config' | 'name';
}

/** A statistic computed into a column, with what it was computed over. */
export interface ColumnStatistic {
  readonly kind: StatisticKind;
  /** Merged facts of the columns the statistic is computed over. */
  readonly of: ColumnFacts;
  /** Names of the columns it is computed over, as written. */
  readonly ofNames: readonly string[];
  readonly span: Span;
  /** True when computed with survey or frequency weights. */
  readonly weighted?: boolean;
  /** True for `COUNT(DISTINCT …)` and `n_distinct()`. */
  readonly distinct?: boolean;
  /**
   * True when the statistic counts only the rows that meet a condition (`SUM(CASE WHEN … THEN 1 ELSE 0 END)`,
   * `sum(fsm == 1)`): a numerator, which can be small in a cell whose total passed the guard.
   */
  readonly conditional?: boolean;
  /**
   * Set when a count of each group is written onto every record of the group (`add_count(region)`,
   * `transform("size")`, `bysort la: gen n = _N`): the group's keys. A filter of the records on it bounds every cell of
   * a later table grouped by those keys, or by some of them.
   */
  readonly perGroup?: readonly string[];
}

/** A rounding applied to a column's values, with its base (5 for counts, 100 for earnings to £100). */
export interface Rounding {
  readonly base: number;
  readonly span: Span;
  /** True for a configured rounding helper, trusted to round counts and earnings to their bases. */
  readonly trusted?: boolean;
}

/** A value-level suppression: the column's value is blanked where the count is below `threshold`. */
export interface Suppression {
  /** The smallest count that is shown, as `n >= threshold`; undefined when the threshold is not a constant. */
  readonly threshold?: number;
  readonly span: Span;
}

export interface FrameColumn {
  /** The column name as written (or as a catalogue spells it). */
  readonly name: string;
  /** Where the column is defined or selected in the step that made the frame. */
  readonly span?: Span;
  /** Facts of the data the column holds (for pass-through and group-key columns). */
  readonly facts: ColumnFacts;
  /** Set when the column holds a statistic; `statistics` lists every statistic inside the expression. */
  readonly statistic?: ColumnStatistic;
  readonly statistics?: readonly ColumnStatistic[];
  readonly rounding?: Rounding;
  readonly suppression?: Suppression;
  /** Suppression markers written for small and zero cells (`'<10'`, `'-'`), with the condition they replace. */
  readonly markers?: readonly { readonly condition: 'zero' | 'small'; readonly marker: string; readonly span: Span }[];
  /** Edits that drop the column where it is selected, when that is mechanical. */
  readonly removal?: readonly TextEdit[];
}

/** One step on a frame's lineage that matters to a rule. */
export type FrameEvent =
  | {
    readonly kind: 'aggregate';
    readonly span: Span;
    readonly keys: readonly FrameColumn[];
    /** True when the keys include a person or record identifier: the result is still one row per unit. */
    readonly perUnit: boolean;
    /** The statistics computed. */
    readonly statistics: readonly StatisticKind[];
    /** The top-level statement that built the table (R and Python: the call, for a table built in a function). */
    readonly statement?: Span;
  }
  /**
   * A filter that keeps only rows (cells) with a count of at least `threshold`. `conditional` when the count it
   * tests is itself conditional (a numerator or a complement), so that count is bounded too.
   */
  /** `groupKeys`: the guard tests a per-group count on the records (`ColumnStatistic.perGroup`), of these groups. */
  | { readonly kind: 'threshold'; readonly span: Span; readonly threshold?: number; readonly column?: string; readonly conditional?: boolean; readonly extension?: GuardExtension; readonly groupKeys?: readonly string[] }
  /** Values of small cells blanked (column-level suppression or a helper). */
  | { readonly kind: 'suppress'; readonly span: Span; readonly threshold?: number; readonly columns?: readonly string[] }
  /** A configured suppression helper (a team's own function) applied to the whole frame. */
  | { readonly kind: 'helper'; readonly span: Span; readonly name: string }
  /** Values rounded to `base`; `trusted` for a configured rounding helper, which is taken to use the right bases. */
  | { readonly kind: 'round'; readonly span: Span; readonly base: number; readonly columns?: readonly string[]; readonly trusted?: boolean }
  | { readonly kind: 'dominance'; readonly span: Span }
  /** Totals or margins added (ROLLUP, CUBE, a UNION total row, `adorn_totals`, `addmargins`). */
  /** `columns`, when given, names the columns that hold the totals: once none of them is left, nothing shows them. */
  | { readonly kind: 'totals'; readonly span: Span; readonly columns?: readonly string[] }
  /** Empty cells filled in as zeros, or a complete grid built (`complete()`, `ISNULL(n, 0)`, `table(a, b)`). */
  | { readonly kind: 'zero-fill'; readonly span: Span }
  /** A row filter that defines the population (`WHERE age >= 21`). */
  | { readonly kind: 'filter'; readonly span: Span; readonly condition: string }
  | { readonly kind: 'weighted'; readonly span: Span };

export type Grain = 'record' | 'aggregate' | 'unknown';

/** A catalogue table (or view) read somewhere on a frame's lineage. */
export interface SourceTable {
  readonly name: string;
  /** The catalogue table id, when catalogued. */
  readonly tableId?: string;
  /** True for children-in-need and looked-after tables. */
  readonly safeguarding: boolean;
  readonly span: Span;
}

/** A column used (selected, joined on, filtered on) while a frame was made. */
export interface ColumnUse {
  readonly name: string;
  readonly facts: ColumnFacts;
  readonly span: Span;
}

/**
 * How one more condition can be added to a guard, as a quick fix: inserted at `at` after `joiner` (` AND ` in SQL,
 * ` & ` in R). `byName` when the condition can name the statistic's column (R, after `summarise`); otherwise it
 * repeats the statistic's expression (SQL's `HAVING`, which cannot see the select list's aliases).
 */
export interface GuardExtension {
  readonly at: number;
  readonly joiner: string;
  readonly byName: boolean;
}

/** Where a guard or a rounding step can be inserted, as a quick fix. */
export interface GuardInsertion {
  readonly at: number;
  /** The text to insert, with `{threshold}` (or `{base}`) standing for the parameter. */
  readonly template: string;
  /** The quick fix's title, with the same placeholders. */
  readonly title: string;
}

export interface Frame {
  readonly id: number;
  /** The variable, CTE or table name, when the frame has one. */
  readonly name?: string;
  /** The code that made the frame. */
  readonly span: Span;
  readonly grain: Grain;
  readonly columns: readonly FrameColumn[];
  /** False when some columns are not known (a `*` over an unknown source, a non-constant selection). */
  readonly columnsComplete: boolean;
  /** The keys of the last aggregation on the lineage (empty before any, or for an ungrouped total). */
  readonly groupKeys: readonly FrameColumn[];
  /** Events on the main lineage, oldest first. */
  readonly history: readonly FrameEvent[];
  readonly inputs: readonly number[];
  /** Catalogue tables read anywhere on the lineage. */
  readonly sources: readonly SourceTable[];
  /** Columns used while making this frame (not inherited). */
  readonly uses: readonly ColumnUse[];
  /** Where a minimum-count guard for the last aggregation could go. */
  readonly guardInsertion?: GuardInsertion;
  /** True for values derived from a model fit row by row (residuals, fitted values, `augment`). */
  readonly modelValues?: boolean;
  /** The joins of the step that made the frame, in order; absent when the step joins nothing (or the front end does not say). */
  readonly joins?: readonly JoinFact[];
}

/**
 * One join in the step that made a frame: which frames were on its left, which frame it joined in, and the filters
 * on the joined frame's columns. The population hint (LEO201) reads it to tell a join that silently keeps only the
 * people with an outcome record from one that keeps everyone.
 */
export interface JoinFact {
  /** `inner` for JOIN, INNER JOIN and CROSS APPLY, `left` for LEFT JOIN and OUTER APPLY; R's inner_join and merge alike. */
  readonly kind: 'inner' | 'left' | 'right' | 'full' | 'cross';
  /** The code of the join (the joined source and its condition, or the join call). */
  readonly span: Span;
  /** The join keywords (`INNER JOIN`, `JOIN`, `inner_join`), which a fix may rewrite; absent when there is nothing to rewrite. */
  readonly keyword?: Span;
  /** How the language writes the join that keeps every row on the left (`LEFT JOIN`, `OUTER APPLY`, `left_join`), for the fix. */
  readonly keepAll?: string;
  /** The frames joined before this one, and the frame this join brings in. */
  readonly left: readonly number[];
  readonly right: number;
  /** The join condition (after `ON`), where a filter can be moved to keep the unmatched rows. */
  readonly on?: Span;
  /** Row filters of the same step (WHERE terms) that read a column of the joined frame. */
  readonly filters: readonly JoinFilter[];
}

export interface JoinFilter {
  readonly span: Span;
  /** `is-not-null` keeps only rows with a value; `keeps-null` lets missing values through; `other` drops them unnoticed. */
  readonly test: 'is-not-null' | 'keeps-null' | 'other';
  /** Edits that take the filter out of its clause, when that is mechanical. */
  readonly removal?: readonly TextEdit[];
}

export type OutputKind = 'export' | 'print' | 'result' | 'plot' | 'graphic-file' | 'model';

/** A layer of a plot, for the individual-point graphics rule. */
export interface PlotLayer {
  /** `point`, `jitter`, `boxplot`, `histogram`, `survival`, `col`, `line`, `hex` … */
  readonly kind: string;
  readonly span: Span;
  /** True when the layer hides individual values (`outlier.shape = NA`). */
  readonly hidesIndividuals?: boolean;
  /** The frame the layer draws, when it has its own data. */
  readonly frame?: number;
  /** Edits that make the layer safe, when mechanical (adding `outlier.shape = NA`). */
  readonly fix?: { readonly title: string; readonly edits: readonly TextEdit[] };
}

/** A term of a model formula. */
export interface ModelTerm {
  readonly text: string;
  readonly span: Span;
  readonly facts: ColumnFacts;
  /** True for `factor(x)`, `i.x`, categorical catalogue columns and fixed-effect terms. */
  readonly categorical: boolean;
  /** True for fixed effects written apart from the regressors (`| school` in fixest, `(1 | school)`). */
  readonly fixedEffect: boolean;
}

export interface ModelFit {
  readonly fn: string;
  readonly terms: readonly ModelTerm[];
  /** True when some regressors are crossed (`a * b`, `a:b`). */
  readonly interactions: boolean;
  readonly weighted: boolean;
}

export interface Output {
  readonly kind: OutputKind;
  /** The call or statement that produces the output. */
  readonly span: Span;
  /** The function or statement: `write.csv`, `SELECT`, `ggplot` … */
  readonly via: string;
  /** The frame that reaches the output; undefined when unknown. */
  readonly frame?: number;
  /** The columns shown, when the output shows fewer than the frame has. */
  readonly columns?: readonly FrameColumn[];
  /** For query results: true when the query peeks at a few rows (`TOP n`), a listing rather than an extraction. */
  readonly listing?: boolean;
  /** For files: the path as far as it is constant. */
  readonly target?: string;
  readonly targetSpan?: Span;
  readonly layers?: readonly PlotLayer[];
  readonly model?: ModelFit;
  /** Where a rounding step can be inserted before the output, `{columns}` standing for the assignments. */
  readonly roundInsertion?: GuardInsertion;
  /** Replacement of the exported expression that drops a column, `{column}` standing for its name. */
  readonly dropColumn?: { readonly start: number; readonly end: number; readonly template: string };
}

/** A comment or string literal, for allow comments and the values-in-code rule. */
export interface TextSpan extends Span {
  readonly kind: 'comment' | 'string';
}

export interface DataflowModel {
  readonly language: 'sql' | 'r' | 'python' | 'stata';
  readonly frames: readonly Frame[];
  readonly outputs: readonly Output[];
  readonly texts: readonly TextSpan[];
  /** Identifier columns compared with literal values (`WHERE EduKey = 'A12…'`). */
  readonly identifierLiterals: readonly Span[];
  /** String literals the front end knows name a database server (`dbConnect(…, Server = "…")`). */
  readonly serverNames?: readonly Span[];
  /** The line-comment prefix of the language (`--`, `#`), for inserted allow comments. */
  readonly commentPrefix: string;
  /** Top-level statements, so an allow comment just above a statement covers findings anywhere in it. */
  readonly statements?: readonly Span[];
  /** Parts of the text the front end could not model (a failure, a cap reached), with the reason. */
  readonly incomplete?: readonly IncompletePart[];
}

/** A stretch of text left out of the model, so that the rules' silence about it is never mistaken for a clean bill. */
export interface IncompletePart extends Span {
  readonly reason: string;
}

/** The model of a text with nothing in it (a skipped file, a language without a front end). */
export function emptyDataflowModel(language: DataflowModel['language'], commentPrefix: string): DataflowModel {
  return { language, frames: [], outputs: [], texts: [], identifierLiterals: [], commentPrefix, statements: [] };
}
