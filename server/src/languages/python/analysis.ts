/**
 * Analyses one Python document: parse, one evaluation that builds the dataflow model and collects what the
 * features need (column references, bindings, SQL strings), the T-SQL analysis of each SQL string, and the
 * answers to the feature requests. The syntax tree is not kept.
 */
import { createBuilder, finishModel } from '../../dataflow/builder';
import { createFactsResolver } from '../../dataflow/facts';
import type { DataflowModel, Span, TextSpan } from '../../dataflow/model';
import { defaultDisclosureConfig } from '../../disclosure/config';
import { applySeverityOverrides, type Finding } from '../../model/findings';
import { notCheckedFindings, type UncheckedPart } from '../../model/notChecked';
import { createEnv } from '../sql/dataflow/sql';
import type { AnalysisContext, DocumentAnalysis, DocumentSymbolInfo, FoldingInfo } from '../types';
import { PyEvaluator } from './dataflow/evaluate';
import { collectFunctions } from './dataflow/functions';
import { collectLocalRounding } from './dataflow/guards';
import type { PyState } from './dataflow/state';
import { columnFindings } from './features/columnFindings';
import { complete, resolveDocumentation } from './features/completion';
import { embeddedFindings, type EmbeddedQuery, embeddedQueries } from './features/embeddedSql';
import { definition, hover } from './features/navigation';
import { tooLong } from './dataflow/sources';
import { MAX_ANALYSED_CHARACTERS, MAX_QUERY_CHARACTERS, MAX_TREE_DEPTH } from './parser/analysisBudget';
import type { PyNode } from './parser/syntaxTree';
import type { PythonSyntax } from './parser/treeSitter';
import { literalPieces, maskEscapes } from './syntax/strings';

/** A notebook's code cells as ranges of the program text: the last statement of each is displayed. */
export interface CellRange {
  readonly start: number;
  readonly end: number;
}

interface PythonResult {
  readonly queries: readonly EmbeddedQuery[];
}

const results = new WeakMap<DocumentAnalysis, PythonResult>();

/** SQL that opens a query and names a source, so a loose literal that holds it is treated as SQL. */
const LOOKS_LIKE_QUERY = /^\s*(?:--[^\n]*\n\s*)*(?:SELECT|WITH)\b[\s\S]*\bFROM\s+[\w["#@{]/i;

export function analyseSyntax(text: string, syntax: PythonSyntax, context: AnalysisContext, previous?: DocumentAnalysis, cells?: readonly CellRange[]): DocumentAnalysis {
  const config = context.disclosure ?? defaultDisclosureConfig();
  const builder = createBuilder('python', '#');
  const masked = maskEscapes(text);
  const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
  const state: PyState = {
    text,
    masked,
    builder,
    facts: createFactsResolver(context.catalogue, config),
    config,
    catalogue: context.catalogue,
    sql: createEnv(masked, builder, context.catalogue, config),
    env: new Map(),
    suppressionHelpers: lower(config.suppressionHelpers),
    roundingHelpers: lower(config.roundingHelpers),
    localRounding: new Map(),
    references: [],
    bindings: [],
    queries: [],
    queryStarts: new Set(),
    longQueries: new Map(),
    functions: new Map(),
    inlining: { active: [], statements: 0, exhausted: false },
  };
  const root = syntax.root;
  const literals: PyNode[] = [];
  for (const span of textsOf(root, literals)) builder.texts.push(span);
  const statements = root.children.filter((c) => c.named && c.type !== 'comment');
  const cut = statements.find((s) => s.end > MAX_ANALYSED_CHARACTERS);
  const analysed = cut === undefined ? statements : statements.slice(0, statements.indexOf(cut));
  collectLocalRounding(state, analysed);
  collectFunctions(state, analysed);
  const evaluator = new PyEvaluator(state, displayedStatements(analysed, cells));
  for (const statement of analysed) {
    builder.statements.push({ start: statement.start, end: statement.end });
    builder.statementBeingRead = { start: statement.start, end: statement.end };
    evaluator.topLevel(statement);
  }
  addLooseQueries(text, literals, state);
  const model: DataflowModel = finishModel(builder);
  const queries = embeddedQueries(text, state.queries, context, previous !== undefined ? results.get(previous)?.queries : undefined);
  const held = heldRanges(root, syntax.broken);
  const findings: Finding[] = applySeverityOverrides(columnFindings(text, state.references, held), context.severityOverrides)
    .concat(embeddedFindings(queries), notes(text, syntax, cut, state.longQueries));
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  const frames = model.frames;
  const data = { text, catalogue: context.catalogue, bindings: state.bindings, references: state.references, queries, frames };
  const outline = symbolsOf(state);
  const folds = foldsOf(text, analysed);
  const analysis: DocumentAnalysis = {
    language: 'python',
    findings,
    dataflow: () => model,
    complete: (offset) => guard(() => complete(data, offset), { items: [], isIncomplete: false }),
    resolveDocumentation: (key) => guard(() => resolveDocumentation(data, key), undefined),
    hover: (offset) => guard(() => hover(data, offset), undefined),
    definition: (offset) => guard(() => definition(data, offset), []),
    symbols: () => outline,
    folding: () => folds,
  };
  results.set(analysis, { queries });
  return analysis;
}

/** The last top-level statement of each notebook cell, which the notebook displays when it is an expression. */
function displayedStatements(statements: readonly PyNode[], cells: readonly CellRange[] | undefined): Set<PyNode> {
  const out = new Set<PyNode>();
  if (cells === undefined) return out;
  for (const cell of cells) {
    let last: PyNode | undefined;
    for (const s of statements) if (s.start >= cell.start && s.end <= cell.end) last = s;
    if (last?.type === 'expression_statement') out.add(last);
  }
  return out;
}

/**
 * Comments and string literals (not those inside an f-string's holes), for allow comments and the values-in-code
 * rule; every string literal, nested ones too, goes into `literals` in document order for the loose-query scan.
 */
function textsOf(root: PyNode, literals: PyNode[]): TextSpan[] {
  const texts: TextSpan[] = [];
  const stack: PyNode[] = [root];
  // Nodes inside a string literal sit above this stack height.
  const insideFrom: number[] = [];
  while (stack.length > 0) {
    while (insideFrom.length > 0 && stack.length < insideFrom[insideFrom.length - 1]!) insideFrom.pop();
    const node = stack.pop()!;
    const inside = insideFrom.length > 0;
    if (node.type === 'string') {
      literals.push(node);
      if (!inside) texts.push({ start: node.start, end: node.end, kind: 'string' });
      if (!node.children.some((c) => c.type === 'interpolation')) continue;
      insideFrom.push(stack.length + 1);
    } else if (node.type === 'comment' && !inside) {
      texts.push({ start: node.start, end: node.end, kind: 'comment' });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return texts;
}

/** Any literal that could hold a query names a source after FROM; most literals are column names and paths. */
const MAY_HOLD_QUERY = /from/i;

/** `query = """SELECT … FROM …"""` that never reaches a known database call still gets the SQL features. */
function addLooseQueries(text: string, literals: readonly PyNode[], state: PyState): void {
  for (const node of literals) {
    if (!MAY_HOLD_QUERY.test(text.slice(node.start, node.end))) continue;
    if (state.queryStarts.has(node.children.find((c) => c.type === 'string_content')?.start ?? -1)) continue;
    const pieces = literalPieces(text, node);
    if (pieces.length === 0 || state.queryStarts.has(pieces[0]!.start)) continue;
    const raw = pieces.map((p) => (p.kind === 'text' ? text.slice(p.start, p.end) : '{x}')).join('');
    if (!LOOKS_LIKE_QUERY.test(raw) || tooLong(state, pieces)) continue;
    state.queryStarts.add(pieces[0]!.start);
    state.queries.push({ pieces });
  }
}

/**
 * Top-level statements with a syntax error: while a statement is being typed its meaning is not settled, so
 * column findings inside it (and in the statement just before an error) wait until it parses.
 */
function heldRanges(root: PyNode, broken: ReadonlySet<PyNode>): (offset: number) => boolean {
  if (broken.size === 0) return () => false;
  const statements = root.children;
  const held = statements.filter((s, i) => broken.has(s) || statements[i + 1]?.type === 'ERROR');
  // Held statements are in document order: a binary search finds the only one that can hold an offset.
  return (offset) => {
    let low = 0;
    let high = held.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (held[middle]!.start <= offset) low = middle + 1;
      else high = middle;
    }
    const candidate = held[low - 1];
    return candidate !== undefined && offset <= candidate.end;
  };
}

/** LEO000 notes: queries too long to read, expressions cut at the depth limit, and the part of a very long file past the budget. */
function notes(text: string, syntax: PythonSyntax, cut: PyNode | undefined, longQueries: ReadonlyMap<number, Span>): Finding[] {
  const parts: UncheckedPart[] = [];
  for (const span of longQueries.values()) {
    parts.push({ ...span, what: 'the SQL of this query', reason: `it is longer than the ${MAX_QUERY_CHARACTERS.toLocaleString('en-GB')} characters read as one query`, cause: 'limit' });
  }
  for (const node of syntax.cuts.values()) {
    parts.push({ start: node.start, end: node.end, what: 'the column and disclosure checks of this expression', reason: `it is nested more than ${MAX_TREE_DEPTH} syntax levels deep`, cause: 'limit' });
  }
  if (cut !== undefined) {
    parts.push({
      start: cut.start,
      end: text.length,
      what: 'the column and disclosure checks from here to the end of the file',
      reason: `the file is longer than the ${MAX_ANALYSED_CHARACTERS.toLocaleString('en-GB')} characters analysed in one document`,
      cause: 'limit',
    });
  }
  return notCheckedFindings(parts);
}

/** One symbol per variable bound to a frame at the top level (its first binding), in document order. */
function symbolsOf(state: PyState): DocumentSymbolInfo[] {
  const seen = new Set<string>();
  const out: DocumentSymbolInfo[] = [];
  for (const b of state.bindings) {
    if (b.frame === undefined || seen.has(b.name)) continue;
    seen.add(b.name);
    out.push({ name: b.name, kind: 'frame', detail: b.frame.columnsComplete ? `data frame · ${b.frame.columns.length} columns` : 'data frame', start: b.statement.start, end: b.statement.end, selectionStart: b.nameSpan.start, selectionEnd: b.nameSpan.end });
  }
  return out;
}

/** Multi-line top-level statements fold. */
function foldsOf(text: string, statements: readonly PyNode[]): FoldingInfo[] {
  const out: FoldingInfo[] = [];
  for (const s of statements) {
    const newline = text.indexOf('\n', s.start);
    if (newline >= 0 && newline < s.end - 1) out.push({ start: s.start, end: s.end });
  }
  return out;
}

function guard<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
