/**
 * Document symbols: one per statement that does something worth finding in an outline (queries, DML, DDL,
 * declarations, control flow), with its CTEs, the temp tables it creates and the variables it declares as children.
 * When a script has several batches, statements are grouped under their batch.
 */
import type { DocumentSymbolInfo } from '../types';
import type { StatementKind } from './ast';
import type { SqlDocument, StatementEntry } from './document';
import { displayName, isTempName } from './identifiers';

/** Statements that only structure the script; they add noise to an outline. */
const SKIPPED: ReadonlySet<StatementKind> = new Set(['begin', 'end', 'else', 'transaction', 'other', 'print', 'return', 'use']);

const MAX_NAME = 60;

export function symbols(doc: SqlDocument): DocumentSymbolInfo[] {
  const statementSymbols = (from: number, to: number): DocumentSymbolInfo[] =>
    doc.statements.slice(from, to).filter((e) => !SKIPPED.has(e.parsed.node.kind)).map(statementSymbol);
  if (doc.batches.length <= 1) return statementSymbols(0, doc.statements.length);
  const result: DocumentSymbolInfo[] = [];
  doc.batches.forEach((batch, i) => {
    const children = statementSymbols(batch.firstStatement, batch.endStatement);
    if (children.length === 0) return;
    const start = children[0]!.start;
    const end = children[children.length - 1]!.end;
    result.push({ name: `Batch ${i + 1}`, kind: 'batch', start, end, selectionStart: start, selectionEnd: start, children });
  });
  return result;
}

function statementSymbol(entry: StatementEntry): DocumentSymbolInfo {
  const node = entry.parsed.node;
  const base = entry.base;
  const children: DocumentSymbolInfo[] = [];
  for (const query of node.queries) {
    for (const cte of query.ctes) {
      children.push({ name: cte.name.value, kind: 'cte', detail: 'CTE', start: base + cte.start, end: base + cte.end, selectionStart: base + cte.name.start, selectionEnd: base + cte.name.end });
    }
  }
  for (const created of node.creates) {
    const last = created.name.parts[created.name.parts.length - 1]!;
    const temp = isTempName(last.value);
    children.push({
      name: displayName(created.name),
      kind: temp ? 'temp-table' : 'statement',
      detail: created.kind === 'view' ? 'view' : temp ? 'temp table' : 'table',
      start: base + created.name.start,
      end: base + created.name.end,
      selectionStart: base + created.name.start,
      selectionEnd: base + created.name.end,
    });
  }
  for (const variable of node.declares) {
    children.push({
      name: variable.name.value,
      kind: 'variable',
      ...(variable.type ? { detail: variable.type } : variable.tableColumns ? { detail: 'table' } : {}),
      start: base + variable.name.start,
      end: base + variable.name.end,
      selectionStart: base + variable.name.start,
      selectionEnd: base + variable.name.end,
    });
  }
  const firstToken = entry.parsed.tokens[0];
  const symbol: DocumentSymbolInfo = {
    name: summary(entry.parsed.text),
    kind: 'statement',
    detail: node.kind,
    start: base + node.start,
    end: entry.end,
    selectionStart: base + (firstToken?.start ?? 0),
    selectionEnd: base + (firstToken?.end ?? 0),
  };
  return children.length > 0 ? { ...symbol, children } : symbol;
}

/** The statement's text on one line, shortened: `SELECT sc.pupilmatchingrefanonymous_spr19 AS pmr, …`. */
function summary(text: string): string {
  const flat = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_NAME ? flat.slice(0, MAX_NAME - 1).trimEnd() + '…' : flat || '(statement)';
}
