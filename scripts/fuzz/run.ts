/**
 * `npm run fuzz`: seeded, time-bounded fuzzing of every language's analysis, completion, hover and definition, and
 * of incremental re-analysis, on mutated copies of the repository's own scripts. Each case runs in a worker thread
 * so that a hang can be ended; every failing input is saved with its outcome under `--out` and can be replayed.
 *
 *   npm run fuzz -- [--seconds 60] [--seed 1] [--language sql|r] [--max-size 2097152] [--limit-ms 2000] [--out DIR] [--strict]
 *   npm run fuzz -- --replay test-results/fuzz/<id>.json
 *
 * Exits 1 when a case crashed, hung (over five times the limit) or gave incremental findings that differ from a
 * fresh analysis; with --strict also when a case was slow (over the limit) or left part of a file unchecked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { LanguageId } from '../../server/src/languages/types';
import type { FuzzCase } from './check';
import { mutate } from './mutate';
import { seededRandom, type Random } from './random';
import { FuzzWorker, type WorkerOutcome } from './pool';
import { loadSeeds } from './seeds';
import { emptyTally, formatSummary, record, type Tally } from './summary';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      language: { type: 'string' },
      'max-size': { type: 'string', default: String(2 * 1024 * 1024) },
      'limit-ms': { type: 'string', default: '2000' },
      out: { type: 'string', default: path.join(ROOT, 'test-results/fuzz') },
      strict: { type: 'boolean', default: false },
      replay: { type: 'string' },
    },
  });
  const limitMs = Number(values['limit-ms']);
  const worker = new FuzzWorker();
  try {
    if (values.replay !== undefined) return await replay(worker, values.replay, limitMs);
    const seeds = loadSeeds(ROOT);
    const languages = (values.language !== undefined ? [values.language] : Object.keys(seeds)) as LanguageId[];
    const random = seededRandom(Number(values.seed));
    const deadline = Date.now() + Number(values.seconds) * 1000;
    const maxSize = Number(values['max-size']);
    const tallies = new Map<LanguageId, Tally>(languages.map((l) => [l, emptyTally()]));
    fs.mkdirSync(values.out!, { recursive: true });
    let n = 0;
    while (Date.now() < deadline) {
      const language = languages[n % languages.length]!;
      const input = makeCase(language, seeds[language] ?? [], random, maxSize);
      const outcome = await worker.run(input, limitMs * 5);
      const failed = record(tallies.get(language)!, input, outcome, limitMs);
      if (failed) save(values.out!, `${values.seed}-${n}`, input, outcome);
      n++;
    }
    process.stdout.write(formatSummary(tallies, limitMs));
    const bad = [...tallies.values()].some((t) => t.crashes + t.hangs + t.mismatches > 0 || (values.strict === true && t.slow + t.unchecked > 0));
    return bad ? 1 : 0;
  } finally {
    await worker.close();
  }
}

function makeCase(language: LanguageId, seeds: readonly string[], random: Random, maxSize: number): FuzzCase {
  const base = seeds.length > 0 ? random.pick(seeds) : '';
  const text = mutate(base, random, seeds).slice(0, maxSize);
  const offsets = Array.from({ length: 20 }, () => random.int(text.length + 1));
  const start = random.int(text.length + 1);
  const edit = { start, end: Math.min(text.length, start + random.int(3)), text: random.pick(['', 'a', '(', ')', '"', "'", ',', '\n', ' ', '%', '$']) };
  return { language, text, offsets, edit };
}

function save(out: string, id: string, input: FuzzCase, outcome: WorkerOutcome): void {
  const inputFile = path.join(out, `${id}.input.${input.language === 'r' ? 'R' : input.language}`);
  fs.writeFileSync(inputFile, input.text);
  fs.writeFileSync(path.join(out, `${id}.json`), `${JSON.stringify({ language: input.language, input: path.basename(inputFile), offsets: input.offsets, edit: input.edit, outcome }, null, 2)}\n`);
}

async function replay(worker: FuzzWorker, file: string, limitMs: number): Promise<number> {
  const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { language: LanguageId; input: string; offsets: number[]; edit: FuzzCase['edit'] };
  const text = fs.readFileSync(path.join(path.dirname(file), saved.input), 'utf8');
  const outcome = await worker.run({ language: saved.language, text, offsets: saved.offsets, edit: saved.edit }, limitMs * 5);
  process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  return outcome.kind === 'ok' ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
