/**
 * The web-tree-sitter runtime, initialised once for every tree-sitter front end (R, Python).
 * Emscripten keeps one module per process: initialising it a second time while a grammar loaded through the
 * first is in use would leave that grammar pointing at a discarded module, so both front ends share this load.
 */
import * as fs from 'node:fs';
import Parser from 'web-tree-sitter';
import { locateWasm, RUNTIME_WASM } from './wasmFiles';

let runtime: Promise<void> | undefined;

/** Initialises the runtime (once; a failed attempt may be retried). `directory` is searched first for the file. */
export function initialiseTreeSitterRuntime(directory?: string): Promise<void> {
  if (!runtime) {
    // Handing emscripten the bytes means it never goes looking for the file itself, which it would do
    // relative to the bundle and, outside Node, with fetch.
    const bytes = fs.readFileSync(locateWasm(RUNTIME_WASM, directory));
    runtime = Parser.init({ wasmBinary: bytes }).catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  }
  return runtime;
}
