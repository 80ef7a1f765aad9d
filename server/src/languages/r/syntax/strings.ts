/**
 * Decodes R string literals and remembers where each decoded character came from, so that anything
 * found in the value (a SQL column name, a table) can be reported at the right place in the R file,
 * through escapes, raw strings and line breaks.
 */

/** A decoded string with, for each character of `value`, the offset in the host text it came from. */
export interface MappedText {
  readonly value: string;
  /**
   * `offsets[i]` is the host offset of `value[i]`; `offsets[value.length]` is the host offset just past
   * the last character (the closing quote of a literal). Every character of an escape maps to the
   * escape's backslash.
   */
  readonly offsets: readonly number[];
}

/** A decoded literal, plus where its content sits in the host text. */
export interface DecodedString extends MappedText {
  /** Offset of the first content character (after the opening quote). */
  readonly contentStart: number;
  /** Offset of the closing quote, or the literal's end when it is unterminated. */
  readonly contentEnd: number;
  readonly quote: string;
  readonly raw: boolean;
  /** False while the closing quote has not been typed yet. */
  readonly terminated: boolean;
}

/** Decodes the literal at `text[start, end)`; undefined when that is not a string literal. */
export function decodeString(text: string, start: number, end: number): DecodedString | undefined {
  const first = text[start];
  if (first === 'r' || first === 'R') return decodeRaw(text, start, end);
  if (first !== '"' && first !== "'") return undefined;
  const quote = first;
  const chars: string[] = [];
  const offsets: number[] = [];
  let i = start + 1;
  let terminated = false;
  while (i < end) {
    const ch = text[i]!;
    if (ch === quote) {
      terminated = true;
      break;
    }
    if (ch !== '\\') {
      chars.push(ch);
      offsets.push(i);
      i++;
      continue;
    }
    const escape = readEscape(text, i, end);
    // Indexing (not for…of) walks UTF-16 units, so a character outside the BMP keeps one offset per unit.
    for (let k = 0; k < escape.value.length; k++) {
      chars.push(escape.value[k]!);
      offsets.push(i);
    }
    i = escape.next;
  }
  offsets.push(i);
  return { value: chars.join(''), offsets, contentStart: start + 1, contentEnd: i, quote, raw: false, terminated };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', '0': '\0', a: '\u0007', b: '\b', f: '\f', v: '\v',
  '\\': '\\', '"': '"', "'": "'", '`': '`', ' ': ' ', '\n': '\n',
};

function readEscape(text: string, at: number, end: number): { value: string; next: number } {
  const kind = text[at + 1];
  if (kind === undefined || at + 1 >= end) return { value: '\\', next: at + 1 };
  if (kind === 'x') return readHex(text, at + 2, end, 2, false);
  if (kind === 'u') return readHex(text, at + 2, end, 4, true);
  if (kind === 'U') return readHex(text, at + 2, end, 8, true);
  if (kind >= '0' && kind <= '7') {
    let j = at + 1;
    while (j < end && j < at + 4 && text[j]! >= '0' && text[j]! <= '7') j++;
    return { value: String.fromCodePoint(parseInt(text.slice(at + 1, j), 8)), next: j };
  }
  // R rejects unknown escapes, but the analysis keeps the character rather than give up on the string.
  return { value: SIMPLE_ESCAPES[kind] ?? kind, next: at + 2 };
}

function readHex(text: string, from: number, end: number, maxDigits: number, braces: boolean): { value: string; next: number } {
  let j = from;
  const braced = braces && text[j] === '{';
  if (braced) j++;
  const digitsStart = j;
  while (j < end && j - digitsStart < maxDigits && /[0-9a-fA-F]/.test(text[j]!)) j++;
  const digits = text.slice(digitsStart, j);
  if (braced && text[j] === '}') j++;
  const code = digits ? parseInt(digits, 16) : 0;
  return { value: code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD', next: j };
}

/** R 4.0 raw strings: `r"(...)"`, `R'[...]'`, `r"{...}"`, with optional dashes between quote and bracket. */
function decodeRaw(text: string, start: number, end: number): DecodedString | undefined {
  const quote = text[start + 1];
  if (quote !== '"' && quote !== "'") return undefined;
  let i = start + 2;
  let dashes = 0;
  while (text[i] === '-') {
    dashes++;
    i++;
  }
  const open = text[i];
  const close = open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : undefined;
  if (!close) return undefined;
  const contentStart = i + 1;
  const terminator = close + '-'.repeat(dashes) + quote;
  const found = text.indexOf(terminator, contentStart);
  const terminated = found >= 0 && found + terminator.length <= end;
  const contentEnd = terminated ? found : end;
  const offsets: number[] = [];
  for (let k = contentStart; k <= contentEnd; k++) offsets.push(k);
  return { value: text.slice(contentStart, contentEnd), offsets, contentStart, contentEnd, quote, raw: true, terminated };
}

/** The host range of the decoded range `[from, to)`. */
export function hostRange(mapped: MappedText, from: number, to: number): { start: number; end: number } {
  const last = mapped.offsets.length - 1;
  const start = mapped.offsets[Math.max(0, Math.min(from, last))]!;
  // The end of a range is just past its last character, which keeps an escape whole.
  const end = to <= from ? start : endOfChar(mapped, Math.min(to, mapped.value.length) - 1);
  return { start, end };
}

function endOfChar(mapped: MappedText, index: number): number {
  const here = mapped.offsets[index]!;
  for (let k = index + 1; k < mapped.offsets.length; k++) {
    if (mapped.offsets[k]! !== here) return mapped.offsets[k]!;
  }
  return here + 1;
}

/** The decoded index of a host offset, or undefined when the offset is outside the mapped text. */
export function decodedIndex(mapped: MappedText, hostOffset: number): number | undefined {
  const offsets = mapped.offsets;
  if (offsets.length === 0 || hostOffset < offsets[0]! || hostOffset > offsets[offsets.length - 1]!) return undefined;
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= hostOffset) low = mid;
    else high = mid - 1;
  }
  // Inside an escape, the position after the escape is the one that lines up with the decoded text.
  return offsets[low] === hostOffset ? firstIndexAt(offsets, low) : low + 1;
}

function firstIndexAt(offsets: readonly number[], index: number): number {
  let i = index;
  while (i > 0 && offsets[i - 1] === offsets[index]) i--;
  return i;
}

/** True for names R accepts without backticks. */
export function isSyntacticName(name: string): boolean {
  return /^((\.[A-Za-z_.])|[A-Za-z])[A-Za-z0-9_.]*$|^\.$/.test(name) && !RESERVED.has(name);
}

const RESERVED = new Set([
  'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL',
  'Inf', 'NaN', 'NA', 'NA_integer_', 'NA_real_', 'NA_character_', 'in',
]);

/** The name of an identifier node as R sees it: backticks removed. */
export function identifierName(text: string): string {
  return text.length >= 2 && text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1) : text;
}
