/**
 * Column sets: the columns a source exposes, looked up case-insensitively. Catalogue views resolve names through
 * the catalogue (so family members, synonyms and other years are recognised) and are shared by every analysis made
 * with the same catalogue.
 */
import type { CatalogueIndex, ColumnMatch, TableMatch, TableReference } from '../../catalogue/api';
import type { Name, Span } from './ast';
import { key } from './identifiers';

export interface OutputColumn {
  readonly name: string;
  /** The catalogue column the values come from, when known. */
  readonly catalogue?: ColumnMatch;
  /** The declared type, for columns of CREATE TABLE and table variables. */
  readonly type?: string;
  /** Where the script defines the column, in document offsets. */
  readonly definedAt?: Span;
}

export interface ColumnSet {
  readonly columns: readonly OutputColumn[];
  /** False when the source may have columns that are not listed (unknown tables, functions, PIVOT …). */
  readonly complete: boolean;
  get(name: string): OutputColumn | undefined;
}

/** A column set over a list, looked up by lower-case name (the first column of a name wins). */
export function columnSet(columns: readonly OutputColumn[], complete: boolean): ColumnSet {
  let byName: Map<string, OutputColumn> | undefined;
  return {
    columns,
    complete,
    get(name: string): OutputColumn | undefined {
      if (byName === undefined) {
        byName = new Map();
        for (const column of columns) if (!byName.has(key(column.name))) byName.set(key(column.name), column);
      }
      return byName.get(key(name));
    },
  };
}

/** True when a column really is in the source (an other-year family member is not). */
export function isPresent(column: OutputColumn | undefined): column is OutputColumn {
  return column !== undefined && column.catalogue?.matchedBy !== 'other-year';
}

/** Column sets of catalogue views, shared by every analysis made with the same catalogue. */
const catalogueColumnSets = new WeakMap<CatalogueIndex, Map<string, ColumnSet>>();

export function catalogueColumns(catalogue: CatalogueIndex, match: TableMatch): ColumnSet {
  let perCatalogue = catalogueColumnSets.get(catalogue);
  if (perCatalogue === undefined) {
    perCatalogue = new Map();
    catalogueColumnSets.set(catalogue, perCatalogue);
  }
  const k = key(`${match.database}.${match.viewName}.${match.table.id}`);
  let set = perCatalogue.get(k);
  if (set === undefined) {
    let list: OutputColumn[] | undefined;
    const resolved = new Map<string, OutputColumn | null>();
    set = {
      get columns(): readonly OutputColumn[] {
        list ??= catalogue.columnsOf(match).map((m) => ({ name: m.name, catalogue: m }));
        return list;
      },
      complete: true,
      get(name: string): OutputColumn | undefined {
        const k2 = key(name);
        let column = resolved.get(k2);
        if (column === undefined) {
          const m = catalogue.resolveColumn(match, name);
          column = m ? { name: m.name, catalogue: m } : null;
          resolved.set(k2, column);
        }
        return column ?? undefined;
      },
    };
    perCatalogue.set(k, set);
  }
  return set;
}

export function renameColumns(set: ColumnSet, aliases: readonly Name[] | undefined, base: number): ColumnSet {
  if (aliases === undefined) return set;
  return columnSet(
    aliases.map((alias, i) => ({ ...(set.columns[i] ?? {}), name: alias.value, definedAt: { start: base + alias.start, end: base + alias.end } })),
    true,
  );
}

/** Table resolutions, shared by every analysis made with the same catalogue: scripts name the same views again and again. */
const tableMatches = new WeakMap<CatalogueIndex, Map<string, TableMatch | null>>();

export function resolveTableCached(catalogue: CatalogueIndex, ref: TableReference): TableMatch | undefined {
  let perCatalogue = tableMatches.get(catalogue);
  if (perCatalogue === undefined) {
    perCatalogue = new Map();
    tableMatches.set(catalogue, perCatalogue);
  }
  const k = key(`${ref.database ?? ''}\u0000${ref.schema ?? ''}\u0000${ref.name}`);
  let match = perCatalogue.get(k);
  if (match === undefined) {
    match = catalogue.resolveTable(ref) ?? null;
    perCatalogue.set(k, match);
  }
  return match ?? undefined;
}
