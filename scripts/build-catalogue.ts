/**
 * Builds the bundled LEO catalogue from DfE's variable request form.
 *
 *   npx tsx scripts/build-catalogue.ts [path/to/request-form.xlsx] [--out file] [--check] [--quiet]
 *
 * The form defaults to ../shared/leo-sources/dfe-leo-i2se-variable-request-form-v2.3.xlsx
 * (relative to the repository root); the companion sources are read from the same folder when
 * present. Every row the generator cannot read is listed. `--check` compares instead of writing
 * and fails when the committed catalogue is stale. Exit codes: 0 ok, 1 errors in the input,
 * 2 bad arguments or unreadable files, 3 stale catalogue (with --check).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCatalogue } from '../server/src/catalogue/load';
import { assembleCatalogue, type Mapping } from './catalogue/assemble';
import { serialiseCatalogue } from './catalogue/emit';
import { formatProblem } from './catalogue/problems';
import { readWorkbookFile } from './catalogue/workbook';

const ROOT = resolve(__dirname, '..');
const SOURCES = resolve(ROOT, '../shared/leo-sources');
const DEFAULT_FORM = join(SOURCES, 'dfe-leo-i2se-variable-request-form-v2.3.xlsx');
const DEFAULT_OUT = join(ROOT, 'catalogue/leo-i2se.leo-catalogue.json');
const MAPPING = join(ROOT, 'scripts/catalogue/tables.json');

interface Options {
  readonly form: string;
  readonly out: string;
  readonly check: boolean;
  readonly quiet: boolean;
}

function parseArguments(args: readonly string[]): Options | string {
  let form = DEFAULT_FORM;
  let out = DEFAULT_OUT;
  let check = false;
  let quiet = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--out') out = resolve(args[++index] ?? '');
    else if (arg === '--check') check = true;
    else if (arg === '--quiet') quiet = true;
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else form = resolve(arg);
  }
  return { form, out, check, quiet };
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(`build-catalogue: ${options}`);
    return 2;
  }
  if (!existsSync(options.form)) {
    console.error(`build-catalogue: cannot find the request form at ${options.form}`);
    return 2;
  }
  const mapping = JSON.parse(readFileSync(MAPPING, 'utf8')) as Mapping;
  const folder = dirname(options.form);
  const optional = (name: string): string | undefined => (existsSync(join(folder, name)) ? join(folder, name) : undefined);
  const npdPath = optional('dfe-npd-data-tables-2018.xlsx');
  const fftPath = optional('fft-leo-derived-tables-data-dictionary.xlsx');
  const springPath = optional('echild-spring-census-field-mappings.csv');
  const absencePath = optional('echild-school-absence-field-mappings.csv');

  const form = await readWorkbookFile(options.form);
  const result = assembleCatalogue(form, mapping, {
    npdTables: npdPath ? await readWorkbookFile(npdPath) : undefined,
    fftDictionary: fftPath ? await readWorkbookFile(fftPath) : undefined,
    springCensusCsv: springPath ? readFileSync(springPath, 'utf8') : undefined,
    absenceCsv: absencePath ? readFileSync(absencePath, 'utf8') : undefined,
  });
  const text = serialiseCatalogue(result.catalogue);

  // The output must load cleanly with the same loader the extension uses.
  const loaded = loadCatalogue([{ path: options.out, text }]);
  const loadErrors = loaded.problems.filter((problem) => problem.severity === 'error');

  const shown = options.quiet ? result.problems.filter((problem) => problem.level !== 'info') : result.problems;
  for (const problem of shown) console.log(formatProblem(problem));
  for (const problem of loadErrors) console.log(`${problem.file}: ${problem.path}: ${problem.message}`);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const problem of result.problems) counts[problem.level]++;
  const summary = result.summary;
  console.log(
    `read ${summary.tabs} tabs, ${summary.fieldRows} field rows → ${summary.columns} columns ` +
      `(${summary.duplicatesMerged} duplicate rows merged, ${summary.codeSetsApplied} code lists from companion sources, ` +
      `${summary.synonymsFromEchild} ECHILD synonyms); ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`,
  );

  if (options.check) {
    const current = existsSync(options.out) ? readFileSync(options.out, 'utf8') : '';
    if (current !== text) {
      console.error(`build-catalogue: ${options.out} is stale; run npx tsx scripts/build-catalogue.ts`);
      return 3;
    }
    console.log(`${options.out} is up to date`);
  } else {
    writeFileSync(options.out, text);
    console.log(`wrote ${options.out} (${text.length} bytes)`);
  }
  return counts.error > 0 || loadErrors.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`build-catalogue: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
