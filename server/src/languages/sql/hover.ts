/**
 * Hover: catalogue documentation for tables and columns, what an alias or CTE stands for, the columns a temp table
 * or `*` provides. Columns that reach a query through a CTE or temp table still show their catalogue entry.
 */
import { columnMarkdown, tableMarkdown } from '../../features/catalogueDocs';
import type { HoverResult } from '../types';
import type { Span } from './ast';
import { type SqlDocument, statementAt } from './document';
import { displayName, quoteIfNeeded } from './identifiers';
import { locate } from './locate';
import { objectKey } from './scriptObjects';
import { catalogueColumns, type OutputColumn, type ScopeSource, type SemanticModel } from './scopes';

/** How many script-defined columns a hover lists before summarising. */
const MAX_LISTED = 30;

export function hover(model: SemanticModel, doc: SqlDocument, offset: number): HoverResult | undefined {
  const entry = statementAt(doc, offset);
  if (entry === undefined) return undefined;
  const rel = offset - entry.base;
  const node = entry.parsed.node;
  const located = locate(node, rel);
  if (located === undefined) return undefined;
  const scope = model.scope(entry.index);
  const at = (span: Span, markdown: string | undefined): HoverResult | undefined =>
    markdown ? { markdown, start: entry.base + span.start, end: entry.base + span.end } : undefined;
  switch (located.kind) {
    case 'column': {
      const { ref, part } = located;
      const name = ref.parts[part]!;
      if (part < ref.parts.length - 1) {
        const source = scope.qualified(ref.block, ref.parts.slice(0, ref.parts.length - 1));
        return source ? at(name, sourceMarkdown(model, source)) : undefined;
      }
      const resolution = scope.resolve(ref);
      if (resolution.kind === 'column') return at(name, columnHover(resolution.column, resolution.source, model));
      if (resolution.kind === 'output-alias') return at(name, `**${resolution.item.alias!.value}** — a column alias from the select list`);
      if (resolution.kind === 'ambiguous') {
        return at(name, `**${name.value}** is ambiguous: it is in ${resolution.sources.map((s) => s.node.alias?.value ?? s.relation.label).join(' and ')}.`);
      }
      return undefined;
    }
    case 'source-name': {
      const { source, part } = located;
      if (source.kind !== 'table' && source.kind !== 'function') return undefined;
      const name = source.name.parts[part]!;
      const parts = source.name.parts;
      if (part === parts.length - 1) {
        const scopeSource = scope.sources(located.block.id).find((s) => s.node === source) ?? { node: source, relation: scope.relationOf(source), block: located.block.id };
        return at(name, sourceMarkdown(model, scopeSource));
      }
      if (part === parts.length - 3 || (parts.length === 2 && part === 0 && model.catalogue.database(name.value))) {
        const database = model.catalogue.database(name.value);
        return database ? at(name, `**${database.name}** — ${database.description ?? 'database'}`) : undefined;
      }
      if (part === parts.length - 2) {
        const placeholder = model.catalogue.schemaPlaceholders().find((s) => s.text.replace(/^["[]|["\]]$/g, '') === name.value);
        return at(name, placeholder ? `**${placeholder.text}** — ${placeholder.description}` : `**${name.value}** — the project's schema`);
      }
      return undefined;
    }
    case 'alias': {
      const source = scope.sources(located.block.id).find((s) => s.node === located.source);
      return source ? at(located.source.alias!, sourceMarkdown(model, source)) : undefined;
    }
    case 'cte': {
      const set = scope.output(located.cte.query);
      const columns = located.cte.columns ? located.cte.columns.map((c) => ({ name: c.value })) : set.columns;
      return at(located.cte.name, `**CTE ${located.cte.name.value}**\n\n${columnList(columns, set.complete)}`);
    }
    case 'star': {
      const item = located.item;
      const qualifier = item.star!.qualifier;
      const sources = qualifier ? [scope.qualified(located.block.id, qualifier.parts)].filter((s): s is ScopeSource => !!s) : scope.sources(located.block.id);
      const columns = sources.flatMap((s) => s.relation.columns().columns);
      const complete = sources.every((s) => s.relation.columns().complete);
      return at(item.star!.star, `**\\*** expands to ${columns.length}${complete ? '' : ' or more'} columns\n\n${columnList(columns, complete)}`);
    }
    case 'table-ref': {
      const object = model.objects.lookup(objectKey(located.ref.name), located.created ? entry.index + 1 : entry.index);
      if (object === undefined) return undefined;
      const set = model.objectColumns(object);
      return at(located.ref.name, `**${object.kind.replace('-', ' ')} ${displayName(object.name)}** (${describeWhere(doc, object.statement.base)})\n\n${columnList(set.columns, set.complete)}`);
    }
  }
}

function columnHover(column: OutputColumn, source: ScopeSource, model: SemanticModel): string {
  const relation = source.relation;
  if (column.catalogue) {
    const docs = columnMarkdown(column.catalogue, relation.match ? { viewName: relation.match.viewName } : {});
    if (relation.kind === 'catalogue') return docs;
    return `\`${column.name}\` of ${relation.label}, from the catalogue column below.\n\n---\n\n${docs}`;
  }
  const where = relation.object ? ` (${describeWhere(model.doc, relation.object.statement.base)})` : '';
  return `**${column.name}**${column.type ? ` · ${column.type}` : ''}\n\nA column of ${relation.label}${where}.`;
}

function sourceMarkdown(model: SemanticModel, source: ScopeSource): string | undefined {
  const relation = source.relation;
  const alias = source.node.alias ? `\`${source.node.alias.value}\` is ` : '';
  switch (relation.kind) {
    case 'catalogue': {
      const match = relation.match!;
      const columns = catalogueColumns(model.catalogue, match).columns.map((c) => c.catalogue!).filter(Boolean);
      const writtenAs = source.node.kind === 'table' ? displayName(source.node.name) : undefined;
      const body = tableMarkdown(match, { columns, ...(writtenAs ? { writtenAs } : {}) });
      return alias ? `${alias}an alias for this view.\n\n${body}` : body;
    }
    case 'unknown-leo':
      return undefined;
    case 'external':
      return `${alias}**${relation.label}** — not in the LEO catalogue (a project table or another database), so its columns are not checked.`;
    default: {
      const set = relation.columns();
      const where = relation.object ? ` (${describeWhere(model.doc, relation.object.statement.base)})` : '';
      return `${alias}**${relation.label}**${where}\n\n${columnList(set.columns, set.complete)}`;
    }
  }
}

/** A short markdown table of script-defined columns, naming the catalogue column each comes from. */
function columnList(columns: readonly OutputColumn[], complete: boolean): string {
  if (columns.length === 0) return complete ? '_No columns._' : '_Its columns are not known._';
  const shown = columns.slice(0, MAX_LISTED);
  const rows = shown.map((c) => `| \`${quoteIfNeeded(c.name)}\` | ${c.type ?? c.catalogue?.column.type ?? ''} | ${c.catalogue ? `${c.catalogue.name} (${c.catalogue.table.title})`.replace(/\|/g, '\\|') : ''} |`);
  const more = columns.length > shown.length ? `\n\n_…and ${columns.length - shown.length} more._` : '';
  const partial = complete ? '' : '\n\n_There may be more columns than these._';
  return `| Column | Type | From the catalogue |\n|---|---|---|\n${rows.join('\n')}${more}${partial}`;
}

/** `created on line 12`. */
function describeWhere(doc: SqlDocument, offset: number): string {
  let line = 1;
  for (let i = 0; i < offset && i < doc.text.length; i++) if (doc.text.charCodeAt(i) === 10) line++;
  return `created on line ${line}`;
}

