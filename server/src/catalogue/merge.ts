/**
 * Merges validated catalogue files, in order, into one model: the bundled catalogue first, then
 * each overlay. A later file adds databases, iterations and tables, and replaces a table with
 * the same id; every replacement or clash is reported as a conflict so that nothing changes
 * silently. References that cannot be resolved (a view in an undeclared database, an unknown
 * project iteration) are reported as warnings with their place in the file.
 */
import type {
  CatalogueConflict,
  CatalogueIndex,
  CatalogueProblem,
  ColumnEntry,
  DatabaseEntry,
  IterationEntry,
  SchemaPlaceholder,
  SourceDocument,
  TableEntry,
  ViewEntry,
} from './api';
import type { ParsedCatalogueFile } from './parseFile';
import type { ColumnData, TableData, ViewData } from './schema';

/** The merged catalogue, before indexing. */
export interface CatalogueModel
  extends Pick<CatalogueIndex, 'id' | 'name' | 'version' | 'sources' | 'sourceDescription' | 'projectIteration' | 'iterations' | 'tables'> {
  readonly databases: readonly DatabaseEntry[];
  readonly schemas: readonly SchemaPlaceholder[];
}

export interface MergeResult {
  readonly model?: CatalogueModel;
  readonly problems: readonly CatalogueProblem[];
  readonly conflicts: readonly CatalogueConflict[];
}

/** The iteration of project databases that do not name one. */
export const PROJECT_ITERATION = 'project';

/** Merges files in order. Returns no model when there is no file to merge. */
export function mergeCatalogueFiles(files: readonly ParsedCatalogueFile[]): MergeResult {
  const first = files[0];
  if (!first) return { problems: [], conflicts: [] };
  const problems: CatalogueProblem[] = [];
  const conflicts: CatalogueConflict[] = [];
  const iterations = new Map<string, { entry: IterationEntry; file: string }>();
  const databases = new Map<string, { entry: DatabaseEntry; file: string }>();
  const schemas = new Map<string, SchemaPlaceholder>();
  const tables = new Map<string, TableEntry>();
  const sources: SourceDocument[] = [];
  let projectIteration: string | undefined;

  for (const file of files) {
    const data = file.data;
    for (const iteration of data.iterations ?? []) {
      const existing = iterations.get(iteration.id);
      if (existing && existing.entry.name !== iteration.name) {
        conflicts.push(conflict('iteration', iteration.id, `iteration "${iteration.id}" is renamed`, file.path, existing.file));
      }
      iterations.set(iteration.id, { entry: iteration, file: file.path });
    }
    (data.databases ?? []).forEach((database) => {
      const entry: DatabaseEntry = {
        name: database.name,
        iteration: database.iteration ?? PROJECT_ITERATION,
        kind: database.kind ?? 'leo',
        description: database.description,
      };
      const key = database.name.toLowerCase();
      const existing = databases.get(key);
      if (existing && (existing.entry.iteration !== entry.iteration || existing.entry.kind !== entry.kind)) {
        conflicts.push(
          conflict('database', database.name, `database "${database.name}" is redeclared (${existing.entry.kind}, ${existing.entry.iteration} → ${entry.kind}, ${entry.iteration})`, file.path, existing.file),
        );
      }
      databases.set(key, { entry, file: file.path });
    });
    for (const schema of data.schemas ?? []) schemas.set(schema.text.toLowerCase(), { ...schema });
    for (const source of data.sources ?? []) if (!sources.some((known) => known.title === source.title)) sources.push({ ...source });
    if (data.project?.iteration) {
      if (!iterations.has(data.project.iteration)) {
        problems.push(file.locator.problem(['project', 'iteration'], `unknown iteration "${data.project.iteration}"; known: ${[...iterations.keys()].join(', ')}`, 'warning'));
      }
      projectIteration = data.project.iteration;
    }
    (data.tables ?? []).forEach((table, tableIndex) => {
      const existing = tables.get(table.id);
      if (existing) {
        conflicts.push(conflict('table', table.id, `table "${table.id}" is replaced`, file.path, existing.definedIn));
      }
      tables.set(table.id, toTableEntry(table, tableIndex, file, databases, problems));
    });
  }

  reportViewClashes([...tables.values()], conflicts);
  const overlays = files.slice(1).map((file) => file.data.id);
  const mainSource = sources[0];
  const describedSource = mainSource
    ? `${mainSource.title}${mainSource.version ? ` v${mainSource.version}` : ''}${mainSource.date ? ` (${mainSource.date})` : ''}`
    : first.data.name ?? first.data.id;
  return {
    model: {
      id: first.data.id,
      name: first.data.name ?? first.data.id,
      version: first.data.version ?? 'unversioned',
      sources,
      sourceDescription: overlays.length > 0 ? `${describedSource}; overlays: ${overlays.join(', ')}` : describedSource,
      projectIteration,
      iterations: [...iterations.values()].map((item) => item.entry),
      databases: [...databases.values()].map((item) => item.entry),
      schemas: [...schemas.values()],
      tables: [...tables.values()],
    },
    problems,
    conflicts,
  };
}

function toTableEntry(
  table: TableData,
  tableIndex: number,
  file: ParsedCatalogueFile,
  databases: ReadonlyMap<string, { entry: DatabaseEntry }>,
  problems: CatalogueProblem[],
): TableEntry {
  const views = (table.views ?? []).map((view, viewIndex) => {
    const database = databases.get(view.database.toLowerCase())?.entry;
    if (!database) {
      problems.push(
        file.locator.problem(
          ['tables', tableIndex, 'views', viewIndex, 'database'],
          `database "${view.database}" is not declared in any catalogue file; add it to "databases" (with "kind": "project" for your own database)`,
          'warning',
        ),
      );
    }
    return toViewEntry(view, database);
  });
  return {
    id: table.id,
    name: table.name,
    logicalName: table.logicalName,
    title: table.title ?? table.name,
    owner: table.owner,
    description: table.description,
    grain: table.grain,
    personKey: table.personKey,
    linkRoute: table.linkRoute,
    years: table.years,
    availability: table.availability,
    knownIssues: table.knownIssues ?? [],
    notes: table.notes ?? [],
    views,
    columns: table.columns.map(toColumnEntry),
    definedIn: file.path,
  };
}

function toViewEntry(view: ViewData, database: DatabaseEntry | undefined): ViewEntry {
  return {
    iteration: view.iteration ?? database?.iteration ?? PROJECT_ITERATION,
    database: database?.name ?? view.database,
    name: view.name,
    years: view.years,
    term: view.term,
    covers: view.covers,
    groups: view.groups,
    evidence: view.evidence ?? 'seen',
    note: view.note,
  };
}

function toColumnEntry(column: ColumnData, order: number): ColumnEntry {
  return {
    name: column.name,
    order,
    groups: column.groups ?? [],
    reference: column.reference,
    synonyms: column.synonyms ?? [],
    type: column.type,
    description: column.description,
    years: column.years,
    terms: column.terms,
    codes: column.codes,
    valuesNote: column.valuesNote,
    identificationRisk: column.identificationRisk,
    sensitivity: column.sensitivity,
    availability: column.availability,
    roles: column.roles ?? {},
    oldAlias: column.oldAlias,
    notes: column.notes ?? [],
  };
}

/** Two tables claiming the same physical view in the same database: the later table wins. */
function reportViewClashes(tables: readonly TableEntry[], conflicts: CatalogueConflict[]): void {
  const owners = new Map<string, TableEntry>();
  for (const table of tables) {
    for (const view of table.views) {
      const key = `${view.database.toLowerCase()}.${view.name.toLowerCase()}`;
      const owner = owners.get(key);
      if (owner && owner.id !== table.id) {
        conflicts.push(
          conflict('view', `${view.database}.${view.name}`, `view ${view.database}.${view.name} is claimed by tables "${owner.id}" and "${table.id}"; "${table.id}" is used`, table.definedIn, owner.definedIn),
        );
      }
      owners.set(key, table);
    }
  }
}

function conflict(kind: CatalogueConflict['kind'], name: string, message: string, winner: string, loser: string): CatalogueConflict {
  return { kind, name, message: `${message}: ${winner} overrides ${loser}`, winner, loser };
}
