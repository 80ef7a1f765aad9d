/**
 * The R extractor: walks a tree-sitter R tree statement by statement, tracking what each variable holds (a data
 * frame and its lineage, a plot, a model) through assignments, pipes (`%>%`, `|>`), dplyr and base verbs and
 * data.table subsetting, and records the outputs: files written, values printed (explicitly or by auto-printing
 * at the top level), plots, graphic files and model fits. Calls it does not know give values of unknown content,
 * so the rules stay silent about them.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import { describeError } from '../../../util/errors';
import { addOutput, createBuilder, derive, finishModel } from '../../../dataflow/builder';
import { pushAll } from '../../../util/arrays';
import type { ResolvedDisclosureConfig } from '../../../disclosure/config';
import { createFactsResolver, NO_FACTS } from '../../../dataflow/facts';
import type { DataflowModel, Frame, FrameColumn, FrameEvent, TextSpan } from '../../../dataflow/model';
import { rComparison, resolveName, roundingBaseOfFunction, rUnwrap } from './rExpr';
import {
  addLayer, addPlot, addPrint, basePlotCall, ggplotCall, graphicFileCall, isFormatter, isGraphicSaver, isModel, isPrinter, isWriter, TABLE_STYLERS, modelCall,
  printCall, writeCall,
} from './rOutputs';
import { isSourceCall, sourceCall } from './rSources';
import { argument, contextFor, frameOf, positional, spanOf, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import {
  argsOf, bareCall, callName, identifierName, isMissingLiteral, named, numberValue, operands, operatorOf, stringValue, textOf, unparen, walk,
  type RArg, type RNode,
} from './rTree';
import {
  addCountVerb, columnFrom, countVerb, distinctVerb, eventVerb, filterVerb, formulaTerms, groupByVerb, joinVerb,
  keysFrom, mutateVerb, pivotWiderVerb, renameVerb, selectVerb, stackVerb, summariseVerb, tableOf,
} from './rVerbs';
import { selfMasked, subsetValue } from './rDataTable';
import { changesItsFirstArgument, printsNothing } from './rVisibility';
import { firstUnanalysed } from '../parser/analysisBudget';
import { aggregateCall, modelValues, summaryCall, surveyCall, tableCall, tapplyCall, vectorStatistic } from './rTables';
import { createEnv } from '../../sql/dataflow/sql';
import { checkpoint, CHECKPOINT_EVERY, type RExtraction, resume, reusable } from './rResume';
import { beginRecording, endRecording, RecordingLog, type RStatementRecord, RStatementReuse } from './rReuse';
import { callScriptFunction, isIterator, iterate, newInlining, type RFunctionRunner } from './rFunctions';

export type { RExtraction } from './rResume';

/** The syntax tree of an R document, as the R front end's parser returns it (`RParser.parse(text)`). */
export interface RTreeInput {
  readonly root: RNode;
}

/**
 * Builds the dataflow model of an R document. `texts` are the comment and string spans in document order when
 * the caller has them already (the front end's outline); otherwise they are read off the tree.
 */
export function extractR(
  text: string,
  tree: RTreeInput,
  catalogue: CatalogueIndex | undefined,
  config: ResolvedDisclosureConfig,
  texts?: readonly TextSpan[],
): DataflowModel {
  return extractRResumable(text, tree.root, catalogue, config, texts ?? textsOf(tree.root), undefined).model;
}

/**
 * Builds the dataflow model and keeps what the next version of the document needs to resume: with the previous
 * extraction, statements before the first top-level statement the parse did not take over unchanged are not
 * evaluated again; their frames, outputs and variables are restored from the last checkpoint before it.
 */
export function extractRResumable(
  text: string,
  root: RNode,
  catalogue: CatalogueIndex | undefined,
  config: ResolvedDisclosureConfig,
  texts: readonly TextSpan[],
  previous: RExtraction | undefined,
): RExtraction {
  const builder = createBuilder('r', '#');
  // Backslash escapes become spaces of the same length, so SQL inside R strings keeps its offsets.
  const masked = text.replace(/\\(.)/gs, ' $1');
  const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));
  const state: RState = {
    text,
    masked,
    builder,
    facts: createFactsResolver(catalogue, config),
    config,
    catalogue,
    env: new RecordingLog(),
    sql: createEnv(masked, builder, catalogue, config),
    suppressionHelpers: lower(config.suppressionHelpers),
    roundingHelpers: lower(config.roundingHelpers),
    dominanceHelpers: lower(config.dominanceHelpers),
    localRounding: new Map(),
    inlining: newInlining(),
    functionNames: functionNamesOf(text, root),
  };
  localRoundingFunctions(state, root);
  pushAll(builder.texts, texts);
  const checkpoints = resume(state, root, previous);
  const children = root.children;
  const cut = firstUnanalysed(root);
  const from = checkpoints.length > 0 ? checkpoints[checkpoints.length - 1]!.index : 0;
  // The statements before the checkpoint resumed from are the previous version's, records and all.
  const records: (RStatementRecord | undefined)[] = from > 0 && previous !== undefined ? previous.records.slice(0, from) : [];
  // The budget for following the script's functions stands where it stood after those statements.
  for (const record of records) {
    if (record === undefined) continue;
    state.inlining.nodes += record.inlined;
    if (record.limited) state.inlining.exhausted = true;
  }
  const reuse = reusable(state, previous) ? new RStatementReuse(previous, text) : undefined;
  for (let index = from; index < children.length; index++) {
    if (index % CHECKPOINT_EVERY === 0 && (checkpoints.length === 0 || checkpoints[checkpoints.length - 1]!.index < index)) {
      checkpoints.push(checkpoint(state, index));
    }
    const child = children[index]!;
    if (cut !== undefined && child.start >= cut.start) break;
    // A comment adds nothing to the model.
    if (!child.named || child.type === 'comment') continue;
    builder.statements.push({ start: child.start, end: child.end });
    builder.statementBeingRead = { start: child.start, end: child.end };
    const replayed = reuse?.replay(state, index, child);
    if (replayed !== undefined) {
      records[index] = replayed;
      continue;
    }
    reuse?.extracted();
    const before = beginRecording(state);
    try {
      statement(state, child, true);
    } catch (error) {
      // A statement the extractor cannot follow adds nothing but a note; the rest of the script is still checked.
      builder.incomplete.push({ start: child.start, end: child.end, reason: describeError(error) });
    }
    records[index] = endRecording(state, before);
  }
  return {
    model: finishModel(builder), text, root, env: state.env, catalogue, config, checkpoints, localRounding: state.localRounding, functionNames: state.functionNames,
    records, catalogueFrames: state.sql.catalogueFrames, reused: reuse?.reused ?? 0,
  };
}

/**
 * Rounding helpers the script defines at its top level (`round5 <- function(x) 5 * round(x / 5)`), read before the
 * statements so that a call of one rounds the column it is given, wherever the definition sits.
 */
function localRoundingFunctions(state: RState, root: RNode): void {
  const found = state.localRounding as Map<string, number>;
  for (const [name, definition] of topLevelFunctions(state.text, root)) {
    const base = roundingBaseOfFunction(contextFor(state, undefined), definition);
    if (base !== undefined) found.set(name, base);
  }
}

/** Every `name <- function(…) …` at the top level, with its definition, in order. */
function topLevelFunctions(text: string, root: RNode): [string, RNode][] {
  const found: [string, RNode][] = [];
  for (const child of root.children) {
    if (child.type !== 'binary_operator' || !ASSIGN.has(operatorOf(child, text) ?? '')) continue;
    const [lhs, rhs] = operands(child);
    const name = lhs !== undefined ? identifierName(text, lhs) : undefined;
    if (name !== undefined && rhs?.type === 'function_definition') found.push([name, rhs]);
  }
  return found;
}

function textsOf(root: RNode): TextSpan[] {
  const texts: TextSpan[] = [];
  for (const node of walk(root)) {
    if (node.type === 'comment') texts.push({ start: node.start, end: node.end, kind: 'comment' });
    else if (node.type === 'string') texts.push({ start: node.start, end: node.end, kind: 'string' });
  }
  return texts;
}

const ASSIGN = new Set(['<-', '=', '<<-']);

function statement(state: RState, node: RNode, top: boolean): void {
  switch (node.type) {
    case 'comment':
    case 'function_definition':
      return;
    case 'binary_operator': {
      const op = operatorOf(node, state.text);
      if (op !== undefined && ASSIGN.has(op)) {
        const [lhs, rhs] = operands(node);
        assign(state, lhs, rhs);
        return;
      }
      if (op === '->' || op === '->>') {
        const [lhs, rhs] = operands(node);
        assign(state, rhs, lhs);
        return;
      }
      break;
    }
    case 'if_statement':
    case 'for_statement':
    case 'while_statement':
    case 'repeat_statement': {
      const parts = named(node);
      // The condition or sequence comes first; the bodies follow.
      for (const part of parts.slice(node.type === 'repeat_statement' ? 0 : 1)) statement(state, part, false);
      return;
    }
    case 'braced_expression':
      for (const child of named(node)) statement(state, child, false);
      return;
    default:
      break;
  }
  const value = evaluate(state, node);
  if (!top) return;
  if (value.kind === 'frame' && node.type === 'call') rebindInPlace(state, node, value);
  if (printsNothing(state, node)) return;
  if (value.kind === 'plot') addPlot(state, value);
  else addPrint(state, value, node, autoPrintName(state, node));
}

/** `setDT(df)`, `setorder(dt, …)`: the variable passed first now holds the changed table. */
function rebindInPlace(state: RState, node: RNode, value: RValue & { kind: 'frame' }): void {
  const call = callName(state.text, node);
  if (call === undefined || !changesItsFirstArgument(call.name)) return;
  const first = argsOf(state.text, node).find((arg) => arg.name === undefined)?.value;
  const name = identifierName(state.text, unparen(first));
  if (name !== undefined) state.env.set(name, value);
}

function autoPrintName(state: RState, node: RNode): string {
  const bare = unparen(node);
  const call = bare !== undefined ? callName(state.text, bare) : undefined;
  return call !== undefined ? call.name : 'auto-print';
}

function assign(state: RState, target: RNode | undefined, source: RNode | undefined): void {
  if (target === undefined || source === undefined) return;
  const name = identifierName(state.text, target) ?? stringValue(state.text, target);
  if (name !== undefined) {
    const value = evaluate(state, source);
    state.env.set(name, value);
    if (value.kind === 'plot') addPlot(state, value);
    return;
  }
  if (target.type === 'extract_operator') {
    columnAssignment(state, target, source);
    return;
  }
  if (target.type === 'subset' && renameAssignment(state, target, source)) return;
  if (target.type === 'subset') subsetAssignment(state, target, source);
}

/**
 * `names(df)[names(df) == "old"] <- "new"` (or `colnames`): base R's rename of one column. The column keeps what it
 * holds under its new name; any other replacement of names is left alone, as the columns it makes are not known.
 */
function renameAssignment(state: RState, target: RNode, source: RNode): boolean {
  const objectNode = unparen(target.children[0]);
  const call = objectNode !== undefined ? callName(state.text, objectNode) : undefined;
  if (objectNode === undefined || (call?.name !== 'names' && call?.name !== 'colnames')) return false;
  const objectName = identifierName(state.text, unparen(argsOf(state.text, objectNode)[0]?.value));
  const value = objectName !== undefined ? state.env.get(objectName) : undefined;
  const condition = unparen(argsOf(state.text, target)[0]?.value);
  const renamed = stringValue(state.text, unparen(source));
  if (objectName === undefined || value?.kind !== 'frame' || condition === undefined || renamed === undefined) return false;
  if (condition.type !== 'binary_operator' || operatorOf(condition, state.text) !== '==') return false;
  const old = operands(condition).map((n) => stringValue(state.text, unparen(n))).find((v): v is string => v !== undefined);
  if (old === undefined) return false;
  const columns = value.frame.columns.map((c) => (c.name.toLowerCase() === old.toLowerCase() ? { ...c, name: renamed } : c));
  state.env.set(objectName, { ...value, frame: derive(state.builder, value.frame, { span: { start: target.start, end: source.end }, columns }) });
  return true;
}

/** `df$col <- expr`: a new or replaced column. */
function columnAssignment(state: RState, target: RNode, source: RNode): void {
  const [objectNode, fieldNode] = operands(target);
  const objectName = identifierName(state.text, objectNode);
  const value = objectName !== undefined ? state.env.get(objectName) : undefined;
  const column = identifierName(state.text, fieldNode) ?? stringValue(state.text, fieldNode);
  if (objectName === undefined || value?.kind !== 'frame' || column === undefined) return;
  const frame = value.frame;
  const context = contextFor(state, frame);
  const result = columnFrom(context, column, source, { start: target.start, end: source.end });
  const columns = [...frame.columns.filter((c) => c.name.toLowerCase() !== column.toLowerCase()), result.column];
  state.env.set(objectName, { ...value, frame: derive(state.builder, frame, { span: { start: target.start, end: source.end }, columns, events: result.events }) });
}

/** `df$n[df$n < 10] <- NA`, `df[df$n < 10, "n"] <- NA`, `df[is.na(df)] <- 0`. */
function subsetAssignment(state: RState, target: RNode, source: RNode): void {
  const objectNode = target.children[0];
  const args = argsOf(state.text, target);
  let objectName: string | undefined;
  let columns: string[] | undefined;
  if (objectNode?.type === 'extract_operator') {
    const [o, f] = operands(objectNode);
    objectName = identifierName(state.text, o);
    const field = identifierName(state.text, f) ?? stringValue(state.text, f);
    columns = field !== undefined ? [field] : undefined;
  } else {
    objectName = identifierName(state.text, objectNode);
    const colArg = args.filter((a) => a.value !== undefined || a.node.type === 'comma')[1]?.value;
    if (colArg !== undefined) columns = [...walk(colArg)].map((n) => stringValue(state.text, n)).filter((v): v is string => v !== undefined);
  }
  const value = objectName !== undefined ? state.env.get(objectName) : undefined;
  if (objectName === undefined || value?.kind !== 'frame') return;
  const frame = value.frame;
  const condition = args[0]?.value;
  // `tab[tab < 10] <- NA`: inside the test the table's own name stands for its cells, the counts.
  const context = objectNode?.type === 'extract_operator' ? contextFor(state, frame) : selfMasked(state, contextFor(state, frame), objectNode, frame);
  const span = { start: target.start, end: source.end };
  const targets = columns ?? frame.columns.filter((c) => c.statistic !== undefined).map((c) => c.name);
  let event: FrameEvent | undefined;
  let change: (c: FrameColumn) => FrameColumn = (c) => c;
  const zero = numberValue(state.text, source) === 0;
  if (condition !== undefined && zero && [...walk(condition)].some((n) => callName(state.text, n)?.name === 'is.na')) {
    event = { kind: 'zero-fill', span };
  } else if (condition !== undefined && (isMissingLiteral(state.text, source) || source.type === 'string')) {
    const test = rComparison(context, condition);
    if (test?.kind !== 'below') return;
    const suppression = test.threshold !== undefined ? { threshold: test.threshold, span } : { span };
    change = (c) => (targets.some((t) => t.toLowerCase() === c.name.toLowerCase()) ? { ...c, suppression } : c);
    event = { kind: 'suppress', span, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), columns: targets };
  } else {
    return;
  }
  state.env.set(objectName, { ...value, frame: derive(state.builder, frame, { span, columns: frame.columns.map(change), events: [event] }) });
}

export function evaluate(state: RState, node: RNode | undefined): RValue {
  if (node === undefined) return UNKNOWN;
  switch (node.type) {
    case 'identifier': {
      const name = textOf(state.text, node).replace(/^`|`$/g, '');
      const bound = state.env.get(name);
      if (bound !== undefined) return bound;
      if (state.withFrame !== undefined) return { kind: 'column', frame: state.withFrame, column: resolveName(contextFor(state, state.withFrame), name) };
      return UNKNOWN;
    }
    case 'string':
      return { kind: 'string', value: stringValue(state.text, node) ?? '', node };
    case 'parenthesized_expression':
      return evaluate(state, named(node)[0]);
    case 'extract_operator': {
      const [objectNode, field] = operands(node);
      const object = evaluate(state, objectNode);
      const frame = frameOf(object);
      const name = identifierName(state.text, field) ?? stringValue(state.text, field);
      if (frame === undefined || name === undefined || object.kind !== 'frame') return UNKNOWN;
      return { kind: 'column', frame, column: resolveName(contextFor(state, frame), name) };
    }
    case 'call':
      return callValue(state, node, undefined);
    case 'function_definition':
      return { kind: 'function', node };
    case 'subset':
      return subsetValue(state, node, (n) => evaluate(state, n));
    case 'binary_operator':
      return binaryValue(state, node);
    case 'braced_expression': {
      let last: RValue = UNKNOWN;
      for (const child of named(node)) {
        statement(state, child, false);
        last = UNKNOWN;
      }
      return last;
    }
    default:
      return UNKNOWN;
  }
}

function binaryValue(state: RState, node: RNode): RValue {
  const op = operatorOf(node, state.text);
  const [lhs, rhs] = operands(node);
  if (op === '%>%' || op === '|>' || op === '%<>%' || op === '%T>%') {
    const value = evaluate(state, lhs);
    const result = pipeInto(state, value, rhs, op === '%<>%' ? '%>%' : op);
    if (op === '%<>%') {
      const name = identifierName(state.text, lhs);
      if (name !== undefined) state.env.set(name, result);
    }
    return op === '%T>%' ? value : result;
  }
  if (op === '+') {
    const value = evaluate(state, lhs);
    if (value.kind === 'plot' && rhs !== undefined) return addLayer(state, value, rhs, (n) => evaluate(state, n));
    return value.kind === 'frame' && numberValue(state.text, rhs) !== undefined ? value : UNKNOWN;
  }
  if (op === '*' || op === '/' || op === '-') return wholeTable(state, node);
  if (op !== undefined && (ASSIGN.has(op) || op === '->')) {
    statement(state, node, false);
    return UNKNOWN;
  }
  return UNKNOWN;
}

function pipeInto(state: RState, value: RValue, rhs: RNode | undefined, pipe: string): RValue {
  const bare = unparen(rhs);
  if (bare === undefined) return UNKNOWN;
  if (bare.type === 'call') return callValue(state, bare, { value, pipe });
  if (bare.type === 'identifier') {
    // `df %>% head` calls the function with no other arguments.
    return callValue(state, bareCall(bare), { value, pipe });
  }
  return UNKNOWN;
}

/** Which argument of a call holds its data, when it is not piped in. */
const DATA_NAMES = ['.data', 'data', 'x', 'object', 'df', 'tbl', 'dat', 'X'];

function callValue(state: RState, node: RNode, piped: { value: RValue; pipe: string } | undefined): RValue {
  const name = callName(state.text, node);
  if (name === undefined) return UNKNOWN;
  const allArgs = argsOf(state.text, node).filter((a) => a.value !== undefined);
  let data: RValue;
  let args: RArg[];
  if (piped !== undefined) {
    const placeholder = allArgs.findIndex((a) => a.value !== undefined && ['_', '.'].includes(textOf(state.text, a.value)));
    data = piped.value;
    args = placeholder >= 0 ? allArgs.filter((_, i) => i !== placeholder) : allArgs;
  } else {
    const dataArg = allArgs.find((a) => a.name !== undefined && DATA_NAMES.includes(a.name) && name.name !== 'ggplot' && name.name !== 'with')
      ?? (name.name === 'ggplot' ? argument(allArgs, 'data', 0) : undefined)
      ?? positional(allArgs)[0];
    data = dataArg !== undefined && takesData(name.name) ? evaluate(state, dataArg.value) : UNKNOWN;
    args = dataArg !== undefined && takesData(name.name) ? allArgs.filter((a) => a !== dataArg) : allArgs;
  }
  const call: RCall = { node, name: name.name, ...(name.pkg !== undefined ? { pkg: name.pkg } : {}), data, args, allArgs, ...(piped !== undefined ? { pipe: piped.pipe } : {}) };
  try {
    return dispatch(state, call);
  } catch (e) {
    if (process.env.SDC_DEBUG) console.error(e);
    return UNKNOWN;
  }
}

const PROTECTING_NAME = /suppress|protect|round|sdc|safe|mask|redact|censor|blank|small|disclos|secondary|hide/i;

/** The names the script assigns a function to at its top level (`f <- function(x) …`). */
function functionNamesOf(text: string, root: RNode): Set<string> {
  return new Set(topLevelFunctions(text, root).map(([name]) => name));
}

/** The runner the script's own functions are followed with (`rFunctions.ts`). */
function runnerFor(state: RState): RFunctionRunner {
  return { statement: (node) => statement(state, node, false), evaluate: (node) => evaluate(state, node) };
}

/**
 * A call of a function the script defined (bound in the variables where its definition ran), or of an iterating
 * function given one: the body is followed; undefined when it is neither, or is not followed.
 */
function scriptFunctionCall(state: RState, call: RCall): RValue | undefined {
  if (state.localRounding.has(call.name)) return undefined;
  const bound = call.pkg === undefined && state.functionNames.has(call.name) ? (state.env as RecordingLog<RValue>).get(call.name) : undefined;
  // A helper the script wrote to protect a table (`suppress_small`, `protect`, `safe_table`) usually works through
  // columns named by its arguments (`tab[[count_col]] <- …`), which this reading cannot follow: it stays opaque, as
  // an unknown call is, rather than be read as doing nothing.
  if (bound?.kind === 'function' && !PROTECTING_NAME.test(call.name)) {
    const from = call.pipe === undefined ? call.allArgs.find((a) => !call.args.includes(a)) : undefined;
    return callScriptFunction(state, runnerFor(state), bound.node, { value: call.data, ...(from !== undefined ? { from } : {}) }, call.args);
  }
  if (isIterator(call.name)) return iterate(state, runnerFor(state), call.name, call.data, call.args);
  return undefined;
}

/** Functions whose first argument is not data (connections, formulas, file names) read it themselves. */
function takesData(name: string): boolean {
  return !['dbGetQuery', 'dbSendQuery', 'sqlQuery', 'dbReadTable', 'tbl', 'sql', 'read_sql', 'xtabs', 'aggregate', 'survfit', 'svydesign', 'svyby',
    'svymean', 'svytotal', 'svyquantile', 'svytable', 'with', 'c', 'list', 'paste0', 'paste', 'file.path', 'library', 'require', 'tapply', 'table', 'ftable',
    'bind_rows', 'rbind', 'rbindlist', 'cbind', 'bind_cols'].includes(name)
    && !isModel(name) && !isGraphicSaver(name) && !isSourceCall(name);
}

const IDENTITY = new Set(['collect', 'as_tibble', 'as.data.frame', 'as.data.table', 'setDT', 'data.table', 'tibble', 'compute', 'arrange', 'relocate',
  'droplevels', 'na.omit', 'drop_na', 'head', 'tail', 'slice', 'slice_head', 'slice_tail', 'slice_sample', 'slice_max', 'slice_min', 'top_n',
  'sample_n', 'sample_frac', 'unique', 'ungroup', 'rowwise', 'as_factor', 'clean_names', 'setnames', 'setorder', 'copy', 'adorn_pct_formatting',
  'adorn_ns', 'adorn_rounding', 'adorn_title', 'as.data.frame.matrix', 'as.matrix', 'pivot_longer', 'gather', 'melt', 'arrange_all', 'mutate_if', 'select_if', 'rename_with', 'type_convert',
  ...TABLE_STYLERS]);

/** Base R rounding applied to a whole table (`round(tapply(…), -2)`): the cells are the table's, rounded. */
const ROUNDING_CALLS = new Set(['round', 'signif', 'ceiling', 'floor', 'trunc']);

/**
 * Arithmetic and rounding over a whole table (`100 * prop.table(t)`, `round(tab / 5) * 5`, `round(t, -2)`): the
 * cells, keys and guards are the table's, and a rounding the expression makes is an event on it. The wrappers are
 * read the way a column's value is (`rUnwrap`), so a table and a column rounded alike are judged alike.
 */
function wholeTable(state: RState, node: RNode, evaluated?: RValue & { kind: 'frame' }): RValue {
  const wrap = rUnwrap(contextFor(state, undefined), node);
  let value: RValue | undefined = evaluated;
  if (value === undefined) {
    let inner = unparen(wrap.inner);
    // What is left is the table, perhaps scaled by a number (`100 * t`, `t / 5`).
    for (let step = 0; step < 8 && inner?.type === 'binary_operator' && ['*', '/', '+', '-'].includes(operatorOf(inner, state.text) ?? ''); step++) {
      const [lhs, rhs] = operands(inner);
      if (numberValue(state.text, lhs) !== undefined) inner = unparen(rhs);
      else if (numberValue(state.text, rhs) !== undefined) inner = unparen(lhs);
      else return UNKNOWN;
    }
    if (inner === undefined || inner === node) return UNKNOWN;
    value = evaluate(state, inner);
  }
  if (value.kind !== 'frame') return UNKNOWN;
  if (wrap.rounding === undefined) return value;
  const span = spanOf(node);
  const rounding = wrap.rounding;
  return { ...value, frame: derive(state.builder, value.frame, { span, events: [{ kind: 'round', span, base: rounding.base, ...(rounding.trusted ? { trusted: true } : {}) }] }) };
}

/** `round(t, -2)` called on a table already evaluated as the call's data. */
function roundedTable(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  return wholeTable(state, call.node, value);
}

const JOINS = new Set(['left_join', 'inner_join', 'right_join', 'full_join', 'semi_join', 'anti_join', 'merge']);

/** Calls that open a database connection, whose server argument names a machine inside the SRS. */
const CONNECTIONS = new Set(['dbConnect', 'dbPool', 'odbcConnect', 'odbcDriverConnect', 'dbConnectSQLServer']);
const SERVER_ARGUMENT = /^(?:server|host|hostname|data ?source|address)$/i;

/** Records the string given as a connection's server, for the values-in-code rule (code clearance, R17). */
function noteServerNames(state: RState, call: RCall): void {
  for (const arg of call.allArgs) {
    if (arg.name === undefined || !SERVER_ARGUMENT.test(arg.name.replace(/^["'`]|["'`]$/g, ''))) continue;
    const value = unparen(arg.value);
    if (value?.type === 'string' && stringValue(state.text, value)?.trim()) state.builder.serverNames.push(spanOf(value));
  }
}

function dispatch(state: RState, call: RCall): RValue {
  const name = call.name;
  const lower = name.toLowerCase();
  if (isSourceCall(name)) return sourceCall(state, call);
  if (isWriter(name)) return writeCall(state, call, (n) => evaluate(state, n));
  if (isPrinter(name)) return printCall(state, call);
  // `cat("Highest:", max(x))` and `message(…)` print every value they are given, not only the first.
  if (name === 'cat' || name === 'message') {
    for (const arg of call.allArgs) if (arg.name === undefined && arg.value !== undefined) addPrint(state, evaluate(state, arg.value), call.node, name);
    return UNKNOWN;
  }
  if (isFormatter(name)) return call.data.kind === 'frame' ? call.data : UNKNOWN;
  if (isGraphicSaver(name)) return graphicFileCall(state, call, (n) => evaluate(state, n));
  if (isModel(name)) return modelCall(state, call, (n) => evaluate(state, n));
  if (name.startsWith('acro_') || name.startsWith('acro.')) return UNKNOWN;
  const value = call.data;
  if (value.kind === 'frame') {
    if (state.suppressionHelpers.has(lower)) return eventVerb(state, call, value, 'helper');
    if (state.roundingHelpers.has(lower)) return eventVerb(state, call, value, 'round');
    if (state.dominanceHelpers.has(lower)) return eventVerb(state, call, value, 'dominance');
  }
  const followed = scriptFunctionCall(state, call);
  if (followed !== undefined) return followed;
  if (value.kind === 'frame' && ROUNDING_CALLS.has(name)) return roundedTable(state, call, value);
  const frameVerb = frameVerbs(state, call);
  if (frameVerb !== undefined) return frameVerb;
  if (CONNECTIONS.has(name)) {
    noteServerNames(state, call);
    return UNKNOWN;
  }
  switch (name) {
    case 'ggplot':
      return ggplotCall(call);
    case 'qplot': {
      const frame = frameOf(evaluate(state, argument(call.allArgs, 'data')?.value));
      addOutput(state.builder, { kind: 'plot', span: spanOf(call.node), via: 'qplot', ...(frame ? { frame: frame.id } : {}), layers: [{ kind: 'point', span: spanOf(call.node) }] });
      return UNKNOWN;
    }
    case 'plot': case 'hist': case 'boxplot': case 'stripchart': case 'pairs': case 'ggpairs': case 'scatterplotMatrix': case 'dotchart':
    case 'smoothScatter': case 'ggsurvplot': case 'ggsurvfit': case 'autoplot': case 'plot_ly': case 'barplot': case 'pie':
      return basePlotCall(state, call);
    case 'with': {
      const data = evaluate(state, positional(call.allArgs)[0]?.value);
      const saved = state.withFrame;
      state.withFrame = frameOf(data);
      try {
        return evaluate(state, positional(call.allArgs)[1]?.value);
      } finally {
        state.withFrame = saved;
      }
    }
    case 'c': {
      const values = call.allArgs.map((a) => (a.name === undefined ? stringValue(state.text, unparen(a.value)) : undefined));
      return values.length > 0 && values.every((v): v is string => v !== undefined) ? { kind: 'names', values } : UNKNOWN;
    }
    case 'table': case 'ftable':
      return tableCall(state, call, (n) => evaluate(state, n));
    case 'xtabs': {
      const data = evaluate(state, argument(call.allArgs, 'data', 1)?.value);
      const frame = frameOf(data);
      if (frame === undefined) return UNKNOWN;
      const terms = formulaTerms(argument(call.allArgs, 'formula', 0)?.value).terms;
      return tableOf(state, call, frame, keysFrom(state, frame, terms.map((t) => ({ value: t, node: t }))));
    }
    case 'aggregate':
      return aggregateCall(state, call, (n) => evaluate(state, n));
    case 'tapply':
      return tapplyCall(state, call, (n) => evaluate(state, n));
    case 'bind_rows': case 'rbind': case 'rbindlist': {
      const frames = frameArgs(state, call);
      return stackVerb(state, call, frames);
    }
    case 'cbind': case 'bind_cols': {
      // Columns bound side by side are one table, whatever they are named (`cbind(tab, total = row_total)`).
      const frames = frameArgs(state, call, true);
      if (frames.length === 0) return UNKNOWN;
      if (frames.length === 1) return { kind: 'frame', frame: frames[0]! };
      return { kind: 'frame', frame: derive(state.builder, frames[0]!, { span: spanOf(call.node), extraInputs: frames.slice(1), columns: frames.flatMap((f) => f.columns), history: boundHistory(frames) }) };
    }
    case 'rowSums': case 'colSums': case 'margin.table': case 'marginSums': {
      const frame = frameOf(call.data);
      if (frame === undefined || frame.grain !== 'aggregate') return UNKNOWN;
      const span = spanOf(call.node);
      const count = frame.columns.find((c) => c.statistic?.kind === 'count');
      // A total of cells that were already suppressed sums only what the suppression kept, so it keeps that protection.
      const total: FrameColumn = {
        name: call.name,
        span,
        facts: NO_FACTS,
        ...(count?.statistic !== undefined ? { statistic: { ...count.statistic, span } } : {}),
        ...(count?.suppression !== undefined ? { suppression: count.suppression } : {}),
      };
      return { kind: 'frame', frame: derive(state.builder, frame, { span, columns: [...frame.groupKeys, total], events: [{ kind: 'totals', span }] }) };
    }
    case 'survfit': {
      const data = evaluate(state, argument(call.allArgs, 'data', 1)?.value);
      const frame = frameOf(data);
      const terms = formulaTerms(argument(call.allArgs, 'formula', 0)?.value).terms;
      const strata = frame !== undefined ? keysFrom(state, frame, terms.map((t) => ({ value: t, node: t }))) : [];
      return { kind: 'survfit', ...(frame !== undefined ? { frame } : {}), span: spanOf(call.node), strata };
    }
    case 'svydesign': case 'as_survey_design': case 'as_survey': {
      const frame = frameOf(value.kind !== 'unknown' ? value : evaluate(state, argument(call.allArgs, 'data')?.value));
      return { kind: 'design', ...(frame !== undefined ? { frame } : {}) };
    }
    case 'svymean': case 'svytotal': case 'svyquantile': case 'svyby': case 'svytable': case 'svyciprop':
      return surveyCall(state, call, (n) => evaluate(state, n));
    case 'summary':
      return summaryCall(state, call);
    case 'quantile': case 'median': case 'min': case 'max': case 'range': case 'fivenum': case 'IQR':
      return vectorStatistic(state, call);
    case 'augment': case 'residuals': case 'resid': case 'fitted': case 'fitted.values': case 'predict': case 'rstandard': case 'rstudent':
    case 'cooks.distance': case 'hatvalues':
      return modelValues(state, call);
    default:
      return UNKNOWN;
  }
}

/** Verbs whose data argument is a frame. */
function frameVerbs(state: RState, call: RCall): RValue | undefined {
  const value = call.data;
  if (value.kind !== 'frame') return undefined;
  switch (call.name) {
    case 'filter': case 'subset': {
      const filtered = filterVerb(state, call, value);
      const select = argument(call.args, 'select');
      return select !== undefined && filtered.kind === 'frame' ? selectVerb(state, call, filtered, [select]) : filtered;
    }
    case 'select': return selectVerb(state, call, value);
    case 'mutate': return mutateVerb(state, call, value);
    case 'transmute': return mutateVerb(state, call, value, true);
    case 'rename': return renameVerb(state, call, value);
    case 'group_by': return groupByVerb(state, call, value);
    case 'ungroup': return { kind: 'frame', frame: value.frame };
    case 'summarise': case 'summarize': case 'reframe': return summariseVerb(state, call, value);
    case 'count': case 'tally': case 'tabyl': return countVerb(state, call, value);
    case 'add_count': case 'add_tally': return addCountVerb(state, call, value);
    case 'distinct': return distinctVerb(state, call, value);
    case 'complete': case 'expand': return eventVerb(state, call, value, 'zero-fill');
    case 'replace_na': return zeroFillArgs(state, call) ? eventVerb(state, call, value, 'zero-fill') : value;
    case 'pivot_wider': case 'spread': case 'dcast': return pivotWiderVerb(state, call, value);
    case 'adorn_totals': case 'addmargins': return eventVerb(state, call, value, 'totals');
    case 'adorn_percentages': case 'prop.table': case 'proportions': return asProportions(state, call, value);
    default:
      break;
  }
  if (JOINS.has(call.name)) {
    const other = frameOf(evaluate(state, positional(call.args)[0]?.value ?? argument(call.args, 'y')?.value));
    return joinVerb(state, call, value, other);
  }
  if (IDENTITY.has(call.name)) {
    return { ...value, frame: derive(state.builder, value.frame, { span: spanOf(call.node) }), ...(call.name === 'setDT' || call.name === 'as.data.table' || call.name === 'data.table' ? { dataTable: true } : {}) };
  }
  return undefined;
}

function zeroFillArgs(state: RState, call: RCall): boolean {
  return call.args.some((a) => a.value !== undefined && [...walk(a.value)].some((n) => numberValue(state.text, n) === 0));
}

function asProportions(state: RState, call: RCall, value: RValue & { kind: 'frame' }): RValue {
  const columns = value.frame.columns.map((c) => (c.statistic?.kind === 'count' ? { ...c, statistic: { ...c.statistic, kind: 'proportion' as const } } : c));
  return { ...value, frame: derive(state.builder, value.frame, { span: spanOf(call.node), columns }) };
}

/**
 * The events of tables bound side by side, in the order the script made them: totals of a table computed before its
 * guard and bound next to the guarded table come before that guard, as they did when they were computed.
 */
function boundHistory(frames: readonly Frame[]): FrameEvent[] {
  const seen = new Set<string>();
  const events: FrameEvent[] = [];
  for (const frame of frames) {
    for (const event of frame.history) {
      const key = `${event.kind}@${event.span.start}-${event.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push(event);
    }
  }
  return events.sort((a, b) => a.span.start - b.span.start);
}

function frameArgs(state: RState, call: RCall, named = false): Frame[] {
  const values: RValue[] = [];
  if (call.pipe !== undefined) values.push(call.data);
  for (const arg of named ? call.allArgs.filter((a) => a.value !== undefined) : positional(call.allArgs)) {
    const bare = unparen(arg.value);
    if (bare !== undefined && callName(state.text, bare)?.name === 'list') {
      for (const inner of positional(argsOf(state.text, bare))) values.push(evaluate(state, inner.value));
    } else {
      values.push(evaluate(state, arg.value));
    }
  }
  return values.map(frameOf).filter((f): f is Frame => f !== undefined);
}

