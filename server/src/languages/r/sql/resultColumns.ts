/**
 * The columns a query returns to R, read from the T-SQL front end's semantic model: each select item
 * becomes a frame column that is a catalogue column (through aliases, CTEs and `*`), a derived column
 * with its statistic (`COUNT(*) AS n` is a count), or a column of unknown origin.
 */
import type { TableMatch } from '../../../catalogue/api';
import type { QueryBlock, SelectItem, Span as SqlSpan } from '../../sql/ast';
import type { StatementEntry } from '../../sql/document';
import { firstBlock } from '../../sql/parser';
import type { OutputColumn, ScopeSource, SemanticModel, StatementScope } from '../../sql/scopes';
import type { Token } from '../../sql/tokenizer';
import { column } from '../frames/frameOps';
import type { ColumnOrigin, FrameColumn, Span, Statistic } from '../frames/model';
import { sqlStatistic } from '../frames/statistics';
import type { SqlResult } from '../frames/verbs/sqlHooks';
import { type FlatText, flatHostRange } from '../syntax/pieces';

/** The statement whose rows come back: the first SELECT that does not write INTO a table. */
function resultStatement(model: SemanticModel): { entry: StatementEntry; block: QueryBlock } | undefined {
  for (const entry of model.doc.statements) {
    const node = entry.parsed.node;
    if (node.kind !== 'select' || !node.query) continue;
    const block = firstBlock(node.query);
    if (block && !block.into) return { entry, block };
  }
  return undefined;
}

export function sqlResultOf(model: SemanticModel, flat: FlatText): SqlResult | undefined {
  const found = resultStatement(model);
  if (!found) return undefined;
  const { entry, block } = found;
  const scope = model.scope(entry.index);
  const base = entry.base;
  const host = (span: SqlSpan): Span => flatHostRange(flat, base + span.start, base + span.end);
  const inHole = (span: SqlSpan): boolean => flat.holes.some((h) => base + span.start < h.to && base + span.end > h.from);
  const columns: FrameColumn[] = [];
  let certain = entry.parsed.node.errors.length === 0;
  let aggregated = block.clauses.some((c) => c.kind === 'group-by');
  for (const item of block.items) {
    if (item.assignsVariable) continue;
    if (inHole(item)) {
      certain = false;
      continue;
    }
    if (item.star) {
      const sources = item.star.qualifier
        ? [scope.qualified(block.id, item.star.qualifier.parts)].filter((s): s is ScopeSource => s !== undefined)
        : scope.sources(block.id);
      if (sources.length === 0) certain = false;
      for (const source of sources) {
        const set = source.relation.columns();
        certain &&= set.complete;
        for (const output of set.columns) columns.push(column(output.name, originOf(output, source.relation.match), host(item.star.star), false));
      }
      continue;
    }
    const nameNode = item.alias ?? item.column?.parts[item.column.parts.length - 1];
    if (!nameNode || nameNode.value === '') {
      // SQL Server returns an expression without an alias as a column with no name.
      certain = false;
      continue;
    }
    const exactCase = item.alias !== undefined;
    if (item.column && !item.alias) {
      const resolution = scope.resolve(item.column);
      const origin: ColumnOrigin = resolution.kind === 'column'
        ? originOf(resolution.column, resolution.source.relation.match)
        : { kind: 'unknown', reason: 'a column the SQL analysis could not resolve' };
      columns.push(column(nameNode.value, origin, host(nameNode), exactCase));
      continue;
    }
    const derived = derivedItem(entry, scope, block, item, host);
    if (derived.kind === 'derived' && derived.statistic) aggregated = true;
    columns.push(column(nameNode.value, derived, host(nameNode), exactCase));
  }
  return { columns, certainty: certain ? 'exact' : 'open', grain: aggregated ? 'aggregate' : 'record', tables: catalogueTables(model, entry) };
}

function originOf(output: OutputColumn, table: TableMatch | undefined): ColumnOrigin {
  if (output.catalogue) return { kind: 'catalogue', match: output.catalogue, ...(table ? { table } : {}) };
  return { kind: 'unknown', reason: 'a column the catalogue does not describe' };
}

/** An item computed by an expression: its inputs, and the aggregate it is, if any. */
function derivedItem(entry: StatementEntry, scope: StatementScope, block: QueryBlock, item: SelectItem, host: (span: SqlSpan) => Span): ColumnOrigin {
  const text = entry.parsed.text;
  const tokens = entry.parsed.tokens.filter((t) => t.start >= item.expr.start && t.end <= item.expr.end);
  const refs = entry.parsed.node.columnRefs.filter((r) => r.block === block.id && r.start >= item.expr.start && r.end <= item.expr.end);
  const resolved = (from: number, to: number): FrameColumn[] => {
    const found: FrameColumn[] = [];
    for (const ref of refs) {
      if (ref.start < from || ref.end > to) continue;
      const resolution = scope.resolve(ref);
      if (resolution.kind !== 'column') continue;
      const name = ref.parts[ref.parts.length - 1]!;
      found.push(column(resolution.column.name, originOf(resolution.column, resolution.source.relation.match), host(name), false));
    }
    return found;
  };
  const statistics: Statistic[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' || tokens[i + 1]!.kind !== 'lparen') continue;
    const kind = sqlStatistic(token.value);
    if (!kind) continue;
    const close = matchingParen(tokens, i + 1);
    const end = close >= 0 ? tokens[close]!.end : item.expr.end;
    const of = resolved(token.start, end);
    const distinct = tokens[i + 2]?.kind === 'word' && tokens[i + 2]!.value.toUpperCase() === 'DISTINCT';
    statistics.push({ kind, fn: token.value.toUpperCase(), of, ofNames: of.map((c) => c.name), span: host({ start: token.start, end }), ...(distinct ? { distinct: true } : {}) });
  }
  const first = tokens[0];
  const outer = first && statistics.length > 0 && statistics[0]!.fn === first.value.toUpperCase() && matchingParen(tokens, 1) === tokens.length - 1 ? statistics[0] : undefined;
  return {
    kind: 'derived',
    expression: text.slice(item.expr.start, item.expr.end),
    inputs: resolved(item.expr.start, item.expr.end),
    statistics,
    via: 'SQL',
    ...(outer ? { statistic: outer } : {}),
  };
}

function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.kind === 'lparen') depth++;
    else if (tokens[i]!.kind === 'rparen' && --depth === 0) return i;
  }
  return -1;
}

/** Catalogue views read anywhere in the statement. */
function catalogueTables(model: SemanticModel, entry: StatementEntry): TableMatch[] {
  const scope = model.scope(entry.index);
  const tables: TableMatch[] = [];
  for (const block of entry.parsed.node.blocks) {
    for (const source of scope.sources(block.id)) {
      const match = source.relation.match;
      if (match && !tables.some((t) => t.viewName === match.viewName && t.database === match.database)) tables.push(match);
    }
  }
  return tables;
}
