/**
 * The pure core never imports the editor API or an LSP connection. Only the adapters listed here
 * may: the language server's protocol glue and its entry point. Types-only packages are allowed.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER_SOURCES = path.resolve(__dirname, '../../server/src');
const ADAPTERS = new Set(['server.ts', 'main.ts', 'runSafe.ts']);
const FORBIDDEN = /^(vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageclient(\/.*)?|vscode-jsonrpc(\/.*)?)$/;

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

export function importedModules(text: string): string[] {
  const modules: string[] = [];
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) modules.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  return modules;
}

describe('architecture: the pure core', () => {
  it('finds imports in every form the code base uses', () => {
    const sample = `import { a } from 'vscode';\nimport type { B } from "vscode-languageserver/node";\nconst c = require('vscode-jsonrpc');\nexport { d } from './local';\nimport 'side-effect';`;
    assert.deepEqual(importedModules(sample), ['vscode', 'vscode-languageserver/node', 'vscode-jsonrpc', './local', 'side-effect']);
  });

  it('has no core file that imports vscode or an LSP connection', () => {
    const offenders: string[] = [];
    const files = sourceFiles(SERVER_SOURCES);
    assert.ok(files.length > 20, 'the scan should see the server sources');
    for (const file of files) {
      const relative = path.relative(SERVER_SOURCES, file).split(path.sep).join('/');
      if (ADAPTERS.has(relative)) continue;
      for (const module of importedModules(fs.readFileSync(file, 'utf8'))) {
        if (FORBIDDEN.test(module)) offenders.push(`${relative} imports ${module}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('has no server file that imports the client', () => {
    for (const file of sourceFiles(SERVER_SOURCES)) {
      for (const module of importedModules(fs.readFileSync(file, 'utf8'))) {
        assert.ok(!module.includes('client/'), `${file} imports ${module}`);
      }
    }
  });
});
