/**
 * Prints a parsed SQL document as indented text for golden files.
 * Every node shows its source text (shortened) and line:column, so a golden diff reads like the SQL it came from.
 */
import type { ColumnRef, QueryBlock, QueryExpr, Source, Span, StatementNode } from '../../../../server/src/languages/sql/ast';
import type { SqlDocument } from '../../../../server/src/languages/sql/document';
import { tokenize } from '../../../../server/src/languages/sql/tokenizer';

export function printTokens(text: string): string {
  const { tokens, comments } = tokenize(text);
  const lines = tokens.map((t) => `${t.kind} ${JSON.stringify(t.text)}${t.value !== t.text ? ` value=${JSON.stringify(t.value)}` : ''}${t.unterminated ? ' unterminated' : ''} @${t.start}`);
  for (const c of comments) lines.push(`comment ${c.kind} ${JSON.stringify(text.slice(c.start, c.end))}${c.unterminated ? ' unterminated' : ''} @${c.start}`);
  return lines.join('\n') + '\n';
}

export function printDocument(doc: SqlDocument): string {
  const out: string[] = [];
  const lineStarts = [0];
  for (let i = 0; i < doc.text.length; i++) if (doc.text[i] === '\n') lineStarts.push(i + 1);
  const pos = (offset: number): string => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return `${line + 1}:${offset - lineStarts[line]! + 1}`;
  };
  doc.batches.forEach((batch, b) => {
    out.push(`batch ${b} ${pos(batch.start)}${batch.separator ? ` GO at ${pos(batch.separator.start)}` : ''}`);
    for (let i = batch.firstStatement; i < batch.endStatement; i++) {
      const entry = doc.statements[i]!;
      printStatement(out, entry.parsed.node, (span) => `${snippet(doc.text, span, entry.base)} ${pos(entry.base + span.start)}`);
    }
  });
  return out.join('\n') + '\n';
}

function snippet(text: string, span: Span, base: number): string {
  const raw = text.slice(base + span.start, base + span.end).replace(/\s+/g, ' ');
  return JSON.stringify(raw.length > 60 ? raw.slice(0, 57) + '...' : raw);
}

type Show = (span: Span) => string;

function printStatement(out: string[], node: StatementNode, show: Show): void {
  out.push(`  statement ${node.kind} ${show(node)}${node.dynamic ? ' dynamic' : ''}${node.blockWord ? ` ${node.blockWord}` : ''}`);
  const printed = new Set<QueryBlock>();
  if (node.query) printQuery(out, node, node.query, '    ', show, printed);
  for (const block of node.blocks) {
    if (!printed.has(block)) printBlock(out, node, block, '    ', show, printed);
  }
  for (const ref of node.columnRefs) out.push(`    ref #${ref.block} ${ref.clause} ${refText(ref)}${ref.targetColumn ? ' target' : ''}`);
  for (const ref of node.tableRefs) out.push(`    table-ref ${ref.role} ${show(ref.name)}`);
  for (const c of node.creates) {
    const columns = c.columns ? ` columns (${c.columns.map((d) => `${d.name.value}${d.type ? ` ${d.type}` : ''}`).join(', ')})` : '';
    out.push(`    creates ${c.kind} ${show(c.name)} via ${c.via}${columns}`);
  }
  for (const d of node.declares) {
    out.push(`    declares ${d.name.value}${d.type ? ` ${d.type}` : ''}${d.tableColumns ? ` table (${d.tableColumns.map((c) => c.name.value).join(', ')})` : ''}`);
  }
  for (const d of node.drops) out.push(`    drops ${show(d)}`);
  for (const a of node.alters) out.push(`    alters ${show(a.name)} adds (${a.added.map((c) => c.name.value).join(', ')})`);
  if (node.use) out.push(`    use ${node.use.value}`);
  for (const e of node.errors) out.push(`    error ${e.message} ${show(e)}`);
}

function refText(ref: ColumnRef): string {
  return ref.parts.map((p) => (p.value === '' ? '<missing>' : p.quoted ? `[${p.value}]` : p.value)).join('.');
}

function printQuery(out: string[], node: StatementNode, query: QueryExpr, indent: string, show: Show, printed: Set<QueryBlock>): void {
  out.push(`${indent}query ${show(query)}`);
  for (const cte of query.ctes) {
    out.push(`${indent}  cte ${cte.name.value}${cte.columns ? ` (${cte.columns.map((c) => c.value).join(', ')})` : ''}`);
    printQuery(out, node, cte.query, indent + '    ', show, printed);
  }
  for (const branch of query.branches) {
    if ('branches' in branch) printQuery(out, node, branch, indent + '  ', show, printed);
    else printBlock(out, node, branch, indent + '  ', show, printed);
  }
}

function printBlock(out: string[], node: StatementNode, block: QueryBlock, indent: string, show: Show, printed: Set<QueryBlock>): void {
  printed.add(block);
  const outer = block.outer !== undefined ? ` outer #${block.outer}${block.outerSourceLimit !== undefined ? ` (first ${block.outerSourceLimit} sources)` : ''}` : '';
  out.push(`${indent}block #${block.id} ${block.kind}${outer}`);
  out.push(`${indent}  clauses ${block.clauses.map((c) => `${c.kind}@${show({ start: c.start, end: c.start }).split(' ')[1]}`).join(' ')}`);
  if (block.target) out.push(`${indent}  target ${show(block.target.name)}${block.target.alias ? ` alias ${block.target.alias.value}` : ''}`);
  if (block.into) out.push(`${indent}  into ${show(block.into)}`);
  for (const item of block.items) {
    const parts = [show(item)];
    if (item.alias) parts.push(`alias ${item.alias.value}`);
    if (item.column) parts.push(`column ${refText(item.column)}`);
    if (item.star) parts.push(`star${item.star.qualifier ? ` of ${item.star.qualifier.parts.map((p) => p.value).join('.')}` : ''}`);
    if (item.assignsVariable) parts.push('assigns variable');
    out.push(`${indent}  item ${parts.join(' ')}`);
  }
  for (const source of block.sources) printSource(out, node, source, indent + '  ', show, printed);
}

function printSource(out: string[], node: StatementNode, source: Source, indent: string, show: Show, printed: Set<QueryBlock>): void {
  const alias = source.alias ? ` alias ${source.alias.value}` : source.asKeyword ? ' alias <missing>' : '';
  const columns = source.columnAliases ? ` (${source.columnAliases.map((c) => c.value).join(', ')})` : '';
  const on = source.on ? ` on ${show(source.on)}` : '';
  switch (source.kind) {
    case 'table':
      out.push(`${indent}source ${source.join} table ${show(source.name)}${alias}${source.hints ? ' hints' : ''}${on}`);
      return;
    case 'variable':
      out.push(`${indent}source ${source.join} variable ${source.name.value}${alias}${on}`);
      return;
    case 'function':
      out.push(`${indent}source ${source.join} function ${show(source.name)}${alias}${columns}${on}`);
      return;
    case 'values':
      out.push(`${indent}source ${source.join} values${alias}${columns}${on}`);
      return;
    case 'pivot':
      out.push(`${indent}source ${source.join} pivot${alias}${on}`);
      printSource(out, node, source.inner, indent + '  ', show, printed);
      return;
    case 'derived':
      out.push(`${indent}source ${source.join} derived${source.lateral ? ' lateral' : ''}${alias}${columns}${on}`);
      printQuery(out, node, source.query, indent + '  ', show, printed);
      return;
  }
}
