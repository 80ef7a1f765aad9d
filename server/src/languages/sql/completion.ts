/**
 * Completion items for each kind of completion context. Catalogue documentation is not computed here: items carry a
 * resolve key and `resolveDocumentation` renders the markdown only for the item the user focuses.
 */
import type { ColumnMatch, TableMatch, ViewListing } from '../../catalogue/api';
import { columnDetail, columnMarkdown, tableMarkdown } from '../../features/catalogueDocs';
import type { CompletionEntry, CompletionResult } from '../types';
import type { Name } from './ast';
import type { CompletionContext, ExpressionContext, MemberContext, StarContext, TableContext, ValueContext } from './context';
import { key, quoteIfNeeded } from './identifiers';
import { BUILTIN_FUNCTIONS } from './keywords';
import { catalogueColumns, type OutputColumn, type ScopeSource, type SemanticModel } from './scopes';
import { joinSnippets } from './joinSnippets';

/** Lists longer than this are narrowed by what is typed and marked incomplete, so the editor asks again. */
const MAX_ITEMS = 400;

const KEYWORDS = ['INNER JOIN', 'LEFT JOIN', 'CROSS APPLY', 'OUTER APPLY', 'WHERE', 'GROUP BY', 'ORDER BY', 'ON', 'WITH (NOLOCK)'];

export function complete(context: CompletionContext, model: SemanticModel): CompletionResult {
  if (context.kind === 'none') return { items: [], isIncomplete: false };
  const items = itemsFor(context, model);
  const base = context.entry.base;
  const placed = items.map((item) => ({
    ...item,
    replaceStart: (item.replaceStart ?? context.replace.start) + base,
    replaceEnd: (item.replaceEnd ?? context.replace.end) + base,
  }));
  return narrow(placed, context.prefix);
}

function itemsFor(context: Exclude<CompletionContext, { kind: 'none' }>, model: SemanticModel): CompletionEntry[] {
  switch (context.kind) {
    case 'table': return tableItems(context, model);
    case 'member': return memberItems(context, model);
    case 'expression': return expressionItems(context, model);
    case 'value': return valueItems(context, model);
    case 'star': return starItems(context, model);
    case 'keyword': return KEYWORDS.map((k, i) => ({ label: k, kind: 'keyword' as const, sortText: `5${i}` }));
  }
}

function narrow(items: CompletionEntry[], prefix: string): CompletionResult {
  if (items.length <= MAX_ITEMS) return { items, isIncomplete: false };
  const p = key(prefix);
  const matching = p ? items.filter((i) => key(i.filterText ?? i.label).includes(p)) : items;
  const sorted = matching.length > MAX_ITEMS ? [...matching].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)) : matching;
  return { items: sorted.slice(0, MAX_ITEMS), isIncomplete: true };
}

// ---- tables -------------------------------------------------------------------------------------------------

function tableItems(context: TableContext, model: SemanticModel): CompletionEntry[] {
  const catalogue = model.catalogue;
  const qualifier = context.qualifier;
  const entry = context.entry;
  if (qualifier.length === 1) {
    const database = catalogue.database(qualifier[0]!.value);
    if (database !== undefined) {
      return catalogue.schemaPlaceholders()
        .filter((s) => s.iteration === undefined || s.iteration === database.iteration)
        .map((s, i) => ({ label: s.text, kind: 'schema' as const, detail: s.description, sortText: `0${i}` }));
    }
    const current = model.objects.databaseAt(entry.index);
    return current !== undefined && catalogue.isLeoDatabase(current) ? viewItems(catalogue.listViews({ database: current }), undefined) : [];
  }
  if (qualifier.length >= 2) {
    const database = qualifier[qualifier.length - 2]!.value;
    return viewItems(catalogue.listViews({ database }), undefined);
  }
  const items: CompletionEntry[] = [];
  const node = entry.parsed.node;
  const rel = context.replace.start;
  for (const query of node.queries) {
    // The statement's own query reaches the cursor even when the cursor is past its last token.
    if (query.ctes.length === 0 || rel < query.start || (rel > query.end && query !== node.query)) continue;
    for (const cte of query.ctes) {
      if (cte.start <= rel && rel <= cte.end) continue;
      items.push({ label: cte.name.value, kind: 'table', detail: 'CTE', sortText: `0${cte.name.value}` });
    }
  }
  const seen = new Set(items.map((i) => key(i.label)));
  for (const object of model.objects.all()) {
    if (object.kind === 'table-variable' && object.statement.batch !== entry.batch) continue;
    const name = object.name.parts[object.name.parts.length - 1]!.value;
    if (seen.has(key(name))) continue;
    seen.add(key(name));
    const detail = object.kind === 'temp-table' ? 'temp table' : object.kind === 'table-variable' ? 'table variable' : `${object.kind} created in this script`;
    items.push({ label: name, kind: 'table', detail, sortText: `0${name}` });
  }
  for (const database of catalogue.databases(catalogue.projectIteration)) {
    if (database.kind !== 'leo') continue;
    items.push({ label: database.name, kind: 'database', detail: database.description ?? 'LEO database', sortText: `1${database.name}` });
  }
  const placeholder = (iteration: string): string => catalogue.schemaPlaceholders().find((s) => s.iteration === iteration)?.text ?? 'dbo';
  items.push(...viewItems(catalogue.listViews().filter((v) => catalogue.projectIteration === undefined || v.iteration === catalogue.projectIteration), placeholder));
  if (context.afterJoin && context.block !== undefined) items.push(...joinSnippets(model, entry.index, context.block));
  return items;
}

/** View items; with `placeholder`, the insert text is the full three-part name. */
function viewItems(views: readonly ViewListing[], placeholder: ((iteration: string) => string) | undefined): CompletionEntry[] {
  return views.map((v) => {
    const insert = placeholder ? `${v.database}.${placeholder(v.iteration)}.${quoteIfNeeded(v.name)}` : quoteIfNeeded(v.name);
    const item: CompletionEntry = {
      label: v.name,
      kind: 'table',
      detail: `${v.database} · ${v.table.title}`,
      resolveKey: tableKey(v.database, v.name),
      sortText: `2${v.name}`,
      filterText: v.name,
      ...(insert !== v.name ? { insertText: insert } : {}),
    };
    return item;
  });
}

// ---- columns ------------------------------------------------------------------------------------------------

function memberItems(context: MemberContext, model: SemanticModel): CompletionEntry[] {
  const scope = model.scope(context.entry.index);
  const source = scope.qualified(context.block, context.qualifier);
  if (source === undefined) return [];
  const columns = source.relation.columns().columns;
  const items = columns.map((c, i) => columnItem(c, quoteIfNeeded(c.name), source, i));
  if (columns.length > 1) {
    const qualifier = context.qualifier.map((q) => quoteIfNeeded(q.value)).join('.');
    items.push({
      label: '*',
      kind: 'snippet',
      detail: `all ${columns.length} columns of ${qualifier}`,
      insertText: columns.map((c, i) => (i === 0 ? quoteIfNeeded(c.name) : `${qualifier}.${quoteIfNeeded(c.name)}`)).join(', '),
      sortText: '0',
      filterText: '*',
    });
  }
  return items;
}

function expressionItems(context: ExpressionContext, model: SemanticModel): CompletionEntry[] {
  const scope = model.scope(context.entry.index);
  if (context.clause === 'insert-columns') {
    const target = scope.target(context.block);
    return target ? target.relation.columns().columns.map((c, i) => columnItem(c, quoteIfNeeded(c.name), target, i)) : [];
  }
  const levels = scope.levels(context.block);
  const own = levels[0] ?? [];
  const counts = new Map<string, number>();
  for (const source of own) {
    for (const column of source.relation.columns().columns) counts.set(key(column.name), (counts.get(key(column.name)) ?? 0) + 1);
  }
  const items: CompletionEntry[] = [];
  let order = 0;
  for (const source of own) {
    const qualifier = qualifierOf(source);
    for (const column of source.relation.columns().columns) {
      const ambiguous = (counts.get(key(column.name)) ?? 0) > 1 && qualifier !== undefined;
      const text = ambiguous ? `${qualifier}.${quoteIfNeeded(column.name)}` : quoteIfNeeded(column.name);
      items.push(columnItem(column, text, source, order++, ambiguous ? text : undefined));
    }
  }
  for (const source of levels.slice(1).flat()) {
    const qualifier = qualifierOf(source);
    if (qualifier === undefined) continue;
    for (const column of source.relation.columns().columns) {
      const text = `${qualifier}.${quoteIfNeeded(column.name)}`;
      items.push({ ...columnItem(column, text, source, order++, text), sortText: `3${String(order).padStart(5, '0')}` });
    }
  }
  for (const source of levels.flat()) {
    const qualifier = qualifierOf(source);
    if (qualifier !== undefined && !items.some((i) => i.kind === 'alias' && i.label === qualifier)) {
      items.push({ label: qualifier, kind: 'alias', detail: source.relation.label, sortText: `0${qualifier}` });
    }
  }
  if (context.clause === 'order-by') {
    const block = context.entry.parsed.node.blocks.find((b) => b.id === context.block);
    for (const item of block?.items ?? []) {
      if (item.alias) items.push({ label: item.alias.value, kind: 'alias', detail: 'select-list alias', sortText: `0${item.alias.value}` });
    }
  }
  for (const fn of BUILTIN_FUNCTIONS) items.push({ label: fn, kind: 'function', insertText: `${fn}($1)`, isSnippet: true, sortText: `4${fn}` });
  return items;
}

function columnItem(column: OutputColumn, text: string, source: ScopeSource, order: number, label?: string): CompletionEntry {
  const match = column.catalogue;
  const item: CompletionEntry = {
    label: label ?? column.name,
    kind: 'column',
    detail: match ? columnDetail(match) || source.relation.label : column.type ?? source.relation.label,
    sortText: `1${String(order).padStart(5, '0')}`,
    filterText: label ?? column.name,
    ...(text !== (label ?? column.name) ? { insertText: text } : {}),
    ...(match ? { resolveKey: columnKey(source, match) } : {}),
  };
  return item;
}

function qualifierOf(source: ScopeSource): string | undefined {
  if (source.node.alias) return quoteIfNeeded(source.node.alias.value);
  if (source.node.kind === 'table') return quoteIfNeeded(source.node.name.parts[source.node.name.parts.length - 1]!.value);
  if (source.node.kind === 'variable') return source.node.name.value;
  return undefined;
}

// ---- codes and star -----------------------------------------------------------------------------------------

function valueItems(context: ValueContext, model: SemanticModel): CompletionEntry[] {
  const scope = model.scope(context.entry.index);
  const parts: readonly Name[] = context.column;
  const resolution = scope.resolve({ start: parts[0]!.start, end: parts[parts.length - 1]!.end, parts, block: context.block, clause: 'where' });
  const codes = resolution.kind === 'column' ? resolution.column.catalogue?.column.codes ?? [] : [];
  // Without a code list the position is an ordinary expression (`b.EduKey = e.Edukey`).
  if (codes.length === 0) return context.inString ? [] : expressionItems({ ...context, kind: 'expression', clause: 'where' }, model);
  return codes.map((c, i) => ({
    label: c.code,
    kind: 'value' as const,
    detail: c.label,
    insertText: context.inString ? c.code.replace(/'/g, "''") : `'${c.code.replace(/'/g, "''")}'`,
    filterText: `${c.code} ${c.label}`,
    sortText: String(i).padStart(5, '0'),
  }));
}

function starItems(context: StarContext, model: SemanticModel): CompletionEntry[] {
  const scope = model.scope(context.entry.index);
  const sources = context.qualifier.length > 0
    ? [scope.qualified(context.block, context.qualifier)].filter((s): s is ScopeSource => s !== undefined)
    : scope.sources(context.block);
  const names: string[] = [];
  let complete = true;
  for (const source of sources) {
    const set = source.relation.columns();
    complete &&= set.complete;
    const qualifier = sources.length > 1 || context.qualifier.length > 0 ? qualifierOf(source) : undefined;
    for (const column of set.columns) names.push(qualifier ? `${qualifier}.${quoteIfNeeded(column.name)}` : quoteIfNeeded(column.name));
  }
  if (names.length === 0 || !complete) return [];
  return [{ label: `${context.qualifier.length > 0 ? context.qualifier.map((q) => q.value).join('.') + '.' : ''}* → ${names.length} columns`, kind: 'snippet', detail: 'Expand * into the column list', insertText: names.join(', '), filterText: '*', sortText: '0' }];
}

// ---- lazy documentation -------------------------------------------------------------------------------------

function tableKey(database: string, view: string): string {
  return JSON.stringify(['t', database, view]);
}

function columnKey(source: ScopeSource, match: ColumnMatch): string {
  const table = source.relation.match;
  return table ? JSON.stringify(['c', table.database, table.viewName, match.name]) : JSON.stringify(['e', match.table.id, match.name]);
}

/** Renders the documentation of a completion item from its resolve key. */
export function resolveDocumentation(resolveKey: string, model: SemanticModel): string | undefined {
  let parts: unknown;
  try {
    parts = JSON.parse(resolveKey);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return undefined;
  const [kind, database, view, column] = parts as string[];
  const catalogue = model.catalogue;
  if (kind === 'e') {
    // A column that reached the query through a CTE or temp table: its table id and catalogued name.
    const found = catalogue.findColumns(view ?? '').find((m) => m.table.id === database);
    return found ? columnMarkdown(found) : undefined;
  }
  const match: TableMatch | undefined = catalogue.resolveTable({ database: database ?? '', name: view ?? '' });
  if (match === undefined) return undefined;
  if (kind === 't') return tableMarkdown(match, { columns: catalogueColumns(catalogue, match).columns.map((c) => c.catalogue!).filter(Boolean) });
  if (kind === 'c' && column !== undefined) {
    const m = catalogue.resolveColumn(match, column);
    return m ? columnMarkdown(m, { viewName: match.viewName }) : undefined;
  }
  return undefined;
}

