/**
 * Objects a script defines for itself: temp tables, tables and views created by CREATE or SELECT … INTO, and table
 * variables. The index answers "which definition of this name is in force at statement i", so that a name used before
 * it is redefined resolves to the right columns, and anything the script made is never reported as unknown.
 */
import type { ColumnDef, CreatedObject, DeclaredVariable, ObjectName } from './ast';
import type { ParsedStatement, SqlDocument, StatementEntry } from './document';
import { isTempName, isVariableName, key } from './identifiers';

export type ScriptObjectKind = 'temp-table' | 'table' | 'view' | 'table-variable';

export interface ScriptObject {
  readonly key: string;
  readonly kind: ScriptObjectKind;
  readonly statement: StatementEntry;
  /** The defining name, with offsets relative to the defining statement. */
  readonly name: ObjectName;
  readonly created?: CreatedObject;
  readonly variable?: DeclaredVariable;
  /** Columns added by `ALTER TABLE … ADD` anywhere in the script. */
  readonly added: readonly ColumnDef[];
  /** True when the script alters the object, so its column list may differ from the definition. */
  readonly altered: boolean;
}

export interface ScriptObjectIndex {
  /**
   * The definition in force at statement `at`: the latest one before it (in the same batch for table variables).
   * For temp and permanent tables defined only later (scripts are often run piecemeal), the first later one.
   */
  lookup(name: string, at: number): ScriptObject | undefined;
  /** True when the script defines an object of this name (lower case) anywhere. */
  defines(name: string): boolean;
  /** Every object name defined anywhere in the script, for completion. */
  all(): readonly ScriptObject[];
  /** The database named by the last `USE` before statement `at` in the same batch or earlier. */
  databaseAt(at: number): string | undefined;
}

/** The lookup key of a script object: the last part of its name, lower-cased (`#cohort`, `cohort`, `@t`). */
export function objectKey(name: ObjectName): string {
  const last = name.parts[name.parts.length - 1];
  return key(last?.value ?? '');
}

/** What one statement defines, computed once per parse. */
interface Definitions {
  readonly alters: readonly { readonly key: string; readonly added: readonly ColumnDef[] }[];
  readonly creates: readonly { readonly key: string; readonly created: CreatedObject }[];
  readonly variables: readonly { readonly key: string; readonly variable: DeclaredVariable }[];
}

const definitionsByParse = new WeakMap<ParsedStatement, Definitions | null>();

/** The definitions of a statement, or null for the (many) statements that define nothing. */
function definitionsOf(parsed: ParsedStatement): Definitions | null {
  let definitions = definitionsByParse.get(parsed);
  if (definitions === undefined) {
    const node = parsed.node;
    const variables = node.declares.filter((v) => v.tableColumns !== undefined).map((variable) => ({ key: key(variable.name.value), variable }));
    definitions = node.alters.length + node.creates.length + variables.length === 0
      ? null
      : {
        alters: node.alters.map((a) => ({ key: objectKey(a.name), added: a.added })),
        creates: node.creates.map((created) => ({ key: objectKey(created.name), created })),
        variables,
      };
    definitionsByParse.set(parsed, definitions);
  }
  return definitions;
}

export function buildScriptObjects(doc: SqlDocument): ScriptObjectIndex {
  const byKey = new Map<string, ScriptObject[]>();
  const alters = new Map<string, ColumnDef[]>();
  const uses: { at: number; database: string }[] = [];
  const defining: { entry: StatementEntry; definitions: Definitions }[] = [];
  for (const entry of doc.statements) {
    const definitions = definitionsOf(entry.parsed);
    if (definitions !== null) {
      defining.push({ entry, definitions });
      for (const alter of definitions.alters) alters.set(alter.key, [...(alters.get(alter.key) ?? []), ...alter.added]);
    }
    const use = entry.parsed.node.use;
    if (use) uses.push({ at: entry.index, database: use.value });
  }
  const push = (object: Omit<ScriptObject, 'added' | 'altered'>): void => {
    const added = alters.get(object.key);
    const full: ScriptObject = { ...object, added: added ?? [], altered: added !== undefined };
    const list = byKey.get(object.key);
    if (list) list.push(full);
    else byKey.set(object.key, [full]);
  };
  for (const { entry, definitions } of defining) {
    for (const { key: k, created } of definitions.creates) {
      const kind: ScriptObjectKind = created.kind === 'view' ? 'view' : isTempName(k) ? 'temp-table' : 'table';
      push({ key: k, kind, statement: entry, name: created.name, created });
    }
    for (const { key: k, variable } of definitions.variables) {
      push({ key: k, kind: 'table-variable', statement: entry, name: { start: variable.name.start, end: variable.name.end, parts: [variable.name] }, variable });
    }
  }
  const all = [...byKey.values()].flat();
  return {
    lookup(name: string, at: number): ScriptObject | undefined {
      const list = byKey.get(key(name));
      if (list === undefined) return undefined;
      const batch = doc.statements[at]?.batch;
      let before: ScriptObject | undefined;
      for (const object of list) {
        if (object.statement.index >= at) break;
        if (object.kind === 'table-variable' && object.statement.batch !== batch) continue;
        before = object;
      }
      if (before !== undefined) return before;
      if (isVariableName(name)) return undefined;
      return list.find((o) => o.kind !== 'table-variable');
    },
    defines: (name: string) => byKey.has(name),
    all: () => all,
    databaseAt(at: number): string | undefined {
      let database: string | undefined;
      for (const use of uses) {
        if (use.at >= at) break;
        database = use.database;
      }
      return database;
    },
  };
}
