/**
 * Allow comments: `leo-lens: allow SDC010 -- reason` on the line of a finding or the line before it (or the
 * line before the statement that holds it), and
 * `leo-lens: allow-file SDC025 -- reason` anywhere in the file. Output checkers ask for justifications, so
 * every allowance keeps its reason for the pre-submission report, and an allowance without a reason is itself
 * a finding (SDC000), while it still silences what it names.
 */
import type { Finding } from '../model/findings';
import type { Span, TextSpan } from '../dataflow/model';

export const ALLOW_MARKER = 'leo-lens:';
export const ALLOW_CODE = 'SDC000';

export interface Allowance {
  /** The codes it allows, upper case. */
  readonly codes: readonly string[];
  /** The justification; undefined when missing or left as the placeholder. */
  readonly reason?: string;
  readonly scope: 'line' | 'file';
  /** The directive inside the comment. */
  readonly start: number;
  readonly end: number;
  /** Zero-based line of the directive. */
  readonly line: number;
  /** The findings it silenced. */
  readonly silenced: readonly Finding[];
}

interface Directive {
  readonly codes: readonly string[];
  readonly unknownCodes: readonly string[];
  readonly reason?: string;
  readonly scope: 'line' | 'file';
  readonly start: number;
  readonly end: number;
  /** Zero-based lines of the comment holding it (first and last). */
  readonly firstLine: number;
  readonly lastLine: number;
}

const DIRECTIVE = /leo-lens:\s*(allow-file|allow)\b[ \t]*([A-Za-z0-9, \t]*?)[ \t]*(?:--[ \t]*([^\r\n]*?))?[ \t]*(?:\*\/)?[ \t]*$/im;
const PLACEHOLDER = /^(?:<[^>]*>|reason|todo|tbc|\.\.\.|…)$/i;

/** The reason text the quick fix inserts; it counts as missing until the user replaces it. */
export const REASON_PLACEHOLDER = '<reason>';

export interface AllowResult {
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
}

/**
 * Applies the allow comments found in `comments` to `findings`: silenced findings are removed and recorded on
 * their allowance; directives without a reason (or naming no known code) add an SDC000 finding.
 */
export function applyAllowComments(
  text: string,
  comments: readonly TextSpan[],
  findings: readonly Finding[],
  knownCodes: ReadonlySet<string>,
  lineOf: (offset: number) => number,
  severity: Finding['severity'] | 'off',
  statements: readonly Span[] = [],
): AllowResult {
  const directives = comments.filter((c) => c.kind === 'comment').flatMap((c) => parseDirectives(text, c, knownCodes, lineOf));
  const silenced = directives.map(() => [] as Finding[]);
  const kept: Finding[] = [];
  // A directive on the line before a statement covers the whole statement (a multi-line query, a long pipeline).
  const statementsByLine = new Map<number, Span[]>();
  for (const statement of statements) {
    const line = lineOf(statement.start);
    const list = statementsByLine.get(line);
    if (list === undefined) statementsByLine.set(line, [statement]);
    else list.push(statement);
  }
  const covered = directives.map((d) => statementsByLine.get(d.lastLine + 1) ?? []);
  for (const finding of findings) {
    const line = lineOf(finding.start);
    const index = directives.findIndex((d, i) => d.codes.includes(finding.code)
      && (d.scope === 'file' || (line >= d.firstLine && line <= d.lastLine + 1)
        || covered[i]!.some((s) => finding.start >= s.start && finding.start < s.end)));
    if (index >= 0 && finding.code !== ALLOW_CODE) silenced[index]!.push(finding);
    else kept.push(finding);
  }
  const allowances: Allowance[] = directives.map((d, i) => ({
    codes: d.codes,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
    scope: d.scope,
    start: d.start,
    end: d.end,
    line: d.firstLine,
    silenced: silenced[i]!,
  }));
  if (severity !== 'off') {
    for (const d of directives) {
      const problem = directiveProblem(d);
      if (problem !== undefined) kept.push({ code: ALLOW_CODE, severity, message: problem, start: d.start, end: d.end });
    }
  }
  return { findings: kept, allowances };
}

function directiveProblem(d: Directive): string | undefined {
  if (d.unknownCodes.length > 0) {
    return `This allow comment names ${d.unknownCodes.map((c) => `\`${c}\``).join(', ')}, which ${d.unknownCodes.length === 1 ? 'is' : 'are'} not an SDC rule; write the code of the finding it allows (such as SDC010).`;
  }
  if (d.codes.length === 0) return 'This allow comment names no rule; write the code of the finding it allows, such as `leo-lens: allow SDC010 -- reason`.';
  if (d.reason === undefined) {
    return `This allow comment gives no reason. Output checkers ask for a justification: write it after \`--\`, as in \`leo-lens: allow ${d.codes[0]} -- national totals, every cell above 1,000\`.`;
  }
  return undefined;
}

function parseDirectives(text: string, comment: TextSpan, knownCodes: ReadonlySet<string>, lineOf: (offset: number) => number): Directive[] {
  const body = text.slice(comment.start, comment.end);
  const at = body.indexOf(ALLOW_MARKER);
  if (at < 0) return [];
  const match = DIRECTIVE.exec(body.slice(at));
  if (match === null) return [];
  const words = (match[2] ?? '').split(/[\s,]+/).filter((w) => w.length > 0).map((w) => w.toUpperCase());
  const codes = words.filter((w) => knownCodes.has(w));
  const unknownCodes = words.filter((w) => !knownCodes.has(w));
  const rawReason = (match[3] ?? '').trim();
  const reason = rawReason.length > 0 && !PLACEHOLDER.test(rawReason) ? rawReason : undefined;
  const start = comment.start + at;
  const span: Span = { start, end: start + match[0].replace(/[ \t]*(?:\*\/)?[ \t]*$/, '').length };
  return [{
    codes,
    unknownCodes,
    ...(reason !== undefined ? { reason } : {}),
    scope: match[1]!.toLowerCase() === 'allow-file' ? 'file' : 'line',
    start: span.start,
    end: span.end,
    firstLine: lineOf(comment.start),
    lastLine: lineOf(Math.max(comment.start, comment.end - 1)),
  }];
}

/** The edit that inserts an allow comment above the line of `offset`, keeping its indentation. */
export function allowCommentEdit(
  text: string,
  offset: number,
  code: string,
  commentPrefix: string,
  lineStartOf: (offset: number) => number = (at) => scanToLineStart(text, at),
  newline: string = newlineOf(text),
): { start: number; end: number; newText: string } {
  const lineStart = lineStartOf(offset);
  let indentEnd = lineStart;
  while (indentEnd < text.length && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
  const indent = text.slice(lineStart, indentEnd);
  return { start: lineStart, end: lineStart, newText: `${indent}${commentPrefix} leo-lens: allow ${code} -- ${REASON_PLACEHOLDER}${newline}` };
}

/** The line break the file uses, so an inserted comment line matches the lines around it. */
export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function scanToLineStart(text: string, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  return lineStart;
}
