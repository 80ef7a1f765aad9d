/**
 * How much of a Python document is analysed. On a document longer than any script a person writes (a pasted
 * data dump, a generated file), the analysis stops at the first top-level statement that ends past
 * `MAX_ANALYSED_CHARACTERS`, and the parse stops a margin after that; the rest gets one info LEO000 note.
 */

/** About 15,000 lines of ordinary Python, ten times the longest LEO analysis script we have seen. */
export const MAX_ANALYSED_CHARACTERS = 600_000;

/**
 * The longest string read as SQL. The T-SQL analysis of one query grows faster than its length on pathological
 * SQL (a FROM list of a hundred thousand sources), and a real query is a few thousand characters; a longer string
 * is neither extracted into the model nor given the SQL features, and it gets an info LEO000 note instead.
 */
export const MAX_QUERY_CHARACTERS = 50_000;

/** How much is parsed: the budget and a margin, so the statement that straddles the budget is parsed whole. */
export const MAX_PARSED_CHARACTERS = MAX_ANALYSED_CHARACTERS + 50_000;

/**
 * How deep the copy of the tree goes. The evaluator recurses along the tree, so an expression nested thousands of
 * levels deep would overflow the stack; below this depth a subtree is kept as one opaque `too_deep` leaf and its
 * statement gets a LEO000 note. A Python call is three levels (call, argument list, argument): 150 nested calls.
 */
export const MAX_TREE_DEPTH = 450;

/**
 * How long tree-sitter may take over one parse. Error recovery can take seconds on mangled input; past this it
 * gives up and the document gets a note instead of a frozen editor.
 */
export const PARSE_TIME_LIMIT_MS = 1000;
