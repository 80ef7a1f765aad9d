/**
 * Joins and binds: dplyr's `*_join()`, base and data.table `merge()`, `bind_rows()`, `rbind()`,
 * `rbindlist()`, `cbind()` and `bind_cols()`. Join keys are checked on both sides; the result holds the
 * left columns, then the right ones without their keys, with `.x`/`.y` suffixes where names clash.
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { type ArgInfo, nodeText, operatorOf, readCall, unwrapParens, valueArgs } from '../../syntax/calls';
import { constantValue } from '../../syntax/pieces';
import { decodeString, identifierName } from '../../syntax/strings';
import { findColumn } from '../builder';
import type { Evaluator } from '../evaluator';
import { renamed, sameName } from '../frameOps';
import type { Handler, Invocation } from '../invocation';
import type { Frame, FrameClass, FrameColumn, Grain, Span } from '../model';
import { UNKNOWN, type Value } from '../values';
import { inputFrame, namesSite } from './common';

interface KeyName {
  readonly name: string;
  readonly span?: Span;
}

interface JoinKeys {
  readonly pairs: readonly { readonly left: KeyName; readonly right: KeyName }[];
  readonly certain: boolean;
}

function frameOf(value: Value): Frame | undefined {
  return value.kind === 'frame' ? value.frame : undefined;
}

/** A key written as a string or a bare name. */
function keyName(text: string, node: RNode): KeyName | undefined {
  const inner = unwrapParens(node);
  if (inner.type === 'identifier') return { name: identifierName(nodeText(text, inner)), span: { start: inner.start, end: inner.end } };
  if (inner.type === 'string') {
    const decoded = decodeString(text, inner.start, inner.end);
    return decoded ? { name: decoded.value, span: { start: inner.start + 1, end: Math.max(inner.start + 1, inner.end - 1) } } : undefined;
  }
  return undefined;
}

/** Reads `by`: a string, `c("a", "b" = "c")`, `join_by(a, b == c)`, or nothing for a natural join. */
function readBy(ev: Evaluator, node: RNode | undefined, x: Frame, y: Frame | undefined): JoinKeys {
  const text = ev.text;
  if (!node || nodeText(text, node) === 'NULL') {
    if (!y) return { pairs: [], certain: false };
    const common = x.columns.filter((c) => findColumn(y, c.name)).map((c) => ({ left: { name: c.name }, right: { name: findColumn(y, c.name)!.name } }));
    return { pairs: common, certain: x.certainty === 'exact' && y.certainty === 'exact' };
  }
  const inner = unwrapParens(node);
  const single = keyName(text, inner);
  if (single && inner.type === 'string') return { pairs: [{ left: single, right: single }], certain: true };
  const call = readCall(text, inner);
  if (call?.name === 'c') {
    const pairs: { left: KeyName; right: KeyName }[] = [];
    for (const arg of valueArgs(call)) {
      const right = keyName(text, arg.value!);
      if (!right || arg.value!.type !== 'string') return { pairs, certain: false };
      const left = arg.name !== undefined && arg.nameNode ? { name: arg.name, span: nameSpan(arg) } : right;
      pairs.push({ left, right });
    }
    return { pairs, certain: true };
  }
  if (call?.name === 'join_by') {
    const pairs: { left: KeyName; right: KeyName }[] = [];
    let certain = true;
    for (const arg of valueArgs(call)) {
      const value = unwrapParens(arg.value!);
      const alone = keyName(text, value);
      if (alone) {
        pairs.push({ left: alone, right: alone });
        continue;
      }
      if (value.type === 'binary_operator' && operatorOf(text, value) === '==') {
        const left = childByField(value, 'lhs');
        const right = childByField(value, 'rhs');
        const l = left ? keyName(text, left) : undefined;
        const r = right ? keyName(text, right) : undefined;
        if (l && r) {
          pairs.push({ left: l, right: r });
          continue;
        }
      }
      certain = false;
    }
    return { pairs, certain };
  }
  if (single) {
    const value = ev.lookup(single.name);
    if (value.kind === 'strings') {
      const names = value.items.map((item) => constantValue(item));
      if (names.every((n): n is string => n !== undefined)) return { pairs: names.map((n) => ({ left: { name: n }, right: { name: n } })), certain: true };
    }
  }
  ev.evaluate(node);
  return { pairs: [], certain: false };
}

function nameSpan(arg: ArgInfo): Span | undefined {
  if (!arg.nameNode) return undefined;
  const quoted = arg.nameNode.type === 'string';
  return { start: arg.nameNode.start + (quoted ? 1 : 0), end: arg.nameNode.end - (quoted ? 1 : 0) };
}

/** Records the key references on each side. */
function checkKeys(ev: Evaluator, keys: JoinKeys, x: Frame, y: Frame | undefined): void {
  for (const pair of keys.pairs) {
    if (pair.left.span) ev.builder.reference(x, pair.left.name, pair.left.span, 'key', true);
    if (y && pair.right.span) ev.builder.reference(y, pair.right.name, pair.right.span, 'key', true);
  }
}

/** The columns of a join result (see the module comment). */
function joinedColumns(x: Frame, y: Frame, keys: JoinKeys, suffix: readonly [string, string], span: Span, keepKeys: boolean): FrameColumn[] {
  const rightKeys = keys.pairs.map((p) => p.right.name);
  const right = keepKeys ? y.columns : y.columns.filter((c) => !rightKeys.some((k) => sameName(c, k)));
  const clashes = new Set(right.filter((c) => x.columns.some((l) => sameName(l, c.name))).map((c) => c.name.toLowerCase()));
  const left = x.columns.map((c) => (clashes.has(c.name.toLowerCase()) ? renamed(c, c.name + suffix[0], span) : c));
  const rest = right.map((c) => (clashes.has(c.name.toLowerCase()) ? renamed(c, c.name + suffix[1], span) : c));
  return [...left, ...rest];
}

function readSuffix(inv: Invocation, formal: string): readonly [string, string] {
  const arg = inv.arg(formal);
  if (!arg) return ['.x', '.y'];
  const value = inv.valueOf(arg);
  if (value.kind === 'strings' && value.items.length === 2) {
    const [a, b] = value.items.map((item) => constantValue(item));
    if (a !== undefined && b !== undefined) return [a, b];
  }
  return ['.x', '.y'];
}

function combinedGrain(a: Grain, b: Grain): Grain {
  if (a === 'record' || b === 'record') return 'record';
  return a === 'aggregate' && b === 'aggregate' ? 'aggregate' : 'unknown';
}

function joinHandler(how: string): Handler {
  return {
    formals: ['x', 'y', 'by', 'copy', 'suffix', '...', 'keep', 'na_matches', 'multiple', 'unmatched', 'relationship'],
    packages: ['dplyr', 'dbplyr', 'dtplyr', 'tidylog'],
    run(inv) {
      const x = inputFrame(inv);
      const y = frameOf(inv.value('y'));
      if (!x) return UNKNOWN;
      namesSite(inv, x);
      const ev = inv.evaluator;
      const byArg = inv.arg('by');
      inv.consume(byArg);
      const keys = how === 'cross' ? { pairs: [], certain: true } : readBy(ev, byArg?.value, x, y);
      checkKeys(ev, keys, x, y);
      const filtering = how === 'semi' || how === 'anti';
      const keepArg = inv.arg('keep')?.value;
      const keepKeys = keepArg !== undefined && /^(TRUE|T)$/.test(nodeText(ev.text, keepArg));
      const columns = filtering || !y ? x.columns : joinedColumns(x, y, keys, readSuffix(inv, 'suffix'), inv.span, keepKeys);
      const exact = x.certainty === 'exact' && (filtering || (y?.certainty === 'exact' && keys.certain));
      const frame = ev.builder.addFrameStep(
        { kind: 'join', fn: inv.fn, span: inv.span, inputs: y ? [x.id, y.id] : [x.id], how, by: keys.pairs.map((p) => ({ left: p.left.name, right: p.right.name })) },
        {
          frameClass: x.frameClass,
          columns,
          certainty: exact ? 'exact' : 'open',
          groups: x.groups,
          grain: filtering || !y ? x.grain : combinedGrain(x.grain, y.grain),
          span: inv.span,
        },
      );
      return { kind: 'frame', frame };
    },
  };
}

/** Base and data.table `merge()`. */
const merge: Handler = {
  formals: ['x', 'y', 'by', 'by.x', 'by.y', 'all', 'all.x', 'all.y', 'sort', 'suffixes', '...'],
  run(inv) {
    const x = inputFrame(inv);
    const y = frameOf(inv.value('y'));
    if (!x || !y) return UNKNOWN;
    const ev = inv.evaluator;
    const by = inv.arg('by');
    const byX = inv.arg('by.x');
    const byY = inv.arg('by.y');
    [by, byX, byY].forEach((arg) => inv.consume(arg));
    let keys: JoinKeys;
    if (byX?.value && byY?.value) {
      const left = readBy(ev, byX.value, x, y);
      const right = readBy(ev, byY.value, x, y);
      keys = {
        pairs: left.pairs.map((p, i) => ({ left: p.left, right: right.pairs[i]?.right ?? p.right })),
        certain: left.certain && right.certain && left.pairs.length === right.pairs.length,
      };
    } else {
      keys = readBy(ev, by?.value, x, y);
    }
    checkKeys(ev, keys, x, y);
    const flag = (name: string): boolean => {
      const node = inv.arg(name)?.value;
      return node !== undefined && /^(TRUE|T)$/.test(nodeText(ev.text, node));
    };
    const how = flag('all') || (flag('all.x') && flag('all.y')) ? 'full' : flag('all.x') ? 'left' : flag('all.y') ? 'right' : 'inner';
    const columns = joinedColumns(x, y, keys, readSuffix(inv, 'suffixes'), inv.span, false);
    const frame = ev.builder.addFrameStep(
      { kind: 'join', fn: inv.fn, span: inv.span, inputs: [x.id, y.id], how, by: keys.pairs.map((p) => ({ left: p.left.name, right: p.right.name })) },
      {
        frameClass: x.frameClass,
        columns,
        certainty: x.certainty === 'exact' && y.certainty === 'exact' && keys.certain ? 'exact' : 'open',
        groups: [],
        grain: combinedGrain(x.grain, y.grain),
        span: inv.span,
      },
    );
    return { kind: 'frame', frame };
  },
};

/** The frames a bind receives: each argument, or the items of a list. */
function boundFrames(values: readonly Value[]): { frames: Frame[]; complete: boolean } {
  const frames: Frame[] = [];
  let complete = true;
  for (const value of values) {
    if (value.kind === 'frame') frames.push(value.frame);
    else if (value.kind === 'list') {
      const inner = boundFrames(value.items);
      frames.push(...inner.frames);
      complete &&= inner.complete;
    } else complete = false;
  }
  return { frames, complete };
}

function bindHandler(direction: 'rows' | 'columns', union: boolean, frameClass?: FrameClass): Handler {
  return {
    formals: ['...'],
    run(inv) {
      const { frames, complete } = boundFrames(inv.dotValues());
      const first = frames[0];
      if (!first) return UNKNOWN;
      let columns: FrameColumn[];
      let exact = complete && frames.every((f) => f.certainty === 'exact');
      if (direction === 'rows') {
        columns = [...first.columns];
        if (union) for (const frame of frames.slice(1)) for (const c of frame.columns) if (!columns.some((k) => sameName(k, c.name))) columns.push(c);
      } else {
        columns = frames.flatMap((f) => f.columns);
        if (new Set(columns.map((c) => c.name)).size !== columns.length) exact = false;
      }
      const frame = inv.evaluator.builder.addFrameStep(
        { kind: 'bind', fn: inv.fn, span: inv.span, inputs: frames.map((f) => f.id), direction },
        {
          frameClass: frameClass ?? first.frameClass,
          columns,
          certainty: exact ? 'exact' : 'open',
          groups: [],
          grain: frames.every((f) => f.grain === first.grain) ? first.grain : 'unknown',
          span: inv.span,
        },
      );
      return { kind: 'frame', frame };
    },
  };
}

/** `list(a, b)`: kept as a list so binds can see the frames in it. */
const list: Handler = {
  formals: ['...'],
  run: (inv) => ({ kind: 'list', items: inv.dotValues() }),
};

export const JOIN_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['left_join', joinHandler('left')],
  ['right_join', joinHandler('right')],
  ['inner_join', joinHandler('inner')],
  ['full_join', joinHandler('full')],
  ['semi_join', joinHandler('semi')],
  ['anti_join', joinHandler('anti')],
  ['cross_join', joinHandler('cross')],
  ['merge', merge],
  ['bind_rows', bindHandler('rows', true)],
  ['rbind', bindHandler('rows', false)],
  ['rbindlist', bindHandler('rows', true, 'data.table')],
  ['bind_cols', bindHandler('columns', false)],
  ['cbind', bindHandler('columns', false)],
  ['list', list],
];
