/**
 * Turns JSON text into a value plus errors that point at lines and columns, and finds where a
 * JSON path (as zod reports it) sits in the text. Config and catalogue files are both reported
 * this way, so users are sent to the exact place that is wrong.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from './lineIndex';

export interface JsonProblem {
  readonly file: string;
  /** A JSON path such as `$.severity.LEO102`; `$` for the whole document. */
  readonly path: string;
  readonly message: string;
  /** 1-based line and column, when the place is known. */
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  readonly length?: number;
}

export interface ParsedJson {
  readonly value: unknown;
  readonly problems: readonly JsonProblem[];
}

/** Parses JSON (comments and trailing commas are reported, not accepted). Never throws. */
export function parseJsonWithProblems(file: string, text: string, allowComments = false): ParsedJson {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: allowComments, disallowComments: !allowComments });
  const lines = new LineIndex(text);
  const problems = errors.map((error) => {
    const position = lines.positionAt(error.offset);
    return {
      file,
      path: '$',
      message: `invalid JSON: ${describeParseError(printParseErrorCode(error.error))}`,
      line: position.line + 1,
      column: position.character + 1,
      offset: error.offset,
      length: error.length,
    };
  });
  if (problems.length > 0 || !root) {
    return { value: undefined, problems: problems.length > 0 ? problems : [{ file, path: '$', message: 'the file is empty', line: 1, column: 1 }] };
  }
  return { value: nodeValue(text), problems: [] };
}

/** Locates a path (array of keys and indices, as in zod issues) in the JSON text. */
export function locateJsonPath(file: string, text: string, path: readonly (string | number)[], message: string): JsonProblem {
  const root = parseTree(text);
  const lines = new LineIndex(text);
  let node = root ? findNodeAtLocation(root, path as (string | number)[]) : undefined;
  // A missing property has no node; point at its parent object instead, which is where it should go.
  for (let depth = path.length - 1; !node && root && depth >= 0; depth--) {
    node = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
  }
  // Point at the property name when there is one, because that is what a person recognises.
  const anchor = node?.parent?.type === 'property' ? node.parent : node;
  const base = { file, path: formatJsonPath(path), message };
  if (!anchor) return base;
  const position = lines.positionAt(anchor.offset);
  return { ...base, line: position.line + 1, column: position.character + 1, offset: anchor.offset, length: anchor.length };
}

export function formatJsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(String(key)) ? `.${String(key)}` : `[${JSON.stringify(String(key))}]`)).join('');
}

function nodeValue(text: string): unknown {
  // jsonc-parser's tree is exact but slow to turn into values; JSON.parse is safe here because
  // the text has already parsed without errors.
  return JSON.parse(text);
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
