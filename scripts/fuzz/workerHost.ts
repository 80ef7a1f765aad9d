/**
 * Runs inputs in a worker thread with a time limit on each step. A step over the limit is a hang: the
 * thread is terminated and a new one is started for the next input. The worker samples its own heap at
 * each step; the process's resident size (which includes the worker's heap) is polled from here while
 * the worker works, since a synchronous analysis cannot report anything until its step ends.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyserSpec, ExerciseInput, ExerciseOutcome, RunRequest, WorkerMessage, WorkerSetup } from './protocol';

export type RunResult =
  | { readonly kind: 'ok'; readonly outcome: ExerciseOutcome; readonly milliseconds: number; readonly peakHeap: number; readonly peakRss: number }
  | { readonly kind: 'crash'; readonly step: string; readonly message: string; readonly stack: string; readonly milliseconds: number; readonly peakHeap: number; readonly peakRss: number }
  | { readonly kind: 'hang'; readonly step: string; readonly milliseconds: number; readonly peakHeap: number; readonly peakRss: number };

export interface HostOptions {
  readonly analyser: AnalyserSpec;
  /** The limit on one step (one analysis, one completion request), in milliseconds. */
  readonly timeLimitMs: number;
  /** The worker's old-generation heap limit; running out of it is a crash. */
  readonly maxHeapMb?: number;
}

/**
 * The language server runs its analyses on a process's main thread, whose V8 stack is about 1 MB
 * (V8's default --stack-size is 984 KB). A worker's default stack is 4 MB, which would hide the stack
 * overflows users meet, so the worker is given about the main thread's stack.
 */
const STACK_SIZE_MB = 1.2;
const RSS_POLL_MS = 50;
/** Loading the catalogue and the R grammar takes a few seconds; allow much more before giving up. */
const START_LIMIT_MS = 60_000;

/** The bootstrap that lets a worker thread load the repository's TypeScript through tsx. */
function bootstrap(): string {
  const tsxApi = require.resolve('tsx/cjs/api');
  const worker = path.join(__dirname, 'worker.ts');
  return `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(worker)});`;
}

interface Pending {
  readonly id: string;
  readonly resolve: (result: RunResult) => void;
  step: string;
  started: number;
  peakHeap: number;
  peakRss: number;
  timer?: NodeJS.Timeout;
  poller?: NodeJS.Timeout;
}

export class WorkerHost {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private pending: Pending | undefined;
  private nextId = 0;

  constructor(private readonly options: HostOptions) {}

  /** Runs one input; never rejects except when the worker cannot start at all. */
  async run(input: ExerciseInput): Promise<RunResult> {
    const worker = await this.start();
    const id = String(this.nextId++);
    return new Promise<RunResult>((resolve) => {
      const pending: Pending = { id, resolve, step: 'start', started: performance.now(), peakHeap: 0, peakRss: process.memoryUsage.rss() };
      this.pending = pending;
      this.armTimer(pending);
      pending.poller = setInterval(() => (pending.peakRss = Math.max(pending.peakRss, process.memoryUsage.rss())), RSS_POLL_MS);
      const request: RunRequest = { type: 'run', id, input };
      worker.postMessage(request);
    });
  }

  /** Ends the worker; the host can be used again afterwards (a new worker is started). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Promise<Worker> {
    if (!this.ready || !this.worker) {
      const setup: WorkerSetup = { analyser: this.options.analyser };
      const worker = new Worker(bootstrap(), {
        eval: true,
        workerData: setup,
        resourceLimits: { stackSizeMb: STACK_SIZE_MB, maxOldGenerationSizeMb: this.options.maxHeapMb ?? 4096 },
        stdout: false,
        stderr: false,
      });
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        const limit = setTimeout(() => reject(new Error('the fuzz worker did not start within 60 s')), START_LIMIT_MS);
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'ready') {
            clearTimeout(limit);
            resolve();
          } else if (message.type === 'setup-failed') {
            clearTimeout(limit);
            reject(new Error(`the fuzz worker could not load its analyser:\n${message.message}`));
          } else this.onMessage(message);
        });
        worker.on('error', (error) => {
          clearTimeout(limit);
          reject(error);
          this.onWorkerDied(worker, error);
        });
        worker.on('exit', (code) => this.onWorkerDied(worker, new Error(`the worker exited with code ${code}`)));
      });
    }
    const worker = this.worker;
    return this.ready.then(() => worker);
  }

  private armTimer(pending: Pending): void {
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      const milliseconds = performance.now() - pending.started;
      this.finish({ kind: 'hang', step: pending.step, milliseconds, peakHeap: pending.peakHeap, peakRss: pending.peakRss });
      void this.close();
    }, this.options.timeLimitMs);
  }

  private onMessage(message: WorkerMessage): void {
    const pending = this.pending;
    if (!pending || !('id' in message) || message.id !== pending.id) return;
    if (message.type === 'step') {
      pending.step = message.step;
      pending.peakHeap = Math.max(pending.peakHeap, message.heapUsed);
      this.armTimer(pending);
    } else if (message.type === 'done') {
      this.finish({ kind: 'ok', outcome: message.outcome, milliseconds: message.milliseconds, peakHeap: Math.max(pending.peakHeap, message.peakHeap), peakRss: pending.peakRss });
    } else if (message.type === 'crash') {
      const { step, stack, milliseconds } = message;
      this.finish({ kind: 'crash', step, message: message.message, stack, milliseconds, peakHeap: Math.max(pending.peakHeap, message.peakHeap), peakRss: pending.peakRss });
    }
  }

  /** A worker that dies mid-input (out of memory, say) crashed on that input. */
  private onWorkerDied(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    this.ready = undefined;
    const pending = this.pending;
    if (!pending) return;
    const code = (error as { code?: string }).code;
    const message = code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory: ${error.message}` : `${error.name}: ${error.message}`;
    this.finish({ kind: 'crash', step: pending.step, message, stack: error.stack ?? message, milliseconds: performance.now() - pending.started, peakHeap: pending.peakHeap, peakRss: pending.peakRss });
  }

  private finish(result: RunResult): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if (pending.timer) clearTimeout(pending.timer);
    if (pending.poller) clearInterval(pending.poller);
    pending.resolve(result);
  }
}
