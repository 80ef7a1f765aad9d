/**
 * Reads an R script top to bottom, following the values that matter (data frames, lazy tables, SQL
 * strings, table names, column-name vectors) through assignments, pipes and calls, and records the
 * frame model as it goes. Control flow is read straight through: both branches of an `if` and one
 * pass over each loop body, which is what a reader of the script sees.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import { CHECKPOINT_EVERY } from '../../../dataflow/checkpoints';
import { pushAll } from '../../../util/arrays';
import { childByField, type RNode } from '../parser/syntaxTree';
import {
  bareCall, type CallInfo, isAssignmentOperator, isPipeOperator, nodeText, operatorOf, readCall, statementsOf, unwrapParens,
} from '../syntax/calls';
import { holePiece, type PiecedString, textPiece } from '../syntax/pieces';
import { decodeString, identifierName } from '../syntax/strings';
import { firstUnanalysed } from '../parser/analysisBudget';
import { LoggedMap } from '../writeLog';
import { statementMemo } from '../parser/statementMemo';
import { assignToTarget } from './assignment';
import { ModelBuilder } from './builder';
import { type Handler, Invocation, type Piped } from './invocation';
import type { Frame, Span } from './model';
import { addPlotLayer } from './verbs/plots';
import { HANDLERS } from './verbs/registry';
import type { SqlHooks } from './verbs/sqlHooks';
import { UNKNOWN, type TableName, type Value } from './values';

export interface ExtractionContext {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly sql: SqlHooks;
}

/** A use of a variable that holds a frame, for hover and definition on the variable. */
export interface VariableUse extends Span {
  readonly name: string;
  readonly frame: Frame;
}

/** A table named from R (`tbl(con, in_schema(…))`, `dbReadTable`), resolved or not. */
export interface TableNameUse {
  readonly table: TableName;
  readonly fn: string;
}

/**
 * The evaluator's state before top-level statement `index`: how long each list it fills had grown, and how far the
 * log of the script's globals had grown. The lists only grow and what they hold is never changed once made, so
 * lengths suffice.
 */
interface EvaluatorCheckpoint {
  readonly index: number;
  readonly lengths: readonly number[];
  /** How many writes the globals had had (`LoggedMap.mark`): the globals are the log's first writes. */
  readonly globals: number;
  readonly queries: number;
  /** How many `isBoundAnywhere` questions had been asked. */
  readonly asked: number;
}

/** Variables visible at a point: the script's globals, or a function's locals over them. */
class Scope {
  /** The globals keep a log of their writes, so that a checkpoint need not copy them; locals need none. */
  readonly vars: Map<string, Value>;
  constructor(readonly parent?: Scope) {
    this.vars = parent === undefined ? new LoggedMap() : new Map();
  }

  get(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }
}

export class Evaluator {
  readonly builder = new ModelBuilder();
  readonly variableUses: VariableUse[] = [];
  readonly tableNames: TableNameUse[] = [];
  readonly text: string;
  /** String literals assigned straight to a variable (`q <- "SELECT …"`), candidates for loose SQL. */
  readonly assignedStrings: RNode[] = [];
  #boundNames: ReadonlySet<string> | undefined;
  readonly #asked: [string, boolean][] = [];
  #scope = new Scope();
  /** The script's globals: the outermost scope's variables, with the log of their writes. */
  readonly #globals = this.#scope.vars as LoggedMap<Value>;
  /** Noted every CHECKPOINT_EVERY top-level statements, for the next version of the document to resume from. */
  readonly checkpoints: EvaluatorCheckpoint[] = [];
  readonly #dots: Value[] = [];
  #invisible = false;

  constructor(readonly context: ExtractionContext, readonly root: RNode) {
    this.text = context.text;
  }

  /**
   * Whether the script assigns `name` anywhere, so that a bare name that might be a variable is never called a
   * missing column. The names are collected on first use (most scripts never need them), and every question is
   * noted with its answer, so that a resumed run can check the answers given before its checkpoint still hold.
   */
  isBoundAnywhere(name: string): boolean {
    const bound = this.#allBoundNames().has(name);
    this.#asked.push([name, bound]);
    return bound;
  }

  #allBoundNames(): ReadonlySet<string> {
    return (this.#boundNames ??= collectBoundNames(this.text, this.root));
  }

  get catalogue(): CatalogueIndex {
    return this.context.catalogue;
  }

  /**
   * Evaluates the script. With the evaluator of the previous version of the same document, the statements before
   * the last checkpoint that precedes the first changed statement are taken over instead of evaluated again.
   *
   * Invariant: a resumed run gives the same model as a fresh one. A top-level statement's effects depend only on
   * its own tree, the state before it and the answers of `isBoundAnywhere`. A statement is unchanged when the parse
   * took its node over from the previous tree (the same object), which it does only before the edit. Resuming is
   * refused when a name asked about before the checkpoint is now assigned, or no longer is. A test compares resumed
   * and fresh runs after random edits.
   */
  run(previous?: Evaluator): void {
    const statements = statementsOf(this.root);
    const from = previous !== undefined ? this.#resume(previous, statements) : 0;
    const cut = firstUnanalysed(this.root);
    for (let index = from; index < statements.length; index++) {
      const statement = statements[index]!;
      if (cut !== undefined && statement.start >= cut.start) break;
      if (index > from && index % CHECKPOINT_EVERY === 0) this.checkpoints.push(this.#checkpoint(index));
      this.#invisible = false;
      const value = this.statement(statement);
      if (!this.#invisible && !isAssignment(this.text, statement)) this.autoPrint(statement, value);
    }
  }

  #lists(): unknown[][] {
    const b = this.builder;
    return [b.frames, b.steps, b.references, b.bindings, b.sites, this.variableUses, this.tableNames, this.assignedStrings];
  }

  #checkpoint(index: number): EvaluatorCheckpoint {
    return { index, lengths: this.#lists().map((list) => list.length), globals: this.#globals.mark(), queries: this.context.sql.mark(), asked: this.#asked.length };
  }

  /** Restores the previous run's last usable checkpoint and returns the statement to go on from (0: none). */
  #resume(previous: Evaluator, statements: readonly RNode[]): number {
    if (previous.catalogue !== this.catalogue) return 0;
    const before = statementsOf(previous.root);
    let unchanged = 0;
    while (unchanged < statements.length && unchanged < before.length && statements[unchanged] === before[unchanged]) unchanged++;
    const usable = previous.checkpoints.filter((c) => c.index <= unchanged);
    const last = usable[usable.length - 1];
    if (last === undefined) return 0;
    // A statement may have asked whether a name is assigned anywhere in the script, which depends on text after the
    // edit too: every answer given before the checkpoint must still hold, or nothing is taken over.
    const asked = previous.#asked.slice(0, last.asked);
    if (asked.length > 0) {
      const bound = this.#allBoundNames();
      if (asked.some(([name, was]) => bound.has(name) !== was)) return 0;
    }
    pushAll(this.#asked, asked);
    const lists = this.#lists();
    const old = previous.#lists();
    lists.forEach((list, i) => {
      const from = old[i]!;
      for (let k = 0; k < last.lengths[i]!; k++) list.push(from[k]);
    });
    this.#globals.restore(previous.#globals, last.globals);
    this.context.sql.restore(previous.context.sql, last.queries);
    this.checkpoints.push(...usable);
    return last.index;
  }

  /** Marks the value of the current top-level statement as not printed (`invisible()` results, `:=`). */
  markInvisible(): void {
    this.#invisible = true;
  }

  statement(node: RNode): Value {
    return this.evaluate(node);
  }

  evaluate(node: RNode): Value {
    switch (node.type) {
      case 'identifier':
        return this.identifier(node);
      case 'string':
        return { kind: 'strings', items: [this.stringPieces(node)] };
      case 'float':
      case 'integer': {
        const value = Number(nodeText(this.text, node).replace(/L$/, ''));
        return Number.isFinite(value) ? { kind: 'number', value } : UNKNOWN;
      }
      case 'call':
        return this.call(node, undefined);
      case 'binary_operator':
        return this.binary(node);
      case 'extract_operator':
      case 'subset':
      case 'subset2':
        return this.dispatchSubset(node);
      case 'parenthesized_expression': {
        const body = childByField(node, 'body');
        return body ? this.evaluate(body) : UNKNOWN;
      }
      case 'braced_expression': {
        let last: Value = UNKNOWN;
        for (const statement of statementsOf(node)) last = this.evaluate(statement);
        return last;
      }
      case 'function_definition':
        this.functionDefinition(node);
        return UNKNOWN;
      case 'for_statement': {
        const variable = childByField(node, 'variable');
        const sequence = childByField(node, 'sequence');
        if (sequence) this.evaluate(sequence);
        if (variable) this.#scope.set(identifierName(nodeText(this.text, variable)), UNKNOWN);
        const body = childByField(node, 'body');
        if (body) this.evaluate(body);
        return UNKNOWN;
      }
      case 'comment':
        return UNKNOWN;
      default:
        this.evaluateChildren(node);
        return UNKNOWN;
    }
  }

  evaluateChildren(node: RNode): void {
    for (const child of node.children) if (child.named) this.evaluate(child);
  }

  /** Evaluates a call; `piped` is the left side of a pipe that feeds it. */
  call(node: RNode, piped: Piped | undefined): Value {
    const call = readCall(this.text, node);
    if (!call) return UNKNOWN;
    const handler = handlerFor(call);
    if (!handler) {
      const callee = childByField(node, 'function');
      if (callee && callee.type !== 'identifier' && callee.type !== 'namespace_operator') this.evaluate(callee);
      for (const arg of call.args) {
        if (!arg.value) continue;
        const value = this.evaluate(arg.value);
        if (value.kind === 'frame' && value.frame.frameClass === 'data.table' && arg.value.type === 'identifier' && !READS_ONLY.has(call.name)) {
          this.openInPlace(arg.value, value.frame);
        }
      }
      return UNKNOWN;
    }
    const invocation = new Invocation(this, call, handler.formals, piped);
    let value: Value;
    try {
      value = handler.run(invocation);
    } finally {
      invocation.finish();
    }
    return value;
  }

  /**
   * A data.table handed to a function the analysis does not know may come back changed (data.table
   * assigns by reference), so the variable's columns are no longer certain.
   */
  private openInPlace(variable: RNode, frame: Frame): void {
    const span = { start: variable.start, end: variable.end };
    const opened = this.builder.addFrameStep(
      { kind: 'derive', fn: 'by reference', span, inputs: [frame.id], columns: [], removed: [], groups: frame.groups },
      { frameClass: frame.frameClass, columns: frame.columns, certainty: 'open', groups: frame.groups, grain: frame.grain, span },
    );
    this.bind(identifierName(nodeText(this.text, variable)), { kind: 'frame', frame: opened }, span, variable);
  }

  /** The value of the innermost magrittr `.` or native `_` placeholder. */
  dotValue(): Value {
    return this.#dots[this.#dots.length - 1] ?? UNKNOWN;
  }

  /** Runs `body` in a fresh local scope (function bodies). */
  inLocalScope<T>(body: () => T): T {
    const saved = this.#scope;
    this.#scope = new Scope(saved);
    try {
      return body();
    } finally {
      this.#scope = saved;
    }
  }

  lookup(name: string): Value {
    return this.#scope.get(name) ?? UNKNOWN;
  }

  /** Binds a variable and records the binding (and the frame's name, the first time it gets one). */
  bind(name: string, value: Value, span: Span, nameSpan: Span, global = false): void {
    let scope = this.#scope;
    while (global && scope.parent) scope = scope.parent;
    scope.set(name, value);
    const frame = value.kind === 'frame' ? value.frame : undefined;
    if (frame && frame.name === undefined) (frame as { name?: string }).name = name;
    this.builder.bind({ name, from: span.end, frame: frame?.id, span, nameSpan });
  }

  /** The pieces of a string literal node. */
  stringPieces(node: RNode): PiecedString {
    const decoded = decodeString(this.text, node.start, node.end);
    return decoded ? { pieces: [textPiece(decoded)] } : { pieces: [holePiece(node.start, node.end)] };
  }

  /** Records that a table was named from R, for hover, definition and LEO101. */
  noteTableName(table: TableName, fn: string): void {
    this.tableNames.push({ table, fn });
  }

  private identifier(node: RNode): Value {
    const name = identifierName(nodeText(this.text, node));
    if (name === '.' || name === '_') {
      const dot = this.dotValue();
      if (dot.kind !== 'unknown') return dot;
    }
    const value = this.lookup(name);
    if (value.kind === 'frame') this.variableUses.push({ start: node.start, end: node.end, name, frame: value.frame });
    return value;
  }

  private binary(node: RNode): Value {
    const operator = operatorOf(this.text, node);
    const lhs = childByField(node, 'lhs');
    const rhs = childByField(node, 'rhs');
    if (isAssignmentOperator(operator)) {
      const right = operator === '->' || operator === '->>';
      const target = right ? rhs : lhs;
      const source = right ? lhs : rhs;
      if (!target || !source) {
        if (source) this.evaluate(source);
        return UNKNOWN;
      }
      if (operator === '=' && target.type !== 'identifier' && target.type !== 'string' && !isAssignable(target)) {
        this.evaluate(source);
        return UNKNOWN;
      }
      return assignToTarget(this, target, source, node);
    }
    if (isPipeOperator(operator) && lhs && rhs) return this.pipe(operator, lhs, rhs);
    if (operator === '+' && lhs && rhs) {
      const left = this.evaluate(lhs);
      if (left.kind === 'plot') return addPlotLayer(this, left.plot, rhs);
      this.evaluate(rhs);
      return UNKNOWN;
    }
    if (operator === '~') return UNKNOWN;
    if (lhs) this.evaluate(lhs);
    if (rhs) this.evaluate(rhs);
    return UNKNOWN;
  }

  private pipe(operator: string, lhs: RNode, rhs: RNode): Value {
    const left = this.evaluate(lhs);
    const target = unwrapParens(rhs);
    if (target.type === 'call') {
      const call = readCall(this.text, target);
      // An explicit placeholder takes the piped value instead of the first argument.
      const placeholder = operator === '|>' ? '_' : '.';
      if (call && call.args.some((arg) => arg.value?.type === 'identifier' && nodeText(this.text, arg.value) === placeholder)) {
        return this.withDot(left, () => this.call(target, undefined));
      }
      return this.call(target, { value: left, node: lhs });
    }
    if (target.type === 'identifier' || target.type === 'namespace_operator') {
      // magrittr allows `df %>% head`: a bare function name is called with the piped value.
      const synthetic = bareCall(target);
      return this.call(synthetic, { value: left, node: lhs });
    }
    return this.withDot(left, () => this.evaluate(target));
  }

  withDot<T>(value: Value, body: () => T): T {
    this.#dots.push(value);
    try {
      return body();
    } finally {
      this.#dots.pop();
    }
  }

  private dispatchSubset(node: RNode): Value {
    const handler = HANDLERS.get(`[${node.type}]`);
    if (!handler) {
      this.evaluateChildren(node);
      return UNKNOWN;
    }
    const call: CallInfo = { node, name: node.type, args: [] };
    return handler.run(new Invocation(this, call, [], undefined));
  }

  private functionDefinition(node: RNode): void {
    this.inLocalScope(() => {
      const parameters = childByField(node, 'parameters');
      for (const parameter of parameters?.children ?? []) {
        if (parameter.type !== 'parameter') continue;
        const name = childByField(parameter, 'name');
        const fallback = childByField(parameter, 'default');
        if (fallback) this.evaluate(fallback);
        if (name) this.#scope.set(identifierName(nodeText(this.text, name)), UNKNOWN);
      }
      const body = childByField(node, 'body');
      if (body) this.evaluate(body);
    });
  }

  private autoPrint(node: RNode, value: Value): void {
    const printed = HANDLERS.get('[auto-print]');
    if (!printed || (value.kind !== 'frame' && value.kind !== 'plot' && value.kind !== 'model')) return;
    printed.run(new Invocation(this, { node, name: 'auto-print', args: [] }, [], { value, node }));
  }
}

/** Functions known not to change a data.table passed to them. */
const READS_ONLY = new Set([
  'nrow', 'ncol', 'NROW', 'NCOL', 'length', 'names', 'colnames', 'dim', 'class', 'is.data.frame', 'is.data.table',
  'identical', 'all.equal', 'object.size', 'exists', 'rm', 'cat', 'message', 'stopifnot', 'is.null', 'lapply', 'sapply',
  'vapply', 'Map', 'mapply', 'split', 'anyNA', 'complete.cases', 'duplicated', 'nlevels', 'levels', 'tables', 'key',
  'haskey', 'sum', 'mean', 'max', 'min', 'range', 'any', 'all', 'seq_len', 'seq_along', 'return', 'list', 'c',
]);

function handlerFor(call: CallInfo): Handler | undefined {
  if (!call.name) return undefined;
  const handler = HANDLERS.get(call.name);
  if (!handler) return undefined;
  if (call.namespace && handler.packages && !handler.packages.includes(call.namespace)) return undefined;
  return handler;
}

function isAssignment(text: string, node: RNode): boolean {
  return node.type === 'binary_operator' && isAssignmentOperator(operatorOf(text, node));
}

/** Targets that `=` can assign at statement level (`df$x = 1`, `names(df) = …`). */
function isAssignable(node: RNode): boolean {
  return node.type === 'extract_operator' || node.type === 'subset' || node.type === 'subset2' || node.type === 'call';
}

/**
 * Names the script assigns, takes as parameters or loops over, anywhere in the file. Each top-level statement's
 * names are kept with it, so after an edit only the statements the parse made anew are read again.
 */
function collectBoundNames(text: string, root: RNode): Set<string> {
  const names = new Set<string>();
  for (const statement of root.children) {
    if (!statement.named) continue;
    const memo = statementMemo(statement);
    for (const name of (memo.boundNames ??= boundNamesIn(text, statement))) names.add(name);
  }
  return names;
}

function boundNamesIn(text: string, statement: RNode): string[] {
  const names: string[] = [];
  const stack: RNode[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'binary_operator') {
      const operator = operatorOf(text, node);
      if (isAssignmentOperator(operator)) {
        const target = childByField(node, operator === '->' || operator === '->>' ? 'rhs' : 'lhs');
        if (target?.type === 'identifier') names.push(identifierName(nodeText(text, target)));
      }
    } else if ((node.type === 'parameter' || node.type === 'for_statement') && node.children.length > 0) {
      const name = childByField(node, node.type === 'parameter' ? 'name' : 'variable');
      if (name) names.push(identifierName(nodeText(text, name)));
    } else if (node.type === 'call') {
      const callee = childByField(node, 'function');
      if (callee?.type === 'identifier' && nodeText(text, callee) === 'assign') {
        const first = readCall(text, node)?.args[0]?.value;
        if (first?.type === 'string') names.push(nodeText(text, first).slice(1, -1));
      }
    }
    for (const child of node.children) if (child.named) stack.push(child);
  }
  return names;
}
