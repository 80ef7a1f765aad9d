/**
 * What the syntax tree alone gives: comment and string spans, folding ranges (blocks, multi-line
 * calls and pipelines, long strings, comment runs, RStudio `# Section ----` headers) and the outline
 * of top-level assignments. The spans are read for every version; folding and the outline only when the editor
 * asks for them.
 */
import { LineIndex } from '../../../util/lineIndex';
import type { DocumentSymbolInfo, FoldingInfo } from '../../types';
import type { Binding, TextSpan } from '../frames/model';
import { childByField, type RNode } from '../parser/syntaxTree';
import { statementMemo } from '../parser/statementMemo';
import { isAssignmentOperator, nodeText, operatorOf, statementsOf, unwrapParens } from '../syntax/calls';
import { identifierName } from '../syntax/strings';

const FOLDED = new Set(['braced_expression', 'arguments', 'string', 'function_definition']);

/**
 * The comment and string spans of the document in order, which the frame model and the dataflow model need for
 * every version. They depend only on each top-level statement's own subtree, so each statement's are read once
 * and kept with it (relative to its start), and an edit reads only the statements it made anew.
 */
export function textSpans(root: RNode): TextSpan[] {
  const texts: TextSpan[] = [];
  for (const statement of root.children) {
    const memo = statementMemo(statement);
    const own = (memo.texts ??= statementTexts(statement));
    const base = statement.start;
    for (const span of own) texts.push({ kind: span.kind, start: span.start + base, end: span.end + base });
  }
  return texts;
}

const NO_TEXTS: readonly TextSpan[] = Object.freeze([]);

/** One statement's comments and strings, in document order, relative to its start. */
function statementTexts(statement: RNode): readonly TextSpan[] {
  if (statement.type === 'identifier' || statement.type === 'integer' || statement.type === 'float') return NO_TEXTS;
  const texts: TextSpan[] = [];
  const base = statement.start;
  const stack: RNode[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'comment' || node.type === 'string') {
      texts.push({ kind: node.type, start: node.start - base, end: node.end - base });
      continue;
    }
    // Children are pushed last first, so they come off in document order and the spans need no sort.
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]!.named || children[i]!.type === 'comment') stack.push(children[i]!);
  }
  return texts;
}

/** Folding ranges, read when the editor asks for them. `texts` are the document's comment and string spans. */
export function foldingRanges(text: string, root: RNode, texts: readonly TextSpan[]): FoldingInfo[] {
  const folding: FoldingInfo[] = [];
  const stack: RNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'comment') continue;
    if (FOLDED.has(node.type) || (node.type === 'binary_operator' && node.field === undefined)) addFold(folding, text, node.start, node.end);
    for (let i = node.children.length - 1; i >= 0; i--) if (node.children[i]!.named) stack.push(node.children[i]!);
  }
  const lines = new LineIndex(text);
  addCommentFolds(texts, lines, folding);
  addSections(text, lines, folding);
  folding.sort((a, b) => a.start - b.start);
  return dedupe(folding);
}

/** Folds anything that spans lines. */
function addFold(folding: FoldingInfo[], text: string, start: number, end: number): void {
  const newline = text.indexOf('\n', start);
  if (newline >= 0 && newline < end) folding.push({ start, end });
}

function addCommentFolds(texts: readonly TextSpan[], lines: LineIndex, folding: FoldingInfo[]): void {
  let runStart: TextSpan | undefined;
  let runEnd: TextSpan | undefined;
  const flush = (): void => {
    if (runStart && runEnd && lines.positionAt(runEnd.start).line > lines.positionAt(runStart.start).line) folding.push({ start: runStart.start, end: runEnd.end, kind: 'comment' });
  };
  for (const span of texts) {
    if (span.kind !== 'comment') continue;
    if (runEnd && lines.positionAt(span.start).line === lines.positionAt(runEnd.start).line + 1) {
      runEnd = span;
      continue;
    }
    flush();
    runStart = span;
    runEnd = span;
  }
  flush();
}

/** RStudio sections: a comment line ending in four or more `-`, `=` or `#` runs to the next one. */
function addSections(text: string, lines: LineIndex, folding: FoldingInfo[]): void {
  const headers = sectionHeaders(text);
  // trimEnd, not a `\s+$` regular expression: the expression retries at every blank run, which is quadratic.
  const lastEnd = text.trimEnd().length;
  headers.forEach((start, i) => {
    const next = headers[i + 1];
    const end = next !== undefined ? Math.max(start, next - 1) : lastEnd;
    if (lines.positionAt(end).line > lines.positionAt(start).line) folding.push({ start, end, kind: 'region' });
  });
}

/**
 * The starts of the section header lines, found line by line in one pass. A regular expression with a lazy
 * run before the rulers backtracks over every character of a long comment line, so it is checked by hand.
 */
export function sectionHeaders(text: string): number[] {
  const headers: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    if (isSectionHeader(text, lineStart, lineEnd)) headers.push(lineStart);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return headers;
}

/** `^[ \t]*#+.*[-=#]{4,}[ \t]*$`: a comment whose line ends, after its first `#`, in a ruler of four or more. */
function isSectionHeader(text: string, start: number, end: number): boolean {
  let hash = start;
  while (hash < end && (text[hash] === ' ' || text[hash] === '\t')) hash++;
  if (text[hash] !== '#') return false;
  let last = end;
  while (last > hash + 1 && (text[last - 1] === ' ' || text[last - 1] === '\t' || text[last - 1] === '\r')) last--;
  let ruler = 0;
  while (last - ruler - 1 > hash && '-=#'.includes(text[last - ruler - 1]!)) ruler++;
  return ruler >= 4;
}

function dedupe(folding: readonly FoldingInfo[]): FoldingInfo[] {
  const seen = new Set<string>();
  return folding.filter((f) => {
    const key = `${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Top-level assignments: frames, functions and other values, in order. */
export function symbols(text: string, root: RNode, bindings: readonly Binding[], frameDetail: (frame: number) => string): DocumentSymbolInfo[] {
  const result: DocumentSymbolInfo[] = [];
  const byPosition = new Map<number, Binding>();
  for (const binding of bindings) if (!byPosition.has(binding.nameSpan.start)) byPosition.set(binding.nameSpan.start, binding);
  for (const statement of statementsOf(root)) {
    if (statement.type !== 'binary_operator') continue;
    const operator = operatorOf(text, statement);
    if (!isAssignmentOperator(operator)) continue;
    const target = childByField(statement, operator === '->' || operator === '->>' ? 'rhs' : 'lhs');
    const value = childByField(statement, operator === '->' || operator === '->>' ? 'lhs' : 'rhs');
    if (!target || target.type !== 'identifier' || !value) continue;
    const name = identifierName(nodeText(text, target));
    const found = byPosition.get(target.start);
    const binding = found?.name === name ? found : undefined;
    const isFunction = unwrapParens(value).type === 'function_definition';
    result.push({
      name,
      kind: binding?.frame !== undefined ? 'frame' : 'variable',
      ...(binding?.frame !== undefined ? { detail: frameDetail(binding.frame) } : isFunction ? { detail: 'function' } : {}),
      start: statement.start,
      end: statement.end,
      selectionStart: target.start,
      selectionEnd: target.end,
    });
  }
  return result;
}
