/**
 * Hover in R: the embedded SQL's own hover; a column reference shows its catalogue entry or how it was
 * derived; a table named from R shows the catalogue table; a variable holding a frame shows where the
 * frame came from and its columns.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { HoverResult } from '../../types';
import type { TableNameUse, VariableUse } from '../frames/evaluator';
import type { FrameModel } from '../frames/model';
import type { EmbeddedSql } from '../sql/embedded';
import { mapHover, sqlOffsetOf } from '../sql/hostMapping';
import { columnHoverMarkdown, frameHoverMarkdown, tableHoverMarkdown } from './docs';

export interface HoverData {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly model: FrameModel;
  readonly embedded: readonly EmbeddedSql[];
  readonly tableNames: readonly TableNameUse[];
  readonly variableUses: readonly VariableUse[];
}

export function hover(data: HoverData, offset: number): HoverResult | undefined {
  for (const query of data.embedded) {
    const at = sqlOffsetOf(query, offset);
    if (at !== undefined) return mapHover(query, query.analysis.hover(at));
  }
  const reference = smallest(data.model.references.filter((r) => r.start <= offset && offset <= r.end && r.column));
  if (reference?.column) {
    return { markdown: columnHoverMarkdown(reference.column, data.model.frames[reference.frame]), start: reference.start, end: reference.end };
  }
  for (const use of data.tableNames) {
    const span = use.table.nameSpan;
    if (offset < span.start || offset > span.end) continue;
    const match = data.catalogue.resolveTable(use.table.reference);
    if (!match) return undefined;
    const written = [use.table.reference.database, use.table.reference.schema, use.table.reference.name].filter((p) => p !== undefined).join('.');
    return { markdown: tableHoverMarkdown(data.catalogue, match, written), start: span.start, end: span.end };
  }
  const variable = data.variableUses.find((use) => use.start <= offset && offset <= use.end);
  if (variable) return { markdown: frameHoverMarkdown(data.model, variable.frame, variable.name), start: variable.start, end: variable.end };
  const binding = data.model.bindings.find((b) => b.frame !== undefined && b.nameSpan.start <= offset && offset <= b.nameSpan.end);
  if (binding?.frame !== undefined) {
    const frame = data.model.frames[binding.frame];
    if (frame) return { markdown: frameHoverMarkdown(data.model, frame, binding.name), start: binding.nameSpan.start, end: binding.nameSpan.end };
  }
  return undefined;
}

function smallest<T extends { start: number; end: number }>(items: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const item of items) if (!best || item.end - item.start < best.end - best.start) best = item;
  return best;
}
