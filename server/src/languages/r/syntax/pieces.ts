/**
 * Strings put together from pieces: constant text that came from literals (with a map back to the R
 * file) and holes where the value is only known at run time. `paste0("SELECT ", cols, " FROM t")` is
 * text, a hole, text. The embedded SQL and the column names built by code both use this form.
 */
import { hostRange, type MappedText } from './strings';

export type Piece =
  | { readonly kind: 'text'; readonly text: MappedText }
  /** A run-time value, at `[start, end)` in the R file. */
  | { readonly kind: 'hole'; readonly start: number; readonly end: number };

export interface PiecedString {
  readonly pieces: readonly Piece[];
}

/** A piece of constant text that all maps to one place, for separators R inserts itself. */
export function syntheticText(value: string, at: number): Piece {
  const offsets: number[] = [];
  for (let i = 0; i <= value.length; i++) offsets.push(at);
  return { kind: 'text', text: { value, offsets } };
}

export function textPiece(text: MappedText): Piece {
  return { kind: 'text', text };
}

export function holePiece(start: number, end: number): Piece {
  return { kind: 'hole', start, end };
}

/**
 * Joins strings. Pieces are kept apart (each text piece is one literal, or one separator R adds), so
 * a position in the R file always maps to exactly one piece; empty text pieces are dropped.
 */
export function concatPieces(parts: readonly PiecedString[]): PiecedString {
  const pieces: Piece[] = [];
  for (const part of parts) {
    for (const piece of part.pieces) if (piece.kind === 'hole' || piece.text.value.length > 0) pieces.push(piece);
  }
  return { pieces };
}

/** The value when every piece is constant. */
export function constantValue(string: PiecedString): string | undefined {
  let value = '';
  for (const piece of string.pieces) {
    if (piece.kind === 'hole') return undefined;
    value += piece.text.value;
  }
  return value;
}

/** A pieced string flattened to one text, holes replaced by placeholders, with a map back to the host. */
export interface FlatText extends MappedText {
  /** Ranges of `value` that stand for holes, with the host span of each hole. */
  readonly holes: readonly { readonly from: number; readonly to: number; readonly start: number; readonly end: number }[];
  /** Ranges of `value` copied from one literal each, with that literal's own map. */
  readonly segments: readonly { readonly from: number; readonly to: number; readonly text: MappedText }[];
}

/**
 * Flattens the pieces. Each hole becomes `placeholder(index)`, whose characters all map to the start of
 * the hole in the host text.
 */
export function flatten(string: PiecedString, placeholder: (index: number) => string): FlatText {
  let value = '';
  const offsets: number[] = [];
  const holes: { from: number; to: number; start: number; end: number }[] = [];
  const segments: { from: number; to: number; text: MappedText }[] = [];
  let end = 0;
  for (const piece of string.pieces) {
    if (piece.kind === 'text') {
      segments.push({ from: value.length, to: value.length + piece.text.value.length, text: piece.text });
      value += piece.text.value;
      for (let i = 0; i < piece.text.value.length; i++) offsets.push(piece.text.offsets[i]!);
      end = piece.text.offsets[piece.text.value.length] ?? end;
    } else {
      const stand = placeholder(holes.length);
      holes.push({ from: value.length, to: value.length + stand.length, start: piece.start, end: piece.end });
      value += stand;
      for (let i = 0; i < stand.length; i++) offsets.push(piece.start);
      end = piece.end;
    }
  }
  offsets.push(end);
  return { value, offsets, holes, segments };
}

/**
 * The host span of a range of flattened text. A range inside one literal maps through that literal;
 * anything else (a hole, two literals) collapses to where it starts, which is still a useful place to point.
 */
export function flatHostRange(flat: FlatText, start: number, end: number): { start: number; end: number } {
  const segment = flat.segments.find((s) => s.from <= start && end <= s.to);
  if (segment) return hostRange(segment.text, start - segment.from, end - segment.from);
  const at = flat.offsets[Math.min(start, flat.offsets.length - 1)] ?? 0;
  return { start: at, end: at };
}
