/**
 * dplyr's single-table verbs, written directly or after `|>` and `%>%`: which columns each result
 * holds, how columns were derived, grouping and aggregation.
 */
import { constantValue } from '../../syntax/pieces';
import { nodeText } from '../../syntax/calls';
import { findColumn } from '../builder';
import type { FrameSpec } from '../builder';
import { column, like, removeColumns, renamed, upsertColumns } from '../frameOps';
import type { Handler, Invocation } from '../invocation';
import { type LocalColumns, maskedName } from '../masking';
import type { Frame, FrameColumn } from '../model';
import { numberLiteral } from '../statistics';
import { selectColumns } from '../tidyselect';
import { UNKNOWN, type Value } from '../values';
import { argumentLabel, argumentsText, comparisonsIn, deriveNamed, inputFrame, maskArguments, namesSite } from './common';

const DPLYR = ['dplyr', 'dbplyr', 'dtplyr', 'tidylog'];

function frameValue(frame: Frame): Value {
  return { kind: 'frame', frame };
}

/** Grouping keys given with `.by` (for one verb only), else the frame's own grouping. */
function byKeys(inv: Invocation, frame: Frame): { keys: string[]; certain: boolean } {
  const by = inv.arg('.by');
  if (!by?.value) return { keys: [...frame.groups], certain: true };
  inv.consume(by);
  const selection = selectColumns(inv.evaluator, frame, [by], false);
  return { keys: selection.columns.map((s) => s.column.name), certain: selection.certain };
}

const filter: Handler = {
  formals: ['.data', '...', '.by', '.preserve'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    maskArguments(inv, frame, inv.dots);
    byKeys(inv, frame);
    const text = inv.evaluator.text;
    const comparisons = inv.dots.flatMap((arg) => (arg.value ? comparisonsIn(text, arg.value) : []));
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'filter', fn: inv.fn, span: inv.span, inputs: [frame.id], condition: argumentsText(text, inv.dots), comparisons },
      like(frame, inv.span),
    ));
  },
};

const select: Handler = {
  formals: ['.data', '...'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    inv.dots.forEach((arg) => inv.consume(arg));
    const selection = selectColumns(inv.evaluator, frame, inv.dots, true);
    let columns = selection.columns.map((s) => (s.rename ? renamed(s.column, s.rename.name, s.rename.span) : s.column));
    // Grouped data keeps its grouping columns whatever the selection says.
    const missingGroups = frame.groups.map((g) => findColumn(frame, g)).filter((c): c is FrameColumn => c !== undefined && !columns.some((k) => k.name === c.name));
    columns = [...missingGroups, ...columns];
    const renamedPairs = selection.columns.filter((s) => s.rename).map((s) => ({ from: s.column.name, to: s.rename!.name }));
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'select', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: columns.map((c) => c.name), renamed: renamedPairs },
      like(frame, inv.span, { columns, certainty: frame.certainty === 'exact' && selection.certain ? 'exact' : 'open' }),
    ));
  },
};

const rename: Handler = {
  formals: ['.data', '...'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    inv.dots.forEach((arg) => inv.consume(arg));
    const selection = selectColumns(inv.evaluator, frame, inv.dots, true);
    const columns = frame.columns.map((c) => {
      const hit = selection.columns.find((s) => s.column === c && s.rename);
      return hit?.rename ? renamed(c, hit.rename.name, hit.rename.span) : c;
    });
    const renamedPairs = selection.columns.filter((s) => s.rename).map((s) => ({ from: s.column.name, to: s.rename!.name }));
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'select', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: columns.map((c) => c.name), renamed: renamedPairs },
      like(frame, inv.span, { columns, certainty: frame.certainty === 'exact' && selection.certain ? 'exact' : 'open' }),
    ));
  },
};

const CASE_FUNCTIONS: Readonly<Record<string, (s: string) => string>> = {
  tolower: (s) => s.toLowerCase(),
  toupper: (s) => s.toUpperCase(),
  str_to_lower: (s) => s.toLowerCase(),
  str_to_upper: (s) => s.toUpperCase(),
};

const renameWith: Handler = {
  formals: ['.data', '.fn', '.cols', '...'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    const fnArg = inv.arg('.fn');
    inv.consume(fnArg);
    inv.consume(inv.arg('.cols'));
    const fnName = fnArg?.value ? nodeText(inv.evaluator.text, fnArg.value).replace(/^\w+::/, '') : '';
    const change = CASE_FUNCTIONS[fnName];
    const colsArg = inv.arg('.cols');
    const selection = colsArg ? selectColumns(inv.evaluator, frame, [colsArg], false) : { columns: frame.columns.map((c) => ({ column: c })), certain: true };
    const chosen = new Set(selection.columns.map((s) => s.column));
    const columns = change
      ? frame.columns.map((c) => (chosen.has(c) ? renamed(c, change(c.name), inv.span) : c))
      : frame.columns.filter((c) => !chosen.has(c));
    const certain = change !== undefined && selection.certain && frame.certainty === 'exact';
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'select', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: columns.map((c) => c.name), renamed: [] },
      like(frame, inv.span, { columns, certainty: certain ? 'exact' : 'open' }),
    ));
  },
};

const relocate: Handler = {
  formals: ['.data', '...', '.before', '.after'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    inv.dots.forEach((arg) => inv.consume(arg));
    const selection = selectColumns(inv.evaluator, frame, inv.dots, true);
    const moved = selection.columns.map((s) => (s.rename ? renamed(s.column, s.rename.name, s.rename.span) : s.column));
    const columns = [...moved, ...frame.columns.filter((c) => !selection.columns.some((s) => s.column === c))];
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'select', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: columns.map((c) => c.name), renamed: [] },
      like(frame, inv.span, { columns, certainty: frame.certainty === 'exact' && selection.certain ? 'exact' : 'open' }),
    ));
  },
};

/** `mutate()` and `transmute()`: named arguments make (or replace) columns; `NULL` drops them. */
function mutateHandler(transmute: boolean): Handler {
  return {
    formals: ['.data', '...', '.by', '.keep', '.before', '.after'],
    packages: DPLYR,
    run(inv) {
      const frame = inputFrame(inv);
      if (!frame) return UNKNOWN;
      namesSite(inv, frame);
      const ev = inv.evaluator;
      const { keys, certain: byCertain } = byKeys(inv, frame);
      const local: LocalColumns = new Map();
      const made: FrameColumn[] = [];
      const removed: string[] = [];
      let certain = byCertain;
      for (const arg of inv.dots) {
        inv.consume(arg);
        if (!arg.value) continue;
        const bare = arg.name === undefined && arg.value.type === 'identifier' ? findColumn(frame, nodeText(ev.text, arg.value)) : undefined;
        if (bare) {
          // `transmute(pmr, …)` keeps a column as it is.
          ev.builder.reference(frame, bare.name, arg.value, 'read', false);
          made.push(bare);
          continue;
        }
        if (arg.name === undefined || !arg.nameNode) {
          // `mutate(across(...))` and other unnamed results add columns whose names are not known here.
          maskArguments(inv, frame, [arg], local);
          certain = false;
          continue;
        }
        if (arg.value.type === 'null') {
          removed.push(arg.name);
          ev.builder.reference(frame, arg.name, arg.nameNode, 'drop', false);
          continue;
        }
        const derived = deriveNamed(ev, frame, arg.name, arg.nameNode, arg.value, inv.fn, local);
        local.set(arg.name, derived);
        made.push(derived);
      }
      const keep = keepMode(inv, transmute);
      let columns: FrameColumn[];
      if (keep === 'all') {
        columns = removeColumns(upsertColumns(frame.columns, made), removed);
      } else if (keep === 'none') {
        const groupColumns = keys.map((k) => findColumn(frame, k)).filter((c): c is FrameColumn => c !== undefined);
        columns = removeColumns(upsertColumns(groupColumns, made), removed);
      } else {
        columns = removeColumns(upsertColumns(frame.columns, made), removed);
        certain = false;
      }
      const exact = certain && (keep === 'none' ? keys.every((k) => findColumn(frame, k)) : frame.certainty === 'exact');
      return frameValue(ev.builder.addFrameStep(
        { kind: 'derive', fn: inv.fn, span: inv.span, inputs: [frame.id], columns: made, removed, groups: keys },
        like(frame, inv.span, { columns, certainty: exact ? 'exact' : 'open' }),
      ));
    },
  };
}

function keepMode(inv: Invocation, transmute: boolean): 'all' | 'none' | 'other' {
  if (transmute) return 'none';
  const arg = inv.arg('.keep');
  if (!arg?.value) return 'all';
  const value = inv.valueOf(arg);
  const text = value.kind === 'strings' && value.items.length === 1 ? constantValue(value.items[0]!) : undefined;
  return text === 'all' ? 'all' : text === 'none' ? 'none' : 'other';
}

/** Grouping keys written as arguments; named or computed keys add columns first. */
function readKeys(inv: Invocation, frame: Frame, args: readonly typeof inv.dots[number][]): { keys: string[]; made: FrameColumn[]; certain: boolean } {
  const ev = inv.evaluator;
  const keys: string[] = [];
  const made: FrameColumn[] = [];
  let certain = true;
  for (const arg of args) {
    inv.consume(arg);
    if (!arg.value) continue;
    const value = arg.value;
    if (arg.name === undefined && (value.type === 'identifier' || value.type === 'string')) {
      const label = argumentLabel(ev.text, arg)!;
      const existing = findColumn(frame, label.name);
      if (existing || value.type === 'string') {
        const reference = ev.builder.reference(frame, label.name, label.span, 'key', true);
        keys.push(reference.column?.name ?? label.name);
      } else {
        maskedName(ev, value, label.name, frame);
        keys.push(label.name);
      }
      continue;
    }
    if (arg.name === undefined && value.type === 'call' && /^(across|pick|all_of|any_of|c)$/.test(nodeText(ev.text, value).replace(/\(.*$/s, ''))) {
      const selection = selectColumns(ev, frame, [arg], false);
      keys.push(...selection.columns.map((s) => s.column.name));
      certain &&= selection.certain;
      continue;
    }
    const label = argumentLabel(ev.text, arg);
    if (!label) continue;
    const derived = deriveNamed(ev, frame, label.name, label.span, value, inv.fn);
    made.push(derived);
    keys.push(label.name);
  }
  return { keys, made, certain };
}

const groupBy: Handler = {
  formals: ['.data', '...', '.add', '.drop'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const { keys, made, certain } = readKeys(inv, frame, inv.dots);
    const add = inv.arg('.add')?.value;
    const all = add && /^(TRUE|T)$/.test(nodeText(inv.evaluator.text, add)) ? [...frame.groups, ...keys] : keys;
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'group', fn: inv.fn, span: inv.span, inputs: [frame.id], keys: all },
      like(frame, inv.span, { columns: upsertColumns(frame.columns, made), groups: all, certainty: certain ? frame.certainty : 'open' }),
    ));
  },
};

const ungroup: Handler = {
  formals: ['x', '...'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    return frameValue(inv.evaluator.builder.addFrameStep({ kind: 'ungroup', fn: inv.fn, span: inv.span, inputs: [frame.id] }, like(frame, inv.span, { groups: [] })));
  },
};

/** Columns for grouping keys in an aggregate result; keys an open frame did not list still come out. */
function keyColumns(frame: Frame, keys: readonly string[], span: { start: number; end: number }): FrameColumn[] {
  return keys.map((key) => findColumn(frame, key) ?? column(key, { kind: 'unknown', reason: 'a grouping column of a frame whose columns are not known' }, span));
}

function summariseHandler(): Handler {
  return {
    formals: ['.data', '...', '.by', '.groups'],
    packages: DPLYR,
    run(inv) {
      const frame = inputFrame(inv);
      if (!frame) return UNKNOWN;
      namesSite(inv, frame);
      const ev = inv.evaluator;
      const { keys, certain: byCertain } = byKeys(inv, frame);
      const local: LocalColumns = new Map();
      const made: FrameColumn[] = [];
      let certain = byCertain;
      for (const arg of inv.dots) {
        inv.consume(arg);
        if (!arg.value) continue;
        const label = argumentLabel(ev.text, arg);
        if (!label || (arg.name === undefined && /^(across|pick)\s*\(/.test(nodeText(ev.text, arg.value)))) {
          maskArguments(inv, frame, [arg], local);
          certain = false;
          continue;
        }
        const derived = deriveNamed(ev, frame, label.name, label.span, arg.value, inv.fn, local);
        local.set(label.name, derived);
        made.push(derived);
      }
      const columns = upsertColumns(keyColumns(frame, keys, inv.span), made);
      const groupsArg = inv.arg('.groups');
      const groupsMode = groupsArg ? inv.valueOf(groupsArg) : UNKNOWN;
      const mode = groupsMode.kind === 'strings' && groupsMode.items.length === 1 ? constantValue(groupsMode.items[0]!) : undefined;
      const groups = inv.arg('.by') || mode === 'drop' ? [] : mode === 'keep' ? keys : keys.slice(0, -1);
      return frameValue(ev.builder.addFrameStep(
        { kind: 'aggregate', fn: inv.fn, span: inv.span, inputs: [frame.id], keys, columns: made },
        { frameClass: frame.frameClass, columns, certainty: certain ? 'exact' : 'open', groups, grain: 'aggregate', span: inv.span },
      ));
    },
  };
}

/** `count()`, `tally()`, `add_count()`, `add_tally()`. */
function countHandler(options: { keysFromDots: boolean; add: boolean }): Handler {
  return {
    formals: options.keysFromDots ? ['x', '...', 'wt', 'sort', 'name', '.drop'] : ['x', 'wt', 'sort', 'name'],
    packages: DPLYR,
    run(inv) {
      const frame = inputFrame(inv);
      if (!frame) return UNKNOWN;
      namesSite(inv, frame);
      const ev = inv.evaluator;
      const read = options.keysFromDots ? readKeys(inv, frame, inv.dots) : { keys: [], made: [], certain: true };
      const wt = inv.arg('wt');
      if (wt?.value) maskArguments(inv, frame, [wt]);
      const nameArg = inv.arg('name');
      const nameValue = nameArg ? inv.valueOf(nameArg) : UNKNOWN;
      const given = nameValue.kind === 'strings' && nameValue.items.length === 1 ? constantValue(nameValue.items[0]!) : undefined;
      const keys = [...frame.groups, ...read.keys];
      const base = options.add ? frame.columns : keyColumns(frame, keys, inv.span);
      const name = given ?? (findColumn({ ...frame, columns: upsertColumns(base, read.made) }, 'n') ? 'nn' : 'n');
      const span = nameArg?.value ?? inv.call.nameNode ?? inv.node;
      const counted = column(name, {
        kind: 'derived',
        expression: nodeText(ev.text, inv.node),
        inputs: [],
        statistic: { kind: 'count', fn: inv.fn, of: [], ofNames: [], span: inv.span, ...(wt?.value ? { weighted: true } : {}) },
        statistics: [{ kind: 'count', fn: inv.fn, of: [], ofNames: [], span: inv.span, ...(wt?.value ? { weighted: true } : {}) }],
        via: inv.fn,
      }, { start: span.start, end: span.end });
      const columns = upsertColumns(upsertColumns(base, read.made), [counted]);
      const exact = read.certain && (options.add ? frame.certainty === 'exact' : true);
      // `count()` keeps the input's grouping; `tally()` is a summarise, which drops the last level.
      const groups = options.keysFromDots ? frame.groups : frame.groups.slice(0, -1);
      const spec: FrameSpec = options.add
        ? like(frame, inv.span, { columns, certainty: exact ? 'exact' : 'open' })
        : { frameClass: frame.frameClass, columns, certainty: exact ? 'exact' : 'open', groups, grain: 'aggregate', span: inv.span };
      const step = options.add
        ? { kind: 'derive' as const, fn: inv.fn, span: inv.span, inputs: [frame.id], columns: [counted], removed: [], groups: keys }
        : { kind: 'aggregate' as const, fn: inv.fn, span: inv.span, inputs: [frame.id], keys, columns: [counted] };
      return frameValue(ev.builder.addFrameStep(step, spec));
    },
  };
}

const distinct: Handler = {
  formals: ['.data', '...', '.keep_all'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const read = readKeys(inv, frame, inv.dots);
    const keepAll = inv.arg('.keep_all')?.value;
    const all = read.keys.length === 0 || (keepAll !== undefined && /^(TRUE|T)$/.test(nodeText(inv.evaluator.text, keepAll)));
    const columns = all ? upsertColumns(frame.columns, read.made) : keyColumns({ ...frame, columns: upsertColumns(frame.columns, read.made) }, read.keys, inv.span);
    const exact = read.certain && (all ? frame.certainty === 'exact' : true);
    return frameValue(inv.evaluator.builder.addFrameStep(
      { kind: 'distinct', fn: inv.fn, span: inv.span, inputs: [frame.id], keys: read.keys },
      like(frame, inv.span, { columns, certainty: exact ? 'exact' : 'open' }),
    ));
  },
};

const arrange: Handler = {
  formals: ['.data', '...', '.by_group'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const before = inv.evaluator.builder.references.length;
    maskArguments(inv, frame, inv.dots);
    const keys = inv.evaluator.builder.references.slice(before).map((r) => r.name);
    return frameValue(inv.evaluator.builder.addFrameStep({ kind: 'sort', fn: inv.fn, span: inv.span, inputs: [frame.id], keys }, like(frame, inv.span)));
  },
};

/** `slice_*()`, `top_n()`, `head()` and `tail()` on frames: rows picked by position or rank. */
function sliceHandler(formals: readonly string[], orderFormal?: string, countFormal = 'n'): Handler {
  return {
    formals,
    run(inv) {
      const frame = inputFrame(inv);
      if (!frame) return UNKNOWN;
      namesSite(inv, frame);
      const ev = inv.evaluator;
      let by: string | undefined;
      const order = orderFormal ? inv.arg(orderFormal) : undefined;
      if (order?.value) {
        const before = ev.builder.references.length;
        maskArguments(inv, frame, [order]);
        by = ev.builder.references.slice(before)[0]?.name;
      }
      maskArguments(inv, frame, inv.dots);
      const count = inv.arg(countFormal)?.value;
      const n = count ? numberLiteral(ev.text, count) : undefined;
      return frameValue(ev.builder.addFrameStep(
        { kind: 'slice', fn: inv.fn, span: inv.span, inputs: [frame.id], ...(by !== undefined ? { by } : {}), ...(n !== undefined ? { n } : {}) },
        like(frame, inv.span),
      ));
    },
  };
}

/** `pull(df, x)`: one column's values. */
const pull: Handler = {
  formals: ['.data', 'var', 'name', '...'],
  packages: DPLYR,
  run(inv) {
    const frame = inputFrame(inv);
    const arg = inv.arg('var');
    if (!frame || !arg?.value) return UNKNOWN;
    namesSite(inv, frame);
    inv.consume(arg);
    const selection = selectColumns(inv.evaluator, frame, [arg], false);
    const picked = selection.columns[0]?.column;
    return picked ? { kind: 'column', frame, name: picked.name, column: picked } : UNKNOWN;
  },
};

export const DPLYR_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['filter', filter],
  ['select', select],
  ['rename', rename],
  ['rename_with', renameWith],
  ['relocate', relocate],
  ['mutate', mutateHandler(false)],
  ['transmute', mutateHandler(true)],
  ['group_by', groupBy],
  ['ungroup', ungroup],
  ['summarise', summariseHandler()],
  ['summarize', summariseHandler()],
  ['count', countHandler({ keysFromDots: true, add: false })],
  ['tally', countHandler({ keysFromDots: false, add: false })],
  ['add_count', countHandler({ keysFromDots: true, add: true })],
  ['add_tally', countHandler({ keysFromDots: false, add: true })],
  ['distinct', distinct],
  ['arrange', arrange],
  ['slice_max', sliceHandler(['.data', 'order_by', '...', 'n', 'prop', 'by', 'with_ties', 'na_rm'], 'order_by')],
  ['slice_min', sliceHandler(['.data', 'order_by', '...', 'n', 'prop', 'by', 'with_ties', 'na_rm'], 'order_by')],
  ['slice_head', sliceHandler(['.data', '...', 'n', 'prop', 'by'])],
  ['slice_tail', sliceHandler(['.data', '...', 'n', 'prop', 'by'])],
  ['slice_sample', sliceHandler(['.data', '...', 'n', 'prop', 'by', 'weight_by', 'replace'])],
  ['slice', sliceHandler(['.data', '...', '.by', '.preserve'])],
  ['top_n', sliceHandler(['x', 'n', 'wt'], 'wt')],
  ['head', sliceHandler(['x', 'n', '...'])],
  ['tail', sliceHandler(['x', 'n', '...'])],
  ['pull', pull],
];
