/**
 * Analyses one do-file: lex (within the character budget), parse, run the commands once, and keep what the
 * features and the disclosure rules need. The dataflow model is built by the same run as the features' data.
 */
import { createBuilder, finishModel } from '../../dataflow/builder';
import { createFactsResolver } from '../../dataflow/facts';
import type { DataflowModel } from '../../dataflow/model';
import { defaultDisclosureConfig } from '../../disclosure/config';
import { applySeverityOverrides, type Finding } from '../../model/findings';
import { notCheckedFindings, type UncheckedPart } from '../../model/notChecked';
import { LineIndex } from '../../util/lineIndex';
import { createEnv } from '../sql/dataflow/sql';
import type { AnalysisContext, DocumentAnalysis } from '../types';
import { run, finish, MAX_STEPS } from './evaluator';
import { complete } from './features/completion';
import type { StataAnalysisData } from './features/data';
import { definition, hover } from './features/hover';
import { folding, symbols } from './features/outline';
import { MAX_NAME_FINDINGS } from './resolve';
import { queryFindings } from './sql/embedded';
import { emptyDataset, newMacros, SiteList, type StataState } from './state';
import { lex } from './syntax/lexer';
import { MAX_BLOCK_DEPTH, parseStatements } from './syntax/parser';

/** Characters of one do-file that are analysed; the rest gets one LEO000 limit note. */
export const MAX_ANALYSED_CHARACTERS = 600_000;

export function analyseStata(text: string, context: AnalysisContext, limit = MAX_ANALYSED_CHARACTERS): DocumentAnalysis {
  const lexed = lex(text, limit);
  // A command cut by the budget is not read at all.
  const commands = lexed.cutAt !== undefined ? lexed.commands.filter((c) => c.end < lexed.cutAt!) : lexed.commands;
  const cutStart = lexed.cutAt !== undefined ? (lexed.commands.find((c) => c.end >= lexed.cutAt!)?.start ?? lexed.cutAt) : undefined;
  const parsed = parseStatements(commands);
  const config = context.disclosure ?? defaultDisclosureConfig();
  const builder = createBuilder('stata', '//');
  const sql = createEnv(text, builder, context.catalogue, config);
  const span = { start: 0, end: 0 };
  const state: StataState = {
    text,
    lines: new LineIndex(text),
    builder,
    sql,
    facts: sql.facts,
    config,
    catalogue: context.catalogue,
    context,
    macros: newMacros(),
    saved: new Map(),
    extracts: new Map(),
    dataset: emptyDataset(builder, span),
    preserved: [],
    frames: new Map(),
    currentFrame: 'default',
    varabbrev: true,
    programs: new Map(),
    running: new Set(),
    quietModels: [],
    sites: new SiteList(),
    findings: [],
    reported: new Set(),
    before: new Map(),
    embedded: [],
    scalars: new Set(),
    matrices: new Map(),
    steps: MAX_STEPS,
  };
  void createFactsResolver;
  run(state, parsed.statements, false, 0);
  finish(state);
  // Comments and strings each come in text order; merging them keeps the texts in order without a sort.
  let c = 0;
  let s = 0;
  const { comments, strings } = lexed;
  while (c < comments.length || s < strings.length) {
    if (s >= strings.length || (c < comments.length && comments[c]!.start < strings[s]!.start)) {
      builder.texts.push({ start: comments[c]!.start, end: comments[c]!.end, kind: 'comment' });
      c++;
    } else {
      builder.texts.push({ start: strings[s]!.start, end: strings[s]!.end, kind: 'string' });
      s++;
    }
  }
  for (const statement of parsed.statements) builder.statements.push({ start: statement.command.start, end: statement.command.end });
  const model: DataflowModel = finishModel(builder);
  const notes: UncheckedPart[] = [];
  if (cutStart !== undefined) {
    notes.push({ start: cutStart, end: text.length, what: 'the column and disclosure checks from here to the end of the file', reason: `the file is longer than the ${limit.toLocaleString('en-GB')} characters analysed in one document`, cause: 'limit' });
  }
  if (parsed.tooDeep !== undefined) {
    notes.push({ ...parsed.tooDeep, what: 'the block structure from here', reason: `blocks are nested more than ${MAX_BLOCK_DEPTH} deep`, cause: 'limit' });
  }
  if (state.namesCappedAt !== undefined) {
    notes.push({ ...state.namesCappedAt, what: 'unknown and ambiguous variable names from here', reason: `more than ${MAX_NAME_FINDINGS.toLocaleString('en-GB')} were found in the file, which is more than a do-file being written has`, cause: 'limit' });
  }
  if (state.stoppedAt !== undefined) {
    notes.push({ start: state.stoppedAt.start, end: text.length, what: 'the column and disclosure checks from here to the end of the file', reason: `the do-file runs more than ${MAX_STEPS.toLocaleString('en-GB')} commands, loops unrolled`, cause: 'limit' });
  }
  const reference = applySeverityOverrides([...state.findings, ...state.embedded.flatMap(queryFindings)], context.severityOverrides);
  const findings: Finding[] = [...reference, ...notCheckedFindings(notes)].sort((a, b) => a.start - b.start || a.end - b.end);
  const sites = state.sites.sorted();
  const data: StataAnalysisData = {
    text, catalogue: context.catalogue, commands, comments: lexed.comments, strings: lexed.strings, sites, before: state.before, embedded: state.embedded,
  };
  const outline = symbols(text, parsed.statements);
  const folds = folding(text, parsed.statements, lexed.comments);
  return {
    language: 'stata',
    findings,
    dataflow: () => model,
    complete: (offset) => guard(() => complete(data, offset), { items: [], isIncomplete: false }),
    resolveDocumentation: (key) => guard(() => state.embedded.map((q) => q.analysis.resolveDocumentation(key)).find((d) => d !== undefined), undefined),
    hover: (offset) => guard(() => hover(data, offset), undefined),
    definition: (offset) => guard(() => definition(data, offset), []),
    symbols: () => outline,
    folding: () => folds,
  };
}

function guard<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
