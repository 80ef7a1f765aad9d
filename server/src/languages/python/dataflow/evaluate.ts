/**
 * The Python evaluator: walks the tree statement by statement, tracking what each variable holds (a data frame and
 * its lineage, a groupby, a column, a string of SQL, a connection, a plot, a model) through assignments, method
 * chains and `inplace=True`, and records the outputs. One walk serves both the disclosure model and the editor
 * features (column references, bindings, SQL strings). Calls it does not know give values of unknown content.
 */
import { addUnknown, combine, derive } from '../../../dataflow/builder';
import { unionFrames } from '../../../dataflow/union';
import type { Frame, FrameColumn, FrameEvent } from '../../../dataflow/model';
import { describeError } from '../../../util/errors';
import { field, namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { argument, isTrue, numberValue, operatorOf, type PyCall, readCall } from '../syntax/calls';
import { literalPieces, withPlaceholders } from '../syntax/strings';
import {
  AGGREGATIONS, columnStatistic, crosstab, describeFrame, groupedApply, groupedCall, groupKeys, pivotTable, recordAgg, spreadTable, valueCounts,
} from './aggregate';
import { columnOf, constantName, contentSpan, namesOf, reference, stringLiteral } from './columns';
import {
  assignColumns, columnFromExpression, concatFrames, dropColumns, filterRows, isBlank, lambdaParams, mergeFrames, renameColumns,
  roundFrame, selectColumns, suppressFrame, totalsRow,
} from './frames';
import { callLocalFunction, type FunctionRunner } from './functions';
import { marginColumn } from './margins';
import { comparison, queryEvents, roundingOf } from './guards';
import {
  addPrint, FIGURE_WRITERS, isModelCall, isPlotter, modelCall, plotCall, PRINTERS, printCall, saveFigure, SURVIVAL_ESTIMATORS, SURVIVAL_MODULE, survivalMethod, WRITERS,
  writeCall,
} from './outputs';
import { FILE_READERS, fileReader, noteServerNames, queryFrame, SQL_READERS, sqlReader } from './sources';
import { type Evaluation, frameOf, type PyState, type PyValue, spanOf, UNKNOWN } from './state';

/** Methods that return the frame with the same columns (order, index, types or rows changed). */
const SAME_COLUMNS = new Set([
  'copy', 'sort_values', 'sort_index', 'reset_index', 'set_index', 'astype', 'infer_objects', 'convert_dtypes', 'dropna', 'drop_duplicates',
  'head', 'tail', 'sample', 'nlargest', 'nsmallest', 'rename_axis', 'reindex', 'fillna', 'replace', 'sort', 'abs', 'clip', 'interpolate', 'ffill', 'bfill',
]);

/** Methods after which the columns are not known (reshaping, applying functions). */
const OPEN_COLUMNS = new Set(['apply', 'applymap', 'map', 'transform', 'pivot', 'melt', 'stack', 'unstack', 'explode', 'T', 'transpose', 'add_prefix', 'add_suffix', 'eval']);

/** Frame methods that only look at the frame: they return something else and leave the frame as it was. */
const INSPECTIONS = new Set([
  'info', 'memory_usage', 'isna', 'isnull', 'notna', 'notnull', 'nunique', 'any', 'all', 'equals', 'to_dict', 'to_numpy', 'to_records',
  'items', 'iterrows', 'itertuples', 'duplicated', 'corr', 'cov', 'count', 'idxmax', 'idxmin', 'get', 'keys', 'le', 'lt', 'ge', 'gt', 'eq', 'ne',
  'isin', 'between', 'first_valid_index', 'last_valid_index', 'select_dtypes', 'nsmallest', 'mode', 'skew', 'kurt', 'sem', 'prod', 'cumsum',
]);

/** The longest list of constant strings a `for` loop is unrolled over. */
const MAX_UNROLLED = 32;

/** Functions that run code the evaluator cannot see, after which no frame's columns are certain. */
const DYNAMIC = new Set(['exec', 'eval', 'globals', 'locals', 'setattr', 'vars', '__import__']);

export class PyEvaluator implements Evaluation, FunctionRunner {
  /** The values returned by each function body being run, innermost last. */
  private readonly returns: PyValue[][] = [];

  constructor(readonly state: PyState, private readonly displayed: ReadonlySet<PyNode> = new Set()) {}

  runBody(body: PyNode): PyValue[] {
    const returned: PyValue[] = [];
    this.returns.push(returned);
    try {
      this.block(body);
    } finally {
      this.returns.pop();
    }
    return returned;
  }

  /** Evaluates one top-level statement; a failure leaves a note on it and the rest of the script is still read. */
  topLevel(node: PyNode): void {
    try {
      this.statement(node, true);
    } catch (error) {
      this.state.builder.incomplete.push({ start: node.start, end: node.end, reason: describeError(error) });
    }
  }

  statement(node: PyNode, top: boolean): void {
    switch (node.type) {
      case 'comment':
      case 'function_definition':
      case 'class_definition':
      case 'decorated_definition':
      case 'pass_statement':
      case 'too_deep':
        return;
      case 'return_statement': {
        // Only a body run for a call collects what it returns; elsewhere a `return` has nothing to give it to.
        const returns = this.returns[this.returns.length - 1];
        const value = namedChildren(node)[0];
        if (returns !== undefined) returns.push(value !== undefined ? this.evaluate(value) : UNKNOWN);
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
        this.imports(node);
        return;
      case 'expression_statement': {
        const inner = namedChildren(node)[0];
        if (inner === undefined) return;
        if (inner.type === 'assignment') {
          this.assignment(inner, node);
          return;
        }
        if (inner.type === 'augmented_assignment') return;
        const value = this.evaluate(inner);
        this.afterBareCall(inner, value);
        if (top && this.displayed.has(node)) addPrint(this.state, value, inner, 'display');
        return;
      }
      case 'if_statement':
      case 'try_statement':
        this.branches(node);
        return;
      case 'for_statement':
        if (this.unrolledLoop(node)) return;
        for (const child of namedChildren(node)) if (child.type === 'block' || child.type === 'else_clause') this.block(child);
        return;
      case 'while_statement':
        for (const child of namedChildren(node)) if (child.type === 'block' || child.type === 'else_clause') this.block(child);
        return;
      case 'with_statement':
        this.withStatement(node);
        return;
      case 'block':
        this.block(node);
        return;
      default:
        return;
    }
  }

  /**
   * `for col in ["pupils", "sen"]: t[col] = …`: a loop over a short list of constant strings runs its body once for
   * each, with the variable holding that string, as Python does; other loops are read once with the variable unknown.
   */
  private unrolledLoop(node: PyNode): boolean {
    const variable = unparen(field(node, 'left'));
    const items = unparen(field(node, 'right'));
    const body = field(node, 'body') ?? namedChildren(node).find((c) => c.type === 'block');
    if (variable?.type !== 'identifier' || body === undefined) return false;
    const values = this.loopStrings(items);
    if (values === undefined) return false;
    const name = this.state.text.slice(variable.start, variable.end);
    for (const value of values) {
      this.state.env.set(name, value);
      this.block(body);
    }
    const otherwise = namedChildren(node).find((c) => c.type === 'else_clause');
    if (otherwise !== undefined) this.block(otherwise);
    return true;
  }

  /**
   * The constant strings a loop runs over: a list or tuple of them written in the loop, or a variable (a function's
   * parameter, say `cols=("n",)`) that holds one.
   */
  private loopStrings(items: PyNode | undefined): PyValue[] | undefined {
    if (items?.type === 'list' || items?.type === 'tuple') {
      const values = namedChildren(items);
      if (values.length === 0 || values.length > MAX_UNROLLED || values.some((v) => stringLiteral(this.state, v) === undefined)) return undefined;
      return values.map((value) => this.evaluate(value));
    }
    if (items?.type !== 'identifier') return undefined;
    const bound = this.state.env.get(this.state.text.slice(items.start, items.end));
    if (bound?.kind !== 'names' || bound.names.length > MAX_UNROLLED) return undefined;
    return bound.names.map(({ span }) => ({ kind: 'string', pieces: [{ kind: 'text', start: span.start, end: span.end, raw: true }], node: items }));
  }

  private block(node: PyNode): void {
    for (const child of namedChildren(node)) {
      if (child.type === 'block') this.block(child);
      else this.statement(child, false);
    }
  }

  /** `if`/`elif`/`else` and `try`/`except`: each branch from the same state; a variable bound differently is merged. */
  private branches(node: PyNode): void {
    const env = this.state.env;
    const before = new Map(env);
    const outcomes: Map<string, PyValue>[] = [];
    const parts = namedChildren(node).filter((c) => ['block', 'elif_clause', 'else_clause', 'except_clause', 'finally_clause'].includes(c.type));
    let hasElse = false;
    for (const part of parts) {
      if (part.type === 'finally_clause') continue;
      if (part.type === 'else_clause') hasElse = true;
      env.clear();
      for (const [k, v] of before) env.set(k, v);
      if (part.type === 'block') this.block(part);
      else for (const child of namedChildren(part)) if (child.type === 'block') this.block(child);
      outcomes.push(new Map(env));
    }
    // Without an else the original values are one of the outcomes.
    if (!hasElse || node.type === 'try_statement') outcomes.push(before);
    env.clear();
    const names = new Set(outcomes.flatMap((o) => [...o.keys()]));
    for (const name of names) {
      const values = outcomes.map((o) => o.get(name)).filter((v): v is PyValue => v !== undefined);
      env.set(name, this.merge(values, node));
    }
    for (const part of parts) if (part.type === 'finally_clause') for (const child of namedChildren(part)) if (child.type === 'block') this.block(child);
  }

  merge(values: readonly PyValue[], node: PyNode): PyValue {
    const first = values[0]!;
    if (values.every((v) => v === first)) return first;
    const frames = values.map((v) => (v.kind === 'frame' ? v.frame : undefined));
    if (frames.every((f): f is Frame => f !== undefined)) {
      const distinct = [...new Set(frames)];
      if (distinct.length === 1) return { kind: 'frame', frame: distinct[0]! };
      const names = new Map<string, FrameColumn>();
      for (const f of distinct) for (const c of f.columns) if (!names.has(c.name.toLowerCase())) names.set(c.name.toLowerCase(), c);
      return { kind: 'frame', frame: combine(this.state.builder, distinct, { span: spanOf(node), union: true, columns: [...names.values()], columnsComplete: distinct.every((f) => f.columnsComplete) }) };
    }
    return values.every((v) => v.kind === first.kind && v.kind !== 'frame') ? first : UNKNOWN;
  }

  /** `with pyodbc.connect(…) as conn:`: the alias holds the value; the body is read in order. */
  private withStatement(node: PyNode): void {
    for (const item of namedChildren(namedChildren(node).find((c) => c.type === 'with_clause'))) {
      const inner = namedChildren(item)[0];
      if (inner?.type === 'as_pattern') {
        const [expr, target] = namedChildren(inner);
        const value = this.evaluate(expr);
        const alias = namedChildren(target)[0] ?? target;
        if (alias?.type === 'identifier') this.bind(this.state.text.slice(alias.start, alias.end), alias, value, node);
      } else if (inner !== undefined) this.evaluate(inner);
    }
    const body = namedChildren(node).find((c) => c.type === 'block');
    if (body !== undefined) this.block(body);
  }

  private imports(node: PyNode): void {
    for (const child of namedChildren(node)) {
      if (child.type === 'aliased_import') {
        const alias = field(child, 'alias');
        const name = field(child, 'name');
        if (alias !== undefined && name !== undefined) this.state.env.set(this.state.text.slice(alias.start, alias.end), { kind: 'module', name: this.state.text.slice(name.start, name.end) });
      } else if (child.type === 'dotted_name') {
        const name = this.state.text.slice(child.start, child.end);
        this.state.env.set(name.split('.')[0]!, { kind: 'module', name });
      }
    }
  }

  private bind(name: string, nameNode: PyNode, value: PyValue, statement: PyNode): void {
    this.state.env.set(name, value);
    // A function's locals, bound while one call of it is followed, are that call's: completion in the body does not
    // offer one caller's columns as if they were every caller's.
    if (this.state.inlining.active.length > 0) return;
    const frame = value.kind === 'frame' || value.kind === 'grouped' ? value.frame : undefined;
    const nameSpan = spanOf(nameNode);
    // Two literals rather than a conditional spread: a binding is made for every assignment.
    this.state.bindings.push(frame !== undefined ? { name, nameSpan, statement: spanOf(statement), frame } : { name, nameSpan, statement: spanOf(statement) });
  }

  private assignment(node: PyNode, statement: PyNode): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    if (left === undefined || right === undefined) return;
    if (right.type === 'assignment') {
      this.assignment(right, statement);
      const inner = field(right, 'left');
      const value = inner?.type === 'identifier' ? this.state.env.get(this.state.text.slice(inner.start, inner.end)) ?? UNKNOWN : UNKNOWN;
      this.assignTo(left, value, right, statement);
      return;
    }
    if (left.type === 'subscript' || left.type === 'attribute') {
      this.itemAssignment(left, right, statement);
      return;
    }
    const value = this.evaluate(right);
    this.assignTo(left, value, right, statement);
  }

  private assignTo(left: PyNode, value: PyValue, right: PyNode, statement: PyNode): void {
    if (left.type === 'identifier') {
      this.bind(this.state.text.slice(left.start, left.end), left, value, statement);
      return;
    }
    if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
      // `fig, ax = plt.subplots()`, `a, b = x`: the parts are not tracked, except plotting objects.
      for (const part of namedChildren(left)) {
        if (part.type === 'identifier') this.bind(this.state.text.slice(part.start, part.end), part, value.kind === 'module' ? value : UNKNOWN, statement);
      }
      void right;
    }
  }

  /** `df["new"] = expr`, `df.loc[cond, "n"] = np.nan`, `t.loc["Total"] = t.sum()`, `df.columns = [...]`. */
  private itemAssignment(left: PyNode, right: PyNode, statement: PyNode): void {
    const state = this.state;
    const text = state.text;
    if (left.type === 'attribute') {
      const object = unparen(field(left, 'object'));
      const attribute = field(left, 'attribute');
      const holder = object?.type === 'identifier' ? state.env.get(text.slice(object.start, object.end)) : undefined;
      if (object === undefined || attribute === undefined || holder?.kind !== 'frame') {
        this.evaluate(right);
        return;
      }
      const attr = text.slice(attribute.start, attribute.end);
      const frame = holder.frame;
      if (attr === 'columns') {
        const names = namesOf(this, right);
        const columns = names !== undefined ? renamedColumns(state, frame, names) : undefined;
        this.rebind(object, derive(state.builder, frame, { span: spanOf(statement), ...(columns !== undefined ? { columns, columnsComplete: true } : { columnsComplete: false }) }), statement);
        return;
      }
      if (frame.columns.some((c) => c.name === attr)) this.columnAssignment(object, frame, attr, attribute, right, statement);
      return;
    }
    const target = unparen(field(left, 'value'));
    const indexes = namedChildren(left).filter((c) => c.field === 'subscript');
    if (target?.type === 'attribute') {
      // `df.loc[rows, cols] = value`.
      const object = unparen(field(target, 'object'));
      const accessor = field(target, 'attribute');
      const holder = object?.type === 'identifier' ? state.env.get(text.slice(object.start, object.end)) : undefined;
      if (object?.type === 'identifier' && holder?.kind === 'frame' && accessor !== undefined && text.slice(accessor.start, accessor.end) === 'loc') {
        this.locAssignment(object, holder.frame, indexes, right, statement);
        return;
      }
      this.evaluate(right);
      return;
    }
    const holder = target?.type === 'identifier' ? state.env.get(text.slice(target.start, target.end)) : undefined;
    if (target === undefined || holder?.kind !== 'frame' || indexes.length !== 1) {
      this.evaluate(right);
      return;
    }
    const index = unparen(indexes[0]);
    const name = constantName(state, index);
    const listed = index?.type === 'list' ? namesOf(this, index) : undefined;
    if (name === undefined && listed !== undefined && listed.length > 0) {
      this.columnsAssignment(target, holder.frame, listed, right, statement);
      return;
    }
    if (name === undefined) {
      // A column named by a variable (`df[col] = …` in a loop): which column changed is not known.
      this.evaluate(right);
      this.rebind(target, derive(state.builder, holder.frame, { span: spanOf(statement), columnsComplete: false }), statement);
      return;
    }
    this.columnAssignment(target, holder.frame, name, index!, right, statement);
  }

  private columnAssignment(target: PyNode, frame: Frame, name: string, nameNode: PyNode, right: PyNode, statement: PyNode): void {
    const frameNames = new Set([this.state.text.slice(target.start, target.end)]);
    this.evaluate(right);
    const at = nameNode.type === 'string' ? contentSpan(nameNode) : spanOf(nameNode);
    const margin = marginColumn(this, frame, name, right, frameNames, at, spanOf(statement));
    const result = margin !== undefined ? { column: margin.column, events: [margin.event] } : columnFromExpression(this, frame, name, right, frameNames, at);
    const columns = [...frame.columns.filter((c) => c.name.toLowerCase() !== name.toLowerCase()), result.column];
    this.rebind(target, derive(this.state.builder, frame, { span: spanOf(statement), columns, events: result.events }), statement);
  }

  /** `t[["a", "b"]] = expr`: each listed column is made by the expression from its own column. */
  private columnsAssignment(target: PyNode, frame: Frame, names: readonly { name: string; span: { start: number; end: number } }[], right: PyNode, statement: PyNode): void {
    const frameNames = new Set([this.state.text.slice(target.start, target.end)]);
    this.evaluate(right);
    let columns = [...frame.columns];
    const events: FrameEvent[] = [];
    for (const { name, span } of names) {
      const result = columnFromExpression(this, frame, name, right, frameNames, span, true);
      columns = [...columns.filter((c) => c.name.toLowerCase() !== name.toLowerCase()), result.column];
      events.push(...result.events);
    }
    this.rebind(target, derive(this.state.builder, frame, { span: spanOf(statement), columns, events }), statement);
  }

  /** `df.loc[df["n"] < 10, "n"] = np.nan` suppresses; `t.loc["Total"] = t.sum()` appends a total row. */
  private locAssignment(object: PyNode, frame: Frame, indexes: readonly PyNode[], right: PyNode, statement: PyNode): void {
    const state = this.state;
    const frameNames = new Set([state.text.slice(object.start, object.end)]);
    const [rows, cols] = indexes.length === 1 && unparen(indexes[0])?.type === 'tuple' ? namedChildren(unparen(indexes[0])) : indexes;
    const value = this.evaluate(right);
    const span = spanOf(statement);
    const rowLabel = stringLiteral(state, rows);
    if (rowLabel !== undefined && cols === undefined && value.kind === 'frame') {
      const stacked = concatLike(this, [frame, value.frame], span);
      this.rebind(object, stacked, statement);
      return;
    }
    const names = cols !== undefined ? namesOf(this, cols) : undefined;
    const test = comparison(state, frame, rows, frameNames);
    if (test?.kind === 'below' && isBlank(this, right)) {
      const columns = names?.map((n) => n.name);
      this.rebind(object, derive(state.builder, frame, {
        span,
        events: [{ kind: 'suppress', span: spanOf(rows!), ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), ...(columns !== undefined ? { columns } : {}) }],
        ...(columns !== undefined ? { columns: frame.columns.map((c) => (columns.some((n) => n.toLowerCase() === c.name.toLowerCase()) ? { ...c, suppression: { span: spanOf(rows!), ...(test.threshold !== undefined ? { threshold: test.threshold } : {}) } } : c)) } : {}),
      }), statement);
      return;
    }
    if (names !== undefined) {
      const known = new Set(frame.columns.map((c) => c.name.toLowerCase()));
      const added = names.filter((n) => !known.has(n.name.toLowerCase())).map((n) => columnOf(state, frame, n.name, n.span));
      if (added.length > 0) this.rebind(object, derive(state.builder, frame, { span, columns: [...frame.columns, ...added] }), statement);
    }
  }

  private rebind(target: PyNode, frame: Frame, statement: PyNode): void {
    if (target.type !== 'identifier') return;
    this.bind(this.state.text.slice(target.start, target.end), target, { kind: 'frame', frame }, statement);
  }

  /** A bare call's effects on its arguments: `inplace=True`, and frames handed to code the evaluator cannot see. */
  private afterBareCall(node: PyNode, value: PyValue): void {
    void value;
    const call = readCall(this.state.text, unparen(node));
    if (call === undefined) return;
    if (DYNAMIC.has(call.name) && call.receiver === undefined) {
      for (const [name, bound] of this.state.env) {
        if (bound.kind === 'frame') this.state.env.set(name, { kind: 'frame', frame: derive(this.state.builder, bound.frame, { span: spanOf(node), columnsComplete: false }) });
      }
    }
  }

  evaluate(node: PyNode | undefined): PyValue {
    const expr = unparen(node);
    if (expr === undefined) return UNKNOWN;
    const state = this.state;
    switch (expr.type) {
      case 'identifier':
        return state.env.get(state.text.slice(expr.start, expr.end)) ?? UNKNOWN;
      case 'string':
        return { kind: 'string', pieces: literalPieces(state.text, expr), node: expr };
      case 'concatenated_string': {
        const pieces = namedChildren(expr).flatMap((s) => (s.type === 'string' ? literalPieces(state.text, s) : []));
        return { kind: 'string', pieces, node: expr };
      }
      case 'integer':
      case 'float':
      case 'unary_operator': {
        const value = numberValue(state.text, expr);
        return value !== undefined ? { kind: 'number', value } : UNKNOWN;
      }
      case 'list':
      case 'tuple': {
        const names = namesOf(this, expr);
        if (names !== undefined && names.length > 0) return { kind: 'names', names };
        for (const item of namedChildren(expr)) this.evaluate(item);
        return UNKNOWN;
      }
      case 'binary_operator':
        return this.binary(expr);
      case 'call':
        return this.call(expr);
      case 'subscript':
        return this.subscript(expr);
      case 'attribute':
        return this.attribute(expr);
      case 'await':
      case 'parenthesized_expression':
        return this.evaluate(namedChildren(expr)[0]);
      case 'comparison_operator':
      case 'boolean_operator':
      case 'not_operator':
      case 'conditional_expression':
        // The columns read inside are sites (`df["fsm"] == 1` must get hover and LEO102 like `df["fsm"]` alone). A
        // test is kept as a mask, so that a frame indexed by the variable holding it is filtered by it; a choice
        // is not tracked.
        for (const part of namedChildren(expr)) this.evaluate(part);
        return expr.type === 'conditional_expression' ? UNKNOWN : { kind: 'mask', node: expr };
      default:
        return UNKNOWN;
    }
  }

  /** `"SELECT … " + where`, `"… %s" % year`: strings joined; anything else is not tracked. */
  private binary(node: PyNode): PyValue {
    const op = operatorOf(this.state.text, node);
    const left = this.evaluate(field(node, 'left'));
    const rightNode = field(node, 'right');
    if (op === '+' && left.kind === 'string') {
      const right = this.evaluate(rightNode);
      const tail = right.kind === 'string' ? right.pieces : rightNode !== undefined ? [{ kind: 'hole' as const, start: rightNode.start, end: rightNode.end }] : [];
      return { kind: 'string', pieces: [...left.pieces, ...tail], node };
    }
    if (op === '+' && rightNode !== undefined) {
      const right = this.evaluate(rightNode);
      const leftNode = field(node, 'left')!;
      if (right.kind === 'string') return { kind: 'string', pieces: [{ kind: 'hole', start: leftNode.start, end: leftNode.end }, ...right.pieces], node };
    }
    if (op === '%' && left.kind === 'string') return { kind: 'string', pieces: withPlaceholders(this.state.text, left.pieces, 'percent'), node };
    const right = rightNode !== undefined ? this.evaluate(rightNode) : UNKNOWN;
    if (left.kind === 'frame' || right.kind === 'frame') return { kind: 'frame', frame: frameArithmetic(this, node, op, left, right) };
    if ((op === '&' || op === '|') && left.kind === 'mask' && right.kind === 'mask') return { kind: 'mask', node };
    return UNKNOWN;
  }

  private attribute(node: PyNode): PyValue {
    const state = this.state;
    const object = this.evaluate(field(node, 'object'));
    const attributeNode = field(node, 'attribute');
    if (attributeNode === undefined) return UNKNOWN;
    const name = state.text.slice(attributeNode.start, attributeNode.end);
    if (object.kind === 'frame') {
      if (name === 'loc' || name === 'iloc' || name === 'plot' || name === 'at' || name === 'iat') return { kind: 'accessor', frame: object.frame, name };
      const column = object.frame.columns.find((c) => c.name === name);
      if (column !== undefined) {
        reference(state, object.frame, name, spanOf(attributeNode));
        return { kind: 'column', frame: object.frame, column };
      }
      if (name === 'T') return { kind: 'frame', frame: derive(state.builder, object.frame, { span: spanOf(node), columnsComplete: false }) };
      return UNKNOWN;
    }
    if (object.kind === 'column' && (name === 'str' || name === 'dt' || name === 'cat' || name === 'plot')) return { kind: 'accessor', frame: object.frame, name, column: object.column };
    if (object.kind === 'module') return { kind: 'module', name: `${object.name}.${name}` };
    return UNKNOWN;
  }

  private subscript(node: PyNode): PyValue {
    const state = this.state;
    const valueNode = unparen(field(node, 'value'));
    const holder = this.evaluate(valueNode);
    const indexes = namedChildren(node).filter((c) => c.field === 'subscript');
    const span = spanOf(node);
    if (holder.kind === 'grouped') {
      const names = indexes.length === 1 ? namesOf(this, indexes[0]) : undefined;
      if (names === undefined) return { ...holder, selected: [] };
      for (const n of names) reference(state, holder.frame, n.name, n.span);
      return { ...holder, selected: names.map((n) => n.name) };
    }
    // `t.loc[t["n"] >= 10]`: the condition names the frame `.loc` is taken of, not the accessor.
    if (holder.kind === 'accessor' && holder.name === 'loc') return this.loc(holder.frame, indexes, span, valueNode?.type === 'attribute' ? field(valueNode, 'object') : valueNode);
    if (holder.kind === 'accessor') return holder.name === 'iloc' ? { kind: 'frame', frame: derive(state.builder, holder.frame, { span }) } : UNKNOWN;
    if (holder.kind !== 'frame' || indexes.length !== 1) return UNKNOWN;
    const frame = holder.frame;
    const index = unparen(indexes[0])!;
    const single = constantName(state, index);
    if (single !== undefined) {
      const at = contentSpan(index);
      reference(state, frame, single, at);
      return { kind: 'column', frame, column: columnOf(state, frame, single, at) };
    }
    const names = index.type === 'list' ? namesOf(this, index) : undefined;
    if (names !== undefined) return { kind: 'frame', frame: selectColumns(this, frame, names, span) };
    const frameNames = receiverNames(state, valueNode);
    if (index.type === 'comparison_operator' || index.type === 'binary_operator' || index.type === 'boolean_operator' || index.type === 'not_operator' || index.type === 'unary_operator' || index.type === 'call') {
      this.evaluate(index);
      return { kind: 'frame', frame: filterRows(this, frame, index, frameNames, span) };
    }
    if (index.type === 'identifier') {
      const bound = state.env.get(state.text.slice(index.start, index.end));
      if (bound?.kind === 'names') return { kind: 'frame', frame: selectColumns(this, frame, bound.names, span) };
      if (bound?.kind === 'mask') return { kind: 'frame', frame: filterRows(this, frame, bound.node, frameNames, span) };
    }
    if (index.type === 'slice') return { kind: 'frame', frame: derive(state.builder, frame, { span }) };
    return { kind: 'frame', frame: derive(state.builder, frame, { span, columnsComplete: false }) };
  }

  /** `df.loc[rows]`, `df.loc[rows, cols]`, `df.loc[lambda t: t["n"] >= 10]`, `df.loc[:, ["a", "b"]]`. */
  private loc(frame: Frame, indexes: readonly PyNode[], span: { start: number; end: number }, receiver: PyNode | undefined): PyValue {
    const state = this.state;
    const [rows, cols] = indexes.length === 1 && unparen(indexes[0])?.type === 'tuple' ? namedChildren(unparen(indexes[0])) : indexes;
    let current = frame;
    const rowsBare = unparen(rows);
    if (rowsBare !== undefined && rowsBare.type !== 'slice') {
      const lambda = lambdaParams(state.text, rowsBare);
      const frameNames = lambda?.params ?? receiverNames(state, receiver);
      const held = rowsBare.type === 'identifier' ? state.env.get(state.text.slice(rowsBare.start, rowsBare.end)) : undefined;
      const condition = lambda?.body ?? (held?.kind === 'mask' ? held.node : rowsBare);
      if (stringLiteral(state, condition) === undefined) current = filterRows(this, current, condition, frameNames, span);
    }
    if (cols === undefined) return { kind: 'frame', frame: current };
    const single = stringLiteral(state, cols);
    if (single !== undefined && unparen(cols)?.type === 'string') {
      const at = contentSpan(unparen(cols)!);
      reference(state, current, single, at);
      return { kind: 'column', frame: current, column: columnOf(state, current, single, at) };
    }
    const names = namesOf(this, cols);
    if (names !== undefined) return { kind: 'frame', frame: selectColumns(this, current, names, span) };
    if (unparen(cols)?.type === 'slice') return { kind: 'frame', frame: current };
    return { kind: 'frame', frame: derive(state.builder, current, { span, columnsComplete: false }) };
  }

  private call(node: PyNode): PyValue {
    const state = this.state;
    const call = readCall(state.text, node);
    if (call === undefined) {
      for (const arg of namedChildren(field(node, 'arguments'))) this.evaluate(arg);
      return UNKNOWN;
    }
    const receiver = call.receiver !== undefined ? this.evaluate(call.receiver) : undefined;
    if (receiver !== undefined && receiver.kind !== 'module' && receiver.kind !== 'unknown') return this.method(receiver, call);
    return this.function(call, receiver);
  }

  /**
   * `pd.get_dummies(df["urn"])`: one indicator column per value of the column, which a model given them fits as a
   * categorical of that column (a school dummy each is a school fixed effect). The columns it makes are not known by
   * name, so the frame holds one column standing for them, with the source column's facts.
   */
  private dummies(call: PyCall): PyValue {
    const data = this.evaluate(argument(call, 'data', 0));
    for (const arg of call.args) if (arg.value !== argument(call, 'data', 0)) this.evaluate(arg.value);
    if (data.kind !== 'column') return data.kind === 'frame' ? { kind: 'frame', frame: derive(this.state.builder, data.frame, { span: spanOf(call.node), columnsComplete: false }) } : UNKNOWN;
    const column = { ...data.column, span: spanOf(call.node) };
    return { kind: 'frame', frame: derive(this.state.builder, data.frame, { span: spanOf(call.node), columns: [column], columnsComplete: false }) };
  }

  /** A free function or a module's function: `pd.read_sql`, `print`, `plt.scatter`, `smf.ols`, a configured helper. */
  private function(call: PyCall, module: PyValue | undefined): PyValue {
    const state = this.state;
    const name = call.name;
    const lower = name.toLowerCase();
    if (SQL_READERS.has(name)) return sqlReader(this, call);
    if (FILE_READERS.has(name)) return fileReader(this, call);
    if (PRINTERS.has(name) && call.receiver === undefined) return printCall(this, call);
    if (name === 'connect' || name === 'create_engine' || name === 'Connection') {
      for (const arg of call.args) this.evaluate(arg.value);
      noteServerNames(this, call);
      return { kind: 'connection' };
    }
    if (name === 'text' && call.positional.length === 1) return this.evaluate(call.positional[0]);
    if (name === 'concat') return concatFrames(this, call);
    if (name === 'merge' && call.positional.length >= 2) {
      const left = this.evaluate(call.positional[0]);
      if (left.kind !== 'frame') return UNKNOWN;
      return mergeFrames(this, left.frame, this.evaluate(call.positional[1]), call);
    }
    if (name === 'crosstab') return crosstab(this, call);
    if (name === 'get_dummies') return this.dummies(call);
    // `sm.add_constant(X)` adds an intercept column to the regressors and keeps the rest.
    if (name === 'add_constant' && call.positional.length >= 1) {
      const data = this.evaluate(call.positional[0]);
      return data.kind === 'frame' ? { kind: 'frame', frame: derive(state.builder, data.frame, { span: spanOf(call.node) }) } : data;
    }
    if (name === 'pivot_table') {
      const data = this.evaluate(argument(call, 'data', 0));
      return data.kind === 'frame' ? pivotTable(this, data.frame, call, true) : UNKNOWN;
    }
    if (name === 'DataFrame' || name === 'from_records') return this.dataFrame(call);
    if (module?.kind === 'module' && module.name === SURVIVAL_MODULE) return survivalMethod(this, call, module);
    if (SURVIVAL_ESTIMATORS.has(name)) {
      for (const arg of call.args) this.evaluate(arg.value);
      return { kind: 'module', name: SURVIVAL_MODULE };
    }
    if (FIGURE_WRITERS.has(name)) return saveFigure(this, call);
    if (name === 'subplots' || name === 'figure' || name === 'gca' || name === 'gcf') return { kind: 'module', name: 'matplotlib' };
    if (isModelCall(name)) return modelCall(this, call);
    if (isPlotter(name) && (module !== undefined || call.receiver !== undefined)) return plotCall(this, call);
    if (state.suppressionHelpers.has(lower) || state.roundingHelpers.has(lower)) return this.helper(call, call.positional[0]);
    if (name === 'where' && call.positional.length === 3) {
      for (const arg of call.positional) this.evaluate(arg);
      return UNKNOWN;
    }
    if (name === 'round' && call.receiver === undefined) {
      const inner = this.evaluate(call.positional[0]);
      return inner.kind === 'frame' ? { kind: 'frame', frame: roundFrame(this, inner.frame, call) } : UNKNOWN;
    }
    const local = callLocalFunction(this, call);
    if (local !== undefined) return local;
    // An unknown function: its arguments are still read (a query built inside, a print within), its result is not.
    const values = call.args.map((arg) => this.evaluate(arg.value));
    if (DYNAMIC.has(name)) return UNKNOWN;
    // A function of a module (`helpers.add_flags(df)`) may change a frame in place as a free function may.
    this.openArguments(call, values);
    return UNKNOWN;
  }

  /** A frame passed to a function the evaluator cannot see may gain or lose columns in place. */
  private openArguments(call: PyCall, values: readonly PyValue[]): void {
    call.args.forEach((arg, i) => {
      const bare = unparen(arg.value);
      const value = values[i];
      if (bare?.type !== 'identifier' || value?.kind !== 'frame' || !value.frame.columnsComplete) return;
      this.state.env.set(this.state.text.slice(bare.start, bare.end), { kind: 'frame', frame: derive(this.state.builder, value.frame, { span: spanOf(call.node), columnsComplete: false }) });
    });
  }

  /** A configured suppression or rounding helper applied to a frame (`suppress(t)`, `t.pipe(round_to_5)`). */
  private helper(call: PyCall, dataNode: PyNode | undefined, data?: PyValue): PyValue {
    const value = data ?? this.evaluate(dataNode);
    const frame = frameOf(value);
    if (frame === undefined) return UNKNOWN;
    const lower = call.name === 'pipe' ? this.state.text.slice(call.positional[0]!.start, call.positional[0]!.end).split('.').pop()!.toLowerCase() : call.name.toLowerCase();
    const span = spanOf(call.node);
    const event = this.state.suppressionHelpers.has(lower)
      ? { kind: 'helper' as const, span, name: lower }
      : { kind: 'round' as const, span, base: 0, trusted: true };
    return { kind: 'frame', frame: derive(this.state.builder, frame, { span, events: [event] }) };
  }

  /** `pd.DataFrame(rows, columns=[…])` of fetched rows; `pd.DataFrame({"a": …})` of constant keys. */
  private dataFrame(call: PyCall): PyValue {
    const state = this.state;
    const data = this.evaluate(argument(call, 'data', 0));
    const names = namesOf(this, argument(call, 'columns'));
    const span = spanOf(call.node);
    if (data.kind === 'cursor' && data.frame !== undefined) {
      if (names === undefined) return { kind: 'frame', frame: data.frame.columnsComplete || argument(call, 'columns') === undefined ? data.frame : derive(state.builder, data.frame, { span, columnsComplete: false }) };
      const columns = names.map((n, i) => ({ ...(data.frame!.columns[i] ?? { facts: state.facts.column(undefined, n.name) }), name: n.name, span: n.span }));
      return { kind: 'frame', frame: derive(state.builder, data.frame, { span, columns, columnsComplete: true }) };
    }
    if (data.kind === 'frame') return { kind: 'frame', frame: derive(state.builder, data.frame, { span }) };
    const dict = unparen(argument(call, 'data', 0));
    if (dict?.type === 'dictionary') {
      const aligned = this.alignedStatistics(dict, span);
      if (aligned !== undefined) return { kind: 'frame', frame: aligned };
      const columns: FrameColumn[] = [];
      let complete = true;
      for (const pair of namedChildren(dict)) {
        const key = stringLiteral(state, field(pair, 'key'));
        if (key === undefined) complete = false;
        else columns.push({ name: key, span: contentSpan(unparen(field(pair, 'key'))!), facts: state.facts.column(undefined, key) });
        this.evaluate(field(pair, 'value'));
      }
      const frame = addUnknown(state.builder, span);
      return { kind: 'frame', frame: derive(state.builder, frame, { span, columns, columnsComplete: complete }) };
    }
    return { kind: 'frame', frame: addUnknown(state.builder, span) };
  }

  /**
   * `pd.DataFrame({"n": g.size(), "mean": g.mean()})` of grouped results: pandas lines the Series up on their index,
   * the group keys, so the frame is one table by those keys with each statistic under its new name. Undefined
   * (and nothing evaluated) unless every value is a grouped result with one statistic and all share their keys.
   */
  private alignedStatistics(dict: PyNode, span: { start: number; end: number }): Frame | undefined {
    const state = this.state;
    const pairs = namedChildren(dict);
    if (pairs.length === 0 || pairs.some((p) => p.type !== 'pair' || stringLiteral(state, field(p, 'key')) === undefined)) return undefined;
    // Only values that are plainly grouped results are read here, so a dictionary of anything else is evaluated once, by the caller.
    if (pairs.some((p) => unparen(field(p, 'value'))?.type !== 'call')) return undefined;
    const parts: { frame: Frame; column: FrameColumn }[] = [];
    for (const pair of pairs) {
      const value = this.evaluate(field(pair, 'value'));
      const frame = value.kind === 'frame' ? value.frame : undefined;
      if (frame === undefined || frame.grain !== 'aggregate' || frame.groupKeys.length === 0) return undefined;
      const keyNames = new Set(frame.groupKeys.map((k) => k.name.toLowerCase()));
      const values = frame.columns.filter((c) => !keyNames.has(c.name.toLowerCase()));
      if (values.length !== 1 || values[0]!.statistic === undefined) return undefined;
      const keyNode = unparen(field(pair, 'key'))!;
      parts.push({ frame, column: { ...values[0]!, name: stringLiteral(state, keyNode)!, span: contentSpan(keyNode) } });
    }
    const keys = parts[0]!.frame.groupKeys;
    const signature = (f: Frame): string => f.groupKeys.map((k) => k.name.toLowerCase()).join(',');
    if (parts.some((p) => signature(p.frame) !== signature(parts[0]!.frame))) return undefined;
    const frames = [...new Set(parts.map((p) => p.frame))];
    return combine(state.builder, frames, { span, columns: [...keys, ...parts.map((p) => p.column)], columnsComplete: true, groupKeys: keys });
  }

  /** A method of a tracked value: a frame, a column, a groupby, a cursor, a model or a plot. */
  private method(receiver: PyValue, call: PyCall): PyValue {
    const state = this.state;
    switch (receiver.kind) {
      case 'connection':
        if (call.name === 'cursor') return { kind: 'cursor' };
        if (call.name === 'connect' || call.name === 'begin') return receiver;
        if (call.name === 'execute') return this.execute(call);
        return UNKNOWN;
      case 'cursor':
        if (call.name === 'execute') return this.execute(call);
        if (call.name === 'fetchall' || call.name === 'fetchmany' || call.name === 'fetchone' || call.name === 'all' || call.name === 'mappings') return receiver;
        return UNKNOWN;
      case 'string':
        if (call.name === 'format') {
          for (const arg of call.args) this.evaluate(arg.value);
          return { kind: 'string', pieces: withPlaceholders(state.text, receiver.pieces, 'format'), node: call.node };
        }
        if (call.name === 'strip' || call.name === 'rstrip' || call.name === 'lstrip') return receiver;
        return UNKNOWN;
      case 'grouped':
        return this.groupedMethod(receiver, call);
      case 'column':
        return this.columnMethod(receiver, call);
      case 'frame':
        return this.frameMethod(receiver.frame, call);
      case 'accessor':
        if (receiver.name === 'plot') return plotCall(this, { ...call, name: call.name === 'scatter' ? 'scatter' : call.name }, receiver.frame);
        return UNKNOWN;
      case 'model':
        if (call.name === 'fit' || call.name === 'fit_regularized') return receiver;
        if (call.name === 'summary' || call.name === 'summary2') return UNKNOWN;
        return UNKNOWN;
      case 'plot':
        if (FIGURE_WRITERS.has(call.name)) return saveFigure(this, call);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** `cursor.execute(sql)` / `conn.execute(text(sql))`: the cursor now holds the query's result. */
  private execute(call: PyCall): PyValue {
    const sql = this.evaluate(argument(call, 'sql', 0) ?? argument(call, 'statement', 0));
    for (const arg of call.args.slice(1)) this.evaluate(arg.value);
    const result: PyValue = { kind: 'cursor', frame: queryFrame(this, sql, call.node) };
    // `cursor.execute(sql)` changes the cursor in place: a later `cursor.fetchall()` reads this query's rows.
    const receiver = unparen(call.receiver);
    if (receiver?.type === 'identifier' && this.state.env.get(this.state.text.slice(receiver.start, receiver.end))?.kind === 'cursor') {
      this.state.env.set(this.state.text.slice(receiver.start, receiver.end), result);
    }
    return result;
  }

  private groupedMethod(value: PyValue & { kind: 'grouped' }, call: PyCall): PyValue {
    if (call.name === 'value_counts') return valueCounts(this, value.frame, value.keys, call);
    if (call.name === 'apply') {
      const reduced = groupedApply(this, value, call);
      if (reduced !== undefined) return reduced;
    }
    if (AGGREGATIONS.has(call.name)) return groupedCall(this, value, call);
    if (call.name === 'filter' || call.name === 'apply' || call.name === 'transform') {
      for (const arg of call.args) this.evaluate(arg.value);
      // `filter` keeps the records of some groups; what `apply` and `transform` return depends on the function.
      if (call.name === 'filter') return { kind: 'frame', frame: derive(this.state.builder, value.frame, { span: spanOf(call.node), columnsComplete: false }) };
      return { kind: 'frame', frame: derive(this.state.builder, value.frame, { span: spanOf(call.node), columns: [], columnsComplete: false, grain: 'unknown' }) };
    }
    return UNKNOWN;
  }

  private columnMethod(value: PyValue & { kind: 'column' }, call: PyCall): PyValue {
    const state = this.state;
    const span = spanOf(call.node);
    switch (call.name) {
      case 'value_counts':
        return valueCounts(this, value.frame, [value.column], call);
      case 'agg': case 'aggregate':
        return recordAgg(this, value.frame, value.column, call) ?? UNKNOWN;
      case 'min': case 'max': case 'median': case 'mean': case 'sum': case 'quantile': case 'describe': case 'std': case 'var': case 'count': case 'nunique':
        return columnStatistic(this, value.frame, value.column, call);
      case 'round': case 'where': case 'mask': case 'astype': case 'fillna': case 'copy': case 'clip': case 'abs': case 'apply': case 'map':
      // The same values, fewer of them or in another order: still the column (a histogram of `s.dropna()` is of records).
      case 'dropna': case 'sort_values': case 'sort_index': case 'replace': case 'ffill': case 'bfill': case 'interpolate': case 'to_numpy':
        return value;
      case 'to_frame': case 'reset_index': {
        const newName = stringLiteral(state, argument(call, call.name === 'to_frame' ? 'name' : 'name', call.name === 'to_frame' ? 0 : undefined));
        const column = newName !== undefined ? { ...value.column, name: newName } : value.column;
        return { kind: 'frame', frame: derive(state.builder, value.frame, { span, columns: [column], columnsComplete: true }) };
      }
      case 'hist': case 'plot': case 'boxplot':
        return plotCall(this, call, value.frame);
      case 'isin':
        for (const arg of call.args) this.evaluate(arg.value);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private frameMethod(frame: Frame, call: PyCall): PyValue {
    const state = this.state;
    const span = spanOf(call.node);
    const receiverNode = unparen(call.receiver);
    const result = this.frameStep(frame, call, span, receiverNode);
    // `df.rename(columns=…, inplace=True)`: the variable now holds the result, and the call returns None.
    if (isTrue(state.text, argument(call, 'inplace')) && receiverNode?.type === 'identifier' && result.kind === 'frame') {
      this.state.env.set(state.text.slice(receiverNode.start, receiverNode.end), result);
      this.state.bindings.push({ name: state.text.slice(receiverNode.start, receiverNode.end), nameSpan: spanOf(receiverNode), statement: span, frame: result.frame });
      return UNKNOWN;
    }
    return result;
  }

  /**
   * The keys a table of counts is spread on: `unstack()` moves the last key (or the `level` named or numbered) into
   * the columns; `pivot(index=…, columns=…)` the ones named as columns. Undefined when that is not constant.
   */
  private spreadKeys(frame: Frame, call: PyCall): FrameColumn[] | undefined {
    const keys = frame.groupKeys;
    if (call.name === 'pivot') {
      const names = namesOf(this, argument(call, 'columns', 1));
      if (names === undefined) return undefined;
      for (const n of names) reference(this.state, frame, n.name, n.span);
      const found = names.map((n) => keys.find((k) => k.name.toLowerCase() === n.name.toLowerCase()));
      return found.every((k): k is FrameColumn => k !== undefined) ? found : undefined;
    }
    const level = argument(call, 'level', 0);
    if (level === undefined) return [keys[keys.length - 1]!];
    const position = numberValue(this.state.text, level);
    if (position !== undefined) {
      const key = keys[position < 0 ? keys.length + position : position];
      return key !== undefined ? [key] : undefined;
    }
    const names = namesOf(this, level);
    const found = names?.map((n) => keys.find((k) => k.name.toLowerCase() === n.name.toLowerCase()));
    return found !== undefined && found.every((k): k is FrameColumn => k !== undefined) ? found : undefined;
  }

  private frameStep(frame: Frame, call: PyCall, span: { start: number; end: number }, receiverNode: PyNode | undefined): PyValue {
    const state = this.state;
    const name = call.name;
    const lower = name.toLowerCase();
    if (WRITERS.has(name)) return writeCall(this, call, frame, receiverNode ?? call.node);
    if (name === 'groupby') {
      const by = argument(call, 'by', 0);
      const keys = groupKeys(this, frame, by);
      if (keys === undefined) return { kind: 'frame', frame: derive(state.builder, frame, { span, columnsComplete: false }) };
      return { kind: 'grouped', frame, keys, span };
    }
    if (name === 'value_counts') {
      const keys = namesOf(this, argument(call, 'subset', 0));
      const columns = keys !== undefined ? keys.map((k) => {
        reference(state, frame, k.name, k.span);
        return columnOf(state, frame, k.name, k.span);
      }) : frame.columns;
      return valueCounts(this, frame, columns, call);
    }
    if (name === 'pivot_table') return pivotTable(this, frame, call, false);
    if ((name === 'unstack' || name === 'pivot') && frame.grain === 'aggregate' && frame.groupKeys.length > 0) {
      const spread = this.spreadKeys(frame, call);
      if (spread !== undefined) return { kind: 'frame', frame: spreadTable(this, frame, spread, name === 'pivot' ? namesOf(this, argument(call, 'values', 2))?.map((v) => v.name) : undefined, call, 'fill_value') };
    }
    if (name === 'describe') return describeFrame(this, frame, call);
    if (name === 'agg' || name === 'aggregate') {
      const reduced = recordAgg(this, frame, undefined, call);
      if (reduced !== undefined) return reduced;
    }
    if (name === 'sum' && frame.grain === 'aggregate') return { kind: 'frame', frame: totalsRow(this, frame, call) };
    if (['min', 'max', 'median', 'mean', 'quantile', 'std', 'sum'].includes(name)) return columnStatistic(this, frame, { name: 'each column', facts: {} }, call);
    if (name === 'query') {
      const query = this.evaluate(argument(call, 'expr', 0));
      const textValue = query.kind === 'string' ? query.pieces.map((p) => (p.kind === 'text' ? state.text.slice(p.start, p.end) : '@x')).join('') : undefined;
      if (textValue === undefined) return { kind: 'frame', frame: derive(state.builder, frame, { span, events: [{ kind: 'filter', span, condition: 'QUERY' }] }) };
      return { kind: 'frame', frame: derive(state.builder, frame, { span, events: queryEvents(frame, call.node, textValue) }) };
    }
    if (name === 'assign') return { kind: 'frame', frame: assignColumns(this, frame, call) };
    if (name === 'rename') return { kind: 'frame', frame: renameColumns(this, frame, call) };
    if (name === 'drop') return { kind: 'frame', frame: dropColumns(this, frame, call) };
    if (name === 'merge' || name === 'join') return mergeFrames(this, frame, this.evaluate(argument(call, 'right', 0) ?? argument(call, 'other', 0)), call);
    if (name === 'round') return { kind: 'frame', frame: roundFrame(this, frame, call) };
    if (name === 'where' || name === 'mask') return { kind: 'frame', frame: suppressFrame(this, frame, call, receiverNames(state, receiverNode)) };
    if (name === 'filter') {
      const items = namesOf(this, argument(call, 'items', 0));
      return { kind: 'frame', frame: items !== undefined ? selectColumns(this, frame, items, span) : derive(state.builder, frame, { span, columnsComplete: false }) };
    }
    if (name === 'pipe') {
      const fnNode = call.positional[0];
      const fnName = fnNode !== undefined ? state.text.slice(fnNode.start, fnNode.end).split('.').pop()!.toLowerCase() : '';
      if (state.suppressionHelpers.has(fnName) || state.roundingHelpers.has(fnName)) return this.helper(call, undefined, { kind: 'frame', frame });
      const local = unparen(fnNode)?.type === 'identifier' ? callLocalFunction(this, call, { name: state.text.slice(fnNode!.start, fnNode!.end), data: { kind: 'frame', frame } }) : undefined;
      if (local !== undefined) return local;
      return { kind: 'frame', frame: derive(state.builder, frame, { span, columnsComplete: false }) };
    }
    if (name === 'plot' || name === 'boxplot' || name === 'hist') return plotCall(this, call, frame);
    // `reindex(full_grid, fill_value=0)` after a guard brings the removed and the empty cells back as zeros.
    if (name === 'reindex' && frame.grain === 'aggregate' && numberValue(state.text, argument(call, 'fill_value')) === 0) {
      return { kind: 'frame', frame: derive(state.builder, frame, { span, events: [{ kind: 'zero-fill', span }] }) };
    }
    if (name === 'fillna' && frame.grain === 'aggregate' && numberValue(state.text, argument(call, 'value', 0)) === 0) {
      return { kind: 'frame', frame: derive(state.builder, frame, { span, events: [{ kind: 'zero-fill', span }] }) };
    }
    if (name === 'reset_index') {
      const newName = stringLiteral(state, argument(call, 'name'));
      const last = frame.columns[frame.columns.length - 1];
      if (newName !== undefined && last?.statistic !== undefined) {
        return { kind: 'frame', frame: derive(state.builder, frame, { span, columns: [...frame.columns.slice(0, -1), { ...last, name: newName, span: contentSpan(unparen(argument(call, 'name'))!) }] }) };
      }
      return { kind: 'frame', frame };
    }
    if (name === 'sort_values' || name === 'drop_duplicates' || name === 'set_index' || name === 'dropna') {
      const names = namesOf(this, argument(call, name === 'sort_values' ? 'by' : name === 'set_index' ? 'keys' : 'subset', 0));
      for (const n of names ?? []) reference(state, frame, n.name, n.span);
      return { kind: 'frame', frame };
    }
    if (SAME_COLUMNS.has(name)) {
      for (const arg of call.args) this.evaluate(arg.value);
      return { kind: 'frame', frame: name === 'head' || name === 'sample' || name === 'tail' || name === 'nlargest' || name === 'nsmallest' ? derive(state.builder, frame, { span }) : frame };
    }
    if (OPEN_COLUMNS.has(name)) {
      for (const arg of call.args) this.evaluate(arg.value);
      // A function applied may reduce the frame (`apply(np.mean)`): what it returns is not known.
      const grain = name === 'apply' || name === 'transform' || name === 'eval' ? 'unknown' : frame.grain;
      return { kind: 'frame', frame: derive(state.builder, frame, { span, columns: [], columnsComplete: false, grain }) };
    }
    if (name === 'to_frame') return { kind: 'frame', frame };
    if (state.suppressionHelpers.has(lower) || state.roundingHelpers.has(lower)) return this.helper(call, undefined, { kind: 'frame', frame });
    for (const arg of call.args) this.evaluate(arg.value);
    if (name === 'insert' && receiverNode?.type === 'identifier') {
      // `df.insert(0, "new", values)` adds a column in place.
      const column = stringLiteral(state, argument(call, 'column', 1));
      const added = column !== undefined ? [...frame.columns, columnOf(state, frame, column, contentSpan(unparen(argument(call, 'column', 1))!))] : undefined;
      this.state.env.set(state.text.slice(receiverNode.start, receiverNode.end), { kind: 'frame', frame: derive(state.builder, frame, { span, ...(added !== undefined ? { columns: added } : { columnsComplete: false }) }) });
      return UNKNOWN;
    }
    // A method this model does not know may change the frame in place (`pop`, `update`, `eval(…, inplace=True)`).
    if (!INSPECTIONS.has(name) && receiverNode?.type === 'identifier' && frame.columnsComplete) {
      this.state.env.set(state.text.slice(receiverNode.start, receiverNode.end), { kind: 'frame', frame: derive(state.builder, frame, { span, columnsComplete: false }) });
    }
    return UNKNOWN;
  }
}

/**
 * Arithmetic with a whole frame (`t / 5`, `100 * t`, `t / t.sum()`): pandas applies it to every cell, so the
 * frame keeps its columns and lineage. `(t / 5).round() * 5` rounds every cell to 5, as the column form does;
 * dividing by another frame or a column makes shares of the statistics.
 */
function frameArithmetic(ev: PyEvaluator, node: PyNode, op: string | undefined, left: PyValue, right: PyValue): Frame {
  const state = ev.state;
  const frame = left.kind === 'frame' ? left.frame : (right as PyValue & { kind: 'frame' }).frame;
  const span = spanOf(node);
  const rounded = roundingOf(state, node);
  if (rounded !== undefined) {
    return derive(state.builder, frame, { span, events: [{ kind: 'round', span, base: rounded.rounding.base, ...(rounded.rounding.trusted ? { trusted: true } : {}) }] });
  }
  const other = left.kind === 'frame' && left.frame === frame ? right : left;
  if (op === '/' && left.kind === 'frame' && (other.kind === 'frame' || other.kind === 'column')) {
    const columns = frame.columns.map((c) => (c.statistic !== undefined ? { ...c, statistic: { ...c.statistic, kind: 'proportion' as const, span } } : c));
    return derive(state.builder, frame, { span, columns });
  }
  return derive(state.builder, frame, { span });
}

/**
 * `t.columns = [...]` names every column pandas holds as a column. This model keeps a table's group keys as columns
 * too, while pandas holds them in the index until `reset_index()`: so a list as long as the value columns renames
 * those and keeps the keys, and a list naming the spread columns of an `unstack()` gives each the statistic the
 * table spread. A list that fits neither leaves the columns unknown (undefined).
 */
function renamedColumns(state: PyState, frame: Frame, names: readonly { name: string; span: { start: number; end: number } }[]): FrameColumn[] | undefined {
  const rename = (column: FrameColumn, n: { name: string; span: { start: number; end: number } }): FrameColumn => ({ ...column, name: n.name, span: n.span });
  if (frame.columnsComplete && names.length === frame.columns.length) return names.map((n, i) => rename(frame.columns[i]!, n));
  const keyNames = new Set(frame.groupKeys.map((k) => k.name.toLowerCase()));
  const keys = frame.columns.filter((c) => keyNames.has(c.name.toLowerCase()));
  const values = frame.columns.filter((c) => !keyNames.has(c.name.toLowerCase()));
  if (frame.grain === 'aggregate' && keys.length > 0) {
    if (frame.columnsComplete && names.length === values.length) return [...keys, ...names.map((n, i) => rename(values[i]!, n))];
    if (!frame.columnsComplete && values.length === 1 && values[0]!.statistic !== undefined) return [...keys, ...names.map((n) => rename(values[0]!, n))];
  }
  if (frame.columnsComplete && frame.grain !== 'aggregate') return names.map((n) => ({ name: n.name, span: n.span, facts: state.facts.column(undefined, n.name) }));
  return undefined;
}

/** The names that stand for a frame in a condition: the variable the frame is subscripted from. */
function receiverNames(state: PyState, node: PyNode | undefined): Set<string> {
  const bare = unparen(node);
  return bare?.type === 'identifier' ? new Set([state.text.slice(bare.start, bare.end)]) : new Set();
}

/** Rows appended to a table (a total row), stacked as `pd.concat` would stack them. */
function concatLike(ev: PyEvaluator, frames: readonly Frame[], span: { start: number; end: number }): Frame {
  const names = new Map<string, FrameColumn>();
  for (const f of frames) for (const c of f.columns) if (!names.has(c.name.toLowerCase())) names.set(c.name.toLowerCase(), c);
  const stacked = unionFrames(ev.state.builder, frames, span, ev.state.config.parameters);
  return stacked === frames[0] ? stacked : derive(ev.state.builder, stacked, { span, columns: [...names.values()], columnsComplete: frames.every((f) => f.columnsComplete) });
}
