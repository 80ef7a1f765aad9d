/**
 * Folding ranges: batches, multi-line statements, CTEs and derived tables, BEGIN … END blocks, block comments and
 * runs of line comments. Ranges on a single line are left out, since nothing can fold there.
 */
import type { FoldingInfo } from '../types';
import type { SqlDocument } from './document';

export function folding(doc: SqlDocument): FoldingInfo[] {
  const text = doc.text;
  const ranges: FoldingInfo[] = [];
  const add = (start: number, end: number, kind?: FoldingInfo['kind']): void => {
    if (end > start && text.slice(start, end).includes('\n')) ranges.push(kind ? { start, end, kind } : { start, end });
  };
  if (doc.batches.length > 1) {
    for (const batch of doc.batches) {
      const first = doc.statements[batch.firstStatement];
      const last = doc.statements[batch.endStatement - 1];
      if (first && last) add(first.base, batch.separator?.end ?? last.end, 'region');
    }
  }
  const blockStarts: number[] = [];
  for (const entry of doc.statements) {
    const node = entry.parsed.node;
    const base = entry.base;
    add(base, entry.end);
    for (const query of node.queries) for (const cte of query.ctes) add(base + cte.start, base + cte.end);
    for (const block of node.blocks) {
      for (const source of block.sources) if (source.kind === 'derived') add(base + source.start, base + source.end);
    }
    // BEGIN … END (including BEGIN TRY … END TRY) pair up like brackets.
    if (node.kind === 'begin') blockStarts.push(base);
    else if (node.kind === 'end' && blockStarts.length > 0) add(blockStarts.pop()!, entry.end);
  }
  let run: { start: number; end: number; count: number } | undefined;
  const flush = (): void => {
    if (run && run.count > 1) add(run.start, run.end, 'comment');
    run = undefined;
  };
  for (const comment of doc.comments) {
    if (comment.kind === 'block') {
      flush();
      add(comment.start, comment.end, 'comment');
      continue;
    }
    const between = run ? text.slice(run.end, comment.start) : '';
    if (run && /^[ \t]*\r?\n[ \t]*$/.test(between)) {
      run.end = comment.end;
      run.count++;
    } else {
      flush();
      run = { start: comment.start, end: comment.end, count: 1 };
    }
  }
  flush();
  return ranges;
}
