/**
 * One fuzz case: a text analysed as the editor and the CLI would, every feature asked at some offsets, and an edit
 * re-analysed incrementally and compared with a fresh analysis. Analyses must never throw, and the incremental
 * answer must equal the fresh one. Parts left unchecked (LEO000) are counted: they are visible, not silent.
 */
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../../server/src/analysisEnvironment';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import type { LanguageId } from '../../server/src/languages/types';
import type { Finding } from '../../server/src/model/findings';
import { NOT_CHECKED_CODE } from '../../server/src/model/notChecked';
import { analyseUncached, createLanguageService } from '../../server/src/service';
import { nodeFileReader } from '../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../server/src/workspace/loadWorkspace';

export interface FuzzCase {
  readonly language: LanguageId;
  readonly text: string;
  /** Offsets at which completion, hover and definition are asked. */
  readonly offsets: readonly number[];
  /** A small edit to apply for the incremental check. */
  readonly edit: { readonly start: number; readonly end: number; readonly text: string };
}

export type Outcome =
  | { readonly kind: 'ok'; readonly unchecked: readonly string[]; readonly ms: number; readonly heapMb: number }
  | { readonly kind: 'crash'; readonly stage: string; readonly error: string; readonly ms: number; readonly heapMb: number }
  | { readonly kind: 'mismatch'; readonly detail: string; readonly ms: number; readonly heapMb: number };

let environment: AnalysisEnvironment | undefined;

function bundledEnvironment(): AnalysisEnvironment {
  if (environment !== undefined) return environment;
  const catalogue = path.resolve(__dirname, '../../catalogue/leo-i2se.leo-catalogue.json');
  environment = loadWorkspace({ bundledCatalogue: catalogue, settings: DEFAULT_SETTINGS }, nodeFileReader).environment!;
  return environment;
}

const key = (f: Finding): string => `${f.code}@${f.start}-${f.end}:${f.message}`;

export function runCase(input: FuzzCase): Outcome {
  const started = performance.now();
  const env = bundledEnvironment();
  let stage = 'analyse';
  const done = <T extends object>(outcome: T): T & { ms: number; heapMb: number } => ({
    ...outcome,
    ms: performance.now() - started,
    heapMb: process.memoryUsage().heapUsed / 1048576,
  });
  try {
    const document = { uri: `fuzz.${input.language}`, language: input.language, version: 1, text: input.text };
    const analysis = analyseUncached(document, env);
    const findings = analysis.findings;
    for (const offset of input.offsets) {
      stage = `complete@${offset}`;
      analysis.complete(offset);
      stage = `hover@${offset}`;
      analysis.hover(offset);
      stage = `definition@${offset}`;
      analysis.definition(offset);
    }
    stage = 'symbols';
    analysis.symbols();
    stage = 'folding';
    analysis.folding();
    stage = 'incremental';
    const service = createLanguageService();
    service.analyse(document, env).findings;
    const edited = input.text.slice(0, input.edit.start) + input.edit.text + input.text.slice(input.edit.end);
    const incremental = service.analyse({ ...document, version: 2, text: edited }, env).findings.map(key);
    const fresh = analyseUncached({ ...document, version: 2, text: edited }, env).findings.map(key);
    if (incremental.join('\n') !== fresh.join('\n')) {
      const first = incremental.find((k, i) => k !== fresh[i]) ?? fresh[incremental.length] ?? '';
      return done({ kind: 'mismatch' as const, detail: `incremental ${incremental.length} vs fresh ${fresh.length} findings; first difference: ${first.slice(0, 300)}` });
    }
    return done({ kind: 'ok' as const, unchecked: findings.filter((f) => f.code === NOT_CHECKED_CODE).map((f) => f.message) });
  } catch (error) {
    return done({ kind: 'crash' as const, stage, error: error instanceof Error ? `${error.stack ?? error.message}`.slice(0, 4000) : String(error) });
  }
}
