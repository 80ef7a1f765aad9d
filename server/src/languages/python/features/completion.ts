/**
 * Completion in Python: the T-SQL completion inside SQL strings, and the columns of a frame after `df["`,
 * `df[["a", "`, `df.loc[:, "`, `df.groupby("`, `df.sort_values("` and `df.`. The frame is the one the variable
 * holds at the cursor: the last binding whose statement ends before it, which stays right while a new
 * statement is half typed.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { Frame } from '../../../dataflow/model';
import type { CompletionEntry, CompletionResult } from '../../types';
import type { Binding } from '../dataflow/state';
import { columnDetailLine, columnHover } from './columnDocs';
import { type EmbeddedQuery, queryAt } from './embeddedSql';

export interface CompletionData {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly bindings: readonly Binding[];
  readonly queries: readonly EmbeddedQuery[];
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/** Methods whose string arguments name columns of the frame they are called on. */
const COLUMN_METHODS = 'groupby|sort_values|drop|set_index|value_counts|drop_duplicates|dropna|pivot_table|merge|filter';

const IN_STRING = new RegExp(
  String.raw`([A-Za-z_]\w*)\s*(?:\[\s*\[?|\.loc\s*\[[^\]\n]*,\s*\[?|\.(?:${COLUMN_METHODS})\s*\((?:[^()\n]*?=\s*)?\[?)(?:\s*["'][^"'\n]*["']\s*,)*\s*["']([^"'\n]*)$`,
);
const AFTER_DOT = /([A-Za-z_]\w*)\.([A-Za-z_]\w*)?$/;

export function complete(data: CompletionData, offset: number): CompletionResult {
  const query = queryAt(data.queries, offset);
  if (query !== undefined) return query.analysis.complete(offset) ?? EMPTY;
  const lineStart = data.text.lastIndexOf('\n', offset - 1) + 1;
  const before = data.text.slice(lineStart, offset);
  const quoted = IN_STRING.exec(before);
  if (quoted !== null) {
    const frame = frameAt(data.bindings, quoted[1]!, offset);
    if (frame === undefined) return EMPTY;
    const typed = quoted[2]!;
    const start = offset - typed.length;
    let end = offset;
    while (end < data.text.length && /[\w ]/.test(data.text[end]!) && data.text[end] !== '\n') end++;
    return { items: items(data, frame, start, end, () => true), isIncomplete: !frame.columnsComplete };
  }
  const dotted = AFTER_DOT.exec(before);
  if (dotted !== null) {
    const frame = frameAt(data.bindings, dotted[1]!, offset);
    if (frame === undefined) return EMPTY;
    const typed = dotted[2] ?? '';
    let end = offset;
    while (end < data.text.length && /\w/.test(data.text[end]!)) end++;
    return { items: items(data, frame, offset - typed.length, end, (name) => /^[A-Za-z_]\w*$/.test(name)), isIncomplete: !frame.columnsComplete };
  }
  return EMPTY;
}

/** The frame a variable holds at an offset. */
export function frameAt(bindings: readonly Binding[], name: string, offset: number): Frame | undefined {
  let found: Binding | undefined;
  for (const binding of bindings) {
    if (binding.name !== name || binding.statement.end > offset) continue;
    if (found === undefined || binding.statement.end >= found.statement.end) found = binding;
  }
  return found?.frame;
}

function items(data: CompletionData, frame: Frame, start: number, end: number, allowed: (name: string) => boolean): CompletionEntry[] {
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  frame.columns.forEach((column, i) => {
    if (seen.has(column.name) || !allowed(column.name)) return;
    seen.add(column.name);
    out.push({
      label: column.name,
      kind: 'column',
      detail: columnDetailLine(data.catalogue, frame, column),
      resolveKey: `py-column:${frame.id}:${i}`,
      sortText: String(i).padStart(4, '0'),
      replaceStart: start,
      replaceEnd: end,
    });
  });
  return out;
}

/** Documentation for a completion item, computed when the item is focused. */
export function resolveDocumentation(data: CompletionData & { readonly frames: readonly Frame[] }, key: string): string | undefined {
  const match = /^py-column:(\d+):(\d+)$/.exec(key);
  if (match === null) {
    for (const query of data.queries) {
      const doc = query.analysis.resolveDocumentation(key);
      if (doc !== undefined) return doc;
    }
    return undefined;
  }
  const frame = data.frames[Number(match[1])];
  const column = frame?.columns[Number(match[2])];
  return frame !== undefined && column !== undefined ? columnHover(data.catalogue, frame, column) : undefined;
}
