/**
 * Analyses one R document: parse, extract the frame model (handing SQL to the T-SQL front end as it
 * goes), and answer the feature requests from what the extraction kept. The syntax tree is not kept.
 */
import type { DataflowModel } from '../../dataflow/model';
import { defaultDisclosureConfig } from '../../disclosure/config';
import type { Finding } from '../../model/findings';
import { notCheckedFindings, type UncheckedPart } from '../../model/notChecked';
import type { AnalysisContext, DocumentAnalysis, DocumentSymbolInfo, FoldingInfo } from '../types';
import { extractRResumable, type RExtraction } from './dataflow/r';
import { Evaluator } from './frames/evaluator';
import type { FrameModel } from './frames/model';
import { complete, type CompletionData, resolveDocumentation } from './features/completion';
import { definition } from './features/definition';
import { applySeverities, embeddedFindings, frameFindings, tableFindings } from './features/findings';
import { hover } from './features/hover';
import { foldingRanges, symbols, textSpans } from './features/outline';
import { budgetOfRoot, firstUnanalysed, MAX_ANALYSED_CHARACTERS, MAX_ANALYSED_TOKENS } from './parser/analysisBudget';
import { firstCutIn, MAX_TREE_DEPTH } from './parser/convert';
import type { RNode } from './parser/syntaxTree';
import { EmbeddedSqlCollector, type EmbeddedSql } from './sql/embedded';
import { decodeString } from './syntax/strings';
import { textPiece } from './syntax/pieces';

/** Everything an R analysis keeps, for the features and for the disclosure rules. */
export interface RAnalysisResult {
  readonly text: string;
  /** The dataflow extraction once it has been made, for the next version to resume from. */
  readonly extraction: () => RExtraction | undefined;
  readonly model: FrameModel;
  readonly embedded: readonly EmbeddedSql[];
  /** The frame evaluation, for the next version to resume from. */
  readonly evaluator: Evaluator;
}

const results = new WeakMap<DocumentAnalysis, RAnalysisResult>();

/** The frame model behind an R analysis (the disclosure rules read it). */
export function frameModelOf(analysis: DocumentAnalysis): FrameModel | undefined {
  return results.get(analysis)?.model;
}

/** The text an R analysis was made from, so the next version can be parsed as an edit of it. */
export function analysedText(analysis: DocumentAnalysis): string | undefined {
  return results.get(analysis)?.text;
}

/** The dataflow extraction of an R analysis once it has been made (tests read how much of it was taken over). */
export function rExtractionOf(analysis: DocumentAnalysis): RExtraction | undefined {
  return results.get(analysis)?.extraction();
}

/** SQL that opens a query and names a source, so a loose literal that holds it is treated as SQL. */
const LOOKS_LIKE_QUERY = /^\s*(?:--[^\n]*\n\s*)*(?:SELECT|WITH)\b[\s\S]*\bFROM\s+[\w["#@]/i;

export function analyseParsed(
  text: string,
  root: RNode,
  broken: ReadonlySet<RNode>,
  context: AnalysisContext,
  previous?: DocumentAnalysis,
): DocumentAnalysis {
  const collector = new EmbeddedSqlCollector(context);
  const evaluator = new Evaluator({ text, catalogue: context.catalogue, sql: collector }, root);
  evaluator.run(previous !== undefined ? results.get(previous)?.evaluator : undefined);
  addLooseQueries(text, evaluator.assignedStrings, collector);
  const builder = evaluator.builder;
  const texts = textSpans(root);
  const model: FrameModel = builder.model(texts);
  const embedded = collector.queries;
  const held = heldStatements(root, broken);
  const columnFindings = frameFindings(text, model).filter((f) => !insideHeld(held, f));
  const findings: Finding[] = applySeverities(
    [...columnFindings, ...tableFindings(context.catalogue, evaluator.tableNames)],
    context,
  ).concat(embeddedFindings(text, embedded), tooDeepNotes(root), budgetNote(text, root));
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  const completionData: CompletionData = {
    text,
    catalogue: context.catalogue,
    model,
    sites: builder.sites,
    embedded,
    texts,
  };
  const data = { text, catalogue: context.catalogue, model, embedded, tableNames: evaluator.tableNames, variableUses: evaluator.variableUses };
  // Folding and the outline are read off the tree when the editor first asks, which it does once per version;
  // the tree is let go once both are made, as holding every document's tree would slow every later collection.
  let tree: RNode | undefined = root;
  let folding: FoldingInfo[] | undefined;
  let outlineSymbols: DocumentSymbolInfo[] | undefined;
  const release = (): void => {
    if (folding !== undefined && outlineSymbols !== undefined) tree = undefined;
  };
  let extraction: RExtraction | undefined;
  // Only the previous version's extraction is held, and only until this version's is made.
  let resumeFrom = previous !== undefined ? results.get(previous)?.extraction : undefined;
  const dataflow = (): DataflowModel => {
    if (extraction === undefined) {
      const config = context.disclosure ?? defaultDisclosureConfig();
      extraction = extractRResumable(text, root, context.catalogue, config, texts, resumeFrom?.());
      resumeFrom = undefined;
    }
    return extraction.model;
  };
  const analysis: DocumentAnalysis = {
    language: 'r',
    findings,
    // The dataflow model is built from the same tree, so the text is parsed once per version.
    dataflow,
    complete: (offset) => guard(() => complete(completionData, offset), { items: [], isIncomplete: false }),
    resolveDocumentation: (key) => guard(() => resolveDocumentation(completionData, key), undefined),
    hover: (offset) => guard(() => hover(data, offset), undefined),
    definition: (offset) => guard(() => definition(data, offset), []),
    symbols: () => {
      outlineSymbols ??= tree !== undefined ? guard(() => symbols(text, tree!, model.bindings, (id) => frameSummary(model, id)), []) : [];
      release();
      return outlineSymbols;
    },
    folding: () => {
      folding ??= tree !== undefined ? guard(() => foldingRanges(text, tree!, texts), []) : [];
      release();
      return folding;
    },
  };
  results.set(analysis, { text, extraction: () => extraction, model, embedded, evaluator });
  return analysis;
}

/** `q <- "SELECT … FROM …"` that never reaches a known database call still gets SQL features. */
function addLooseQueries(text: string, strings: readonly RNode[], collector: EmbeddedSqlCollector): void {
  const covered = new Set(collector.queries.flatMap((q) => q.flat.segments.map((s) => s.text.offsets[0])));
  for (const node of strings) {
    const decoded = decodeString(text, node.start, node.end);
    if (!decoded || !decoded.terminated || covered.has(decoded.offsets[0]) || !LOOKS_LIKE_QUERY.test(decoded.value)) continue;
    collector.add({ pieces: [textPiece(decoded)] }, { fn: 'string', span: { start: node.start, end: node.end }, returnsRows: false });
  }
}

/**
 * Top-level statements with a syntax error. While a statement is being typed (`df$x <` on the way to
 * `df$x <- …`) its meaning is not settled, so column findings inside it wait until it parses.
 */
function heldStatements(root: RNode, broken: ReadonlySet<RNode>): RNode[] {
  if (broken.size === 0) return [];
  const statements = root.children;
  // An error right after a statement is usually its unfinished continuation (`x[["a"]] <- if`).
  return statements.filter((statement, i) => broken.has(statement) || statements[i + 1]?.type === 'ERROR');
}

/**
 * True when a finding lies inside one of the held statements. They are top-level statements in document order,
 * so a binary search finds the only candidate; a scan of all of them for each finding was quadratic on a file
 * full of syntax errors.
 */
function insideHeld(held: readonly RNode[], finding: Finding): boolean {
  let low = 0;
  let high = held.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (held[middle]!.start <= finding.start) low = middle + 1;
    else high = middle;
  }
  const candidate = held[low - 1];
  return candidate !== undefined && finding.end <= candidate.end;
}

/** One LEO000 note for each top-level statement whose innermost part the parse copy left out (see MAX_TREE_DEPTH). */
function tooDeepNotes(root: RNode): Finding[] {
  const parts: UncheckedPart[] = [];
  for (const statement of root.children) {
    const cut = firstCutIn(statement);
    if (cut === undefined) continue;
    parts.push({
      start: cut.start,
      end: cut.end,
      what: 'the column and disclosure checks of this expression',
      reason: `it is nested more than ${MAX_TREE_DEPTH} syntax levels deep`,
      cause: 'limit',
    });
  }
  return notCheckedFindings(parts);
}

/** The LEO000 note for the part of a very long document past the analysis budget (see MAX_ANALYSED_CHARACTERS). */
function budgetNote(text: string, root: RNode): Finding[] {
  const cut = firstUnanalysed(root);
  if (cut === undefined) return [];
  const reason = budgetOfRoot(root).limit === 'tokens'
    ? `the file holds more than the ${MAX_ANALYSED_TOKENS.toLocaleString('en-GB')} tokens analysed in one document`
    : `the file is longer than the ${MAX_ANALYSED_CHARACTERS.toLocaleString('en-GB')} characters analysed in one document`;
  return notCheckedFindings([{
    start: cut.start,
    end: text.length,
    what: 'the column and disclosure checks from here to the end of the file',
    reason,
    cause: 'limit',
  }]);
}

function frameSummary(model: FrameModel, id: number): string {
  const frame = model.frames[id];
  if (!frame) return 'data frame';
  const count = frame.certainty === 'exact' ? `${frame.columns.length} columns` : frame.columns.length > 0 ? `${frame.columns.length}+ columns` : 'columns not known';
  return `${frame.frameClass === 'lazy' ? 'lazy table' : 'data frame'} · ${count}`;
}

function guard<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
