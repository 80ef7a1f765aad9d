/**
 * The Stata command parser: prefixes (`by x:`, `bysort x (y):`, `quietly`, `capture`, `noisily`, `xi:`, `svy:`,
 * `frame f:`), the command's name and sub-command, its arguments, `if`, `in`, `using`, a weight and the options
 * after the comma, all as token ranges; and the block structure of `{ … }` and `program define … end`.
 * It reads each command once from left to right, keeps blocks on an explicit stack, and never throws.
 */
import type { Command, OptionNode, Prefix, Range, Statement, WeightKind, WeightNode } from './ast';
import type { RawCommand, Token } from './lexer';
import { canonicalCommand } from './names';

/** Blocks nested deeper than this are read as if flat, so that no later walk can overflow the stack. */
export const MAX_BLOCK_DEPTH = 64;

/** Commands whose second word names what they do. */
const TWO_WORD = new Set(['odbc', 'graph', 'export', 'import', 'label', 'duplicates', 'frame', 'frames', 'estimates', 'program', 'macro', 'file', 'putexcel', 'matrix', 'scalar', 'reshape', 'capture', 'collect', 'twoway', 'tsset', 'xtset', 'sts', 'st', 'mi', 'svy', 'esttab', 'eststo']);
const SUBCOMMANDS = new Set([
  'load', 'exec', 'insert', 'query', 'describe', 'list', 'export', 'save', 'use', 'combine', 'bar', 'hbar', 'box', 'hbox', 'twoway', 'pie', 'dot', 'matrix',
  'delimited', 'excel', 'sas', 'spss', 'sasxport', 'define', 'values', 'variable', 'var', 'data', 'drop', 'report', 'tag', 'examples',
  'create', 'change', 'copy', 'rename', 'put', 'get', 'dir', 'pwf', 'reset', 'store', 'restore', 'table', 'stats', 'long', 'wide',
  'scatter', 'line', 'connected', 'area', 'lfit', 'qfit', 'histogram', 'kdensity', 'set', 'graph', 'dir', 'clear', 'dta', 'set',
]);

const WEIGHTS: Readonly<Record<string, WeightKind>> = {
  fw: 'fweight', fweight: 'fweight', frequency: 'fweight', aw: 'aweight', aweight: 'aweight', cellsize: 'aweight',
  pw: 'pweight', pweight: 'pweight', iw: 'iweight', iweight: 'iweight', weight: 'weight',
};

/** Commands whose arguments contain `in` or `using` words that are not the `in` range or a file (`foreach x in a b`). */
const FREE_ARGUMENTS = new Set(['foreach', 'forvalues', 'while', 'local', 'global', 'display', 'if', 'else', 'program', 'macro', 'scalar', 'matrix', 'assert', 'file', 'end']);

const PREFIX_WORDS: Readonly<Record<string, Exclude<Prefix['kind'], 'by'>>> = {
  qui: 'quietly', quie: 'quietly', quiet: 'quietly', quietl: 'quietly', quietly: 'quietly',
  noi: 'noisily', nois: 'noisily', noisi: 'noisily', noisil: 'noisily', noisily: 'noisily',
  cap: 'capture', capt: 'capture', captu: 'capture', captur: 'capture', capture: 'capture',
  xi: 'xi', svy: 'svy', eststo: 'eststo', estpost: 'estpost',
  bootstrap: 'other', jackknife: 'other', statsby: 'other', mi: 'other', nestreg: 'other', stepwise: 'other', rolling: 'other', simulate: 'other', timer: 'other', version: 'other',
};

function word(token: Token | undefined): string | undefined {
  return token?.kind === 'word' ? token.value.toLowerCase() : undefined;
}

/** Index of the closing parenthesis matching the one at `open`, or `limit` when it is missing. */
export function closing(tokens: readonly Token[], open: number, limit = tokens.length, openKind: Token['kind'] = 'lparen', closeKind: Token['kind'] = 'rparen'): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const kind = tokens[i]!.kind;
    if (kind === openKind) depth++;
    else if (kind === closeKind && --depth === 0) return i;
  }
  return limit;
}

/** Index of the first token of `kind` outside brackets in [from, to), or -1. */
function topLevelAt(tokens: readonly Token[], from: number, kind: Token['kind'], to = tokens.length): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen' || t.kind === 'lbracket') depth++;
    else if (t.kind === 'rparen' || t.kind === 'rbracket') depth--;
    else if (depth === 0 && t.kind === kind) return i;
  }
  return -1;
}

function colonAt(tokens: readonly Token[], from: number): number {
  return topLevelAt(tokens, from, 'colon');
}

function readPrefixes(tokens: readonly Token[]): { prefixes: Prefix[]; next: number } {
  const prefixes: Prefix[] = [];
  let i = 0;
  // Each pass takes one prefix, so the loop runs at most once per token.
  while (i < tokens.length) {
    const w = word(tokens[i]);
    if (w === undefined) break;
    if (w === 'by' || w === 'bys' || w === 'byso' || w === 'bysor' || w === 'bysort') {
      const colon = colonAt(tokens, i + 1);
      if (colon < 0) break;
      let varsEnd = colon;
      let sortVars: Range | undefined;
      for (let j = i + 1; j < colon; j++) {
        const t = tokens[j]!;
        if (t.kind === 'lparen') {
          const close = closing(tokens, j, colon);
          sortVars = { from: j + 1, to: close };
          varsEnd = Math.min(varsEnd, j);
          j = close;
        } else if (t.kind === 'comma') {
          varsEnd = Math.min(varsEnd, j);
          break;
        }
      }
      const sort = w !== 'by' || tokens.slice(i + 1, colon).some((t) => t.kind === 'word' && t.value.toLowerCase() === 'sort');
      prefixes.push({ kind: 'by', vars: { from: i + 1, to: varsEnd }, ...(sortVars ? { sortVars } : {}), sort, start: tokens[i]!.start, end: tokens[colon]!.end });
      i = colon + 1;
      continue;
    }
    if (w === 'frame' && tokens[i + 1]?.kind === 'word' && tokens[i + 2]?.kind === 'colon') {
      prefixes.push({ kind: 'frame', name: tokens[i + 1]!.value, start: tokens[i]!.start, end: tokens[i + 2]!.end });
      i += 3;
      continue;
    }
    const kind = PREFIX_WORDS[w];
    if (kind === undefined) break;
    // Prefixes that take options or a name end at their colon (`svy, subpop(x):`, `eststo m1:`); others at their word.
    const needsColon = kind === 'xi' || kind === 'svy' || kind === 'eststo' || kind === 'other';
    if (needsColon) {
      const colon = colonAt(tokens, i + 1);
      if (kind === 'eststo' || kind === 'other' || kind === 'svy') {
        if (colon < 0) break;
        // What comes before the colon, as a command's arguments and options (`statsby n = r(N), by(la) clear:`).
        const comma = topLevelAt(tokens, i + 1, 'comma', colon);
        const args = { from: i + 1, to: comma < 0 ? colon : comma };
        const options = comma < 0 ? [] : readOptions(tokens, comma + 1, colon);
        prefixes.push({ kind, name: w, start: tokens[i]!.start, end: tokens[colon]!.end, args, options });
        i = colon + 1;
        continue;
      }
      if (tokens[i + 1]?.kind === 'colon') {
        prefixes.push({ kind, name: w, start: tokens[i]!.start, end: tokens[i + 1]!.end });
        i += 2;
        continue;
      }
      prefixes.push({ kind, name: w, start: tokens[i]!.start, end: tokens[i]!.end });
      i += 1;
      continue;
    }
    const hasColon = tokens[i + 1]?.kind === 'colon';
    prefixes.push({ kind, name: w, start: tokens[i]!.start, end: tokens[hasColon ? i + 1 : i]!.end });
    i += hasColon ? 2 : 1;
  }
  return { prefixes, next: i };
}

function isWeightOpen(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (t?.kind !== 'lbracket') return false;
  const w = word(tokens[i + 1]);
  return w !== undefined && WEIGHTS[w] !== undefined && tokens[i + 2]?.kind === 'equals';
}

function readOptions(tokens: readonly Token[], from: number, to: number): OptionNode[] {
  const options: OptionNode[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (t.kind !== 'word') {
      i++;
      continue;
    }
    const next = tokens[i + 1];
    if (next?.kind === 'lparen' && !next.spaced) {
      const close = closing(tokens, i + 1, to);
      options.push({ name: t, args: { from: i + 2, to: close }, start: t.start, end: tokens[Math.min(close, to - 1)]!.end });
      i = close + 1;
      continue;
    }
    options.push({ name: t, start: t.start, end: t.end });
    i++;
  }
  return options;
}

interface Sections {
  section: 'args' | 'if' | 'in' | 'using' | 'done';
  from: number;
  argsTo: number;
  ifExp?: Range;
  inRange?: Range;
  using?: Range;
}

function closeSection(s: Sections, at: number): void {
  if (s.section === 'args') s.argsTo = Math.min(s.argsTo, at);
  else if (s.section === 'if') s.ifExp = { from: s.from, to: at };
  else if (s.section === 'in') s.inRange = { from: s.from, to: at };
  else if (s.section === 'using') s.using = { from: s.from, to: at };
}

/** Parses one command's tokens. */
export function parseCommand(tokens: readonly Token[], start: number, end: number): Command {
  const closesBlock = tokens[0]?.kind === 'rbrace';
  const offset = closesBlock ? 1 : 0;
  const body = closesBlock ? tokens.slice(1) : tokens;
  const opensBlock = tokens.length > 0 && tokens[tokens.length - 1]!.kind === 'lbrace';
  const limit = tokens.length - (opensBlock ? 1 : 0);
  const { prefixes, next } = readPrefixes(body);
  let i = next + offset;
  const nameToken = tokens[i];
  if (nameToken === undefined || i >= limit || (nameToken.kind !== 'word' && !(nameToken.kind === 'other' && nameToken.value === '#'))) {
    return { start, end, tokens, prefixes, options: [], opensBlock, closesBlock, name: '', args: { from: i, to: Math.max(i, limit) } };
  }
  const name = nameToken.kind === 'word' ? canonicalCommand(nameToken.value) : `#${tokens[i + 1]?.value.toLowerCase() ?? ''}`;
  const nameIndex = i;
  i++;
  if (name.startsWith('#')) i++;
  let sub: string | undefined;
  const second = word(tokens[i]);
  if (TWO_WORD.has(name) && second !== undefined && (SUBCOMMANDS.has(second) || name === 'graph' || name === 'frame' || name === 'label' || name === 'program' || name === 'estimates' || name === 'duplicates')) {
    sub = second;
    i++;
  }
  const free = FREE_ARGUMENTS.has(name);
  const argsFrom = i;
  let equals: number | undefined;
  let weight: WeightNode | undefined;
  let comma: number | undefined;
  let depth = 0;
  // The sections after the arguments, closed as the next one opens (a plain record, so no closure per command).
  const sections: Sections = { section: 'args', from: i, argsTo: limit };
  const commaEnds = !(free && (name === 'local' || name === 'global'));
  for (; i < limit; i++) {
    const t = tokens[i]!;
    const kind = t.kind;
    if (kind === 'lbracket') {
      if (depth === 0 && isWeightOpen(tokens, i)) {
        closeSection(sections, i);
        const end = closing(tokens, i, limit, 'lbracket', 'rbracket');
        weight = { kind: WEIGHTS[tokens[i + 1]!.value.toLowerCase()]!, exp: { from: i + 3, to: end }, start: t.start, end: tokens[Math.min(end, limit - 1)]!.end };
        sections.section = 'done';
        i = end;
        continue;
      }
      depth++;
      continue;
    }
    if (kind === 'lparen') {
      depth++;
      continue;
    }
    if (kind === 'rparen' || kind === 'rbracket') {
      depth = depth > 0 ? depth - 1 : 0;
      continue;
    }
    if (depth > 0) continue;
    if (kind === 'equals') {
      if (sections.section === 'args' && equals === undefined) equals = i;
      continue;
    }
    if (kind === 'comma') {
      if (!commaEnds) continue;
      closeSection(sections, i);
      comma = i;
      sections.section = 'done';
      break;
    }
    // Only short words can be if, in or using.
    if (kind !== 'word' || free || t.value.length > 5) continue;
    const w = t.value.toLowerCase();
    const section = sections.section;
    const next = w === 'if' && section !== 'using' ? 'if' : w === 'in' && (section === 'args' || section === 'if') ? 'in' : w === 'using' && section !== 'using' ? 'using' : undefined;
    if (next !== undefined) {
      closeSection(sections, i);
      sections.section = next;
      sections.from = i + 1;
    }
  }
  if (sections.section !== 'done') closeSection(sections, limit);
  const { argsTo, ifExp, inRange, using } = sections;
  const command: Command = {
    start,
    end,
    tokens,
    prefixes,
    name,
    nameIndex,
    sub,
    args: { from: argsFrom, to: Math.max(argsFrom, argsTo) },
    equals: equals !== undefined && equals < argsTo ? equals : undefined,
    ifExp,
    inRange,
    using,
    weight,
    comma,
    options: comma !== undefined ? readOptions(tokens, comma + 1, limit) : [],
    opensBlock,
    closesBlock,
  };
  return command;
}

/** Parses every command and nests blocks: `{ … }` after loops, `if`, `else`, `quietly`, and `program define … end`. */
export function parseStatements(raw: readonly RawCommand[]): { statements: Statement[]; tooDeep?: { start: number; end: number } } {
  interface Open { readonly command: Command; readonly body: Statement[]; readonly program?: string }
  const root: Statement[] = [];
  const stack: Open[] = [];
  let tooDeep: { start: number; end: number } | undefined;
  const current = (): Statement[] => stack[stack.length - 1]?.body ?? root;
  const closeTop = (): void => {
    const open = stack.pop();
    if (open === undefined) return;
    current().push({ command: open.command, body: open.body, ...(open.program !== undefined ? { program: open.program } : {}) });
  };
  for (const rawCommand of raw) {
    const command = parseCommand(rawCommand.tokens, rawCommand.start, rawCommand.end);
    // `end` closes a program; `}` closes the innermost brace block.
    if (command.name === 'end' && command.prefixes.length === 0 && stack.some((o) => o.program !== undefined)) {
      while (stack.length > 0 && stack[stack.length - 1]!.program === undefined) closeTop();
      current();
      closeTop();
      continue;
    }
    if (command.closesBlock && stack.length > 0 && stack[stack.length - 1]!.program === undefined) {
      closeTop();
      if (command.tokens.length === 1) continue;
    }
    const program = programName(command);
    const opens = program !== undefined || (command.opensBlock && command.name !== '');
    const bareBlock = command.opensBlock && command.name === '' && !command.closesBlock;
    if ((opens || bareBlock) && stack.length >= MAX_BLOCK_DEPTH) {
      tooDeep ??= { start: command.start, end: command.end };
      current().push({ command });
      continue;
    }
    if (opens || bareBlock) {
      stack.push({ command, body: [], ...(program !== undefined ? { program } : {}) });
      continue;
    }
    current().push({ command });
  }
  while (stack.length > 0) closeTop();
  return tooDeep ? { statements: root, tooDeep } : { statements: root };
}

/** The name a `program define name` or `program name` command defines. */
function programName(command: Command): string | undefined {
  if (command.name !== 'program') return undefined;
  const t = command.tokens;
  let i = (command.nameIndex ?? 0) + 1;
  const w = word(t[i]);
  if (w === 'define' || w === 'def' || w === 'de' || w === 'defi' || w === 'defin') i++;
  else if (w === 'drop' || w === 'dir' || w === 'list' || w === 'l' || w === 'di') return undefined;
  const name = t[i];
  return name?.kind === 'word' ? name.value : undefined;
}
