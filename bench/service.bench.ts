/**
 * The whole pipeline as the editor's diagnostics and the CLI run it: the T-SQL front end, then the
 * disclosure checks, then severities, on generated 10,000- and 50,000-line scripts. The front end's
 * own figures are in sql.bench.ts; this shows what the disclosure checks add.
 *
 *   npx tsx bench/service.bench.ts
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { checkModel } from '../server/src/disclosure';
import { sqlLanguage } from '../server/src/languages/sql';
import { analyseUncached, createLanguageService } from '../server/src/service';
import { nodeFileReader } from '../server/src/workspace/fileSystem';
import { loadWorkspace } from '../server/src/workspace/loadWorkspace';
import { script } from './support/sqlScript';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const loaded = loadWorkspace({ bundledCatalogue: path.resolve(__dirname, '../catalogue/leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
  const environment = loaded.environment!;
  for (const lines of [10_000, 50_000]) {
    const text = script(lines);
    const total: number[] = [];
    const disclosure: number[] = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      findings = analyseUncached({ uri: 'bench.sql', language: 'sql', version: run, text }, environment).findings.length;
      total.push(performance.now() - started);
      const frontEnd = sqlLanguage.analyse(text, { catalogue: environment.catalogue, severityOverrides: {}, disclosure: environment.disclosure });
      started = performance.now();
      checkModel(frontEnd.dataflow(), text, environment.disclosure);
      disclosure.push(performance.now() - started);
    }
    process.stdout.write(
      `${String(lines).padStart(6)} lines  full diagnostics (front end + SDC rules), median of ${RUNS}: ${median(total).toFixed(0)} ms; of which dataflow model + SDC rules: ${median(disclosure).toFixed(0)} ms; ${findings} findings\n`,
    );
    if (lines === 10_000) editLoop(text, environment);
  }
}

/**
 * The editor's loop on the 10,000-line script: a one-character edit, then fresh diagnostics with the SDC rules,
 * the previous version's analysis at hand. Edits near the end resume the dataflow extraction from a late
 * checkpoint; edits in the middle re-extract the second half.
 */
function editLoop(text: string, environment: Parameters<typeof analyseUncached>[1]): void {
  const service = createLanguageService();
  let version = 0;
  void service.analyse({ uri: 'edit.sql', language: 'sql', version, text }, environment).findings;
  for (const [where, fraction] of [['near the end', 0.95], ['in the middle', 0.5]] as const) {
    const at = text.indexOf('AS fsm', Math.floor(text.length * fraction));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const edited = i % 2 === 0 ? `${text.slice(0, at)}AS fsmx${text.slice(at + 'AS fsm'.length)}` : text;
      const started = performance.now();
      void service.analyse({ uri: 'edit.sql', language: 'sql', version: ++version, text: edited }, environment).findings.length;
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * 0.95))]!;
    process.stdout.write(
      `        one-character edit ${where} to fresh diagnostics (front end + SDC rules): median ${median(times).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (target 30 ms: ${median(times) <= 30 ? 'met' : 'MISSED'})\n`,
    );
  }
}

main();
