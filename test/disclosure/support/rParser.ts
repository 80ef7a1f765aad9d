/**
 * Sets up the R front end (its WebAssembly grammar) once, for the disclosure tests and the eval script.
 */
import { rLanguage } from '../../../server/src/languages/r';
import { initialiseLanguages } from '../../../server/src/languages/registry';

let ready: Promise<void> | undefined;

export async function initRParser(): Promise<void> {
  await (ready ??= rLanguage.initialise!().then(() => initialiseLanguages()));
}
