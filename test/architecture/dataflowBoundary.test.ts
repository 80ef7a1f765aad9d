/**
 * One analysis per language: the front ends build the dataflow model, and the disclosure rules read only that.
 * These checks keep the boundary: nothing under `disclosure/` reaches into a front end, the model itself knows no
 * language, and a front end uses another only through the T-SQL front end (for SQL embedded in its strings).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importedModules } from './coreImports.test';

const SERVER_SOURCES = path.resolve(__dirname, '../../server/src');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every relative import of every server source, as paths from `server/src` (`languages/sql/tokenizer`). */
function internalImports(): { from: string; to: string }[] {
  const edges: { from: string; to: string }[] = [];
  for (const file of sourceFiles(SERVER_SOURCES)) {
    const from = path.relative(SERVER_SOURCES, file).split(path.sep).join('/');
    for (const module of importedModules(fs.readFileSync(file, 'utf8'))) {
      if (!module.startsWith('.')) continue;
      const to = path.relative(SERVER_SOURCES, path.resolve(path.dirname(file), module)).split(path.sep).join('/');
      edges.push({ from, to });
    }
  }
  return edges;
}

const frontEndOf = (file: string): string | undefined => /^languages\/([^/]+)\//.exec(file)?.[1];

describe('architecture: one dataflow model between the front ends and the rules', () => {
  const edges = internalImports();

  it('sees the imports it checks', () => {
    assert.ok(edges.some((e) => e.from.startsWith('disclosure/rules/') && e.to.startsWith('dataflow/')), 'the rules read the dataflow model');
    assert.ok(edges.some((e) => e.from.startsWith('languages/sql/dataflow/') && e.to.startsWith('dataflow/')), 'the T-SQL front end builds it');
    assert.ok(edges.some((e) => e.from.startsWith('languages/r/dataflow/') && e.to.startsWith('dataflow/')), 'the R front end builds it');
  });

  it('keeps every front end out of the disclosure checks', () => {
    const offenders = edges.filter((e) => e.from.startsWith('disclosure/') && e.to.startsWith('languages/'));
    assert.deepEqual(offenders, []);
  });

  it('keeps the dataflow model free of any language and of the rules', () => {
    const offenders = edges.filter((e) => e.from.startsWith('dataflow/') && (e.to.startsWith('languages/') || (e.to.startsWith('disclosure/') && e.to !== 'disclosure/config')));
    assert.deepEqual(offenders, []);
  });

  it('lets a front end use another only through the T-SQL front end, for embedded SQL', () => {
    const offenders = edges.filter((e) => {
      const from = frontEndOf(e.from);
      const to = frontEndOf(e.to);
      return from !== undefined && to !== undefined && from !== to && to !== 'sql' && to !== 'embedded';
    });
    assert.deepEqual(offenders, []);
  });

  it('has no per-language extractor left under disclosure/', () => {
    assert.ok(!fs.existsSync(path.join(SERVER_SOURCES, 'disclosure/extract')));
  });
});
