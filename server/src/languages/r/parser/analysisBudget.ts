/**
 * How much of an R document is analysed. On a document longer than any script a person writes (a pasted data
 * dump, a generated file), following frames and building the dataflow model stop at the first top-level
 * statement that ends past the budget, and the parse stops a margin after it. The rest gets one info LEO000
 * note, so the editor stays responsive and nothing is left out in silence.
 *
 * The budget is in characters and in tokens, whichever comes first. Parsing, copying and walking the tree cost
 * per token, not per character: a call with fifty thousand one-letter arguments costs several times what the
 * same length of ordinary R does, so a character budget alone would let such a text take seconds.
 */
import type { RNode } from './syntaxTree';

/** About 12,000 lines of ordinary R; the largest real LEO scripts we have seen are a tenth of that. */
export const MAX_ANALYSED_CHARACTERS = 500_000;

/**
 * Tokens as `budgetOf` counts them. Ordinary R has about a quarter of a token per character, so this lets a
 * dense text cost no more than the character budget does of ordinary R.
 */
export const MAX_ANALYSED_TOKENS = 160_000;

/** The margin parsed past the budget, so the statement that straddles it is parsed whole. */
const PARSE_MARGIN_CHARACTERS = 50_000;
const PARSE_MARGIN_TOKENS = 16_000;

/** How much is parsed at most: the character budget and its margin. */
export const MAX_PARSED_CHARACTERS = MAX_ANALYSED_CHARACTERS + PARSE_MARGIN_CHARACTERS;

/** Where a document's budget ends, and which budget ends it (none: the whole document is within both). */
export interface Budget {
  /** Statements that end past this offset are not analysed. */
  readonly analysedEnd: number;
  /** The parse reads the text up to here. */
  readonly parsedEnd: number;
  readonly limit?: 'characters' | 'tokens';
}

/** The last two texts' budgets: an edit asks for the new text's and the previous one's. */
const recent: { text: string; budget: Budget }[] = [];

/**
 * The budget of a text, in one pass over at most its parsed part. A token starts at each run of letters, digits,
 * dots and underscores and at each other character that is not white space, and a string is one token: an
 * estimate (comments count their words, raw strings are read as plain ones), but one that grows with what
 * tree-sitter and the walks have to do.
 */
export function budgetOf(text: string): Budget {
  for (const entry of recent) if (entry.text === text) return entry.budget;
  let tokens = 0;
  let previous = 0;
  let analysedEnd = -1;
  let limit: Budget['limit'];
  let parsedEnd = Math.min(text.length, MAX_PARSED_CHARACTERS);
  // A rough reading of strings and comments, so that a string counts once and a quote in a comment opens none.
  let quote = 0;
  let comment = false;
  for (let i = 0; i < parsedEnd; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      // A string is one token, its opening quote, however long it is: tree-sitter reads it as one.
      if (code === 92) i++;
      else if (code === quote) quote = 0;
      previous = 0;
      continue;
    }
    if (comment) {
      if (code === 10) comment = false;
    } else if (code === 34 || code === 39 || code === 96) {
      quote = code;
    } else if (code === 35) {
      comment = true;
    }
    const kind = code === 32 || code === 10 || code === 13 || code === 9 ? 0 : isWordCode(code) ? 1 : 2;
    if (kind !== 0 && (kind !== previous || kind === 2)) {
      tokens++;
      if (tokens > MAX_ANALYSED_TOKENS && analysedEnd < 0) {
        analysedEnd = i;
        limit = 'tokens';
      }
      if (tokens > MAX_ANALYSED_TOKENS + PARSE_MARGIN_TOKENS) {
        parsedEnd = i;
        break;
      }
    }
    previous = kind;
  }
  if (analysedEnd < 0 && text.length > MAX_ANALYSED_CHARACTERS) {
    analysedEnd = MAX_ANALYSED_CHARACTERS;
    limit = 'characters';
  }
  const budget: Budget = analysedEnd < 0 ? { analysedEnd: text.length, parsedEnd } : { analysedEnd, parsedEnd, limit };
  recent.unshift({ text, budget });
  recent.length = Math.min(recent.length, 2);
  return budget;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46 || code === 95 || code > 127;
}

/** The budget each parsed root was made under; the parser notes it (`noteBudget`). */
const budgets = new WeakMap<RNode, Budget>();

export function noteBudget(root: RNode, budget: Budget): void {
  budgets.set(root, budget);
}

/** The budget a root was parsed under; a root made otherwise (a test's) has the character budget. */
export function budgetOfRoot(root: RNode): Budget {
  return budgets.get(root) ?? { analysedEnd: MAX_ANALYSED_CHARACTERS, parsedEnd: MAX_PARSED_CHARACTERS, limit: 'characters' };
}

const cuts = new WeakMap<RNode, RNode | null>();

/**
 * The first top-level statement that is not analysed, or undefined when the whole document is: the walks stop
 * before it.
 */
export function firstUnanalysed(root: RNode): RNode | undefined {
  const known = cuts.get(root);
  if (known !== undefined) return known ?? undefined;
  const end = budgetOfRoot(root).analysedEnd;
  let cut: RNode | null = null;
  for (const child of root.children) {
    if (child.end > end) {
      cut = child;
      break;
    }
  }
  cuts.set(root, cut);
  return cut ?? undefined;
}
