/**
 * Hover and go to definition in Python: inside SQL strings, the T-SQL answers; on a column name, its catalogue
 * entry (or how it was made) and where it entered its frame; on a variable holding a frame, the frame.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { DefinitionTarget, HoverResult } from '../../types';
import type { Binding, ColumnReference } from '../dataflow/state';
import { catalogueColumn, columnHover, frameHover } from './columnDocs';
import { type EmbeddedQuery, queryAt } from './embeddedSql';

export interface NavigationData {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly references: readonly ColumnReference[];
  readonly bindings: readonly Binding[];
  readonly queries: readonly EmbeddedQuery[];
}

function referenceAt(data: NavigationData, offset: number): ColumnReference | undefined {
  let best: ColumnReference | undefined;
  for (const r of data.references) {
    if (r.column === undefined || offset < r.start || offset > r.end) continue;
    if (best === undefined || r.end - r.start < best.end - best.start) best = r;
  }
  return best;
}

export function hover(data: NavigationData, offset: number): HoverResult | undefined {
  const query = queryAt(data.queries, offset);
  if (query !== undefined) return query.analysis.hover(offset);
  const reference = referenceAt(data, offset);
  if (reference?.column !== undefined) return { markdown: columnHover(data.catalogue, reference.frame, reference.column), start: reference.start, end: reference.end };
  const binding = data.bindings.find((b) => b.frame !== undefined && b.nameSpan.start <= offset && offset <= b.nameSpan.end);
  if (binding?.frame !== undefined) return { markdown: frameHover(binding.frame, binding.name), start: binding.nameSpan.start, end: binding.nameSpan.end };
  return undefined;
}

export function definition(data: NavigationData, offset: number): DefinitionTarget[] {
  const query = queryAt(data.queries, offset);
  if (query !== undefined) return [...query.analysis.definition(offset)];
  const reference = referenceAt(data, offset);
  if (reference?.column === undefined) return [];
  const targets: DefinitionTarget[] = [];
  const span = reference.column.span;
  if (span !== undefined && (span.start !== reference.start || span.end !== reference.end)) targets.push({ kind: 'document', start: span.start, end: span.end });
  const match = catalogueColumn(data.catalogue, reference.frame, reference.column);
  if (match !== undefined) targets.push({ kind: 'catalogue', table: match.table.id, column: match.column.name });
  return targets;
}
