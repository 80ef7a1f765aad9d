/**
 * The Stata lexer: splits a do-file into commands and each command into tokens, in offsets of the text.
 *
 * Stata reads a do-file command by command. A command ends at the end of a line, or at `;` after `#delimit ;`.
 * `///` joins a line to the next, `//` and `/* … *\/` are comments (block comments nest), and a `*` that opens a
 * command makes the whole command a comment. Strings are `"…"` or compound `` `"…"' ``, and macros are
 * `` `name' ``, `$name` and `${name}`; macros are kept as tokens so that later stages can substitute known values.
 * The lexer is one forward pass over the text with no recursion, and it never throws.
 */

export type TokenKind =
  | 'word' | 'number' | 'string' | 'macro' | 'op' | 'comma' | 'colon'
  | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'lbrace' | 'rbrace' | 'equals' | 'other';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** The token's text; for a string, its content without quotes; for a macro, the macro's name (`` `x' `` gives `x`, `$X` gives `X`). */
  readonly value: string;
  /** For strings: where the content starts and ends in the text. */
  readonly contentStart?: number;
  readonly contentEnd?: number;
  /** For macros: true for a global macro (`$x`, `${x}`). */
  readonly global?: boolean;
  /** True when the token was not written here but comes from a macro's value (its span is the macro's). */
  readonly synthetic?: boolean;
  /** True when blank space (or the start of the command) comes before the token, so it does not join the one before. */
  readonly spaced: boolean;
}

export interface RawCommand {
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly Token[];
}

export interface Comment {
  readonly start: number;
  readonly end: number;
}

export interface LexResult {
  readonly commands: readonly RawCommand[];
  readonly comments: readonly Comment[];
  readonly strings: readonly Comment[];
  /** Where lexing stopped, when the text is longer than the budget. */
  readonly cutAt?: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/** Lexes `text` up to `limit` characters (the rest is left for a limit note). */
export function lex(text: string, limit = text.length): LexResult {
  const commands: RawCommand[] = [];
  const comments: Comment[] = [];
  const strings: Comment[] = [];
  const end = Math.min(limit, text.length);
  let semicolonMode = false;
  let tokens: Token[] = [];
  let commandStart = -1;
  let atCommandStart = true;
  let starComment = false;
  let i = 0;

  const finish = (at: number): void => {
    if (tokens.length > 0) {
      const first = tokens[0]!;
      commands.push({ start: commandStart >= 0 ? commandStart : first.start, end: at, tokens });
      // `#delimit ;` and `#delimit cr` switch how later commands end.
      if (first.kind === 'other' && first.value === '#' && tokens[1]?.kind === 'word' && /^delim(i(t)?)?$/i.test(tokens[1].value)) {
        const mode = tokens[2];
        semicolonMode = mode !== undefined && (mode.value === ';' || (mode.kind === 'word' && mode.value.toLowerCase() !== 'cr'));
        // `#delimit ;` itself ends at its line, whatever the mode was.
      }
    }
    tokens = [];
    commandStart = -1;
    atCommandStart = true;
    starComment = false;
  };

  while (i < end) {
    const c = text[i]!;
    // Line ends.
    if (c === '\n' || c === '\r') {
      const wasDelimit = tokens.length > 0 && tokens[0]!.value === '#' && /^delim/i.test(tokens[1]?.value ?? '');
      if (!semicolonMode || wasDelimit) finish(i);
      else if (starComment) finish(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    // Block comments, which nest.
    if (c === '/' && text[i + 1] === '*') {
      const start = i;
      let depth = 0;
      while (i < end) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      comments.push({ start, end: Math.min(i, end) });
      continue;
    }
    // `///` continues the command on the next line; the rest of the line is a comment.
    if (c === '/' && text[i + 1] === '/' && text[i + 2] === '/' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const start = i;
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      comments.push({ start, end: i });
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else i++;
      continue;
    }
    // `//` comment to the end of the line (it must follow a blank, as in Stata).
    if (c === '/' && text[i + 1] === '/' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const start = i;
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      comments.push({ start, end: i });
      continue;
    }
    // A `*` that opens a command comments out the command.
    if (c === '*' && atCommandStart && tokens.length === 0) {
      const start = i;
      if (semicolonMode) {
        while (i < end && text[i] !== ';') i++;
        comments.push({ start, end: i });
        i++;
        finish(i);
        continue;
      }
      while (i < end && text[i] !== '\n' && text[i] !== '\r') {
        // `///` at the end of a `*` comment carries the comment on.
        if (text[i] === '/' && text[i + 1] === '/' && text[i + 2] === '/') {
          while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
          if (text[i] === '\r' && text[i + 1] === '\n') i++;
          i++;
          continue;
        }
        i++;
      }
      comments.push({ start, end: i });
      continue;
    }
    if (semicolonMode && c === ';') {
      finish(i);
      i++;
      continue;
    }
    if (commandStart < 0) commandStart = i;
    atCommandStart = false;
    const start = i;
    const push = (kind: TokenKind, to: number, value = text.slice(start, to), extra: Partial<Token> = {}): void => {
      const last = tokens[tokens.length - 1];
      tokens.push({ kind, start, end: to, value, spaced: last === undefined || start > last.end, ...extra });
      i = to;
    };
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') j++;
      const closed = text[j] === '"';
      strings.push({ start, end: closed ? j + 1 : j });
      push('string', closed ? j + 1 : j, text.slice(i + 1, j), { contentStart: i + 1, contentEnd: j });
      continue;
    }
    if (c === '`' && text[i + 1] === '"') {
      // Compound quotes nest: `"a `"b"' c"'.
      let depth = 1;
      let j = i + 2;
      while (j < end && depth > 0) {
        if (text[j] === '`' && text[j + 1] === '"') {
          depth++;
          j += 2;
        } else if (text[j] === '"' && text[j + 1] === "'") {
          depth--;
          j += 2;
        } else j++;
      }
      const contentEnd = depth === 0 ? j - 2 : j;
      strings.push({ start, end: j });
      push('string', j, text.slice(i + 2, contentEnd), { contentStart: i + 2, contentEnd });
      continue;
    }
    if (c === '`') {
      // A local macro; nested macros inside the name (`x`i'') make it one token.
      let depth = 1;
      let j = i + 1;
      while (j < end && depth > 0 && text[j] !== '\n' && text[j] !== '\r') {
        if (text[j] === '`') depth++;
        else if (text[j] === "'") depth--;
        j++;
      }
      const name = text.slice(i + 1, depth === 0 ? j - 1 : j);
      push('macro', j, name.trim());
      continue;
    }
    if (c === '$') {
      if (text[i + 1] === '{') {
        let j = i + 2;
        while (j < end && text[j] !== '}' && text[j] !== '\n') j++;
        push('macro', text[j] === '}' ? j + 1 : j, text.slice(i + 2, j).trim(), { global: true });
        continue;
      }
      let j = i + 1;
      while (j < end && WORD_CHAR.test(text[j]!)) j++;
      if (j > i + 1) {
        push('macro', j, text.slice(i + 1, j), { global: true });
        continue;
      }
      push('other', i + 1);
      continue;
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < end && WORD_CHAR.test(text[j]!)) j++;
      push('word', j);
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      let j = i;
      while (j < end && DIGIT.test(text[j]!)) j++;
      if (text[j] === '.') {
        j++;
        while (j < end && DIGIT.test(text[j]!)) j++;
      }
      if ((text[j] === 'e' || text[j] === 'E') && /[0-9+-]/.test(text[j + 1] ?? '')) {
        j += 2;
        while (j < end && DIGIT.test(text[j]!)) j++;
      }
      push('number', j);
      continue;
    }
    if (c === '.') {
      // A missing value: `.`, `.a` … `.z`.
      const next = text[i + 1] ?? '';
      push('number', /[a-z]/.test(next) && !WORD_CHAR.test(text[i + 2] ?? '') ? i + 2 : i + 1);
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '~=' || two === '>=' || two === '<=') {
      push('op', i + 2);
      continue;
    }
    switch (c) {
      case ',': push('comma', i + 1); continue;
      case ':': push('colon', i + 1); continue;
      case '(': push('lparen', i + 1); continue;
      case ')': push('rparen', i + 1); continue;
      case '[': push('lbracket', i + 1); continue;
      case ']': push('rbracket', i + 1); continue;
      case '{': push('lbrace', i + 1); continue;
      case '}': push('rbrace', i + 1); continue;
      case '=': push('equals', i + 1); continue;
      case '+': case '-': case '*': case '/': case '^': case '<': case '>': case '&': case '|': case '!': case '~':
        push('op', i + 1);
        continue;
      default:
        push('other', i + 1);
    }
  }
  finish(end);
  return { commands, comments, strings, ...(end < text.length ? { cutAt: end } : {}) };
}
