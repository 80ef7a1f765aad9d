/**
 * Completion in a do-file: variable names of the dataset in memory where a command reads a varlist or an
 * expression, and the SQL front end's completion inside `odbc load, exec("…")`. Nothing is offered where a name
 * is being made up (`local`, `generate` before its `=`), inside other strings, or in comments.
 */
import type { CompletionEntry, CompletionResult } from '../../types';
import type { Dataset } from '../dataset/dataset';
import type { RawCommand } from '../syntax/lexer';
import { canonicalCommand } from '../syntax/names';
import type { StataAnalysisData } from './data';
import { commandAt, datasetBefore, inSpans } from './data';
import { variableMarkdown } from './hover';

const EMPTY: CompletionResult = { items: [], isIncomplete: false };

/** Commands whose arguments are not variables. */
const NO_VARIABLES = new Set([
  'local', 'global', 'odbc', 'use', 'save', 'saveold', 'import', 'insheet', 'cd', 'log', 'set', 'program', 'display', 'tempfile', 'tempvar',
  'tempname', 'scalar', 'matrix', 'macro', 'do', 'run', 'include', 'ssc', 'net', 'help', 'which', 'clear', 'preserve', 'restore', 'frame', 'cwf',
  'estimates', 'eststo', 'esttab', 'outreg2', 'putexcel', 'capture', 'quietly', 'noisily', 'version', 'exit', 'end', '#delimit',
]);

/** Commands whose first argument is a name being made, before `=`. */
const MAKES_NAME = new Set(['generate', 'egen', 'clonevar']);

export function complete(data: StataAnalysisData, offset: number): CompletionResult {
  for (const query of data.embedded) {
    if (offset >= query.start && offset <= query.end) return query.analysis.complete(offset) ?? EMPTY;
  }
  if (inSpans(data.comments, offset) || inSpans(data.strings, offset, true)) return EMPTY;
  const command = commandAt(data.commands, offset);
  const dataset = datasetBefore(data, command, offset);
  if (dataset === undefined) return EMPTY;
  const wordStart = startOfWord(data.text, offset);
  if (command !== undefined && !variablePosition(command, wordStart, data.text)) return EMPTY;
  if (command === undefined) return EMPTY;
  return { items: items(dataset, wordStart, offset), isIncomplete: false };
}

function startOfWord(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /[A-Za-z0-9_]/.test(text[i - 1]!)) i--;
  return i;
}

/** True when the word at `at` is an argument that names variables. */
function variablePosition(command: RawCommand, at: number, text: string): boolean {
  const tokens = command.tokens;
  // Skip the prefixes: the command's name is the first word after the last prefix colon or prefix word.
  let nameIndex = -1;
  let depth = 0;
  let afterColon = -1;
  for (let i = 0; i < tokens.length && tokens[i]!.start < at; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen') depth++;
    else if (t.kind === 'rparen') depth--;
    else if (t.kind === 'colon' && depth === 0) afterColon = i;
  }
  for (let i = afterColon + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    if (/^(?:qui|quietly|noi|noisily|cap|capture)$/i.test(t.value)) continue;
    nameIndex = i;
    break;
  }
  const nameToken = tokens[nameIndex];
  // Typing a `by` prefix names variables too.
  if (afterColon < 0 && /^by(s(o(r(t)?)?)?)?$/i.test(tokens[0]?.value ?? '') && at > tokens[0]!.end) return true;
  if (nameToken === undefined || at <= nameToken.end) return false;
  const name = canonicalCommand(nameToken.value);
  if (NO_VARIABLES.has(name)) return false;
  const before = tokens.filter((t) => t.end <= at && tokens.indexOf(t) > nameIndex);
  if (MAKES_NAME.has(name) && !before.some((t) => t.kind === 'equals')) return false;
  if (before.some((t) => t.kind === 'word' && t.value.toLowerCase() === 'using')) return false;
  // After the comma, option names are typed outside parentheses; their arguments may be variables.
  const comma = before.findIndex((t) => t.kind === 'comma');
  if (comma >= 0) {
    let open = 0;
    for (const t of before.slice(comma)) {
      if (t.kind === 'lparen') open++;
      else if (t.kind === 'rparen') open--;
    }
    return open > 0;
  }
  void text;
  return true;
}

function items(dataset: Dataset, start: number, end: number): CompletionEntry[] {
  return dataset.vars.map((v, i) => ({
    label: v.name,
    kind: 'column' as const,
    detail: v.origin,
    documentation: variableMarkdown(v, dataset),
    sortText: String(i).padStart(5, '0'),
    replaceStart: start,
    replaceEnd: end,
  }));
}
