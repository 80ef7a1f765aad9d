/**
 * String building: `c()`, `paste0()`, `paste()`, `stringr::str_c()`, `sprintf()`, `glue()`,
 * `glue_sql()` and `sql()`. Constant parts keep their map back to the literals they came from; parts
 * computed at run time become holes. This is what lets SQL assembled in R get SQL features, and
 * column-name vectors be followed into `select(all_of(cols))`.
 */
import type { RNode } from '../../parser/syntaxTree';
import type { ArgInfo } from '../../syntax/calls';
import {
  concatPieces, constantValue, holePiece, type PiecedString, syntheticText, textPiece,
} from '../../syntax/pieces';
import type { MappedText } from '../../syntax/strings';
import { identifierName } from '../../syntax/strings';
import type { Handler, Invocation } from '../invocation';
import { UNKNOWN, type Value } from '../values';

/** The string a scalar value stands for, a hole when it is not a known string. */
function scalarPieces(node: RNode | undefined, value: Value): PiecedString | undefined {
  if (value.kind === 'strings' && value.items.length === 1) return value.items[0];
  if (value.kind === 'sql') return value.text;
  if (value.kind === 'number' && node) return { pieces: [syntheticText(String(value.value), node.start)] };
  if (node) return { pieces: [holePiece(node.start, node.end)] };
  return undefined;
}

/** The items a value stands for in a vectorised string function. */
function vectorPieces(node: RNode | undefined, value: Value): PiecedString[] {
  if (value.kind === 'strings') return [...value.items];
  const scalar = scalarPieces(node, value);
  return scalar ? [scalar] : [];
}

/** `paste0`, `paste` and `str_c`: vectorised concatenation with a separator, optionally collapsed. */
function pasteHandler(defaultSep: string | undefined): Handler {
  return {
    formals: ['...', 'sep', 'collapse', 'recycle0'],
    run(inv) {
      const sep = separator(inv, 'sep', defaultSep ?? '');
      const collapse = inv.arg('collapse') ? separator(inv, 'collapse', '') : undefined;
      const parts = inv.dotEntries().filter((entry) => entry.name === undefined).map((entry) => vectorPieces(entry.node, entry.value));
      if (parts.length === 0 || parts.some((p) => p.length === 0)) return UNKNOWN;
      const length = Math.max(...parts.map((p) => p.length));
      if (parts.some((p) => p.length !== 1 && p.length !== length)) return UNKNOWN;
      const items: PiecedString[] = [];
      for (let i = 0; i < length; i++) {
        const row: PiecedString[] = [];
        parts.forEach((p, k) => {
          if (k > 0 && sep) row.push(sep);
          row.push(p.length === 1 ? p[0]! : p[i]!);
        });
        items.push(concatPieces(row));
      }
      if (collapse === undefined) return { kind: 'strings', items };
      const joined: PiecedString[] = [];
      items.forEach((item, i) => {
        if (i > 0) joined.push(collapse);
        joined.push(item);
      });
      return { kind: 'strings', items: [concatPieces(joined)] };
    },
  };
}

/** A separator argument as pieces (synthetic text when constant, a hole when not). */
function separator(inv: Invocation, formal: string, fallback: string): PiecedString | undefined {
  const arg = inv.arg(formal);
  if (!arg?.value) return fallback ? { pieces: [syntheticText(fallback, inv.node.end)] } : undefined;
  const value = inv.valueOf(arg);
  if (value.kind === 'strings' && value.items.length === 1) {
    const constant = constantValue(value.items[0]!);
    if (constant !== undefined) return constant ? { pieces: [syntheticText(constant, arg.value.start)] } : undefined;
  }
  return { pieces: [holePiece(arg.value.start, arg.value.end)] };
}

const concatenate: Handler = {
  formals: ['...'],
  run(inv) {
    const values = inv.dotValues();
    const items: PiecedString[] = [];
    for (const value of values) {
      if (value.kind !== 'strings') return UNKNOWN;
      items.push(...value.items);
    }
    return items.length > 0 ? { kind: 'strings', items } : UNKNOWN;
  },
};

const sprintfHandler: Handler = {
  formals: ['fmt', '...'],
  run(inv) {
    const fmtArg = inv.arg('fmt');
    const fmt = fmtArg ? inv.valueOf(fmtArg) : UNKNOWN;
    const values = inv.dots.map((arg) => ({ arg, value: inv.valueOf(arg) }));
    if (fmt.kind !== 'strings' || fmt.items.length !== 1) return UNKNOWN;
    const template = fmt.items[0]!;
    if (template.pieces.length !== 1 || template.pieces[0]!.kind !== 'text') return UNKNOWN;
    const mapped = template.pieces[0]!.text;
    const out: PiecedString[] = [];
    const spec = /%(%|[-+ #0]*\d*(?:\.\d+)?[sdifeEgGxXo])/g;
    let last = 0;
    let next = 0;
    for (const match of mapped.value.matchAll(spec)) {
      const at = match.index!;
      out.push({ pieces: [textPiece(sliceMapped(mapped, last, at))] });
      if (match[1] === '%') {
        out.push({ pieces: [textPiece(sliceMapped(mapped, at + 1, at + 2))] });
      } else {
        const supplied = values[next++];
        const pieces = supplied ? scalarPieces(supplied.arg.value, supplied.value) : undefined;
        out.push(pieces ?? { pieces: [holePiece(inv.node.start, inv.node.end)] });
      }
      last = at + match[0].length;
    }
    out.push({ pieces: [textPiece(sliceMapped(mapped, last, mapped.value.length))] });
    return { kind: 'strings', items: [concatPieces(out)] };
  },
};

/** `glue()` and `glue_sql()`: `{expr}` is a hole unless it names a constant string. */
function glueHandler(sqlQuoting: boolean): Handler {
  return {
    formals: ['...', '.sep', '.envir', '.open', '.close', '.con', '.na', '.null', '.trim'],
    run(inv) {
      const locals = new Map<string, Value>();
      const templates: { arg: ArgInfo; value: Value }[] = [];
      for (const arg of inv.dots) {
        const value = inv.valueOf(arg);
        if (arg.name !== undefined) locals.set(arg.name, value);
        else templates.push({ arg, value });
      }
      const parts: PiecedString[] = [];
      for (const { arg, value } of templates) {
        if (value.kind !== 'strings' || value.items.length !== 1) {
          if (arg.value) parts.push({ pieces: [holePiece(arg.value.start, arg.value.end)] });
          continue;
        }
        for (const piece of value.items[0]!.pieces) {
          if (piece.kind === 'hole') parts.push({ pieces: [piece] });
          else parts.push(...expandGlue(inv, piece.text, locals, sqlQuoting));
        }
      }
      if (parts.length === 0) return UNKNOWN;
      const joined = concatPieces(parts);
      return sqlQuoting ? { kind: 'sql', text: joined } : { kind: 'strings', items: [joined] };
    },
  };
}

function expandGlue(inv: Invocation, text: MappedText, locals: ReadonlyMap<string, Value>, sqlQuoting: boolean): PiecedString[] {
  const out: PiecedString[] = [];
  const value = text.value;
  let last = 0;
  let i = 0;
  while (i < value.length) {
    if (value[i] === '{' && value[i + 1] === '{') {
      out.push({ pieces: [textPiece(sliceMapped(text, last, i + 1))] });
      i += 2;
      last = i;
      continue;
    }
    if (value[i] === '}' && value[i + 1] === '}') {
      out.push({ pieces: [textPiece(sliceMapped(text, last, i + 1))] });
      i += 2;
      last = i;
      continue;
    }
    if (value[i] !== '{') {
      i++;
      continue;
    }
    const close = value.indexOf('}', i + 1);
    if (close < 0) break;
    out.push({ pieces: [textPiece(sliceMapped(text, last, i))] });
    const expression = value.slice(i + 1, close).trim();
    const substituted = sqlQuoting ? undefined : constantName(inv, expression, locals);
    const start = text.offsets[i]!;
    const end = text.offsets[close + 1] ?? text.offsets[close]! + 1;
    out.push(substituted ?? { pieces: [holePiece(start, end)] });
    i = close + 1;
    last = i;
  }
  out.push({ pieces: [textPiece(sliceMapped(text, last, value.length))] });
  return out;
}

/** A glue expression that is just a name bound to a constant string, as pieces mapped to that string. */
function constantName(inv: Invocation, expression: string, locals: ReadonlyMap<string, Value>): PiecedString | undefined {
  if (!/^[A-Za-z.][A-Za-z0-9._]*$/.test(expression)) return undefined;
  const name = identifierName(expression);
  const value = locals.get(name) ?? inv.evaluator.lookup(name);
  if (value?.kind === 'strings' && value.items.length === 1 && constantValue(value.items[0]!) !== undefined) return value.items[0];
  return undefined;
}

/** `sql()`, `DBI::SQL()`: the text marked as SQL. */
const sqlMarker: Handler = {
  formals: ['...'],
  run(inv) {
    const parts: PiecedString[] = [];
    for (const entry of inv.dotEntries()) {
      const pieces = scalarPieces(entry.node, entry.value);
      if (pieces) parts.push(pieces);
    }
    return parts.length > 0 ? { kind: 'sql', text: concatPieces(parts) } : UNKNOWN;
  },
};

/** `I()` and other identity wrappers: the value passes through. */
const identity: Handler = {
  formals: ['x', '...'],
  run: (inv) => inv.input(),
};

/** A part of a mapped text, with its own end offset. */
export function sliceMapped(text: MappedText, from: number, to: number): MappedText {
  return { value: text.value.slice(from, to), offsets: [...text.offsets.slice(from, to), text.offsets[to] ?? text.offsets[text.offsets.length - 1]!] };
}

export const STRING_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['c', concatenate],
  ['paste0', pasteHandler(undefined)],
  ['paste', pasteHandler(' ')],
  ['str_c', pasteHandler(undefined)],
  ['sprintf', sprintfHandler],
  ['glue', glueHandler(false)],
  ['glue_sql', glueHandler(true)],
  ['sql', sqlMarker],
  ['SQL', sqlMarker],
  ['I', identity],
];
