/**
 * Adds what the request form lacks from three companion sources:
 * DfE's NPD Data Tables workbook (ethnicity, language and school-type code sets),
 * FFT Education Datalab's data dictionary (benefit type and HESA code labels), and
 * ECHILD's field-name maps (older School Census and absence names, as synonyms).
 * Each source is optional: a missing file is reported and the catalogue is built without it.
 */
import type { CodeEntry } from '../../server/src/catalogue/api';
import { anonFirstTemplate, templateShape, termlessTemplate } from '../../server/src/catalogue/names';
import type { ColumnDraft } from './normalise';
import type { SheetGrid } from './workbook';

/** Named code lists gathered from the companion workbooks. */
export type CodeSets = ReadonlyMap<string, readonly CodeEntry[]>;

/** Reads the NPD Data Tables code sets: `ethnicity`, `language`, `toe`, `nftype` and the GCSE prior-attainment sets. */
export function readNpdCodeSets(sheets: readonly SheetGrid[]): Map<string, CodeEntry[]> {
  const sets = new Map<string, CodeEntry[]>();
  const characteristics = sheets.find((sheet) => sheet.name.trim() === 'Codesets_(Characteristics)');
  const school = sheets.find((sheet) => sheet.name.trim() === 'Codesets_(School)');
  if (characteristics) {
    const header = characteristics.rows.find((row) => row.cells[0] === 'Language');
    const rows = characteristics.rows.filter((row) => header && row.number > header.number);
    const language: CodeEntry[] = [];
    const ethnicity: CodeEntry[] = [];
    for (const row of rows) {
      // The footnote under the language list ends both lists.
      if (row.cells[0]?.startsWith('*')) break;
      const [code, label, , ethnicCode, ethnicLabel] = row.cells;
      if (code && label && /^[A-Z]{3,4}\*?$/.test(code)) {
        language.push({ code: code.replace('*', ''), label: code.endsWith('*') ? `${label} (language type)` : label });
      }
      if (ethnicCode && ethnicLabel && /^[A-Z]{4}$/.test(ethnicCode)) ethnicity.push({ code: ethnicCode, label: ethnicLabel });
    }
    sets.set('language', language);
    sets.set('ethnicity', ethnicity);
    for (const [title, key] of [
      ['Maths and English prior attainment year group', 'prior-attainment-year-group'],
      ['Maths and English prior attainment codeset', 'prior-attainment-grade'],
      ['Maths and English exemptions', 'gcse-funding-exemption'],
    ] as const) {
      sets.set(key, titledBlock(characteristics, title));
    }
  }
  if (school) {
    const toe: CodeEntry[] = [];
    const nftype: CodeEntry[] = [];
    for (const row of school.rows) {
      const [code, label, , nfCode, nfLabel] = row.cells;
      if (code && label && /^\d+$/.test(code)) toe.push({ code, label });
      if (nfCode && nfLabel && /^\d+$/.test(nfCode)) nftype.push({ code: nfCode, label: nfLabel });
    }
    sets.set('toe', toe);
    sets.set('nftype', nftype);
  }
  return sets;
}

/** The code rows under a title row, up to the first gap in row numbers. */
function titledBlock(sheet: SheetGrid, title: string): CodeEntry[] {
  const start = sheet.rows.findIndex((row) => row.cells[0] === title);
  if (start < 0) return [];
  const codes: CodeEntry[] = [];
  let previous = sheet.rows[start]!.number;
  for (const row of sheet.rows.slice(start + 1)) {
    if (row.number !== previous + 1) break;
    previous = row.number;
    const [code, label] = row.cells;
    if (!code || !label || code === 'Code') continue;
    codes.push({ code, label });
  }
  return codes;
}

/** Reads FFT's `values` sheet: benefit type labels and the HESA xqobtn, xmode and xlev6 codes. */
export function readFftCodeSets(sheets: readonly SheetGrid[]): Map<string, CodeEntry[]> {
  const sets = new Map<string, CodeEntry[]>();
  const values = sheets.find((sheet) => sheet.name.trim() === 'values');
  if (!values) return sets;
  const benefits: CodeEntry[] = [];
  for (const row of values.rows) {
    const [table, column, code, label] = row.cells;
    if (!table || !column || !label) continue;
    const benefit = /^Benefits:\s*(.+?)\s*\(([A-Z]{2,4})\)$/.exec(label);
    if (column === 'type_id' && benefit) benefits.push({ code: benefit[2]!, label: benefit[1]!.replace('Breeavement', 'Bereavement') });
    if (table === 'hesa' && code) {
      const key = `hesa-${column}`;
      sets.set(key, [...(sets.get(key) ?? []), { code, label }]);
    }
  }
  sets.set('benefit-type', benefits);
  return sets;
}

/** Which code set a column takes, by its name. */
const CODE_SET_RULES: readonly (readonly [RegExp, string, string])[] = [
  [/(^|_)ethnicity(_|\[|$)/i, 'ethnicity', 'NPD Data Tables (Codesets_(Characteristics))'],
  [/(^|_)language(_|\[|$)/i, 'language', 'NPD Data Tables (Codesets_(Characteristics))'],
  [/toe_code/i, 'toe', 'NPD Data Tables (Codesets_(School))'],
  [/nftype/i, 'nftype', 'NPD Data Tables (Codesets_(School))'],
  [/GCSEHighestPriorAttainment_/i, 'prior-attainment-grade', 'NPD Data Tables (Codesets_(Characteristics))'],
  [/GCSEPriorAttainmentYearGroup_/i, 'prior-attainment-year-group', 'NPD Data Tables (Codesets_(Characteristics))'],
  [/GCSEFundingExemption_/i, 'gcse-funding-exemption', 'NPD Data Tables (Codesets_(Characteristics))'],
  [/^Benefit_type$/i, 'benefit-type', "FFT Education Datalab's data dictionary"],
  [/^HE_XQOBTN01$/i, 'hesa-xqobtn', "FFT Education Datalab's data dictionary"],
  [/^HE_XMODE01$/i, 'hesa-xmode', "FFT Education Datalab's data dictionary"],
  [/^HE_XLEV601$/i, 'hesa-xlev6', "FFT Education Datalab's data dictionary"],
];

/** Gives code lists to columns that have none, from the companion code sets. Returns how many were filled. */
export function applyCodeSets(columns: readonly ColumnDraft[], sets: CodeSets): number {
  let filled = 0;
  for (const column of columns) {
    if (column.codes && column.codes.length > 0) continue;
    for (const [pattern, key, source] of CODE_SET_RULES) {
      const codes = sets.get(key);
      if (!pattern.test(column.name) || !codes || codes.length === 0) continue;
      column.codes = [...codes];
      column.notes.push(`Code labels from ${source}.`);
      filled++;
      break;
    }
  }
  return filled;
}

/** Parses a CSV with quoted fields; the ECHILD maps are small and plain, so this suffices. */
export function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '')));
}

/**
 * Adds older School Census and PLASC names from ECHILD's spring map as synonyms.
 * A chain such as `FreeSchoolMeals_02` → `FSMeligible_SPR10` becomes the synonym
 * `FreeSchoolMeals_[yy]` on `FSMeligible_[term][yy]`, unless that name already has its own entry.
 */
export function applySpringCensusSynonyms(columns: readonly ColumnDraft[], csv: readonly string[][]): number {
  const [, ...rows] = csv;
  const targetToStem = new Map<string, string>();
  for (const [table, source, target] of rows) {
    if (table === 'Spring_Census_20' && source && target && source !== 'NULL') targetToStem.set(target, source.replace(/_SPR$/i, ''));
  }
  const byStem = new Map<string, ColumnDraft>();
  for (const column of columns) {
    const match = /^(.+)_\[term\]\[yy\]$/.exec(column.name);
    if (match) byStem.set(match[1]!.toLowerCase(), column);
  }
  const taken = takenShapes(columns);
  let added = 0;
  for (const [table, source, target] of rows) {
    if (!table || !source || !target || source === 'NULL' || !/^(PLASC|Spring_Census)_\d{4}$/.test(table)) continue;
    const older = /^(.+?)_(?:SPR)?\d{2}$/i.exec(source);
    const stem = targetToStem.get(target);
    const column = stem ? byStem.get(stem.toLowerCase()) : undefined;
    if (!older || !column || older[1]!.toLowerCase() === stem!.toLowerCase()) continue;
    const synonym = table.startsWith('PLASC') ? `${older[1]}_[yy]` : `${older[1]}_[term][yy]`;
    if (taken.has(templateShape(synonym)) || column.synonyms.includes(synonym)) continue;
    column.synonyms.push(synonym);
    column.notes.push(`Older name ${synonym} (ECHILD field-name map, ${table}).`);
    taken.add(templateShape(synonym));
    added++;
  }
  return added;
}

/** Adds older absence names (`*_Annual` before 2012, and 2005 names) from ECHILD's absence map. */
export function applyAbsenceSynonyms(columns: readonly ColumnDraft[], csv: readonly string[][]): number {
  const [, ...rows] = csv;
  const byName = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
  const taken = takenShapes(columns);
  let added = 0;
  for (const [current, older2006, older2005] of rows) {
    if (!current || current === 'NULL') continue;
    const column = byName.get(`${current.toLowerCase()}_ab[yy]`);
    if (!column) continue;
    for (const [older, period] of [[older2006, '2005/06 to 2010/11'], [older2005, '2004/05']] as const) {
      if (!older || older === 'NULL' || older.toLowerCase() === current.toLowerCase()) continue;
      const synonym = `${older}_ab[yy]`;
      if (taken.has(templateShape(synonym)) || column.synonyms.includes(synonym)) continue;
      column.synonyms.push(synonym);
      column.notes.push(`Named ${synonym} in ${period} (ECHILD absence map).`);
      taken.add(templateShape(synonym));
      added++;
    }
  }
  return added;
}

/** Every shape a table's names already claim, so synonyms never shadow a field of their own. */
function takenShapes(columns: readonly ColumnDraft[]): Set<string> {
  const shapes = new Set<string>();
  for (const column of columns) {
    for (const name of [column.name, ...column.synonyms]) {
      shapes.add(templateShape(name));
      const termless = termlessTemplate(name);
      if (termless) shapes.add(templateShape(termless));
      const anon = anonFirstTemplate(name);
      if (anon) shapes.add(templateShape(anon));
    }
  }
  return shapes;
}
