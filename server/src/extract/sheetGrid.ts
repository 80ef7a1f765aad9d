/** A workbook as plain text grids: what the request-form readers see, whatever read the file. */

export interface GridRow {
  /** The 1-based row number in the sheet, for reports. */
  readonly number: number;
  /** Cell texts by 0-based column, trimmed; empty string for an empty cell. */
  readonly cells: readonly string[];
  /** Columns whose text was copied down from a vertically merged cell above. */
  readonly inherited: ReadonlySet<number>;
}

export interface SheetGrid {
  /** The sheet name exactly as stored (it may carry stray spaces). */
  readonly name: string;
  readonly rows: readonly GridRow[];
}
