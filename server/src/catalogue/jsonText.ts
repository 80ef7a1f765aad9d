/**
 * JSON text in, value or located problems out.
 *
 * The bundled catalogue is a few megabytes and must load in well under 100 ms, so the happy path
 * is plain JSON.parse; only when something is wrong do we build jsonc-parser's syntax tree to
 * find the line and column of the problem.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { CatalogueProblem } from './api';

export type JsonPath = readonly (string | number)[];

/** Parses JSON; on a syntax error returns every error with its line and column. */
export function parseJsonText(file: string, text: string): { value?: unknown; problems: CatalogueProblem[] } {
  if (text.trim() === '') return { problems: [{ file, path: '$', message: 'the file is empty', severity: 'error', line: 1, column: 1 }] };
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')), problems: [] };
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const lines = lineStarts(text);
    const problems = errors.map((error) => ({
      file,
      path: '$',
      message: `invalid JSON: ${printParseErrorCode(error.error)}`,
      severity: 'error' as const,
      ...position(lines, error.offset),
      offset: error.offset,
      length: error.length,
    }));
    return { problems: problems.length > 0 ? problems : [{ file, path: '$', message: 'invalid JSON', severity: 'error' }] };
  }
}

/**
 * Makes problems for JSON paths in one file, sharing one syntax tree between them.
 * A missing member has no node, so its nearest existing parent is pointed at instead.
 */
export class JsonLocator {
  readonly #file: string;
  readonly #text: string;
  #root: Node | undefined | null = null;
  #lines: number[] | undefined;

  constructor(file: string, text: string) {
    this.#file = file;
    this.#text = text;
  }

  problem(path: JsonPath, message: string, severity: CatalogueProblem['severity'] = 'error'): CatalogueProblem {
    const base = { file: this.#file, path: formatJsonPath(path), message, severity };
    if (this.#root === null) this.#root = parseTree(this.#text);
    const root = this.#root;
    if (!root) return base;
    let node: Node | undefined;
    for (let depth = path.length; !node && depth >= 0; depth--) node = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    // Point at the property name when there is one: that is what a person looks for.
    const anchor = node?.parent?.type === 'property' ? node.parent : node;
    if (!anchor) return base;
    this.#lines ??= lineStarts(this.#text);
    return { ...base, ...position(this.#lines, anchor.offset), offset: anchor.offset, length: anchor.length };
  }
}

/** `$.tables[3].columns[12].codes`; keys that are not identifiers are quoted. */
export function formatJsonPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
      .join('')
  );
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

/** 1-based line and column of an offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}
