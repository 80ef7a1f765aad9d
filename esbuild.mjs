// Builds the extension client, the language server, the CLI and the benchmark runner.
// The client keeps `vscode` external because the editor provides it; everything else is bundled
// so that the VSIX ships no node_modules.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __LEO_LENS_VERSION__: JSON.stringify(version) },
  // jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot follow;
  // its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
};

// exceljs reads whole workbooks with JSZip; its streaming zip libraries are never called by the CLI, so they are
// replaced by an empty module (see server/src/cli/unusedModule.ts).
const unusedStreamingZip = {
  name: 'unused-streaming-zip',
  setup(build) {
    build.onResolve({ filter: /^(unzipper|archiver)$/ }, () => ({ path: new URL('./server/src/cli/unusedModule.ts', import.meta.url).pathname }));
  },
};

const contexts = await Promise.all([
  esbuild.context({ ...shared, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.context({ ...shared, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' }),
  esbuild.context({
    ...shared,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [unusedStreamingZip],
  }),
]);

// The R front end loads its parser from WebAssembly files next to the bundle; no network, ever.
mkdirSync('dist', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/@davisvaughan/tree-sitter-r/tree-sitter-r.wasm', 'dist/tree-sitter-r.wasm');
copyFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm');

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
