/**
 * One worker thread that runs fuzz cases, replaced by a fresh one whenever a case outlives its time limit.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FuzzCase, Outcome } from './check';

export type WorkerOutcome = Outcome | { readonly kind: 'hang'; readonly ms: number };

export class FuzzWorker {
  #worker: Worker | undefined;

  async run(input: FuzzCase, timeoutMs: number): Promise<WorkerOutcome> {
    const worker = (this.#worker ??= spawn());
    const started = Date.now();
    return new Promise<WorkerOutcome>((resolve) => {
      const timer = setTimeout(() => {
        worker.removeAllListeners('message');
        void worker.terminate();
        this.#worker = undefined;
        resolve({ kind: 'hang', ms: Date.now() - started });
      }, timeoutMs);
      worker.once('message', (outcome: Outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      });
      worker.postMessage(input);
    });
  }

  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

function spawn(): Worker {
  // The worker is TypeScript: tsx's CommonJS hook is registered in the thread before the worker module loads.
  const entry = JSON.stringify(path.join(__dirname, 'worker.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
  worker.unref();
  return worker;
}
