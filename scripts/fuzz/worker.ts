/**
 * The fuzz worker: sets up the front ends once, then runs each case it is sent and posts the outcome back.
 * A case that hangs is ended from outside by terminating this worker.
 */
import { parentPort } from 'node:worker_threads';
import { initialiseLanguages } from '../../server/src/languages/registry';
import { runCase, type FuzzCase } from './check';

const ready = initialiseLanguages();
parentPort!.on('message', (input: FuzzCase) => {
  void ready.then(() => parentPort!.postMessage(runCase(input)));
});
