/**
 * One notebook cell as a document of its own: its program's analysis asked at the program offset of a place in
 * the cell, and every answer moved back into offsets of the cell's text. The editor's converters in `features/`
 * then treat a cell like any other document.
 */
import type { Allowance } from '../disclosure/allow';
import { emptyDataflowModel } from '../dataflow/model';
import { COMMENT_PREFIX } from '../languages/emptyAnalysis';
import type { CellProgram } from '../languages/python/notebook/notebookProgram';
import type { CompletionEntry, DefinitionTarget, DocumentAnalysis, DocumentSymbolInfo } from '../languages/types';
import type { Finding } from '../model/findings';

export interface CellFindings {
  readonly findings: () => readonly Finding[];
  readonly allowances: () => readonly Allowance[];
}

export function cellAnalysis(program: DocumentAnalysis, cellProgram: CellProgram, cell: number, cellLength: number, placed: CellFindings): DocumentAnalysis {
  const toProgram = (offset: number): number => cellProgram.toProgram(cell, offset) ?? 0;
  /** A program range in this cell's offsets, cut at the cell's end; undefined when it starts in another cell. */
  const inCell = (start: number, end: number): { start: number; end: number } | undefined => {
    const from = cellProgram.toCell(start);
    if (from === undefined || from.cell !== cell) return undefined;
    const to = cellProgram.toCell(Math.max(start, end));
    return { start: from.offset, end: to !== undefined && to.cell === cell ? to.offset : cellLength };
  };
  const symbol = (info: DocumentSymbolInfo): DocumentSymbolInfo[] => {
    const range = inCell(info.start, info.end);
    const selection = inCell(info.selectionStart, info.selectionEnd);
    if (range === undefined || selection === undefined) return [];
    const children = (info.children ?? []).flatMap(symbol);
    return [{ ...info, start: range.start, end: range.end, selectionStart: selection.start, selectionEnd: selection.end, ...(info.children ? { children } : {}) }];
  };
  const entry = (item: CompletionEntry): CompletionEntry => {
    if (item.replaceStart === undefined || item.replaceEnd === undefined) return item;
    const range = inCell(item.replaceStart, item.replaceEnd);
    // A replace range outside the cell cannot be edited from it; the editor's default, the word at the cursor, is.
    if (range === undefined) {
      const { replaceStart: _start, replaceEnd: _end, ...rest } = item;
      return rest;
    }
    return { ...item, replaceStart: range.start, replaceEnd: range.end };
  };
  return {
    language: program.language,
    get findings() {
      return placed.findings();
    },
    get allowances() {
      return placed.allowances();
    },
    // The dataflow model is the whole program's, in its offsets, and the notebook analysis checks it once; a cell
    // has no model of its own.
    dataflow: () => emptyDataflowModel(program.language, COMMENT_PREFIX[program.language]),
    complete(offset) {
      const result = program.complete(toProgram(offset));
      return { ...result, items: result.items.map(entry) };
    },
    resolveDocumentation: (key) => program.resolveDocumentation(key),
    hover(offset) {
      const found = program.hover(toProgram(offset));
      if (found === undefined) return undefined;
      return { ...found, ...(inCell(found.start, found.end) ?? { start: offset, end: offset }) };
    },
    definition(offset) {
      return program.definition(toProgram(offset)).flatMap((target): DefinitionTarget[] => {
        if (target.kind === 'catalogue') return [target];
        const range = inCell(target.start, target.end);
        return range === undefined ? [] : [{ kind: 'document' as const, ...range }];
      });
    },
    symbols: () => program.symbols().flatMap(symbol),
    folding: () => program.folding().flatMap((fold) => {
      const range = inCell(fold.start, fold.end);
      return range === undefined ? [] : [{ ...fold, ...range }];
    }),
  };
}
