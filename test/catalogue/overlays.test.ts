import assert from 'node:assert/strict';
import { loadCatalogue } from '../../server/src/catalogue/load';
import { CatalogueStore } from '../../server/src/catalogue/store';
import { indexOf, miniCatalogue } from './support/catalogues';

const BASE = { path: 'bundled.leo-catalogue.json', text: JSON.stringify(miniCatalogue()) };

/** A project overlay: its own scratch database with a derived table, and the iteration it uses. */
function projectOverlay(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    formatVersion: 1,
    id: 'my-project',
    project: { iteration: 'i1' },
    databases: [{ name: 'ProjectScratch', kind: 'project' }],
    tables: [
      {
        id: 'cohort',
        name: 'Derived cohort',
        title: 'Our KS4 cohort with earnings',
        views: [{ database: 'ProjectScratch', name: 'cohort_2019' }],
        columns: [
          { name: 'pmr', roles: { identifier: 'person' } },
          { name: 'median_earnings', roles: { magnitude: 'earnings' } },
        ],
      },
    ],
    ...extra,
  };
}

describe('catalogue overlays', () => {
  it('adds a project database and derived table without making the database a LEO one', () => {
    const index = indexOf(miniCatalogue(), projectOverlay());
    assert.equal(index.isLeoDatabase('ProjectScratch'), false);
    assert.equal(index.database('projectscratch')?.kind, 'project');
    assert.equal(index.database('ProjectScratch')?.iteration, 'project');
    const match = index.resolveTable({ database: 'projectscratch', schema: 'dbo', name: 'COHORT_2019' });
    assert.equal(match?.table.id, 'cohort');
    assert.equal(match?.table.definedIn, 'file1.leo-catalogue.json');
    assert.equal(index.resolveColumn(match!, 'Median_Earnings')?.column.roles.magnitude, 'earnings');
    assert.equal(index.tables.length, 5);
  });

  it('prefers the iteration the project uses for unqualified names', () => {
    const base = indexOf(miniCatalogue());
    assert.equal(base.resolveTable({ name: 'spring_census_2011' })?.iteration, 'i2');
    const project = indexOf(miniCatalogue(), projectOverlay());
    assert.equal(project.projectIteration, 'i1');
    assert.equal(project.resolveTable({ name: 'spring_census_2011' })?.database, 'NPD');
    assert.equal(project.resolveTable({ database: 'npd_i2', name: 'spring_census_2011' })?.iteration, 'i2');
    assert.equal(project.listViews({ prefix: 'spring_census_2011' })[0]?.database, 'NPD');
  });

  it('reports a replaced table as a conflict, and uses the overlay’s version', () => {
    const overlay = projectOverlay({
      tables: [{ id: 'earnings', name: 'Earnings again', views: [{ database: 'LEO_i2', name: 'leo_earnings' }], columns: [{ name: 'EduKey' }] }],
    });
    const result = loadCatalogue([BASE, { path: 'overlay.leo-catalogue.json', text: JSON.stringify(overlay) }]);
    assert.equal(result.conflicts.length, 1);
    const [conflict] = result.conflicts;
    assert.equal(conflict?.kind, 'table');
    assert.equal(conflict?.name, 'earnings');
    assert.equal(conflict?.winner, 'overlay.leo-catalogue.json');
    assert.equal(conflict?.loser, 'bundled.leo-catalogue.json');
    assert.equal(result.index?.resolveTable({ name: 'leo_earnings' })?.table.name, 'Earnings again');
  });

  it('reports a redeclared database and a view claimed by two tables', () => {
    const overlay = projectOverlay({
      databases: [{ name: 'NPD_I2', iteration: 'i1' }],
      tables: [{ id: 'copy', name: 'Copy', views: [{ database: 'LEO_i2', name: 'LEO_EARNINGS' }], columns: [{ name: 'X' }] }],
    });
    const result = loadCatalogue([BASE, { path: 'overlay.leo-catalogue.json', text: JSON.stringify(overlay) }]);
    assert.deepEqual(result.conflicts.map((conflict) => conflict.kind).sort(), ['database', 'view']);
    assert.equal(result.index?.resolveTable({ name: 'leo_earnings' })?.table.id, 'copy', 'the later table wins');
  });

  it('reports a renamed iteration', () => {
    const overlay = { formatVersion: 1, id: 'o', iterations: [{ id: 'i2', name: 'Something else' }] };
    const result = loadCatalogue([BASE, { path: 'o.json', text: JSON.stringify(overlay) }]);
    assert.equal(result.conflicts[0]?.kind, 'iteration');
  });

  it('names the overlays in the source description and keeps the base identity', () => {
    const index = indexOf(miniCatalogue(), projectOverlay());
    assert.equal(index.id, 'mini');
    assert.match(index.sourceDescription, /overlays: my-project$/);
  });

  it('leaves out an invalid overlay but keeps the rest', () => {
    const result = loadCatalogue([BASE, { path: 'broken.leo-catalogue.json', text: '{ "formatVersion": 1, ' }]);
    assert.ok(result.index);
    assert.equal(result.index.tables.length, 4);
    assert.equal(result.problems[0]?.file, 'broken.leo-catalogue.json');
  });
});

describe('CatalogueStore', () => {
  const overlayPath = 'project.leo-catalogue.json';

  it('has no catalogue before the first load', () => {
    assert.equal(new CatalogueStore().current, undefined);
  });

  it('keeps the last good version of a file that breaks, and says so', () => {
    const store = new CatalogueStore();
    const first = store.load([BASE, { path: overlayPath, text: JSON.stringify(projectOverlay()) }]);
    assert.deepEqual(first.stale, []);
    assert.ok(first.index?.resolveTable({ name: 'cohort_2019' }));

    const broken = store.load([BASE, { path: overlayPath, text: '{ "formatVersion": 1, "id": ' }]);
    assert.deepEqual(broken.stale, [overlayPath]);
    assert.equal(broken.problems[0]?.file, overlayPath);
    assert.ok(broken.index?.resolveTable({ name: 'cohort_2019' }), 'the derived table is still known');
    assert.equal(store.current, broken.index);

    const fixed = store.load([BASE, { path: overlayPath, text: JSON.stringify(projectOverlay({ id: 'renamed' })) }]);
    assert.deepEqual(fixed.stale, []);
    assert.match(fixed.index?.sourceDescription ?? '', /renamed/);
  });

  it('drops files that are no longer listed', () => {
    const store = new CatalogueStore();
    store.load([BASE, { path: overlayPath, text: JSON.stringify(projectOverlay()) }]);
    const without = store.load([BASE]);
    assert.equal(without.index?.resolveTable({ name: 'cohort_2019' }), undefined);
    const again = store.load([BASE, { path: overlayPath, text: 'not json' }]);
    assert.deepEqual(again.stale, [], 'a dropped file has no last good version');
  });

  it('keeps the index when nothing changed', () => {
    const store = new CatalogueStore();
    const first = store.load([BASE]).index;
    assert.equal(store.load([BASE]).index, first);
  });

  it('keeps the previous catalogue when even the base fails', () => {
    const store = new CatalogueStore();
    const good = store.load([BASE]).index;
    const update = store.load([{ path: BASE.path, text: '' }]);
    assert.equal(update.index, good);
    assert.deepEqual(update.stale, [BASE.path]);
  });
});
