/**
 * Where the WebAssembly files of the tree-sitter front ends (R, Python) live at run time.
 * The bundled server looks next to itself (`dist/`); tests and scripts that run from the sources find
 * them in `node_modules`, looking upwards from this file as Node's own resolution would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The web-tree-sitter runtime, as named in `dist/` and in its package. */
export const RUNTIME_WASM = 'tree-sitter.wasm';
/** The R grammar, as named in `dist/` and in its package. */
export const R_GRAMMAR_WASM = 'tree-sitter-r.wasm';
/** The Python grammar, as named in `dist/` and in its package. */
export const PYTHON_GRAMMAR_WASM = 'tree-sitter-python.wasm';

const PACKAGE_PATHS: Readonly<Record<string, string>> = {
  [RUNTIME_WASM]: path.join('node_modules', 'web-tree-sitter', RUNTIME_WASM),
  [R_GRAMMAR_WASM]: path.join('node_modules', '@davisvaughan', 'tree-sitter-r', R_GRAMMAR_WASM),
  [PYTHON_GRAMMAR_WASM]: path.join('node_modules', 'tree-sitter-python', PYTHON_GRAMMAR_WASM),
};

/** The places searched for a file, best first: beside the running code, then each enclosing `node_modules`. */
export function wasmCandidates(fileName: string, fromDirectory: string = __dirname): string[] {
  const candidates = [path.join(fromDirectory, fileName)];
  const packagePath = PACKAGE_PATHS[fileName];
  if (packagePath) {
    let directory = fromDirectory;
    for (;;) {
      candidates.push(path.join(directory, packagePath));
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
  }
  return candidates;
}

/** The first candidate that exists; the error lists every place searched, so a broken VSIX is easy to diagnose. */
export function locateWasm(fileName: string, fromDirectory: string = __dirname): string {
  const candidates = wasmCandidates(fileName, fromDirectory);
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`LEO Lens could not find ${fileName}; looked in:\n  ${candidates.join('\n  ')}`);
  return found;
}
