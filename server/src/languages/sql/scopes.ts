/**
 * Scopes: which sources each query block sees, what each source stands for (a catalogue view, a CTE, a temp table,
 * a derived table …), which columns it exposes, and what each column reference resolves to.
 * Everything is computed lazily and memoised per document analysis, so a completion request only pays for the
 * statement under the cursor.
 */
import type { CatalogueIndex, TableMatch } from '../../catalogue/api';
import type { ColumnRef, Cte, Name, ObjectName, QueryBlock, QueryExpr, SelectItem, Source } from './ast';
import { catalogueColumns, type ColumnSet, columnSet, isPresent, type OutputColumn, renameColumns, resolveTableCached } from './columns';
import type { SqlDocument, StatementEntry } from './document';
import { displayName, isTempName, isVariableName, key } from './identifiers';
import { TABLE_FUNCTION_COLUMNS } from './keywords';
import { exposedName, matchesQualifier } from './qualifiers';
import type { ScriptObject, ScriptObjectIndex } from './scriptObjects';

export { catalogueColumns, type ColumnSet, columnSet, isPresent, type OutputColumn } from './columns';
export { exposedName, matchesQualifier } from './qualifiers';

export type RelationKind =
  | 'catalogue' | 'cte' | 'script' | 'derived' | 'function' | 'values' | 'pivot' | 'external' | 'unknown-leo';

export interface Relation {
  readonly kind: RelationKind;
  /** What the relation is, for messages and hovers (`npd_i2."<project number>".spring_census_2019`, `CTE earn`). */
  readonly label: string;
  columns(): ColumnSet;
  readonly match?: TableMatch;
  readonly cte?: Cte;
  readonly object?: ScriptObject;
  /** For unknown-leo: the LEO database the name was looked up in. */
  readonly database?: string;
}

export interface ScopeSource {
  readonly node: Source;
  /** The comparison key of the name this source is known by in the query (its alias, or its table name). */
  readonly exposed?: string;
  readonly relation: Relation;
  readonly block: number;
}

export type RefResolution =
  | { readonly kind: 'column'; readonly source: ScopeSource; readonly column: OutputColumn }
  | { readonly kind: 'star'; readonly source?: ScopeSource }
  | { readonly kind: 'output-alias'; readonly item: SelectItem }
  | { readonly kind: 'missing-column'; readonly source?: ScopeSource; readonly candidates: readonly ScopeSource[] }
  | { readonly kind: 'ambiguous'; readonly sources: readonly ScopeSource[] }
  | { readonly kind: 'unknown-qualifier'; readonly qualifier: readonly Name[]; readonly visible: readonly ScopeSource[] }
  /** Nothing can be said safely (half-typed, or a source with unknown columns may hold it). */
  | { readonly kind: 'unresolved' };

export interface StatementScope {
  readonly entry: StatementEntry;
  /** The block's own sources, including the implicit target of UPDATE and DELETE. */
  sources(block: number): readonly ScopeSource[];
  /** The sources a block sees, innermost level first (its own, then each outer block's). */
  levels(block: number): readonly (readonly ScopeSource[])[];
  /** The source written as the target of INSERT, UPDATE, DELETE or MERGE. */
  target(block: number): ScopeSource | undefined;
  relationOf(source: Source): Relation;
  output(query: QueryExpr): ColumnSet;
  resolve(ref: ColumnRef): RefResolution;
  /** The source a qualifier such as `e` or `dbo.t` names, as seen from the block. */
  qualified(block: number, qualifier: readonly Name[]): ScopeSource | undefined;
  /** The CTE of that name visible at a (relative) offset of the statement. */
  cteAt(name: string, offset: number): Cte | undefined;
}

export interface SemanticModel {
  readonly doc: SqlDocument;
  readonly catalogue: CatalogueIndex;
  readonly objects: ScriptObjectIndex;
  scope(statement: number): StatementScope;
  objectColumns(object: ScriptObject): ColumnSet;
}

export function createSemanticModel(doc: SqlDocument, catalogue: CatalogueIndex, objects: ScriptObjectIndex): SemanticModel {
  const scopes = new Map<number, StatementScope>();
  const objectColumnSets = new Map<ScriptObject, ColumnSet>();
  const inProgress = new Set<ScriptObject>();
  const model: SemanticModel = {
    doc,
    catalogue,
    objects,
    scope(statement: number): StatementScope {
      let scope = scopes.get(statement);
      if (scope === undefined) {
        scope = createStatementScope(model, doc.statements[statement]!);
        scopes.set(statement, scope);
      }
      return scope;
    },
    objectColumns(object: ScriptObject): ColumnSet {
      const cached = objectColumnSets.get(object);
      if (cached !== undefined) return cached;
      if (inProgress.has(object)) return columnSet([], false);
      inProgress.add(object);
      try {
        const set = computeObjectColumns(model, object);
        objectColumnSets.set(object, set);
        return set;
      } finally {
        inProgress.delete(object);
      }
    },
  };
  return model;
}

function computeObjectColumns(model: SemanticModel, object: ScriptObject): ColumnSet {
  const base = object.statement.base;
  const defs = (list: readonly { name: Name; type?: string }[]): OutputColumn[] =>
    list.map((d) => ({ name: d.name.value, ...(d.type ? { type: d.type } : {}), definedAt: { start: base + d.name.start, end: base + d.name.end } }));
  const added = object.added.map((d) => ({ name: d.name.value, ...(d.type ? { type: d.type } : {}) }));
  if (object.variable?.tableColumns) return columnSet(defs(object.variable.tableColumns), true);
  const created = object.created;
  if (created === undefined) return columnSet([], false);
  if (created.columns !== undefined) return columnSet([...defs(created.columns), ...added], !object.altered);
  if (created.query !== undefined) {
    const output = model.scope(object.statement.index).output(created.query);
    const renamed = created.columnAliases
      ? created.columnAliases.map((alias, i) => ({ ...(output.columns[i] ?? {}), name: alias.value, definedAt: { start: base + alias.start, end: base + alias.end } }))
      : output.columns;
    return columnSet([...renamed, ...added], (created.columnAliases !== undefined || output.complete) && !object.altered);
  }
  return columnSet(added, false);
}

const SYSTEM_SCHEMAS = new Set(['sys', 'information_schema']);

function createStatementScope(model: SemanticModel, entry: StatementEntry): StatementScope {
  const node = entry.parsed.node;
  const blocks = new Map<number, QueryBlock>(node.blocks.map((b) => [b.id, b]));
  const relations = new Map<Source, Relation>();
  const sourceLists = new Map<number, readonly ScopeSource[]>();
  const outputs = new Map<QueryExpr, ColumnSet>();
  const computingOutputs = new Set<QueryExpr>();
  const targets = new Map<number, ScopeSource | undefined>();
  const outputAliases = new Map<number, ReadonlyMap<string, SelectItem>>();

  const scope: StatementScope = {
    entry,
    sources(blockId: number): readonly ScopeSource[] {
      let list = sourceLists.get(blockId);
      if (list === undefined) {
        list = buildSources(blockId);
        sourceLists.set(blockId, list);
      }
      return list;
    },
    levels(blockId: number): readonly (readonly ScopeSource[])[] {
      const result: (readonly ScopeSource[])[] = [scope.sources(blockId)];
      let block = blocks.get(blockId);
      const seen = new Set<number>([blockId]);
      while (block?.outer !== undefined && !seen.has(block.outer)) {
        seen.add(block.outer);
        const outerSources = scope.sources(block.outer);
        result.push(block.outerSourceLimit !== undefined ? outerSources.slice(0, block.outerSourceLimit) : outerSources);
        block = blocks.get(block.outer);
      }
      return result;
    },
    target(blockId: number): ScopeSource | undefined {
      if (!targets.has(blockId)) scope.sources(blockId);
      return targets.get(blockId);
    },
    relationOf,
    output(query: QueryExpr): ColumnSet {
      const cached = outputs.get(query);
      if (cached !== undefined) return cached;
      if (computingOutputs.has(query)) return columnSet([], false);
      computingOutputs.add(query);
      try {
        const set = queryOutput(query);
        outputs.set(query, set);
        return set;
      } finally {
        computingOutputs.delete(query);
      }
    },
    resolve,
    qualified(blockId: number, qualifier: readonly Name[]): ScopeSource | undefined {
      for (const level of scope.levels(blockId)) {
        const found = level.find((s) => matchesQualifier(s, qualifier));
        if (found !== undefined) return found;
      }
      return undefined;
    },
    cteAt(name: string, offset: number): Cte | undefined {
      let best: { cte: Cte; size: number } | undefined;
      const k = key(name);
      for (const query of node.queries) {
        if (query.ctes.length === 0 || offset < query.start || offset > query.end) continue;
        const cte = query.ctes.find((c) => key(c.name.value) === k);
        const size = query.end - query.start;
        if (cte !== undefined && (best === undefined || size < best.size)) best = { cte, size };
      }
      return best?.cte;
    },
  };

  function buildSources(blockId: number): readonly ScopeSource[] {
    const block = blocks.get(blockId);
    if (block === undefined) return [];
    const own = block.sources.map((source) => scopeSource(source, blockId));
    targets.set(blockId, undefined);
    if (block.target === undefined) return own;
    if (block.kind === 'merge') {
      targets.set(blockId, own[0]);
      return own;
    }
    const targetSource = scopeSource(block.target, blockId);
    if (block.kind === 'insert') {
      targets.set(blockId, targetSource);
      return [targetSource];
    }
    // `UPDATE a SET … FROM t a`: the target names a FROM source; otherwise it is a source of its own.
    const written = block.target;
    const named = own.find((s) => matchesQualifier(s, written.kind === 'table' ? written.name.parts : [written.name]));
    if (named !== undefined) {
      targets.set(blockId, named);
      return own;
    }
    targets.set(blockId, targetSource);
    return [targetSource, ...own];
  }

  function scopeSource(source: Source, blockId: number): ScopeSource {
    const exposed = exposedName(source);
    return exposed !== undefined
      ? { node: source, exposed, relation: relationOf(source), block: blockId }
      : { node: source, relation: relationOf(source), block: blockId };
  }

  function relationOf(source: Source): Relation {
    let relation = relations.get(source);
    if (relation === undefined) {
      relation = computeRelation(source);
      relations.set(source, relation);
    }
    return relation;
  }

  function computeRelation(source: Source): Relation {
    switch (source.kind) {
      case 'table':
        return tableRelation(source.name);
      case 'variable': {
        const object = model.objects.lookup(source.name.value, entry.index);
        return object
          ? { kind: 'script', label: `table variable ${source.name.value}`, object, columns: () => model.objectColumns(object) }
          : opaque('script', `table variable ${source.name.value}`);
      }
      case 'derived': {
        const query = source.query;
        const aliases = source.columnAliases;
        return {
          kind: 'derived',
          label: source.alias ? `derived table ${source.alias.value}` : 'derived table',
          columns: () => renameColumns(scope.output(query), aliases, entry.base),
        };
      }
      case 'function': {
        const known = TABLE_FUNCTION_COLUMNS.get(source.name.parts[source.name.parts.length - 1]!.value.toUpperCase());
        const names = source.columnAliases?.map((a) => a.value) ?? known;
        const set = names ? columnSet(names.map((name) => ({ name })), true) : columnSet([], false);
        return { kind: 'function', label: `table function ${source.name.parts.map((p) => p.value).join('.')}`, columns: () => set };
      }
      case 'values': {
        const set = source.columnAliases ? columnSet(source.columnAliases.map((a) => ({ name: a.value })), true) : columnSet([], false);
        return { kind: 'values', label: 'VALUES list', columns: () => set };
      }
      case 'pivot':
        return opaque('pivot', 'PIVOT result');
    }
  }

  function tableRelation(name: ObjectName): Relation {
    const parts = name.parts;
    const last = parts[parts.length - 1]!.value;
    const label = displayName(name);
    if (parts.length === 1) {
      const cte = scope.cteAt(last, name.start);
      if (cte !== undefined) {
        return { kind: 'cte', label: `CTE ${cte.name.value}`, cte, columns: () => renameColumns(scope.output(cte.query), cte.columns, entry.base) };
      }
    }
    if (isTempName(last) || isVariableName(last)) {
      const object = model.objects.lookup(last, entry.index);
      return object
        ? { kind: 'script', label: isTempName(last) ? `temp table ${last}` : `table variable ${last}`, object, columns: () => model.objectColumns(object) }
        : opaque('script', isTempName(last) ? `temp table ${last}` : `table variable ${last}`);
    }
    const schema = parts.length >= 2 ? parts[parts.length - 2]!.value : undefined;
    const database = parts.length >= 3 ? parts[parts.length - 3]!.value : undefined;
    if (schema !== undefined && SYSTEM_SCHEMAS.has(key(schema))) return opaque('external', label);
    const catalogue = model.catalogue;
    const object = model.objects.lookup(last, entry.index);
    if (object !== undefined && (database === undefined || !catalogue.isLeoDatabase(database))) {
      return { kind: 'script', label: `${object.kind === 'view' ? 'view' : 'table'} ${label} (created in this script)`, object, columns: () => model.objectColumns(object) };
    }
    const effectiveDatabase = database ?? model.objects.databaseAt(entry.index);
    const match = resolveTableCached(catalogue, {
      ...(effectiveDatabase !== undefined ? { database: effectiveDatabase } : {}),
      ...(schema !== undefined ? { schema } : {}),
      name: last,
    });
    if (match !== undefined) {
      return { kind: 'catalogue', label, match, columns: () => catalogueColumns(catalogue, match) };
    }
    if (effectiveDatabase !== undefined && catalogue.isLeoDatabase(effectiveDatabase)) {
      return { kind: 'unknown-leo', label, database: effectiveDatabase, columns: () => columnSet([], false) };
    }
    return opaque('external', label);
  }

  function queryOutput(query: QueryExpr): ColumnSet {
    const first = query.branches[0];
    if (first === undefined) return columnSet([], false);
    if ('branches' in first) return scope.output(first);
    return blockOutput(first);
  }

  function blockOutput(block: QueryBlock): ColumnSet {
    const columns: OutputColumn[] = [];
    let complete = true;
    for (const item of block.items) {
      if (item.assignsVariable) continue;
      if (item.star !== undefined) {
        const sources = item.star.qualifier
          ? [scope.qualified(block.id, item.star.qualifier.parts)].filter((s): s is ScopeSource => s !== undefined)
          : scope.sources(block.id);
        if (sources.length === 0) complete = false;
        for (const source of sources) {
          const set = source.relation.columns();
          columns.push(...set.columns);
          complete &&= set.complete;
        }
        continue;
      }
      const nameNode = item.alias ?? item.column?.parts[item.column.parts.length - 1];
      if (nameNode === undefined || nameNode.value === '') continue;
      const resolution = item.column ? resolve(item.column) : undefined;
      const origin = resolution?.kind === 'column' ? resolution.column : undefined;
      columns.push({
        name: nameNode.value,
        ...(origin?.catalogue ? { catalogue: origin.catalogue } : {}),
        ...(origin?.type ? { type: origin.type } : {}),
        definedAt: { start: entry.base + nameNode.start, end: entry.base + nameNode.end },
      });
    }
    return columnSet(columns, complete);
  }

  // Every column reference may be an output alias of its block, so the aliases are indexed once per block:
  // searching the select list for each reference made a SELECT of n items cost n squared.
  function aliasesOf(block: QueryBlock): ReadonlyMap<string, SelectItem> {
    let aliases = outputAliases.get(block.id);
    if (aliases === undefined) {
      const index = new Map<string, SelectItem>();
      for (const item of block.items) {
        if (item.alias === undefined) continue;
        const name = key(item.alias.value);
        if (!index.has(name)) index.set(name, item);
      }
      aliases = index;
      outputAliases.set(block.id, aliases);
    }
    return aliases;
  }

  function resolve(ref: ColumnRef): RefResolution {
    if (ref.block < 0) return { kind: 'unresolved' };
    const parts = ref.parts;
    const column = parts[parts.length - 1]!;
    const qualifier = parts.slice(0, -1);
    const target = ref.targetColumn ? scope.target(ref.block) : undefined;
    const levels = ref.targetColumn ? (target ? [[target]] : []) : scope.levels(ref.block);
    if (qualifier.length > 0) {
      let source: ScopeSource | undefined;
      for (const level of levels) {
        source = level.find((s) => matchesQualifier(s, qualifier));
        if (source !== undefined) break;
      }
      if (source === undefined) {
        if (qualifier.some((q) => q.value === '')) return { kind: 'unresolved' };
        return { kind: 'unknown-qualifier', qualifier, visible: levels.flat() };
      }
      if (column.value === '*') return { kind: 'star', source };
      if (column.value === '') return { kind: 'unresolved' };
      const set = source.relation.columns();
      const found = set.get(column.value);
      if (found !== undefined) return { kind: 'column', source, column: found };
      return set.complete ? { kind: 'missing-column', source, candidates: [source] } : { kind: 'unresolved' };
    }
    if (column.value === '' || column.value === '*') return { kind: 'unresolved' };
    const block = blocks.get(ref.block);
    const aliasItem = block === undefined ? undefined : aliasesOf(block).get(key(column.value));
    if (aliasItem !== undefined && ref.clause === 'order-by') return { kind: 'output-alias', item: aliasItem };
    let otherYear: { source: ScopeSource; column: OutputColumn } | undefined;
    for (const level of levels) {
      const found: { source: ScopeSource; column: OutputColumn }[] = [];
      let incomplete = false;
      for (const source of level) {
        const set = source.relation.columns();
        const hit = set.get(column.value);
        if (isPresent(hit)) found.push({ source, column: hit });
        else if (hit !== undefined) otherYear ??= { source, column: hit };
        if (!set.complete) incomplete = true;
      }
      if (found.length === 1) return { kind: 'column', source: found[0]!.source, column: found[0]!.column };
      if (found.length > 1) return { kind: 'ambiguous', sources: found.map((f) => f.source) };
      if (incomplete) return { kind: 'unresolved' };
    }
    if (aliasItem !== undefined) return { kind: 'output-alias', item: aliasItem };
    if (otherYear !== undefined) return { kind: 'column', source: otherYear.source, column: otherYear.column };
    const all = levels.flat();
    if (all.length === 0) return { kind: 'unresolved' };
    return { kind: 'missing-column', candidates: all };
  }

  return scope;
}

function opaque(kind: RelationKind, label: string): Relation {
  const set = columnSet([], false);
  return { kind, label, columns: () => set };
}
