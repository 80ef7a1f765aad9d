/**
 * Where a token ends, read from the text: the fast tree walk uses this instead of asking tree-sitter
 * for every node's end. The rules follow the R grammar's tokens; only error-free trees use them.
 */

const NAME_CHAR = /[\p{L}\p{N}\p{Mn}\p{Mc}._]/u;
const HEX_NUMBER = /0[xX][0-9a-fA-F]*(?:\.[0-9a-fA-F]*)?(?:[pP][+-]?\d+)?[Li]?/y;
const DECIMAL_NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[Li]?/y;

/** The end of the token of type `type` that starts at `start`. */
export function tokenEnd(text: string, type: string, named: boolean, start: number): number {
  if (!named) {
    // Anonymous tokens are their own type, except the `%…%` operators, which share one type.
    if (type === 'special') {
      const close = text.indexOf('%', start + 1);
      return close >= 0 ? close + 1 : start + 1;
    }
    return start + type.length;
  }
  switch (type) {
    case 'comma':
      return start + 1;
    case 'comment':
      return lineEnd(text, start);
    case 'string':
      return stringEnd(text, start);
    case 'integer':
    case 'float':
    case 'complex':
      return numberEnd(text, start);
    default:
      return nameEnd(text, start);
  }
}

function lineEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Names, keywords (`TRUE`, `NA_integer_`, `...`, `..1`) and backticked names. */
function nameEnd(text: string, start: number): number {
  if (text[start] === '`') {
    let i = start + 1;
    while (i < text.length && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
    return Math.min(text.length, i + 1);
  }
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII letters, digits, `.` and `_` are decided without a regular expression; that is nearly every name.
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95) continue;
    if (code < 128 || !NAME_CHAR.test(text[i]!)) break;
  }
  return i;
}

function numberEnd(text: string, start: number): number {
  const pattern = text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X') ? HEX_NUMBER : DECIMAL_NUMBER;
  pattern.lastIndex = start;
  const match = pattern.exec(text);
  return match ? start + match[0].length : start + 1;
}

/** Quoted strings with escapes, and raw strings `r"(…)"`, `R"--[…]--"`. */
function stringEnd(text: string, start: number): number {
  let i = start;
  if (text[i] === 'r' || text[i] === 'R') {
    const quote = text[i + 1]!;
    let dashes = 0;
    i += 2;
    while (text[i] === '-') {
      dashes++;
      i++;
    }
    const close = text[i] === '(' ? ')' : text[i] === '[' ? ']' : '}';
    const terminator = close + '-'.repeat(dashes) + quote;
    const found = text.indexOf(terminator, i + 1);
    return found >= 0 ? found + terminator.length : text.length;
  }
  const quote = text[i]!;
  i++;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return Math.min(text.length, i + 1);
}
