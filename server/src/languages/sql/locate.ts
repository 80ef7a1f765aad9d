/**
 * Finds the syntax element at an offset of a statement: a column reference (and which part of it), a table name,
 * an alias, a CTE name, a `*`, or a table named by DROP, CREATE and the like. Hover and go-to-definition start here.
 */
import type { ColumnRef, Cte, CreatedObject, QueryBlock, SelectItem, Source, Span, StatementNode, TableRef } from './ast';

export type Located =
  | { readonly kind: 'column'; readonly ref: ColumnRef; readonly part: number }
  | { readonly kind: 'source-name'; readonly block: QueryBlock; readonly source: Source; readonly part: number }
  | { readonly kind: 'alias'; readonly block: QueryBlock; readonly source: Source }
  | { readonly kind: 'cte'; readonly cte: Cte }
  | { readonly kind: 'star'; readonly block: QueryBlock; readonly item: SelectItem }
  | { readonly kind: 'table-ref'; readonly ref: TableRef; readonly created?: CreatedObject };

function inside(span: Span, rel: number): boolean {
  return span.start <= rel && rel <= span.end && span.end > span.start;
}

export function locate(node: StatementNode, rel: number): Located | undefined {
  for (const ref of node.columnRefs) {
    if (!inside(ref, rel)) continue;
    const part = ref.parts.findIndex((p) => inside(p, rel));
    if (part >= 0) return ref.parts[part]!.value === '*' ? starAt(node, rel) ?? { kind: 'column', ref, part } : { kind: 'column', ref, part };
  }
  for (const block of node.blocks) {
    if (block.target && block.kind !== 'merge' && !block.sources.includes(block.target)) {
      const found = inSource(block, block.target, rel);
      if (found) return found;
    }
    for (const source of block.sources) {
      const found = inSource(block, source, rel);
      if (found) return found;
    }
  }
  for (const query of node.queries) {
    for (const cte of query.ctes) if (inside(cte.name, rel)) return { kind: 'cte', cte };
  }
  const star = starAt(node, rel);
  if (star) return star;
  for (const ref of node.tableRefs) {
    if (inside(ref.name, rel)) {
      const created = node.creates.find((c) => c.name === ref.name);
      return created ? { kind: 'table-ref', ref, created } : { kind: 'table-ref', ref };
    }
  }
  return undefined;
}

function inSource(block: QueryBlock, source: Source, rel: number): Located | undefined {
  if (source.alias && inside(source.alias, rel)) return { kind: 'alias', block, source };
  if (source.kind === 'table' || source.kind === 'function') {
    const part = source.name.parts.findIndex((p) => inside(p, rel));
    if (part >= 0) return { kind: 'source-name', block, source, part };
  }
  if (source.kind === 'pivot') return inSource(block, source.inner, rel);
  return undefined;
}

function starAt(node: StatementNode, rel: number): Located | undefined {
  for (const block of node.blocks) {
    for (const item of block.items) {
      if (item.star && inside(item.star.star, rel)) return { kind: 'star', block, item };
    }
  }
  return undefined;
}
