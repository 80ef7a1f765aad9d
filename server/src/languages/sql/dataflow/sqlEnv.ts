/**
 * The state the T-SQL extractor carries through a script: the model being built, the catalogue facts, and
 * the relations the script defines (temp tables, table variables, project tables and views), so that a later
 * statement reading `#cohort` sees what an earlier one put in it.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { Name, ObjectName } from '../ast';
import { addSource, type ModelBuilder } from '../../../dataflow/builder';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import { entryFacts, type FactsResolver, type TableFacts } from '../../../dataflow/facts';
import type { Frame, FrameColumn, Span } from '../../../dataflow/model';
import type { Helpers } from './sqlExpr';

export interface SqlEnv {
  readonly text: string;
  /** The document's line break (CRLF when it has any), looked for once rather than by every GROUP BY. */
  readonly newline: string;
  readonly builder: ModelBuilder;
  readonly facts: FactsResolver;
  readonly config: ResolvedDisclosureConfig;
  readonly catalogue: CatalogueIndex | undefined;
  /** Relations the script made, by lower-case name (`#cohort`, `@t`, `dbo.results` and `results`). */
  readonly relations: Map<string, Frame>;
  readonly helpers: Helpers;
  readonly dominanceHelpers: ReadonlySet<string>;
  /** Source frames of catalogue views, by view, so that a view read twice is one frame's worth of columns. */
  readonly catalogueFrames: Map<string, { columns: readonly FrameColumn[]; table: TableFacts }>;
}

/** Databases of the LEO extract in the SRS, for when the catalogue does not know a view. */
const LEO_DATABASE = /^(?:npd|leo|lilr|hesa|ucas|ilr)(?:_i\d+)?$/i;

/** The parts of a dotted name as a table reference: database, schema and name, without delimiters. */
export function tableReference(name: ObjectName): { database?: string; schema?: string; name: string } {
  const parts = name.parts.map((p: Name) => p.value);
  const last = parts[parts.length - 1] ?? '';
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const database = parts.length >= 3 ? parts[parts.length - 3] : undefined;
  return { ...(database ? { database } : {}), ...(schema ? { schema } : {}), name: last };
}

/** Keys a relation the script made can be found under. */
export function relationKeys(name: ObjectName): string[] {
  const parts = name.parts.map((p) => p.value.toLowerCase()).filter((p) => p.length > 0);
  const last = parts[parts.length - 1] ?? '';
  const keys = [parts.join('.'), last];
  return [...new Set(keys)];
}

export function lookupRelation(env: SqlEnv, name: ObjectName): Frame | undefined {
  const parts = name.parts.map((p) => p.value.toLowerCase()).filter((p) => p.length > 0);
  const full = parts.join('.');
  const last = parts[parts.length - 1] ?? '';
  // A three-part name into a LEO database is the extract itself, never a table the script made.
  if (parts.length >= 3 && LEO_DATABASE.test(parts[0]!)) return undefined;
  return env.relations.get(full) ?? (last.startsWith('#') || last.startsWith('@') || parts.length <= 2 ? env.relations.get(last) : undefined);
}

export function registerRelation(env: SqlEnv, name: ObjectName, frame: Frame): void {
  for (const key of relationKeys(name)) env.relations.set(key, frame);
}

/**
 * A frame for a table the script did not make: a catalogued view (record-level, with its catalogue columns),
 * an uncatalogued view in a LEO database (record-level, columns unknown), or anything else (unknown).
 */
export function externalTable(env: SqlEnv, name: ObjectName, span: Span): { frame: Frame; table: TableFacts } {
  const ref = tableReference(name);
  const table = env.facts.table(ref);
  const source = { name: name.parts.map((p) => p.value).join('.'), safeguarding: table.safeguarding, span, ...(table.match ? { tableId: table.match.table.id } : {}) };
  if (table.match !== undefined) {
    const key = `${table.match.database}.${table.match.viewName}`.toLowerCase();
    let entry = env.catalogueFrames.get(key);
    if (entry === undefined) {
      let columns: FrameColumn[] = [];
      try {
        columns = env.catalogue?.columnsOf(table.match).map((c) => ({ name: c.name, facts: entryFacts(c.column, table.safeguarding) })) ?? [];
      } catch {
        columns = [];
      }
      entry = { columns, table };
      env.catalogueFrames.set(key, entry);
    }
    const frame = addSource(env.builder, { name: source.name, span, grain: 'record', columns: entry.columns, columnsComplete: entry.columns.length > 0, sources: [source] });
    return { frame, table };
  }
  const leo = ref.database !== undefined ? (env.catalogue?.isLeoDatabase(ref.database) ?? false) || LEO_DATABASE.test(ref.database) : false;
  const frame = addSource(env.builder, {
    name: source.name,
    span,
    grain: leo || table.safeguarding ? 'record' : 'unknown',
    columns: [],
    columnsComplete: false,
    sources: leo || table.safeguarding ? [source] : [],
  });
  return { frame, table };
}
