/**
 * A small harness for testing TextMate grammars outside VS Code.
 *
 * It uses the same tokeniser VS Code uses (vscode-textmate on top of the
 * Oniguruma WebAssembly build), so a grammar that behaves here behaves the
 * same in the editor. The WebAssembly module is read from node_modules, so
 * tests never touch the network.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** The repository root, found relative to this file so tests can run from any working directory. */
export const repoRoot = path.resolve(__dirname, '..', '..');

const wasmPath = path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/**
 * Loads Oniguruma once per process. vscode-oniguruma can only be initialised
 * once, so every caller must share this promise rather than calling loadWASM
 * itself.
 */
export function loadOnigLib(): Promise<vsctm.IOnigLib> {
  if (!onigLib) {
    const wasm = readFileSync(wasmPath);
    // loadWASM wants an ArrayBuffer that holds exactly the module, and a Node
    // Buffer may be a view onto a larger pooled allocation, so copy it out.
    const bytes = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    onigLib = oniguruma.loadWASM(bytes).then(() => ({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }));
  }
  return onigLib;
}

/** A grammar's source: a path to a .tmLanguage.json file, or an already-parsed grammar object. */
export type GrammarSource = string | object;

/**
 * Loads the grammar for `scopeName`. `sources` maps every scope name the
 * grammar may include to its source; includes of scopes that are not listed
 * resolve to nothing, as they would in an editor without that language.
 */
export async function loadGrammar(
  scopeName: string,
  sources: Record<string, GrammarSource>,
): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (requested) => {
      const source = sources[requested];
      if (source === undefined) {
        return null;
      }
      if (typeof source === 'string') {
        return vsctm.parseRawGrammar(readFileSync(source, 'utf8'), source);
      }
      // parseRawGrammar picks its parser from the file extension, so a fake
      // .json name makes it treat the serialised object as JSON.
      return vsctm.parseRawGrammar(JSON.stringify(source), `${requested}.json`);
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) {
    throw new Error(`No grammar could be loaded for ${scopeName}`);
  }
  return grammar;
}

/** One token: a slice of a line and the scopes that apply to it, outermost first. */
export interface Token {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

/** One tokenised line. `line` is zero-based. */
export interface TokenizedLine {
  readonly line: number;
  readonly text: string;
  readonly tokens: readonly Token[];
}

/** Splits text into lines the way VS Code does, accepting \n, \r\n and \r. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Tokenises `lines` in order, carrying the rule stack from line to line as
 * the editor does. Tokenising stops with an error rather than silently if the
 * tokeniser gives up on a line, since that would hide a runaway regex.
 */
export function tokenizeLines(grammar: vsctm.IGrammar, lines: readonly string[]): TokenizedLine[] {
  const result: TokenizedLine[] = [];
  let state = vsctm.INITIAL;
  lines.forEach((text, line) => {
    const tokenized = grammar.tokenizeLine(text, state);
    if (tokenized.stoppedEarly) {
      throw new Error(`Tokenising stopped early on line ${line + 1}: ${text}`);
    }
    const tokens: Token[] = [];
    for (const token of tokenized.tokens) {
      // vscode-textmate matches against the line plus a trailing newline, so
      // the last token can reach one past the end; clamp it to the real text.
      const endIndex = Math.min(token.endIndex, text.length);
      if (endIndex <= token.startIndex) {
        continue;
      }
      tokens.push({
        startIndex: token.startIndex,
        endIndex,
        text: text.slice(token.startIndex, endIndex),
        scopes: [...token.scopes],
      });
    }
    result.push({ line, text, tokens });
    state = tokenized.ruleStack;
  });
  return result;
}

/** Tokenises a whole document given as one string. */
export function tokenizeText(grammar: vsctm.IGrammar, text: string): TokenizedLine[] {
  return tokenizeLines(grammar, splitLines(text));
}

/**
 * True when `selector` selects `scope` in the TextMate sense: the selector's
 * dot-separated segments are a prefix of the scope's, so "comment.line"
 * selects "comment.line.star.stata" but not "comment.lines".
 */
export function scopeMatches(selector: string, scope: string): boolean {
  return scope === selector || scope.startsWith(`${selector}.`);
}

/** The tokens of `line` that overlap the half-open column range [start, end). */
export function tokensInRange(line: TokenizedLine, start: number, end: number): Token[] {
  return line.tokens.filter((token) => token.startIndex < end && token.endIndex > start);
}

/**
 * Renders tokenised lines as stable, reviewable text for golden files: each
 * source line prefixed with "> ", then one row per token with its column
 * range, its text as a JSON string and its scopes. The root scope is left out
 * because it is the same on every token.
 */
export function renderTokens(lines: readonly TokenizedLine[], rootScope: string): string {
  const out: string[] = [];
  for (const line of lines) {
    out.push(`> ${line.text}`);
    for (const token of line.tokens) {
      const scopes = token.scopes.filter((scope, index) => !(index === 0 && scope === rootScope));
      const range = `${token.startIndex}-${token.endIndex}`.padEnd(8);
      out.push(`  ${range} ${JSON.stringify(token.text)} ${scopes.join(' ')}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}
