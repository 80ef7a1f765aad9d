/**
 * `leo-lens catalogue stats`: how big the loaded catalogue is, and where it came from.
 */
import type { CatalogueIndex, CatalogueStats } from './api';

/** Counts of tables, views, columns and code lists, and the source. */
export function catalogueStats(index: CatalogueIndex): CatalogueStats {
  let views = 0;
  let columns = 0;
  let columnsWithDescription = 0;
  let columnsWithRatings = 0;
  let codeLists = 0;
  let codes = 0;
  for (const table of index.tables) {
    views += table.views.length;
    for (const column of table.columns) {
      columns++;
      if (column.description) columnsWithDescription++;
      if (column.identificationRisk !== undefined || column.sensitivity !== undefined) columnsWithRatings++;
      if (column.codes && column.codes.length > 0) {
        codeLists++;
        codes += column.codes.length;
      }
    }
  }
  return {
    id: index.id,
    name: index.name,
    version: index.version,
    source: index.sourceDescription,
    tables: index.tables.length,
    views,
    columns,
    columnsWithDescription,
    columnsWithRatings,
    codeLists,
    codes,
    databases: index.databases().length,
  };
}
