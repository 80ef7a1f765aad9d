/**
 * Local and global macros. Stata substitutes a macro's text before it reads a command, so a command is read
 * with every macro whose value is known replaced by the tokens of that value (marked synthetic, spanning the
 * macro as written). A macro whose value is not known stays a macro token, and whatever depends on it is
 * uncertain: the analysis says nothing about it.
 */
import { lex, type Token } from './lexer';

/** Macro values by name; `undefined` marks a macro that is defined but whose value is not known. */
export class MacroEnv {
  readonly locals = new Map<string, string | undefined>();
  readonly globals = new Map<string, string | undefined>();

  value(token: Token): string | undefined {
    if (token.kind !== 'macro' || /[`$']/.test(token.value)) return undefined;
    return token.global ? this.globals.get(token.value) : this.locals.get(token.value);
  }

  /** A copy for a program's body, which sees the globals but has its own locals. */
  forProgram(): MacroEnv {
    const env = new MacroEnv();
    for (const [k, v] of this.globals) env.globals.set(k, v);
    return env;
  }
}

/** Values longer than this are not substituted, so a macro built up in a loop cannot grow the work without bound. */
const MAX_VALUE_LENGTH = 4000;

/** True when any token is a macro. */
export function hasMacros(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'macro' || (t.kind === 'string' && /[`$]/.test(t.value)));
}

/** The tokens with every known macro replaced by its value's tokens (strings get their macros substituted too). */
export function expandTokens(tokens: readonly Token[], env: MacroEnv): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'string' && /[`$]/.test(token.value)) {
      const expanded = expandText(token.value, env);
      out.push(expanded.known ? { ...token, value: expanded.value } : token);
      continue;
    }
    if (token.kind !== 'macro') {
      out.push(token);
      continue;
    }
    const value = env.value(token);
    if (value === undefined || value.length > MAX_VALUE_LENGTH) {
      out.push(token);
      continue;
    }
    const inner = lex(value).commands.flatMap((c) => c.tokens);
    inner.forEach((t, i) => out.push({ ...t, start: token.start, end: token.end, synthetic: true, spaced: i === 0 ? token.spaced : t.spaced }));
  }
  return out;
}

/** Substitutes the macros of a piece of text (a string's content); `known` is false when one of them is not known. */
export function expandText(text: string, env: MacroEnv): { value: string; known: boolean } {
  let known = true;
  const value = text.replace(/`([A-Za-z_][A-Za-z0-9_]*)'|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, local?: string, braced?: string, bare?: string) => {
    const v = local !== undefined ? env.locals.get(local) : env.globals.get((braced ?? bare)!);
    if (v === undefined) {
      known = false;
      return whole;
    }
    return v;
  });
  if (/`/.test(value)) known = false;
  return { value, known };
}

/** The text of tokens as Stata would see them, a blank between tokens that were apart. */
export function tokensText(tokens: readonly Token[]): string {
  let text = '';
  tokens.forEach((t, i) => {
    if (i > 0 && t.spaced) text += ' ';
    text += t.kind === 'string' ? `"${t.value}"` : t.kind === 'macro' ? (t.global ? `$${t.value}` : `\`${t.value}'`) : t.value;
  });
  return text;
}
