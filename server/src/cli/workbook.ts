/**
 * Reads an xlsx workbook into plain text grids, the only form the parsers see (the catalogue generator and
 * `leo-lens catalogue from-request-form`). exceljs is bundled into dist/cli.js only, never the server or client.
 * Keeping exceljs behind this one module lets the parsers be tested on hand-built grids and
 * keeps the quirks of cell types (rich text, formulas, hyperlinks, merges) in one place.
 */
import ExcelJS from 'exceljs';
import type { GridRow, SheetGrid } from '../extract/sheetGrid';

export type { GridRow, SheetGrid } from '../extract/sheetGrid';

/** Reads every sheet of a workbook file. Throws only when the file cannot be read at all. */
export async function readWorkbookFile(path: string): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map(sheetToGrid);
}

/** Reads every sheet of a workbook held in memory (tests build fixtures this way). */
export async function readWorkbookBuffer(buffer: ArrayBuffer | Uint8Array): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  return workbook.worksheets.map(sheetToGrid);
}

function sheetToGrid(sheet: ExcelJS.Worksheet): SheetGrid {
  const rows: GridRow[] = [];
  // Some sheets report thousands of formatted but empty columns; only columns with text matter.
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    const inherited = new Set<number>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const index = column - 1;
      if (cell.isMerged && cell.master !== cell) {
        // A horizontal merge repeats the master's text across the row; keep it once, where it starts.
        // A vertical merge means the master's value applies to this row as well, so copy it down.
        if (cell.master.row === cell.row) return;
        inherited.add(index);
        cells[index] = cellText(cell.master);
        return;
      }
      cells[index] = cellText(cell);
    });
    const dense = Array.from({ length: cells.length }, (_, i) => cells[i] ?? '');
    if (dense.some((text) => text !== '')) rows.push({ number, cells: dense, inherited });
  });
  return { name: sheet.name, rows };
}

/** The text of a cell: rich text joined, formula results, hyperlink text, dates as ISO days. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value !== null && typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result;
    if (result instanceof Date) return result.toISOString().slice(0, 10);
    return result === undefined || result === null ? '' : tidy(String(result));
  }
  return tidy(cell.text ?? '');
}

/** Normalises line endings and trims each line, so stray spaces and tabs never reach the parser. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t\u00a0 ]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
