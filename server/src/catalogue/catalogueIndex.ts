/**
 * The indexed catalogue: every map is built once, when a catalogue is loaded, so each lookup is
 * a few map accesses. Implements the CatalogueIndex contract of api.ts.
 */
import { distance } from 'fastest-levenshtein';
import type {
  CatalogueIndex,
  ColumnMatch,
  DatabaseEntry,
  IterationEntry,
  SchemaPlaceholder,
  SourceDocument,
  Suggestion,
  TableEntry,
  TableMatch,
  TableReference,
  ViewEntry,
  ViewListing,
} from './api';
import { columnOnView, matchAnywhere, matchOnView, matchTemplateForm } from './columnMatch';
import { indexColumns, type ShapeMap } from './columnIndex';
import { viewCoverage } from './coverage';
import type { CatalogueModel } from './merge';
import { nameCandidates, templateShape } from './names';

interface ViewRef {
  readonly table: TableEntry;
  readonly view: ViewEntry;
  /** Lower is preferred: the project's iteration, then the catalogue's order of iterations. */
  readonly rank: number;
  /** Insertion order; among equal ranks the later definition (an overlay) wins. */
  readonly sequence: number;
}

/** Marks the year in a family key; a control character cannot occur in a view name. */
const YEAR_SLOT = '\u0002';
/** How many instantiated column lists are kept; a document uses only a few views. */
const COLUMN_CACHE_SIZE = 256;
const SUGGESTION_CACHE_SIZE = 2048;
const DEFAULT_SUGGESTIONS = 5;

export class LeoCatalogueIndex implements CatalogueIndex {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly sources: readonly SourceDocument[];
  readonly sourceDescription: string;
  readonly projectIteration?: string;
  readonly iterations: readonly IterationEntry[];
  readonly tables: readonly TableEntry[];

  readonly #databases: ReadonlyMap<string, DatabaseEntry>;
  readonly #schemas: readonly SchemaPlaceholder[];
  readonly #plainViews = new Map<string, ViewRef[]>();
  readonly #families = new Map<string, ViewRef[]>();
  readonly #tableNames = new Map<string, TableEntry[]>();
  readonly #tableColumns = new Map<TableEntry, ShapeMap>();
  readonly #allColumns: ShapeMap = new Map();
  readonly #listings: ViewListing[] = [];
  readonly #listingsByDatabase = new Map<string, ViewListing[]>();
  readonly #columnCache = new Map<string, readonly ColumnMatch[]>();
  readonly #suggestionCache = new Map<string, { readonly table: TableMatch['table']; readonly suggestions: readonly Suggestion<ColumnMatch>[] }>();

  constructor(model: CatalogueModel) {
    this.id = model.id;
    this.name = model.name;
    this.version = model.version;
    this.sources = model.sources;
    this.sourceDescription = model.sourceDescription;
    this.projectIteration = model.projectIteration;
    this.iterations = model.iterations;
    this.tables = model.tables;
    this.#databases = new Map(model.databases.map((database) => [database.name.toLowerCase(), database]));
    this.#schemas = model.schemas;

    const ranks = new Map<string, number>();
    if (model.projectIteration) ranks.set(model.projectIteration, 0);
    model.iterations.forEach((iteration, index) => {
      if (!ranks.has(iteration.id)) ranks.set(iteration.id, index + 1);
    });
    let sequence = 0;
    const refs: ViewRef[] = [];
    for (const table of model.tables) {
      for (const name of [table.id, table.name, table.logicalName, table.title]) {
        if (name) push(this.#tableNames, name.toLowerCase(), table);
      }
      for (const view of table.views) {
        const ref: ViewRef = { table, view, rank: ranks.get(view.iteration) ?? Number.MAX_SAFE_INTEGER, sequence: sequence++ };
        refs.push(ref);
        if (view.name.includes('[yyyy]')) push(this.#families, view.name.toLowerCase().replace('[yyyy]', YEAR_SLOT), ref);
        else push(this.#plainViews, view.name.toLowerCase(), ref);
      }
      const shapes: ShapeMap = new Map();
      indexColumns(shapes, table);
      this.#tableColumns.set(table, shapes);
      for (const [shape, hits] of shapes) {
        const all = this.#allColumns.get(shape);
        if (all) all.push(...hits);
        else this.#allColumns.set(shape, [...hits]);
      }
    }
    for (const list of [...this.#plainViews.values(), ...this.#families.values()]) list.sort(preference);
    refs.sort(preference);
    for (const ref of refs) {
      for (const listing of expandListings(ref)) {
        this.#listings.push(listing);
        push(this.#listingsByDatabase, listing.database.toLowerCase(), listing);
      }
    }
  }

  isLeoDatabase(name: string): boolean {
    return this.database(name)?.kind === 'leo';
  }

  database(name: string): DatabaseEntry | undefined {
    return this.#databases.get(name.trim().toLowerCase());
  }

  databases(iteration?: string): readonly DatabaseEntry[] {
    const all = [...this.#databases.values()];
    return iteration === undefined ? all : all.filter((database) => database.iteration === iteration);
  }

  schemaPlaceholders(): readonly SchemaPlaceholder[] {
    return this.#schemas;
  }

  resolveTable(ref: TableReference): TableMatch | undefined {
    return this.#candidates(ref)[0];
  }

  findTables(name: string): readonly TableMatch[] {
    const lower = name.trim().toLowerCase();
    const byView = this.#candidates({ name });
    const seen = new Set(byView.map((match) => match.table));
    const byName = (this.#tableNames.get(lower) ?? []).filter((table) => !seen.has(table));
    return [...byView, ...byName.flatMap((table) => (table.views[0] ? [tableLevelMatch(table, table.views[0])] : []))];
  }

  listViews(options: { readonly database?: string; readonly prefix?: string } = {}): readonly ViewListing[] {
    const base = options.database === undefined ? this.#listings : this.#listingsByDatabase.get(options.database.trim().toLowerCase()) ?? [];
    const prefix = options.prefix?.toLowerCase();
    return prefix ? base.filter((listing) => listing.name.toLowerCase().startsWith(prefix)) : base;
  }

  columnsOf(match: TableMatch): readonly ColumnMatch[] {
    const key = `${match.table.id}|${match.view.database}|${match.view.name}|${match.year ?? ''}`;
    const cached = this.#columnCache.get(key);
    if (cached && cached[0]?.table === match.table) return cached;
    const columns = match.table.columns.filter((column) => inView(column.groups, match.view)).map((column) => columnOnView(match.table, column, match));
    if (this.#columnCache.size >= COLUMN_CACHE_SIZE) this.#columnCache.delete(this.#columnCache.keys().next().value!);
    this.#columnCache.set(key, columns);
    return columns;
  }

  resolveColumn(match: TableMatch, name: string): ColumnMatch | undefined {
    const lower = name.trim().toLowerCase();
    const shapes = this.#tableColumns.get(match.table);
    if (!shapes || lower === '') return undefined;
    if (lower.includes('[')) {
      const hit = (shapes.get(templateShape(lower)) ?? []).find((candidate) => inView(candidate.column.groups, match.view));
      return hit ? matchTemplateForm(hit) : undefined;
    }
    for (const candidate of nameCandidates(lower)) {
      const hits = shapes.get(candidate.shape);
      if (!hits) continue;
      const hit = hits.find((item) => inView(item.column.groups, match.view)) ;
      if (hit) return matchOnView(hit, candidate, match);
    }
    return match.view.groups ? this.#inOtherGroup(match, lower) : undefined;
  }

  /**
   * A column the form lists under another sub-table of the dataset. The form names each field once, though several
   * sub-tables may carry it (a pupil's gender is in every exclusions table), so the column is known but only
   * possibly present: a note at info, never an unknown column.
   */
  #inOtherGroup(match: TableMatch, lower: string): ColumnMatch | undefined {
    const shapes = this.#tableColumns.get(match.table)!;
    for (const candidate of nameCandidates(lower)) {
      const hit = shapes.get(candidate.shape)?.[0];
      if (hit === undefined) continue;
      const found = matchOnView(hit, candidate, match);
      if (!found.populated) return found;
      const listed = hit.column.groups.join(', ');
      return {
        ...found,
        populated: false,
        coverage: 'not-populated',
        coverageEvidence: 'form-group',
        coverageNote: `the request form lists ${found.name} under ${listed} of ${match.table.title}, and ${match.viewName} is ${match.view.groups!.join(', ')}; only the data can say whether this view holds it too.`,
      };
    }
    return undefined;
  }

  findColumns(name: string): readonly ColumnMatch[] {
    const lower = name.trim().toLowerCase();
    if (lower === '') return [];
    if (lower.includes('[')) return (this.#allColumns.get(templateShape(lower)) ?? []).map(matchTemplateForm);
    const results: ColumnMatch[] = [];
    const seen = new Set<string>();
    for (const candidate of nameCandidates(lower)) {
      for (const hit of this.#allColumns.get(candidate.shape) ?? []) {
        const key = `${hit.table.id}|${hit.column.order}`;
        if (seen.has(key)) continue;
        seen.add(key);
        results.push(matchAnywhere(hit, candidate, this.projectIteration ?? this.iterations[0]?.id));
      }
    }
    return results;
  }

  suggestColumns(match: TableMatch, name: string, limit = DEFAULT_SUGGESTIONS): readonly Suggestion<ColumnMatch>[] {
    const lower = name.trim().toLowerCase();
    // The same misspelling is usually made many times in a script; ranking every column of a view costs.
    const key = `${match.table.id}|${match.view.database}|${match.view.name}|${match.year ?? ''}|${limit}|${lower}`;
    const cached = this.#suggestionCache.get(key);
    if (cached !== undefined && cached.table === match.table) return cached.suggestions;
    const suggestions = rank(this.columnsOf(match).map((column) => ({ label: column.name, entry: column })), lower, limit);
    if (this.#suggestionCache.size >= SUGGESTION_CACHE_SIZE) this.#suggestionCache.delete(this.#suggestionCache.keys().next().value!);
    this.#suggestionCache.set(key, { table: match.table, suggestions });
    return suggestions;
  }

  suggestTables(name: string, database?: string, limit = DEFAULT_SUGGESTIONS): readonly Suggestion<ViewListing>[] {
    const lower = name.trim().toLowerCase();
    return rank(this.listViews({ database }).map((listing) => ({ label: listing.name, entry: listing })), lower, limit);
  }

  /** Every view a reference could mean, best first; a database narrows the choice. */
  #candidates(ref: TableReference): TableMatch[] {
    const name = ref.name.trim().toLowerCase();
    if (name === '') return [];
    let database = ref.database?.trim();
    // `npd_i2.spring_census_2019` written as schema.view: treat a known database in the schema slot as the database.
    if (!database && ref.schema && this.database(ref.schema)) database = ref.schema;
    const wanted = database ? this.database(database) : undefined;
    if (database && !wanted) return [];
    const matches: TableMatch[] = [];
    for (const item of this.#plainViews.get(name) ?? []) {
      if (wanted && item.view.database.toLowerCase() !== wanted.name.toLowerCase()) continue;
      matches.push(tableLevelMatch(item.table, item.view, wanted?.name));
    }
    for (const run of name.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
      const key = name.slice(0, run.index) + YEAR_SLOT + name.slice(run.index + 4);
      for (const item of this.#families.get(key) ?? []) {
        if (wanted && item.view.database.toLowerCase() !== wanted.name.toLowerCase()) continue;
        matches.push(familyMatch(item, Number(run[1]), wanted?.name));
      }
    }
    return matches;
  }
}

function familyMatch(ref: ViewRef, year: number, database: string | undefined): TableMatch {
  const coverage = viewCoverage(ref.view, year);
  return {
    table: ref.table,
    view: ref.view,
    viewName: ref.view.name.replace('[yyyy]', String(year)),
    iteration: ref.view.iteration,
    database: database ?? ref.view.database,
    year,
    term: ref.view.term,
    populated: coverage.populated,
    coverage: coverage.coverage,
    coverageNote: coverage.note,
    ...(coverage.evidence !== undefined ? { coverageEvidence: coverage.evidence } : {}),
  };
}

/** A match on a plain view, or on a table as a whole (its family template, with no year). */
function tableLevelMatch(table: TableEntry, view: ViewEntry, database?: string): TableMatch {
  return {
    table,
    view,
    viewName: view.name,
    iteration: view.iteration,
    database: database ?? view.database,
    term: view.term,
    populated: true,
    coverage: view.name.includes('[yyyy]') ? 'unknown' : 'populated',
  };
}

/** One listing per plain view, and one per year of a family. */
function expandListings(ref: ViewRef): ViewListing[] {
  const base = { database: ref.view.database, iteration: ref.view.iteration, table: ref.table, view: ref.view, term: ref.view.term };
  const years = ref.view.years;
  if (!ref.view.name.includes('[yyyy]') || years?.from === undefined || years.to === undefined) return [{ ...base, name: ref.view.name }];
  const listings: ViewListing[] = [];
  for (let year = years.from; year <= years.to; year++) {
    if (!(years.except ?? []).includes(year)) listings.push({ ...base, name: ref.view.name.replace('[yyyy]', String(year)), year });
  }
  return listings;
}

/** Whether a column belongs in a view that shows only some sub-tables. */
function inView(groups: readonly string[], view: ViewEntry): boolean {
  if (!view.groups || groups.length === 0) return true;
  return groups.some((group) => view.groups!.some((wanted) => wanted.toLowerCase() === group.toLowerCase()));
}

function preference(a: ViewRef, b: ViewRef): number {
  return a.rank - b.rank || b.sequence - a.sequence;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Ranked did-you-mean: edit distance on lower case, close enough to be a typo, best first. */
function rank<T>(items: readonly { label: string; entry: T }[], query: string, limit: number): Suggestion<T>[] {
  if (query === '') return [];
  const threshold = Math.max(2, Math.ceil(query.length / 4));
  const seen = new Set<string>();
  const scored: Suggestion<T>[] = [];
  for (const item of items) {
    const label = item.label.toLowerCase();
    if (seen.has(label) || Math.abs(label.length - query.length) > threshold) continue;
    const score = distance(query, label);
    if (score <= threshold && score > 0) {
      seen.add(label);
      scored.push({ label: item.label, distance: score, entry: item.entry });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || a.label.localeCompare(b.label));
  return scored.slice(0, limit);
}
