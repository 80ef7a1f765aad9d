/**
 * Catalogue benchmarks: loading and indexing the bundled catalogue (targets: under 100 ms), name
 * lookups (target: under 5 µs each), and the same on a synthetic catalogue ten times larger, to
 * show how cost grows.
 *
 *   npx tsx bench/catalogue.bench.ts [--json]
 *
 * The first load in a fresh process is reported separately as "cold": it includes the JIT
 * warming up, which is what a user waits for when the language server starts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CatalogueIndex } from '../server/src/catalogue/api';
import { loadCatalogue } from '../server/src/catalogue/load';

const BUNDLED = resolve(__dirname, '../catalogue/leo-i2se.leo-catalogue.json');
const LOAD_RUNS = 10;
const LOOKUP_RUNS = 200_000;

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: 'ms' | 'µs';
  readonly target?: number;
}

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function load(text: string, trusted: boolean): CatalogueIndex {
  const result = loadCatalogue([{ path: 'bench.leo-catalogue.json', text, trusted }]);
  if (!result.index) throw new Error(`the catalogue did not load: ${result.problems[0]?.message}`);
  return result.index;
}

/** Microseconds per call, over many calls, after a warm-up. */
function perCall(action: (i: number) => unknown): number {
  for (let i = 0; i < 10_000; i++) action(i);
  const elapsed = time(() => {
    for (let i = 0; i < LOOKUP_RUNS; i++) action(i);
  });
  return (elapsed * 1000) / LOOKUP_RUNS;
}

/** A catalogue ten times larger: every table copied nine more times under new ids, views and column names. */
function tenfold(text: string): string {
  const data = JSON.parse(text) as { tables: { id: string; name: string; views?: { name: string }[]; columns: { name: string; synonyms?: string[] }[] }[] };
  const copies = [];
  for (let copy = 1; copy < 10; copy++) {
    // Letters, not digits, mark the copies, so the copied names have the same digit runs as the originals.
    const tag = String.fromCharCode(96 + copy);
    for (const table of data.tables) {
      copies.push({
        ...table,
        id: `${table.id}-copy-${tag}`,
        name: `${table.name} copy ${tag}`,
        views: (table.views ?? []).map((view) => ({ ...view, name: `${view.name}_c${tag}` })),
        columns: table.columns.map((column) => ({ ...column, name: `C${tag}_${column.name}`, synonyms: column.synonyms?.map((s) => `C${tag}_${s}`) })),
      });
    }
  }
  return JSON.stringify({ ...data, tables: [...data.tables, ...copies] });
}

function lookups(index: CatalogueIndex, prefix: string, suffix: string): Row[] {
  const spring = index.resolveTable({ database: 'npd_i2', name: `spring_census_2019${suffix}` });
  const earnings = index.resolveTable({ database: 'LEO_i2', name: `leo_earnings${suffix}` });
  if (!spring || !earnings) throw new Error('benchmark tables missing');
  const names = [`${prefix}fsmeligible_spr19`, `${prefix}FSMeligible_SPR18`, `${prefix}laestab_anon_spr19`, `${prefix}no_such_column`];
  return [
    { name: 'resolveTable (qualified family member)', value: perCall(() => index.resolveTable({ database: 'npd_i2', schema: 'x', name: `spring_census_2019${suffix}` })), unit: 'µs', target: 5 },
    { name: 'resolveTable (bare plain view)', value: perCall(() => index.resolveTable({ name: `LEO_EARNINGS${suffix}` })), unit: 'µs', target: 5 },
    { name: 'resolveColumn (family member, other year, anon, unknown)', value: perCall((i) => index.resolveColumn(spring, names[i % 4]!)), unit: 'µs', target: 5 },
    { name: 'resolveColumn (plain name)', value: perCall(() => index.resolveColumn(earnings, `${prefix}Earnings`)), unit: 'µs', target: 5 },
    { name: 'findColumns (across all tables)', value: perCall(() => index.findColumns(`${prefix}fsmeligible_spr19`)), unit: 'µs', target: 5 },
    { name: 'isLeoDatabase', value: perCall(() => index.isLeoDatabase('NPD_I2')), unit: 'µs', target: 5 },
    { name: 'columnsOf (cached)', value: perCall(() => index.columnsOf(spring)), unit: 'µs' },
  ];
}

/** A first load in a fresh process, so the JIT is cold as at server start. */
function coldLoad(trusted: boolean): number {
  const output = execFileSync(process.execPath, [...process.execArgv, __filename, '--cold-child', trusted ? 'trusted' : 'validated'], { encoding: 'utf8' });
  return Number(output.trim());
}

function loadRows(label: string, text: string): Row[] {
  if (label === 'bundled') {
    const coldTrusted = coldLoad(true);
    const coldValidated = coldLoad(false);
    rowsBefore.push(
      { name: 'bundled: first load in a fresh process, trusted (cold)', value: coldTrusted, unit: 'ms', target: 100 },
      { name: 'bundled: first load in a fresh process, validated (cold)', value: coldValidated, unit: 'ms', target: 100 },
    );
  }
  const cold = time(() => load(text, false));
  const validated = median(Array.from({ length: LOAD_RUNS }, () => time(() => load(text, false))));
  const trusted = median(Array.from({ length: LOAD_RUNS }, () => time(() => load(text, true))));
  return [
    { name: `${label}: first load in this process, validated`, value: cold, unit: 'ms' },
    { name: `${label}: load + index, validated (median of ${LOAD_RUNS})`, value: validated, unit: 'ms', target: label === 'bundled' ? 100 : undefined },
    { name: `${label}: load + index, trusted (median of ${LOAD_RUNS})`, value: trusted, unit: 'ms', target: label === 'bundled' ? 100 : undefined },
  ];
}

const rowsBefore: Row[] = [];

function main(): void {
  const text = readFileSync(BUNDLED, 'utf8');
  const coldMode = process.argv[process.argv.indexOf('--cold-child') + 1];
  if (process.argv.includes('--cold-child')) {
    // Reading the file is the adapter's work, not the loader's, so it is outside the timing.
    console.log(time(() => load(text, coldMode === 'trusted')).toFixed(1));
    return;
  }
  const bundledRows = loadRows('bundled', text);
  const rows: Row[] = [...rowsBefore, ...bundledRows];
  const index = load(text, true);
  rows.push(...lookups(index, '', '').map((row) => ({ ...row, name: `bundled: ${row.name}` })));

  const large = tenfold(text);
  rows.push(...loadRows('10× synthetic', large));
  const largeIndex = load(large, true);
  rows.push(...lookups(largeIndex, 'Cg_', '_cg').map((row) => ({ ...row, name: `10× synthetic: ${row.name}` })));
  const sizes = { bundled: { bytes: text.length, tables: index.tables.length }, tenfold: { bytes: large.length, tables: largeIndex.tables.length } };

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ sizes, rows }, null, 2));
    return;
  }
  console.log(`bundled: ${sizes.bundled.tables} tables, ${(sizes.bundled.bytes / 1e6).toFixed(2)} MB; 10×: ${sizes.tenfold.tables} tables, ${(sizes.tenfold.bytes / 1e6).toFixed(2)} MB`);
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) {
    const verdict = row.target === undefined ? '' : row.value <= row.target ? `  ok (target < ${row.target} ${row.unit})` : `  OVER target ${row.target} ${row.unit}`;
    console.log(`${row.name.padEnd(width)}  ${row.value.toFixed(row.unit === 'ms' ? 1 : 3).padStart(9)} ${row.unit}${verdict}`);
  }
}

main();
