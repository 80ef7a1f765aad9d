/**
 * Inline scope assertions for grammar fixtures.
 *
 * A fixture is ordinary source code with assertion lines mixed in. An
 * assertion line is a line comment whose body starts with ^ or <, and it
 * describes the nearest source line above it:
 *
 *     gen share = pupils / total
 *     //          ^ keyword.operator.arithmetic.stata
 *     //  ^^^^^ - keyword
 *     // <--- keyword.other.command.stata
 *     // <~~~~~~~~~~~~~~~~~~~~~~~~- keyword.operator.arithmetic
 *
 * - Each ^ marks a column of the source line, counted from the start of the
 *   line (tabs count as one column), so carets sit directly under the code.
 * - Columns hidden under the comment marker are reached with <: each ~ skips
 *   one column from column 0 and each - asserts one.
 * - The scopes that follow are selectors that every marked column must carry
 *   (a selector matches a scope whose dot-separated segments it prefixes, so
 *   "comment.line" matches "comment.line.star.stata"). Selectors after a lone
 *   "-" must not apply to any marked column.
 *
 * Assertion lines are removed before the fixture is tokenised, so they never
 * change how the code around them is read. That matters for Stata, where a
 * comment line placed straight after a /// continuation would otherwise become
 * part of the continued command.
 */
import { scopeMatches, type TokenizedLine } from '../support/tmGrammar';

export interface ScopeAssertion {
  /** 1-based line number of the assertion line in the fixture file, for messages. */
  readonly assertionLineNumber: number;
  /** Index of the asserted line among the fixture's source lines. */
  readonly sourceIndex: number;
  /** Asserted columns of the source line. */
  readonly columns: readonly number[];
  readonly expected: readonly string[];
  readonly forbidden: readonly string[];
  /** The assertion line as written, for messages. */
  readonly raw: string;
}

export interface ParsedFixture {
  /** The fixture with assertion lines removed: what gets tokenised. */
  readonly sourceLines: readonly string[];
  /** 1-based line number in the fixture file of each source line. */
  readonly sourceLineNumbers: readonly number[];
  readonly assertions: readonly ScopeAssertion[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits a fixture into source lines and assertions. `lineComment` is the
 * language's line-comment marker, "//" for Stata.
 */
export function parseFixture(text: string, lineComment: string): ParsedFixture {
  const assertionLine = new RegExp(`^(\\s*)${escapeRegExp(lineComment)}(?=\\s*[\\^<])`);
  const sourceLines: string[] = [];
  const sourceLineNumbers: number[] = [];
  const assertions: ScopeAssertion[] = [];

  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    const marker = assertionLine.exec(line);
    if (!marker) {
      sourceLines.push(line);
      sourceLineNumbers.push(lineNumber);
      return;
    }
    if (sourceLines.length === 0) {
      throw new Error(`Line ${lineNumber}: an assertion needs a source line above it`);
    }
    const body = line.slice(marker[0].length);
    const bodyStart = marker[0].length;
    const columns: number[] = [];
    let rest: string;

    const arrow = /^\s*<(~*)(-+)(?=\s|$)/.exec(body);
    if (arrow) {
      const skipped = arrow[1]!.length;
      for (let column = skipped; column < skipped + arrow[2]!.length; column++) {
        columns.push(column);
      }
      rest = body.slice(arrow[0].length);
    } else {
      let offset = 0;
      while (offset < body.length && (body[offset] === '^' || body[offset] === ' ' || body[offset] === '\t')) {
        if (body[offset] === '^') {
          columns.push(bodyStart + offset);
        }
        offset++;
      }
      rest = body.slice(offset);
    }

    const words = rest.trim().split(/\s+/).filter((word) => word.length > 0);
    const dash = words.indexOf('-');
    const expected = dash === -1 ? words : words.slice(0, dash);
    const forbidden = dash === -1 ? [] : words.slice(dash + 1);
    if (columns.length === 0 || expected.length + forbidden.length === 0) {
      throw new Error(`Line ${lineNumber}: an assertion needs columns and at least one scope: ${line}`);
    }
    assertions.push({
      assertionLineNumber: lineNumber,
      sourceIndex: sourceLines.length - 1,
      columns,
      expected,
      forbidden,
      raw: line.trim(),
    });
  });

  return { sourceLines, sourceLineNumbers, assertions };
}

/**
 * Checks one assertion against the tokenised source line it refers to and
 * returns a description of each violation; an empty list means it holds.
 */
export function checkAssertion(assertion: ScopeAssertion, line: TokenizedLine): string[] {
  const failures: string[] = [];
  for (const column of assertion.columns) {
    const token = line.tokens.find((candidate) => candidate.startIndex <= column && column < candidate.endIndex);
    if (!token) {
      failures.push(`column ${column} is past the end of the line`);
      continue;
    }
    const where = `column ${column} ${JSON.stringify(token.text)} [${token.scopes.join(' ')}]`;
    for (const selector of assertion.expected) {
      if (!token.scopes.some((scope) => scopeMatches(selector, scope))) {
        failures.push(`${where} lacks ${selector}`);
      }
    }
    for (const selector of assertion.forbidden) {
      if (token.scopes.some((scope) => scopeMatches(selector, scope))) {
        failures.push(`${where} must not have ${selector}`);
      }
    }
  }
  return failures;
}
