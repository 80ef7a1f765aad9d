/**
 * The worker thread that runs the analysis under test, so that a hang can be ended by terminating the
 * thread without losing the runner. It loads the analyser named in workerData, says when it is ready,
 * then runs one input per request and reports each step as it starts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzAnalyser, RunRequest, WorkerMessage, WorkerSetup } from './protocol';

const port = parentPort!;
const setup = workerData as WorkerSetup;

function send(message: WorkerMessage): void {
  port.postMessage(message);
}

async function load(): Promise<FuzzAnalyser> {
  // The repository's TypeScript is CommonJS under tsx, so the analyser is required, not imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(setup.analyser.module) as Record<string, unknown>;
  const factory = loaded[setup.analyser.exportName];
  if (typeof factory !== 'function') throw new Error(`${setup.analyser.module} has no function ${setup.analyser.exportName}`);
  return (await (factory as () => FuzzAnalyser | Promise<FuzzAnalyser>)()) as FuzzAnalyser;
}

function run(analyser: FuzzAnalyser, request: RunRequest): void {
  let step = 'start';
  let peakHeap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const onStep = (name: string): void => {
    const heapUsed = process.memoryUsage().heapUsed;
    peakHeap = Math.max(peakHeap, heapUsed);
    step = name;
    send({ type: 'step', id: request.id, step: name, heapUsed });
  };
  try {
    const outcome = analyser.exercise(request.input, onStep);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    send({ type: 'done', id: request.id, outcome, milliseconds: performance.now() - started, peakHeap });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const stack = error instanceof Error ? (error.stack ?? message) : message;
    send({ type: 'crash', id: request.id, step, message, stack, milliseconds: performance.now() - started, peakHeap });
  }
}

load().then(
  (analyser) => {
    port.on('message', (request: RunRequest) => run(analyser, request));
    send({ type: 'ready' });
  },
  (error: unknown) => send({ type: 'setup-failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
