/**
 * Stata benchmarks on a generated 10,000-line do-file, through the service as the editor and the CLI run it:
 * the Stata front end, then the dataflow model and the SDC rules (reading `.findings` forces both).
 *
 *   npx tsx bench/stata.bench.ts [--json]
 *
 * Two figures, with their targets at 10,000 lines:
 * - full diagnostics (LEO1xx and SDC0xx), cold: a new service and no previous analysis, ≤ 200 ms;
 * - completion p95 in varlists, expressions, options and embedded SQL, ≤ 5 ms.
 */
import * as path from 'node:path';
import { cpus, loadavg } from 'node:os';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { createLanguageService, type DocumentInput } from '../server/src/service';
import { nodeFileReader } from '../server/src/workspace/fileSystem';
import { loadWorkspace } from '../server/src/workspace/loadWorkspace';
import { stataScript } from './support/stataScript';
import { formatRow, row, sample, timed, type Timed } from './support/timing';

const COLD_RUNS = 7;
const SAMPLES = 400;

/** Where completion is asked: in varlists, after `=`, in `by()`, and inside the SQL of `exec()`. */
function completionPoints(text: string): number[] {
  const points: number[] = [];
  const patterns = [/generate byte girl = /g, /by\(/g, /bysort /g, /keep /g, /exec\("SELECT /g, /order /g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) points.push(match.index! + match[0].length);
  return points;
}

function main(): void {
  const json = process.argv.includes('--json');
  const loaded = loadWorkspace({ bundledCatalogue: path.resolve(__dirname, '../catalogue/leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
  const environment = loaded.environment;
  if (!environment) throw new Error('the bundled catalogue did not load');
  const text = stataScript(10000);
  const lines = text.split('\n').length;
  const document = (version: number): DocumentInput => ({ uri: 'file:///bench/analysis.do', language: 'stata', version, text });

  const cold: Timed<number>[] = [];
  for (let run = 0; run < COLD_RUNS; run++) cold.push(timed(() => createLanguageService().analyse(document(run), environment).findings.length));
  const findings = cold[0]!.value;

  const analysis = createLanguageService().analyse(document(100), environment);
  void analysis.findings;
  const completions: Timed<number>[] = [];
  for (const offset of sample(completionPoints(text), SAMPLES)) completions.push(timed(() => analysis.complete(offset).items.length));

  const rows = [
    row('full diagnostics (LEO1xx + SDC), cold', cold, 200, 'median'),
    row(`completion (${completions.length} places)`, completions, 5, 'p95'),
  ];
  const failed = rows.filter((r) => (r.judged === 'p95' ? r.p95! : r.median) > r.target);
  if (json) {
    process.stdout.write(JSON.stringify({ node: process.version, cpu: cpus()[0]?.model, load: loadavg(), lines, findings, rows }, null, 2) + '\n');
  } else {
    process.stdout.write(`Stata benchmark (${lines} lines, ${findings} findings, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()[0]!.toFixed(2)})\n`);
    for (const r of rows) process.stdout.write(formatRow(r));
  }
  if (failed.length > 0) process.exitCode = 1;
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
