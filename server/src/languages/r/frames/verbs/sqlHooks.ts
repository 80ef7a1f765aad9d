/**
 * How the frame extractor hands SQL to the T-SQL front end: the SQL text (with holes where R code
 * builds parts of it) goes out, and the columns of its result come back.
 */
import type { TableMatch } from '../../../../catalogue/api';
import type { PiecedString } from '../../syntax/pieces';
import type { FrameColumn, Grain, Span } from '../model';

export interface SqlUse {
  /** The R function that sends the SQL (`dbGetQuery`, `sqlQuery`, `tbl`). */
  readonly fn: string;
  /** The call. */
  readonly span: Span;
  /** True when the call returns rows (a frame); false for `dbExecute` and the like. */
  readonly returnsRows: boolean;
}

/** What a query returns, as far as the SQL analysis can tell. */
export interface SqlResult {
  readonly columns: readonly FrameColumn[];
  readonly certainty: 'exact' | 'open';
  readonly grain: Grain;
  /** Catalogue views the query reads. */
  readonly tables: readonly TableMatch[];
}

export interface SqlHooks {
  /** Notes SQL sent from R (for the embedded SQL features) and returns what its result holds, if known. */
  query(sql: PiecedString, use: SqlUse): SqlResult | undefined;
  /** How many queries have been noted so far, for a checkpoint. */
  mark(): number;
  /** Takes over the first `mark` queries another collector noted (an earlier version of the same text). */
  restore(previous: SqlHooks, mark: number): void;
}
