/**
 * Go to definition: an alias, CTE or temp table leads to where the script defines it; a catalogued table or column
 * leads to its catalogue entry. A column that comes through a CTE or temp table leads to both the select item that
 * produced it and the catalogue column behind it.
 */
import type { DefinitionTarget } from '../types';
import type { Source, Span } from './ast';
import { type SqlDocument, statementAt, type StatementEntry } from './document';
import { locate } from './locate';
import { objectKey } from './scriptObjects';
import type { OutputColumn, Relation, ScopeSource, SemanticModel, StatementScope } from './scopes';

export function definition(model: SemanticModel, doc: SqlDocument, offset: number): DefinitionTarget[] {
  const entry = statementAt(doc, offset);
  if (entry === undefined) return [];
  const rel = offset - entry.base;
  const located = locate(entry.parsed.node, rel);
  if (located === undefined) return [];
  const scope = model.scope(entry.index);
  switch (located.kind) {
    case 'column': {
      const { ref, part } = located;
      if (part < ref.parts.length - 1) {
        const source = scope.qualified(ref.block, ref.parts.slice(0, ref.parts.length - 1));
        return source ? sourceDefinition(entry, source.node, source.relation) : [];
      }
      const resolution = scope.resolve(ref);
      if (resolution.kind === 'column') return columnDefinition(resolution.column, resolution.source);
      if (resolution.kind === 'output-alias') return [document(entry, resolution.item.alias!)];
      return [];
    }
    case 'source-name': {
      const relation = scope.relationOf(located.source);
      if (located.part < (located.source.kind === 'table' || located.source.kind === 'function' ? located.source.name.parts.length - 1 : 0)) return [];
      return relationDefinition(scope, relation);
    }
    case 'alias':
      return relationDefinition(scope, scope.relationOf(located.source));
    case 'cte':
      return [document(entry, located.cte.name)];
    case 'star':
      return [];
    case 'table-ref': {
      const object = model.objects.lookup(objectKey(located.ref.name), located.created ? entry.index + 1 : entry.index);
      return object ? [{ kind: 'document', start: object.statement.base + object.name.start, end: object.statement.base + object.name.end }] : [];
    }
  }
}

function document(entry: StatementEntry, span: Span): DefinitionTarget {
  return { kind: 'document', start: entry.base + span.start, end: entry.base + span.end };
}

/** Where a qualifier leads: the alias definition when there is one, else what the source stands for. */
function sourceDefinition(entry: StatementEntry, node: Source, relation: Relation): DefinitionTarget[] {
  if (node.alias) return [document(entry, node.alias)];
  if (relation.kind === 'catalogue' && relation.match) return [{ kind: 'catalogue', table: relation.match.table.id }];
  return [];
}

function relationDefinition(scope: StatementScope, relation: Relation): DefinitionTarget[] {
  switch (relation.kind) {
    case 'catalogue':
      return relation.match ? [{ kind: 'catalogue', table: relation.match.table.id }] : [];
    case 'cte':
      return relation.cte ? [document(scope.entry, relation.cte.name)] : [];
    case 'script': {
      const object = relation.object;
      return object ? [{ kind: 'document', start: object.statement.base + object.name.start, end: object.statement.base + object.name.end }] : [];
    }
    default:
      return [];
  }
}

function columnDefinition(column: OutputColumn, source: ScopeSource): DefinitionTarget[] {
  const targets: DefinitionTarget[] = [];
  if (column.definedAt) targets.push({ kind: 'document', start: column.definedAt.start, end: column.definedAt.end });
  if (column.catalogue) targets.push({ kind: 'catalogue', table: column.catalogue.table.id, column: column.catalogue.column.name });
  if (targets.length === 0 && source.relation.kind === 'catalogue' && source.relation.match) {
    targets.push({ kind: 'catalogue', table: source.relation.match.table.id });
  }
  return targets;
}
