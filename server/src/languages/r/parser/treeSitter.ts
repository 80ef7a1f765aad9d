/**
 * Loads the tree-sitter R grammar once and turns R text into an RNode tree.
 * Loading reads the two WebAssembly files from disk (never from the network); it is the only I/O of
 * the R front end, and it happens in `initialiseRParser`, which the server and the CLI await first.
 */
import Parser from 'web-tree-sitter';
import { type Converted, convert, convertExact, type NodeTables, type Reuse } from './convert';
import { budgetOf, noteBudget } from './analysisBudget';
import { findEdit, treeSitterEdit } from './textEdit';
import { RNode } from './syntaxTree';
import { loadGrammar, sharedLoad } from '../../embedded/treeSitterGrammar';
import { R_GRAMMAR_WASM } from '../../embedded/wasmFiles';

/** A parsed R document. */
export type RSyntax = Converted;

/** A loaded R parser. `parse` never throws: a parser failure yields an empty program. */
export interface RParser {
  /** The ABI version the grammar was generated for (14 for the pinned pair). */
  readonly languageVersion: number;
  /** The syntax tree alone (other modules read it: keep this signature stable). */
  parse(text: string): RNode;
  /**
   * The syntax tree with the statements that hold errors. When `previousText` is the text this parser last
   * parsed with `parseSyntax`, tree-sitter re-parses incrementally and the top-level statements the edit did
   * not touch are taken over from the previous tree instead of being copied out of WebAssembly again.
   */
  parseSyntax(text: string, previousText?: string): RSyntax;
  /** Parses with the exact (slow) conversion, for tests that compare the two. */
  parseExact(text: string): RSyntax;
  /** Changes how long one parse may take (tests shorten it to see the parser give up); returns the old limit. */
  setTimeLimit(milliseconds: number): number;
}

const shared = sharedLoad(load);

/**
 * Loads the runtime and the grammar. Repeated calls share one load; a failed load may be retried.
 * `directory` overrides where the files are looked for first (tests use it to mimic `dist/`).
 */
export function initialiseRParser(directory?: string): Promise<RParser> {
  return shared.initialise(directory);
}

/** The parser once `initialiseRParser` has finished, else undefined. */
export function loadedRParser(): RParser | undefined {
  return shared.loaded();
}

async function load(directory?: string): Promise<RParser> {
  const { language, parser, tables, setTimeLimit } = await loadGrammar(R_GRAMMAR_WASM, PARSE_TIME_LIMIT_MS, directory);
  const kept = new KeptTree();
  return {
    languageVersion: language.version,
    parse: (text: string): RNode => withinBudget(text, (parsed) => parseWith(parser, parsed, (tree) => convert(tree, parsed, tables))).root,
    parseSyntax: (text: string, previousText?: string): RSyntax =>
      withinBudget(text, (parsed) => kept.parse(parser, tables, parsed, previousText !== undefined ? parsedPart(previousText) : undefined)),
    parseExact: (text: string): RSyntax => withinBudget(text, (parsed) => parseWith(parser, parsed, (tree) => convertExact(tree, tables))),
    setTimeLimit,
  };
}

/**
 * The part of a document that is parsed: all of it, up to a margin past the analysis budget. Statements past
 * the budget are not analysed (see analysisBudget.ts), so parsing them would only cost time; the margin lets
 * the statement that straddles the budget be parsed whole.
 */
function parsedPart(text: string): string {
  const end = budgetOf(text).parsedEnd;
  return end < text.length ? text.slice(0, end) : text;
}

/** Parses the document's parsed part and notes the budget on the root, where the walks read it. */
function withinBudget(text: string, parse: (parsed: string) => RSyntax): RSyntax {
  const budget = budgetOf(text);
  const syntax = parse(budget.parsedEnd < text.length ? text.slice(0, budget.parsedEnd) : text);
  noteBudget(syntax.root, budget);
  return syntax;
}

/**
 * How long tree-sitter may take over one parse. Its error recovery can take seconds on mangled input (a long
 * line of stray brackets); past this it gives up, and the document gets a note instead of a frozen editor.
 * An ordinary document within the analysis budget parses in a fraction of it.
 */
export const PARSE_TIME_LIMIT_MS = 1000;

function parseWith(parser: Parser, text: string, copy: (tree: Parser.Tree) => RSyntax): RSyntax {
  let tree: Parser.Tree | undefined;
  try {
    tree = parser.parse(text);
    return copy(tree);
  } catch (error) {
    return abandonedParse(parser, text, error, tree === undefined);
  } finally {
    tree?.delete();
  }
}

/**
 * The empty syntax of a parse that did not finish. Tree-sitter throws when it runs out of time, and would
 * resume that parse on the next call, so it is reset first.
 */
function abandonedParse(parser: Parser, text: string, error: unknown, inParser: boolean): RSyntax {
  parser.reset();
  const abandoned = inParser
    ? { reason: `the R parser gave up after ${parser.getTimeoutMicros() / 1000} ms on this text`, cause: 'limit' as const }
    : { reason: error instanceof Error ? error.message : String(error), cause: 'error' as const };
  return { root: new RNode('program', 0, text.length, undefined, true, false, []), broken: new Set(), walk: 'exact', abandoned };
}

/**
 * The last tree `parseSyntax` made, kept in WebAssembly memory with its copy so that the next version of the
 * same document can be parsed incrementally. Only one is kept: any other parse replaces it, and a text that is
 * not the kept one's gets a full parse, so a stale tree is never used.
 */
class KeptTree {
  #last: { readonly text: string; readonly tree: Parser.Tree; readonly syntax: RSyntax } | undefined;

  parse(parser: Parser, tables: NodeTables, text: string, previousText: string | undefined): RSyntax {
    const last = this.#last;
    this.#last = undefined;
    let tree: Parser.Tree | undefined;
    try {
      let reuse: Reuse | undefined;
      if (last !== undefined && previousText !== undefined && last.text === previousText) {
        const edit = findEdit(last.text, text);
        if (edit === undefined) {
          // The same text again: the previous tree is the answer.
          this.#last = last;
          return last.syntax;
        }
        last.tree.edit(treeSitterEdit(last.text, text, edit));
        tree = parser.parse(text, last.tree);
        reuse = { previous: last.syntax, edit };
      } else {
        tree = parser.parse(text);
      }
      const parsed = tree;
      const syntax = convert(parsed, text, tables, reuse);
      this.#last = { text, tree: parsed, syntax };
      tree = undefined;
      return syntax;
    } catch (error) {
      return abandonedParse(parser, text, error, tree === undefined);
    } finally {
      tree?.delete();
      if (last !== undefined && this.#last !== last) last.tree.delete();
    }
  }
}
