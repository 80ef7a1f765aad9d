/**
 * Timing helpers the front-end benchmarks share: a full garbage collection before each measured run, wall and
 * CPU time of a run, percentiles, and one row of figures with its target.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Row {
  readonly name: string;
  readonly best: number;
  readonly median: number;
  readonly p95?: number;
  readonly cpu: number;
  readonly target: number;
  /** Which statistic the target applies to. */
  readonly judged: 'median' | 'p95';
}

/**
 * A full garbage collection before each measured run, so each run pays for its own garbage and not for
 * the runs before it. Exposed at run time because `npx tsx` gives no way to pass `--expose-gc`.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface Timed<T> {
  readonly value: T;
  readonly wall: number;
  readonly cpu: number;
}

export function timed<T>(action: () => T): Timed<T> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = action();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** The CPU time of the run whose wall time is the median. */
export function medianCpu(runs: readonly Timed<unknown>[]): number {
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  return sorted[Math.floor((sorted.length - 1) / 2)]!.cpu;
}

export function row(name: string, runs: readonly Timed<unknown>[], target: number, judged: 'median' | 'p95'): Row {
  const walls = runs.map((r) => r.wall);
  return { name, best: Math.min(...walls), median: percentile(walls, 0.5), p95: percentile(walls, 0.95), cpu: medianCpu(runs), target, judged };
}

/** One line of a benchmark's text report. */
export function formatRow(r: Row): string {
  const judged = r.judged === 'p95' ? r.p95! : r.median;
  const verdict = judged <= r.target ? `ok (${r.judged} ≤ ${r.target} ms)` : `OVER TARGET (${r.judged} ${r.target} ms)`;
  const figures = `best ${r.best.toFixed(1)}, median ${r.median.toFixed(1)}${r.judged === 'p95' ? `, p95 ${r.p95!.toFixed(2)}` : ''} ms; CPU ${r.cpu.toFixed(1)} ms`;
  return `  ${r.name.padEnd(46)} ${figures.padEnd(48)} ${verdict}\n`;
}

export function sample<T>(items: readonly T[], count: number): T[] {
  const picked: T[] = [];
  const step = Math.max(1, Math.floor(items.length / count));
  for (let i = 0; i < items.length && picked.length < count; i += step) picked.push(items[i]!);
  return picked;
}
