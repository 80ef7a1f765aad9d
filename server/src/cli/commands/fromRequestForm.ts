/**
 * `leo-lens catalogue from-request-form FORM.xlsx [--out project.leo-catalogue.json] [--format text|json]`: reads a
 * project's filled-in variable request form and writes its extract, a restriction overlay that `.leo-lens.json`
 * names with `"extract"`. Every row or mark that could not be read is listed; they are left out of the extract.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue } from '../../catalogue';
import { readRequestForm, type FormProblem } from '../../extract/requestForm';
import { VERSION } from '../../version';
import { findBundledCatalogue } from '../../workspace/fileSystem';
import { oneOf, parseOptions, UsageError, type CliIo } from '../io';
import { readWorkbookFile } from '../workbook';

export const DEFAULT_EXTRACT_FILE = 'project.leo-catalogue.json';

export async function runFromRequestForm(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { out: { type: 'string' }, format: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('catalogue from-request-form takes exactly one request form (.xlsx)');
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const form = path.resolve(io.cwd, positionals[0]!);
  const out = path.resolve(io.cwd, values.out ?? DEFAULT_EXTRACT_FILE);

  const bundled = findBundledCatalogue(io.scriptDirectory);
  if (!bundled) {
    io.stderr('leo-lens: the bundled catalogue (catalogue/leo-i2se.leo-catalogue.json) was not found next to the CLI.\n');
    return 2;
  }
  const catalogue = loadCatalogue([{ path: bundled, text: fs.readFileSync(bundled, 'utf8'), trusted: true }]).index;
  if (!catalogue) {
    io.stderr('leo-lens: the bundled catalogue could not be loaded.\n');
    return 2;
  }
  let sheets;
  try {
    sheets = await readWorkbookFile(form);
  } catch (error) {
    io.stderr(`leo-lens: cannot read the request form ${form}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const result = readRequestForm(sheets, catalogue, (table) => table.definedIn === bundled);
  if (result.summary.tables === 0 && !sheets.some((sheet) => catalogue.tables.some((table) => table.name.trim() === sheet.name.trim()))) {
    io.stderr(`leo-lens: ${form} does not look like a LEO variable request form: none of its sheets is a table tab of the form.\n`);
    return 2;
  }
  const file = {
    formatVersion: 1,
    id: 'project-extract',
    name: `Project extract from ${path.basename(form)}`,
    extract: { form: path.basename(form), created: `leo-lens ${VERSION}, ${new Date().toISOString().slice(0, 10)}`, ...result.extract },
  };
  try {
    fs.writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  } catch (error) {
    io.stderr(`leo-lens: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const shownOut = path.relative(io.cwd, out) || out;
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ out: shownOut, summary: result.summary, problems: result.problems }, null, 2)}\n`);
    return 0;
  }
  for (const problem of result.problems) io.stdout(`${formatFormProblem(problem)}\n`);
  const { tables, requestedFields, defaultFields } = result.summary;
  const unread = result.problems.filter((problem) => problem.level === 'warning').length;
  io.stdout(
    `wrote ${shownOut}: ${tables} tables granted, ${requestedFields} requested fields and ${defaultFields} default fields` +
      `${unread > 0 ? `; ${unread} rows or marks could not be read (listed above)` : ''}\n` +
      `Name it in .leo-lens.json as "extract": "${shownOut.split(path.sep).join('/')}".\n`,
  );
  return 0;
}

export function formatFormProblem(problem: FormProblem): string {
  return `${problem.sheet}${problem.row !== undefined ? ` row ${problem.row}` : ''}: ${problem.level}: ${problem.message}`;
}
