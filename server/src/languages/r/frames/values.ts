/**
 * The values the extractor tracks while it reads an R script. Anything it cannot follow is `unknown`,
 * which every consumer treats as "say nothing".
 */
import type { TableReference } from '../../../catalogue/api';
import type { PiecedString } from '../syntax/pieces';
import type { Frame, FrameColumn, ModelFit, PlotLayer, Span } from './model';

/** A table named in R: `in_schema("npd_i2", "spring_census_2019")`, `Id(...)`, a plain string. */
export interface TableName {
  readonly reference: TableReference;
  /** Where the table part of the name is written, for hover, definition and LEO101. */
  readonly nameSpan: Span;
  /** The whole expression naming the table. */
  readonly span: Span;
  /** Where the database part is written, when it is. */
  readonly databaseSpan?: Span;
}

/** A ggplot under construction: its data and the layers added so far. */
export interface PlotValue {
  readonly frame?: Frame;
  readonly layers: readonly PlotLayer[];
  readonly span: Span;
}

export type Value =
  | { readonly kind: 'frame'; readonly frame: Frame }
  /** A column taken out of a frame (`df$x`, `df[["x"]]`, `dt[, x]`), still linked to its frame. */
  | { readonly kind: 'column'; readonly frame: Frame; readonly name: string; readonly column?: FrameColumn }
  /** A character vector; one item for a scalar. Items may have holes. */
  | { readonly kind: 'strings'; readonly items: readonly PiecedString[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'table-name'; readonly table: TableName }
  /** SQL text marked as such (`sql("…")`, `DBI::SQL()`, `glue_sql()`). */
  | { readonly kind: 'sql'; readonly text: PiecedString }
  /** A pending result set (`dbSendQuery`), whose rows `dbFetch` turns into a frame. */
  | { readonly kind: 'result-set'; readonly frame: Frame }
  | { readonly kind: 'plot'; readonly plot: PlotValue }
  | { readonly kind: 'model'; readonly model: ModelFit; readonly frame?: Frame; readonly span: Span }
  /** A list of values (`list(a, b)` handed to `rbindlist`, `bind_rows`). */
  | { readonly kind: 'list'; readonly items: readonly Value[] }
  | { readonly kind: 'unknown' };

export const UNKNOWN: Value = { kind: 'unknown' };

export function frameOf(value: Value | undefined): Frame | undefined {
  return value?.kind === 'frame' ? value.frame : undefined;
}
