/**
 * The project's own extract: the tables, columns and years its approved variable request form grants.
 *
 * A project in the SRS sees views holding only what it was granted, so a name that is perfectly good LEO is still
 * rejected by the server when the project did not ask for it. The extract turns the `extract` section of a
 * restriction overlay into a second catalogue index that holds only the granted part. Every feature then asks the
 * same front end twice, once against the whole catalogue and once against the granted part, and the differences
 * are what the extract adds (LEO106, greyed completion items, the hover line). No front end knows about extracts,
 * so every language, present and future, gets them by implementing the ordinary contract.
 */
import type { CatalogueIndex, CatalogueProblem, ColumnEntry, TableEntry, ViewEntry, YearSpan } from '../catalogue/api';
import { LeoCatalogueIndex } from '../catalogue/catalogueIndex';
import type { JsonLocator } from '../catalogue/jsonText';
import { templateShape } from '../catalogue/names';
import type { ExtractData, ExtractTableData } from '../catalogue/schema';

export interface ProjectExtract {
  /** The restriction overlay the extract came from. */
  readonly file: string;
  /** The catalogue narrowed to what the extract grants; tables the extract does not govern are kept whole. */
  readonly catalogue: CatalogueIndex;
  /** How many catalogued tables and columns the extract grants, for the status line and the CLI. */
  readonly grantedTables: number;
  readonly grantedColumns: number;
}

export interface ExtractInput {
  readonly file: string;
  readonly data: ExtractData;
  /** Places problems at their JSON path and line. */
  readonly locator: JsonLocator;
}

export interface ExtractResult {
  readonly extract: ProjectExtract;
  /** Names in the extract the catalogue does not know; they are left out, never fatal. */
  readonly problems: readonly CatalogueProblem[];
}

/**
 * Narrows the catalogue to the extract. `governed` says which tables the extract speaks for: the tables of the
 * request form (the bundled catalogue), not a project's own derived tables described in its overlays.
 */
export function applyExtract(full: CatalogueIndex, input: ExtractInput, governed: (table: TableEntry) => boolean): ExtractResult {
  const problems: CatalogueProblem[] = [];
  const grants = new Map<string, { readonly grant: ExtractTableData; readonly index: number }>();
  const byId = new Map(full.tables.map((table) => [table.id, table]));
  input.data.tables.forEach((grant, index) => {
    const table = byId.get(grant.table);
    if (table === undefined) {
      problems.push(input.locator.problem(['extract', 'tables', index, 'table'], `the catalogue has no table "${grant.table}"; this grant is ignored`, 'warning'));
      return;
    }
    if (grants.has(grant.table)) {
      problems.push(input.locator.problem(['extract', 'tables', index, 'table'], `table "${grant.table}" is granted twice; the first grant is used`, 'warning'));
      return;
    }
    grants.set(grant.table, { grant, index });
  });

  let grantedColumns = 0;
  const tables: TableEntry[] = [];
  for (const table of full.tables) {
    if (!governed(table)) {
      tables.push(table);
      continue;
    }
    const found = grants.get(table.id);
    if (found === undefined) continue;
    const restricted = restrictTable(table, found.grant, (columnIndex, message) =>
      problems.push(input.locator.problem(['extract', 'tables', found.index, 'columns', columnIndex, 'name'], message, 'warning')),
    );
    grantedColumns += restricted.columns.length;
    tables.push(restricted);
  }

  const catalogue = new LeoCatalogueIndex({
    id: full.id,
    name: full.name,
    version: full.version,
    sources: full.sources,
    sourceDescription: full.sourceDescription,
    ...(full.projectIteration !== undefined ? { projectIteration: full.projectIteration } : {}),
    iterations: full.iterations,
    tables,
    databases: full.databases(),
    schemas: full.schemaPlaceholders(),
  });
  return { extract: { file: input.file, catalogue, grantedTables: grants.size, grantedColumns }, problems };
}

function restrictTable(table: TableEntry, grant: ExtractTableData, report: (columnIndex: number, message: string) => void): TableEntry {
  const years = grant.years;
  let columns: ColumnEntry[];
  if (grant.columns === 'all') {
    columns = table.columns.map((column) => withYears(column, years));
  } else {
    const byShape = new Map<string, ColumnEntry>();
    for (const column of table.columns) {
      for (const name of [column.name, ...column.synonyms]) {
        const shape = templateShape(name);
        if (!byShape.has(shape)) byShape.set(shape, column);
      }
    }
    const chosen = new Map<ColumnEntry, YearSpan | undefined>();
    grant.columns.forEach((granted, columnIndex) => {
      const column = byShape.get(templateShape(granted.name));
      if (column === undefined) report(columnIndex, `${table.name} has no column "${granted.name}" in the catalogue; it is ignored`);
      else chosen.set(column, granted.years ?? years);
    });
    columns = table.columns.filter((column) => chosen.has(column)).map((column) => withYears(column, chosen.get(column)));
  }
  return {
    ...table,
    ...(table.years !== undefined || years !== undefined ? { years: intersectSpans(table.years, years) } : {}),
    views: table.views.map((view) => restrictView(view, years)),
    columns,
  };
}

function withYears(column: ColumnEntry, granted: YearSpan | undefined): ColumnEntry {
  if (granted === undefined) return column;
  return { ...column, years: intersectSpans(column.years, granted) };
}

/** A per-year family keeps only the granted years; a stacked view holds years as values, which no name shows. */
function restrictView(view: ViewEntry, granted: YearSpan | undefined): ViewEntry {
  if (granted === undefined || view.years === undefined) return view;
  return { ...view, years: intersectSpans(view.years, granted) };
}

/** The years in both spans; an open end stays open only when both are open there. */
export function intersectSpans(catalogued: YearSpan | undefined, granted: YearSpan | undefined): YearSpan {
  if (granted === undefined) return catalogued ?? {};
  if (catalogued === undefined) return stripText(granted);
  const from = maxOf(catalogued.from, granted.from);
  const to = minOf(catalogued.to, granted.to);
  const except = [...new Set([...(catalogued.except ?? []), ...(granted.except ?? [])])].sort((a, b) => a - b);
  return {
    ...(from !== undefined ? { from } : {}),
    // An empty intersection keeps `to` below `from`, which every year test reads as "no year".
    ...(to !== undefined ? { to } : {}),
    ...(except.length > 0 ? { except } : {}),
  };
}

function stripText(span: YearSpan): YearSpan {
  const { text: _text, ...rest } = span;
  return rest;
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
