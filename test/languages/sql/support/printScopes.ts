/**
 * Prints, for each statement, the sources every query block sees and what each column reference resolves to,
 * for the scope golden files.
 */
import type { SemanticModel } from '../../../../server/src/languages/sql/scopes';

export function printScopes(model: SemanticModel): string {
  const out: string[] = [];
  for (const entry of model.doc.statements) {
    const scope = model.scope(entry.index);
    const node = entry.parsed.node;
    out.push(`statement ${entry.index} ${node.kind}`);
    for (const block of node.blocks) {
      out.push(`  block #${block.id} ${block.kind}`);
      scope.levels(block.id).forEach((level, depth) => {
        for (const source of level) {
          const set = source.relation.columns();
          const columns = set.columns.slice(0, 6).map((c) => c.name).join(', ');
          out.push(`    ${depth === 0 ? 'own' : `outer${depth}`} ${source.exposed ?? '(unnamed)'}: ${source.relation.kind} ${source.relation.label} [${set.columns.length}${set.complete ? '' : '+'}: ${columns}${set.columns.length > 6 ? ', …' : ''}]`);
        }
      });
    }
    for (const ref of node.columnRefs) {
      const r = scope.resolve(ref);
      const name = ref.parts.map((p) => p.value || '<missing>').join('.');
      let detail: string = r.kind;
      if (r.kind === 'column') detail = `column ${r.column.name} of ${r.source.exposed ?? r.source.relation.label}${r.column.catalogue ? ` (catalogue ${r.column.catalogue.table.id}.${r.column.catalogue.name}, ${r.column.catalogue.matchedBy})` : ''}`;
      if (r.kind === 'ambiguous') detail = `ambiguous ${r.sources.map((s) => s.exposed).join(', ')}`;
      if (r.kind === 'missing-column') detail = `missing in ${r.candidates.map((s) => s.exposed).join(', ')}`;
      out.push(`  ref ${name} (#${ref.block} ${ref.clause}) → ${detail}`);
    }
  }
  return out.join('\n') + '\n';
}
