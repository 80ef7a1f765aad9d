/**
 * Python string literals as pieces: constant text (a run of a literal's content, with its place in the file)
 * and holes where the value is only known at run time (an f-string's `{expr}`, a `.format` or `%` placeholder,
 * a variable concatenated in). SQL embedded in strings and column names are both read from this form.
 */
import type { EmbeddedPart } from '../../embedded/offsetMap';
import { partsFromBackslashString } from '../../embedded/offsetMap';
import type { Token } from '../../sql/tokenizer';
import { tokenize } from '../../sql/tokenizer';
import { pushAll } from '../../../util/arrays';
import type { PyNode } from '../parser/syntaxTree';

export type Piece =
  /** Content of one literal at `[start, end)` of the file; `raw` when backslashes are not escapes. */
  | { readonly kind: 'text'; readonly start: number; readonly end: number; readonly raw: boolean }
  | { readonly kind: 'hole'; readonly start: number; readonly end: number };

/** The name a hole stands as in SQL text; findings that touch it are dropped. */
export const HOLE_PREFIX = '__leo_hole_';

/** What is read off a `string` node once, kept in its memo slot: many readers ask for the same literal. */
interface LiteralMemo {
  readonly literal: true;
  readonly pieces: readonly Piece[];
  /** The decoded value when every piece is text; null when it has holes; undefined until asked. */
  value?: string | null;
}

function literalMemo(text: string, node: PyNode): LiteralMemo {
  const known = node.memo as LiteralMemo | undefined;
  if (known?.literal === true) return known;
  const memo: LiteralMemo = { literal: true, pieces: readPieces(text, node) };
  node.memo = memo;
  return memo;
}

/** The pieces of a `string` node (one literal, an f-string with interpolations); read once per node. */
export function literalPieces(text: string, node: PyNode): readonly Piece[] {
  return literalMemo(text, node).pieces;
}

/** The constant value of a `string` node, when it has no holes; decoded once per node. */
export function literalValue(text: string, node: PyNode): string | undefined {
  const memo = literalMemo(text, node);
  if (memo.value === undefined) memo.value = constantValue(text, memo.pieces) ?? null;
  return memo.value ?? undefined;
}

function readPieces(text: string, node: PyNode): Piece[] {
  const startToken = node.children.find((c) => c.type === 'string_start');
  const prefix = startToken !== undefined ? text.slice(startToken.start, startToken.end).replace(/['"]/g, '').toLowerCase() : '';
  const raw = prefix.includes('r');
  const pieces: Piece[] = [];
  for (const child of node.children) {
    if (child.type === 'string_content') pieces.push({ kind: 'text', start: child.start, end: child.end, raw });
    else if (child.type === 'interpolation') pieces.push({ kind: 'hole', start: child.start, end: child.end });
  }
  return pieces;
}

/** Splits text pieces at `.format` (`{…}`) or printf (`%s`, `%(name)s`) placeholders, which become holes. */
export function withPlaceholders(text: string, pieces: readonly Piece[], style: 'format' | 'percent'): Piece[] {
  const pattern = style === 'format' ? /\{\{|\}\}|\{[^{}]*\}/g : /%%|%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[sdifrxXeEgGc]/g;
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'hole') {
      out.push(piece);
      continue;
    }
    const content = text.slice(piece.start, piece.end);
    let last = 0;
    for (const match of content.matchAll(pattern)) {
      if (match[0] === '{{' || match[0] === '}}' || match[0] === '%%') continue;
      const at = match.index;
      if (at > last) out.push({ ...piece, start: piece.start + last, end: piece.start + at });
      out.push({ kind: 'hole', start: piece.start + at, end: piece.start + at + match[0].length });
      last = at + match[0].length;
    }
    if (last < content.length) out.push({ ...piece, start: piece.start + last });
  }
  return out;
}

/** The value when every piece is constant text. */
export function constantValue(text: string, pieces: readonly Piece[]): string | undefined {
  let value = '';
  for (const piece of pieces) {
    if (piece.kind === 'hole') return undefined;
    value += decode(text.slice(piece.start, piece.end), piece.raw);
  }
  return value;
}

/** The text with holes left out, for reading a path or a formula as far as it is constant. */
export function partialValue(text: string, pieces: readonly Piece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? decode(text.slice(p.start, p.end), p.raw) : '')).join('');
}

function decode(content: string, raw: boolean): string {
  if (raw) return content;
  return content.replace(/\\(\r\n|[\s\S])/g, (_all, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '\n' || c === '\r\n' ? '' : c));
}

/** The pieces as parts of embedded SQL for the T-SQL features, holes standing as placeholder names. */
export function embeddedParts(text: string, pieces: readonly Piece[]): EmbeddedPart[] {
  const parts: EmbeddedPart[] = [];
  let hole = 0;
  for (const piece of pieces) {
    if (piece.kind === 'hole') parts.push({ kind: 'synthetic', text: `${HOLE_PREFIX}${hole++}__`, at: piece.start });
    else if (piece.raw) parts.push({ kind: 'verbatim', text: text.slice(piece.start, piece.end), hostStart: piece.start });
    else parts.push(...partsFromBackslashString(text, piece.start, piece.end));
  }
  return parts;
}

/**
 * The SQL tokens of the pieces, in offsets of the file, for the dataflow extraction. Each literal is tokenized in
 * place in `masked` (the text with backslash escapes blanked); each hole becomes one word token standing for it.
 */
export function sqlTokens(masked: string, pieces: readonly Piece[]): Token[] {
  const tokens: Token[] = [];
  let hole = 0;
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      pushAll(tokens, tokenize(masked, piece.start, piece.end).tokens);
      continue;
    }
    const value = `${HOLE_PREFIX}${hole++}__`;
    tokens.push({ kind: 'word', start: piece.start, end: piece.end, text: value, value, upper: value.toUpperCase() });
  }
  return tokens;
}

/** The text with every backslash escape blanked to two spaces, so SQL in strings tokenizes with its offsets intact. */
export function maskEscapes(text: string): string {
  return text.replace(/\\[\s\S]/g, '  ');
}
