/**
 * Makes a filled-in request form for the tests: a copy of DfE's form with every mark cleared (the reference copy
 * carries example marks), then the marks a test asks for. No real project's form is ever used.
 */
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const BLANK_FORM = resolve(__dirname, '../../../../shared/leo-sources/dfe-leo-i2se-variable-request-form-v2.3.xlsx');

export function haveBlankForm(): boolean {
  return existsSync(BLANK_FORM);
}

export interface FormFill {
  /** Data Tables rows by the start of their table name, with the mark to write (`Yes`, `No`, or anything). */
  readonly tables?: Readonly<Record<string, string>>;
  /** Per tab (by sheet name start): field name start → [mark, years]. */
  readonly fields?: Readonly<Record<string, Readonly<Record<string, readonly [string, string?]>>>>;
}

const text = (cell: ExcelJS.Cell): string => {
  try {
    return String(cell.text ?? '').replace(/\s+/g, ' ').trim();
  } catch {
    return '';
  }
};

let cached: Promise<ArrayBuffer> | undefined;

/** Writes a filled copy of the form to `out`. */
export async function writeFilledForm(out: string, fill: FormFill): Promise<void> {
  cached ??= (async () => {
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.readFile(BLANK_FORM);
    clearMarks(blank);
    return (await blank.xlsx.writeBuffer()) as ArrayBuffer;
  })();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await cached);
  const dataTables = workbook.getWorksheet('Data Tables')!;
  const requiredColumn = findColumn(dataTables, /^is this table required\??$/i);
  for (const [start, mark] of Object.entries(fill.tables ?? {})) {
    const row = findRow(dataTables, 4, start);
    row.getCell(requiredColumn.column).value = mark;
  }
  for (const [sheetStart, fields] of Object.entries(fill.fields ?? {})) {
    const sheet = workbook.worksheets.find((w) => w.name.startsWith(sheetStart))!;
    const mark = findColumn(sheet, /^data request data item required\??$/i);
    const years = findColumn(sheet, /^data request years required\??$/i, true);
    for (const [fieldStart, [value, yearsText]] of Object.entries(fields)) {
      const row = findRow(sheet, mark.nameColumn, fieldStart, mark.row);
      row.getCell(mark.column).value = value;
      if (yearsText !== undefined && years) row.getCell(years.column).value = yearsText;
    }
  }
  await workbook.xlsx.writeFile(out);
}

function clearMarks(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    const columns: number[] = [];
    sheet.eachRow((row) => row.eachCell((cell, column) => {
      const value = text(cell);
      if (/^(data request data item required|data request years required|is this table required)\??$/i.test(value)) columns.push(column);
    }));
    if (columns.length === 0) continue;
    sheet.eachRow((row) => {
      for (const column of columns) {
        const cell = row.getCell(column);
        if (!/required\??$/i.test(text(cell)) && !cell.isMerged) cell.value = null;
      }
    });
  }
}

function findColumn(sheet: ExcelJS.Worksheet, header: RegExp, optional = false): { row: number; column: number; nameColumn: number } {
  let found: { row: number; column: number; nameColumn: number } | undefined;
  sheet.eachRow((row, number) => row.eachCell((cell, column) => {
    if (found === undefined && header.test(text(cell))) {
      let nameColumn = 1;
      row.eachCell((other, otherColumn) => {
        if (/^(npd ?alias|field|field name|table name)$/i.test(text(other))) nameColumn = otherColumn;
      });
      found = { row: number, column, nameColumn };
    }
  }));
  if (found === undefined && !optional) throw new Error(`no column ${header} in ${sheet.name}`);
  return found!;
}

function findRow(sheet: ExcelJS.Worksheet, nameColumn: number, start: string, after = 0): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row, number) => {
    if (found === undefined && number > after && text(row.getCell(nameColumn)).toLowerCase().startsWith(start.toLowerCase())) found = row;
  });
  if (found === undefined) throw new Error(`no row starting "${start}" in ${sheet.name}`);
  return found;
}
