/** The command line of `npm run fuzz`. */
import type { LanguageId } from '../../server/src/languages/types';
import { ALL_LANGUAGES } from './corpus';
import { DEFAULT_MAX_SIZE } from './inputs';
import { DEFAULT_TIME_LIMIT_MS } from './runner';

export interface FuzzArguments {
  readonly seconds: number;
  readonly languages: readonly LanguageId[];
  readonly seed: number;
  readonly maxSize: number;
  readonly maxInputs?: number;
  readonly outDir: string;
  readonly timeLimitMs: number;
  readonly strict: boolean;
  readonly replay?: string;
  readonly shrink: boolean;
  readonly shrinkSeconds: number;
}

export const USAGE = `npm run fuzz -- [--seconds N] [--language sql|r|python|stata] [--seed N] [--max-size BYTES]
                    [--max-inputs N] [--time-limit MS] [--out DIR] [--strict] [--shrink [--shrink-seconds N]]
npm run fuzz -- --replay test-results/fuzz/<id>.json [--shrink]`;

export const DEFAULT_SEED = 20260101;

function number(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} needs a non-negative number\n${USAGE}`);
  return parsed;
}

export function parseArguments(argv: readonly string[]): FuzzArguments {
  let seconds = 60;
  const languages: LanguageId[] = [];
  let seed = DEFAULT_SEED;
  let maxSize = DEFAULT_MAX_SIZE;
  let maxInputs: number | undefined;
  let outDir = 'test-results/fuzz';
  let timeLimitMs = DEFAULT_TIME_LIMIT_MS;
  let strict = false;
  let replay: string | undefined;
  let shrink = false;
  let shrinkSeconds = 30;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--seconds': seconds = number(flag, value()); break;
      case '--seed': seed = Math.floor(number(flag, value())); break;
      case '--max-size': maxSize = Math.max(1, Math.floor(number(flag, value()))); break;
      case '--max-inputs': maxInputs = Math.floor(number(flag, value())); break;
      case '--time-limit': timeLimitMs = number(flag, value()); break;
      case '--shrink-seconds': shrinkSeconds = number(flag, value()); break;
      case '--out': outDir = value() ?? outDir; break;
      case '--replay': replay = value(); break;
      case '--strict': strict = true; break;
      case '--shrink': shrink = true; break;
      case '--language':
        for (const language of (value() ?? '').split(',')) {
          if (!(ALL_LANGUAGES as readonly string[]).includes(language)) throw new Error(`unknown language ${JSON.stringify(language)}\n${USAGE}`);
          languages.push(language as LanguageId);
        }
        break;
      default:
        throw new Error(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return {
    seconds,
    languages: languages.length > 0 ? languages : ALL_LANGUAGES,
    seed,
    maxSize,
    ...(maxInputs !== undefined ? { maxInputs } : {}),
    outDir,
    timeLimitMs,
    strict,
    ...(replay !== undefined ? { replay } : {}),
    shrink,
    shrinkSeconds,
  };
}
