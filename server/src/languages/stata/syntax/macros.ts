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
  /**
   * Where a macro's value was written as one string literal (`local q "SELECT …"`), by `l:name` or `g:name`.
   * SQL is often held in a local and run with `exec(\`"\`q'"')`; reading it where it was written keeps its
   * findings and features on text the user can edit. Entries are not removed when the macro changes, so a
   * reader must check that the span's text is still the macro's value (`literalSpan`).
   */
  readonly literals = new Map<string, { readonly start: number; readonly end: number }>();

  value(token: Token): string | undefined {
    if (token.kind !== 'macro' || /[`$']/.test(token.value)) return undefined;
    return token.global ? this.globals.get(token.value) : this.locals.get(token.value);
  }

  /** The span of the string literal that holds the macro's current value, if it was written as one. */
  literalSpan(text: string, name: string, global: boolean): { readonly start: number; readonly end: number } | undefined {
    const span = this.literals.get(`${global ? 'g' : 'l'}:${name}`);
    const value = global ? this.globals.get(name) : this.locals.get(name);
    if (span === undefined || value === undefined) return undefined;
    return text.slice(span.start, span.end) === value ? span : undefined;
  }

  /** A copy for a program's body, which sees the globals but has its own locals. */
  forProgram(): MacroEnv {
    const env = new MacroEnv();
    for (const [k, v] of this.globals) env.globals.set(k, v);
    for (const [k, v] of this.literals) if (k.startsWith('g:')) env.literals.set(k, v);
    return env;
  }
}

/** Values longer than this are not substituted, so a macro built up in a loop cannot grow the work without bound. */
const MAX_VALUE_LENGTH = 4000;

const macroTokens = new WeakMap<readonly Token[], boolean>();

/** True when any token is a macro (kept per token list, since loops run the same command many times). */
export function hasMacros(tokens: readonly Token[]): boolean {
  let known = macroTokens.get(tokens);
  if (known === undefined) {
    known = tokens.some((t) => t.kind === 'macro' || (t.kind === 'string' && (t.value.includes('`') || t.value.includes('$'))));
    macroTokens.set(tokens, known);
  }
  return known;
}

/** The tokens of macro values, by value: a loop substitutes the same few values many times. */
const valueTokens = new Map<string, readonly Token[]>();

function tokensOfValue(value: string): readonly Token[] {
  let tokens = valueTokens.get(value);
  if (tokens === undefined) {
    tokens = lex(value).commands.flatMap((c) => c.tokens);
    if (valueTokens.size > 5000) valueTokens.clear();
    valueTokens.set(value, tokens);
  }
  return tokens;
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
    const inner = tokensOfValue(value);
    for (let i = 0; i < inner.length; i++) {
      const t = inner[i]!;
      out.push({ ...t, start: token.start, end: token.end, synthetic: true, spaced: i === 0 ? token.spaced : t.spaced });
    }
  }
  return out;
}

/** Substitutes the macros of a piece of text (a string's content); `known` is false when one of them is not known. */
export function expandText(text: string, env: MacroEnv): { value: string; known: boolean } {
  let known = true;
  const value = text.replace(/`([A-Za-z0-9_]+)'|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, local?: string, braced?: string, bare?: string) => {
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
