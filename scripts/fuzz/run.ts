/**
 * `npm run fuzz`: feeds mutated T-SQL, R, Python and Stata to the whole service in a worker thread and
 * reports crashes, hangs, swallowed errors (LEO000 notes) and incremental mismatches. Exits 1 on any
 * crash, hang or mismatch (and with --strict on swallowed errors too). See args.ts for the options.
 */
import * as path from 'node:path';
import { parseArguments } from './args';
import { failed, formatSummary } from './report';
import { replay } from './replay';
import { runFuzz, SERVICE_ANALYSER } from './runner';

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (options.replay !== undefined) {
    const result = await replay(path.resolve(options.replay), {
      timeLimitMs: options.timeLimitMs,
      analyser: SERVICE_ANALYSER,
      ...(options.shrink ? { shrinkSeconds: options.shrinkSeconds } : {}),
      log,
    });
    return result.reproduced ? 1 : 0;
  }
  const outDir = path.resolve(options.outDir);
  const summary = await runFuzz({
    seed: options.seed,
    seconds: options.seconds,
    languages: options.languages,
    maxSize: options.maxSize,
    ...(options.maxInputs !== undefined ? { maxInputs: options.maxInputs } : {}),
    outDir,
    timeLimitMs: options.timeLimitMs,
    log,
  });
  log('');
  log(formatSummary(summary));
  if (options.shrink) {
    // Shrinking happens after the bounded run, one example of each distinct failure.
    for (const tally of summary.signatures.values()) {
      if (tally.example === undefined) continue;
      log(`\nShrinking ${tally.signature}`);
      await replay(tally.example, { timeLimitMs: options.timeLimitMs, analyser: SERVICE_ANALYSER, shrinkSeconds: options.shrinkSeconds, log });
    }
  }
  return failed(summary, options.strict) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
