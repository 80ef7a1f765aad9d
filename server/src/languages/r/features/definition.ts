/**
 * Go to definition in R: from a column use to where the column entered its frame (the SQL select
 * item, the `tbl()` call, the `mutate()` argument, the rename) and to its catalogue entry; from a
 * table name to the catalogue; from a variable to the assignment in force.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { DefinitionTarget } from '../../types';
import type { TableNameUse, VariableUse } from '../frames/evaluator';
import type { FrameModel } from '../frames/model';
import type { EmbeddedSql } from '../sql/embedded';
import { mapDefinitions, sqlOffsetOf } from '../sql/hostMapping';

export interface DefinitionData {
  readonly catalogue: CatalogueIndex;
  readonly model: FrameModel;
  readonly embedded: readonly EmbeddedSql[];
  readonly tableNames: readonly TableNameUse[];
  readonly variableUses: readonly VariableUse[];
}

export function definition(data: DefinitionData, offset: number): DefinitionTarget[] {
  for (const query of data.embedded) {
    const at = sqlOffsetOf(query, offset);
    if (at !== undefined) return mapDefinitions(query, query.analysis.definition(at));
  }
  const reference = data.model.references
    .filter((r) => r.start <= offset && offset <= r.end && r.column)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  if (reference?.column) {
    const targets: DefinitionTarget[] = [];
    const defined = reference.column.definedAt;
    if (defined.start !== reference.start || defined.end !== reference.end) targets.push({ kind: 'document', start: defined.start, end: defined.end });
    const origin = reference.column.origin;
    if (origin.kind === 'catalogue') targets.push({ kind: 'catalogue', table: origin.match.table.id, column: origin.match.column.name });
    return targets;
  }
  for (const use of data.tableNames) {
    const span = use.table.nameSpan;
    if (offset < span.start || offset > span.end) continue;
    const match = data.catalogue.resolveTable(use.table.reference);
    return match ? [{ kind: 'catalogue', table: match.table.id }] : [];
  }
  const variable = data.variableUses.find((use) => use.start <= offset && offset <= use.end);
  if (variable) {
    let binding: FrameModel['bindings'][number] | undefined;
    for (const b of data.model.bindings) if (b.name === variable.name && b.from <= variable.start && (!binding || b.from >= binding.from)) binding = b;
    if (binding) return [{ kind: 'document', start: binding.nameSpan.start, end: binding.nameSpan.end }];
  }
  return [];
}
