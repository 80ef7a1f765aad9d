import assert from 'node:assert/strict';
import type { CatalogueProblem } from '../../server/src/catalogue/api';
import { loadCatalogue } from '../../server/src/catalogue/load';
import { validateCatalogueText } from '../../server/src/catalogue/validate';
import { miniCatalogue } from './support/catalogues';

const FILE = 'project.leo-catalogue.json';

function problemsOf(text: string): readonly CatalogueProblem[] {
  return loadCatalogue([{ path: FILE, text }]).problems;
}

function withChange(change: (data: Record<string, any>) => void): string {
  const data = miniCatalogue() as Record<string, any>;
  change(data);
  return JSON.stringify(data, null, 2);
}

function only(problems: readonly CatalogueProblem[]): CatalogueProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems));
  return problems[0]!;
}

describe('catalogue loading and bad input', () => {
  it('loads a valid file with no problems', () => {
    const result = loadCatalogue([{ path: FILE, text: JSON.stringify(miniCatalogue()) }]);
    assert.ok(result.index);
    assert.deepEqual(result.problems, []);
    assert.equal(result.index.id, 'mini');
    assert.equal(result.index.version, '0.1');
    assert.equal(result.index.sourceDescription, 'Test form v1 (2024-01-01)');
  });

  it('reports an empty file', () => {
    const problem = only(problemsOf('  \n'));
    assert.equal(problem.file, FILE);
    assert.equal(problem.path, '$');
    assert.match(problem.message, /empty/);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const problems = problemsOf('{\n  "formatVersion": 1,\n  "id": "x",\n  "tables": [ }\n}');
    assert.ok(problems.length >= 1);
    assert.equal(problems[0]!.file, FILE);
    assert.equal(problems[0]!.line, 4);
    assert.equal(problems[0]!.column, 15);
    assert.match(problems[0]!.message, /invalid JSON/);
    assert.equal(loadCatalogue([{ path: FILE, text: '{' }]).index, undefined);
  });

  it('reports a schema error with the JSON path, line and column', () => {
    const text = withChange((data) => {
      data.tables[0].columns[1].codes = 'not a list';
    });
    const problem = only(problemsOf(text));
    assert.equal(problem.path, '$.tables[0].columns[1].codes');
    assert.equal(problem.severity, 'error');
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('"codes": "not a list"'));
    assert.equal(problem.line, line + 1);
    assert.equal(problem.column, lines[line]!.indexOf('"codes"') + 1);
  });

  it('points a missing required member at its parent object', () => {
    const text = withChange((data) => {
      delete data.tables[1].columns;
    });
    const problem = only(problemsOf(text));
    assert.equal(problem.path, '$.tables[1].columns');
    assert.ok(problem.line !== undefined && problem.line > 1);
  });

  const schemaCases: [string, (data: Record<string, any>) => void, string, RegExp][] = [
    ['an unknown placeholder in a column name', (data) => (data.tables[0].columns[0].name = 'FSM_[year]'), '$.tables[0].columns[0].name', /placeholders/],
    ['a rating outside 1–5', (data) => (data.tables[0].columns[0].identificationRisk = 7), '$.tables[0].columns[0].identificationRisk', /./],
    ['a sensitivity outside A–E', (data) => (data.tables[0].columns[0].sensitivity = 'F'), '$.tables[0].columns[0].sensitivity', /./],
    ['an unknown member', (data) => (data.tables[0].colour = 'red'), '$.tables[0]', /colour/],
    ['a table id with capitals', (data) => (data.tables[0].id = 'Census'), '$.tables[0].id', /lower-case/],
    ['a view family without years', (data) => delete data.tables[0].views[0].years, '$.tables[0].views[0].years', /needs years/],
    ['years on a plain view', (data) => (data.tables[1].views[0].years = { from: 2004 }), '$.tables[1].views[0].years', /covers/],
    ['a wrong format version', (data) => (data.formatVersion = 2), '$.formatVersion', /./],
    ['a name with stray spaces', (data) => (data.tables[1].columns[0].name = ' EduKey'), '$.tables[1].columns[0].name', /whitespace/],
    ['an unknown role', (data) => (data.tables[1].columns[2].roles = { magnitude: 'pounds' }), '$.tables[1].columns[2].roles.magnitude', /./],
  ];
  for (const [label, change, path, message] of schemaCases) {
    it(`reports ${label}`, () => {
      const problem = only(problemsOf(withChange(change)));
      assert.equal(problem.path, path);
      assert.match(problem.message, message);
      assert.ok(problem.line !== undefined, 'has a line');
    });
  }

  it('reports a root that is not an object', () => {
    const problem = only(problemsOf('[1, 2]'));
    assert.equal(problem.path, '$');
  });

  it('rejects duplicate table ids, naming the first use', () => {
    const text = withChange((data) => data.tables.push({ ...data.tables[1], name: 'Again' }));
    const problem = only(problemsOf(text));
    assert.equal(problem.path, '$.tables[4].id');
    assert.match(problem.message, /already used by \$\.tables\[1\]/);
    assert.equal(loadCatalogue([{ path: FILE, text }]).index, undefined);
  });

  it('warns about a repeated column but still loads', () => {
    const text = withChange((data) => data.tables[1].columns.push({ name: 'EDUKEY' }));
    const result = loadCatalogue([{ path: FILE, text }]);
    const problem = only(result.problems);
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.path, '$.tables[1].columns[3].name');
    assert.ok(result.index);
  });

  it('warns about a term on a plain view', () => {
    const problem = only(problemsOf(withChange((data) => (data.tables[1].views[0].term = 'spring'))));
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.path, '$.tables[1].views[0].term');
  });

  it('warns about a view in an undeclared database, and still indexes it', () => {
    const text = withChange((data) => (data.tables[1].views[0].database = 'Elsewhere'));
    const result = loadCatalogue([{ path: FILE, text }]);
    const problem = only(result.problems);
    assert.equal(problem.path, '$.tables[1].views[0].database');
    assert.match(problem.message, /not declared/);
    assert.equal(result.index?.resolveTable({ database: 'Elsewhere', name: 'leo_earnings' }), undefined);
    assert.equal(result.index?.resolveTable({ name: 'leo_earnings' })?.iteration, 'project');
  });

  it('warns about an unknown project iteration', () => {
    const problem = only(problemsOf(withChange((data) => (data.project = { iteration: 'i9' }))));
    assert.equal(problem.path, '$.project.iteration');
    assert.match(problem.message, /unknown iteration "i9"; known: i2, i1/);
  });

  it('skips validation only for trusted files that look like catalogues', () => {
    const bad = withChange((data) => (data.tables[0].columns[0].sensitivity = 'F'));
    assert.deepEqual(loadCatalogue([{ path: FILE, text: bad, trusted: true }]).problems, []);
    assert.equal(loadCatalogue([{ path: FILE, text: '{"formatVersion": 2, "id": "x"}', trusted: true }]).problems.length, 1);
  });

  it('returns no index and no problems for no files', () => {
    const result = loadCatalogue([]);
    assert.equal(result.index, undefined);
    assert.deepEqual(result.problems, []);
  });

  describe('validateCatalogueText', () => {
    it('returns nothing for a valid file', () => {
      assert.deepEqual(validateCatalogueText(FILE, JSON.stringify(miniCatalogue())), []);
    });

    it('returns the file’s own problems only, with references checked against a base', () => {
      const base = { path: 'base.leo-catalogue.json', text: JSON.stringify(miniCatalogue()) };
      const overlay = JSON.stringify({
        formatVersion: 1,
        id: 'overlay',
        tables: [{ id: 'mine', name: 'Mine', views: [{ database: 'npd_i2', name: 'my_view' }, { database: 'Unknown', name: 'v' }], columns: [] }],
      });
      assert.deepEqual(validateCatalogueText(FILE, overlay, [base]).map((problem) => problem.path), ['$.tables[0].views[1].database']);
      assert.equal(validateCatalogueText(FILE, overlay).length, 2, 'without the base, npd_i2 is undeclared too');
    });

    it('reports conflicts caused by the file as warnings', () => {
      const base = { path: 'base.leo-catalogue.json', text: JSON.stringify(miniCatalogue()) };
      const overlay = JSON.stringify({ formatVersion: 1, id: 'overlay', tables: [{ id: 'earnings', name: 'Mine', columns: [] }] });
      const [problem] = validateCatalogueText(FILE, overlay, [base]);
      assert.equal(problem?.severity, 'warning');
      assert.match(problem?.message ?? '', /conflict: table "earnings" is replaced/);
    });
  });
});
