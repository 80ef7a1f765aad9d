/**
 * Varlists as Stata reads them: names, unique-prefix abbreviations (unless `set varabbrev off`), wildcards
 * (`fsm*`, `ks4_?`, `a~b`), ranges in dataset order (`a-b`), `_all`, and factor-variable notation (`i.school`,
 * `c.age#i.sex`). An abbreviation that fits several variables is reported as ambiguous, never guessed; on a
 * dataset whose variables are not all known, nothing is reported missing.
 */
import { distance } from 'fastest-levenshtein';
import { nearestByEditDistance, swappedNeighbours } from '../../../util/closestNames';
import type { Range } from '../syntax/ast';
import type { Token } from '../syntax/lexer';
import { type Dataset, findVariable, type Variable } from './dataset';

/** One element of a varlist as written: the adjacent tokens that make one name or pattern. */
export interface VarElement {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** True when part of it came from a macro's value, so its span is not the name's. */
  readonly synthetic: boolean;
  /** True when part of it is a macro whose value is not known. */
  readonly unknownMacro: boolean;
  /** True when written with a factor-variable operator (`i.`, `c.`, `L.`) or inside an interaction. */
  readonly factor?: 'categorical' | 'continuous' | 'other';
  /** Index of the element's first token in the command. */
  readonly firstToken: number;
}

export type VarMatch =
  | { readonly kind: 'found'; readonly vars: readonly Variable[]; readonly open?: boolean }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'missing'; readonly suggestions: readonly string[] }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

const FACTOR_PREFIX = /^(?:(i|ib\d+|ib\([^)]*\)|ibn|b\d+)|(c)|(o|L\d*|F\d*|D\d*|S\d*|LD|DL))\./i;

/** Splits a token range into elements: adjacent tokens join; `a - b` with blanks is a range too. */
export function splitElements(tokens: readonly Token[], range: Range): VarElement[] {
  const elements: VarElement[] = [];
  let group: Token[] = [];
  let groupStart = range.from;
  const flush = (): void => {
    if (group.length === 0) return;
    const text = group.map((t) => (t.kind === 'macro' ? `\u0000` : t.value)).join('');
    const first = group[0]!;
    const last = group[group.length - 1]!;
    elements.push(...interactions(text, first.start, last.end, group.some((t) => t.synthetic === true), group.some((t) => t.kind === 'macro'), groupStart));
    group = [];
  };
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen' || t.kind === 'rparen' || t.kind === 'comma' || t.kind === 'string' || t.kind === 'equals' || t.kind === 'colon') {
      flush();
      continue;
    }
    if (group.length > 0 && t.spaced) flush();
    if (group.length === 0) groupStart = i;
    group.push(t);
  }
  flush();
  // `a - b` written with blanks: join the three elements into one range.
  const joined: VarElement[] = [];
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    const next = elements[i + 1];
    const after = elements[i + 2];
    if (next?.text === '-' && after !== undefined && joined.length > 0) {
      const before = joined.pop()!;
      joined.push({ ...before, text: `${before.text}-${after.text}`, end: after.end, synthetic: before.synthetic || after.synthetic, unknownMacro: before.unknownMacro || after.unknownMacro });
      i += 2;
      continue;
    }
    if (e.text === '-' && joined.length > 0 && next !== undefined) {
      const before = joined.pop()!;
      joined.push({ ...before, text: `${before.text}-${next.text}`, end: next.end, synthetic: before.synthetic || next.synthetic, unknownMacro: before.unknownMacro || next.unknownMacro });
      i += 1;
      continue;
    }
    joined.push(e);
  }
  return joined;
}

/** `i.a#c.b` is two elements, each with its operator read off. */
function interactions(text: string, start: number, end: number, synthetic: boolean, unknownMacro: boolean, firstToken: number): VarElement[] {
  const parts = text.split(/##?/);
  const out: VarElement[] = [];
  let offset = start;
  for (const part of parts) {
    let name = part;
    let factor: VarElement['factor'];
    const m = FACTOR_PREFIX.exec(name);
    if (m) {
      factor = m[1] !== undefined ? 'categorical' : m[2] !== undefined ? 'continuous' : 'other';
      name = name.slice(m[0].length);
    }
    if (parts.length > 1 && factor === undefined) factor = 'categorical';
    const nameStart = synthetic ? start : offset + (part.length - name.length);
    const nameEnd = synthetic ? end : nameStart + name.length;
    if (name.length > 0) out.push({ text: name, start: nameStart, end: nameEnd, synthetic, unknownMacro, firstToken, ...(factor ? { factor } : {}) });
    offset += part.length + (text.slice(offset - start + part.length).startsWith('##') ? 2 : 1);
  }
  return out;
}

export function isPattern(text: string): boolean {
  return /[*?~]/.test(text);
}

/** Matches one element against the dataset. */
export function matchElement(dataset: Dataset, element: VarElement, abbreviations: boolean): VarMatch {
  if (element.unknownMacro || element.text.includes('\u0000')) return { kind: 'unknown' };
  const text = element.text;
  if (!/^[A-Za-z_*?~][A-Za-z0-9_*?~-]*$/.test(text)) return { kind: 'unknown' };
  if (text === '_all' || text === '*') return { kind: 'found', vars: dataset.vars, ...(dataset.certain ? {} : { open: true }) };
  const dash = text.indexOf('-');
  if (dash > 0) return rangeMatch(dataset, text.slice(0, dash), text.slice(dash + 1), abbreviations);
  if (isPattern(text)) return patternMatch(dataset, text);
  return nameMatch(dataset, text, abbreviations);
}

export function nameMatch(dataset: Dataset, name: string, abbreviations: boolean): VarMatch {
  const exact = findVariable(dataset, name);
  if (exact !== undefined) return { kind: 'found', vars: [exact] };
  if (!dataset.certain) return { kind: 'unknown' };
  const lower = name.toLowerCase();
  const prefixed = dataset.vars.filter((v) => v.name.startsWith(name) || (!v.exactCase && v.name.toLowerCase().startsWith(lower)));
  if (abbreviations && prefixed.length === 1) return { kind: 'found', vars: prefixed };
  if (abbreviations && prefixed.length > 1) return { kind: 'ambiguous', candidates: prefixed.map((v) => v.name) };
  if (prefixed.length === 1) return { kind: 'missing', suggestions: [prefixed[0]!.name] };
  return missingWithSuggestions(dataset, name);
}

/**
 * A missing name whose did-you-mean is worked out only when it is read: a loop runs its commands many times and a
 * name already reported is not reported again, so most matches never need it (it costs a pass over every variable).
 */
function missingWithSuggestions(dataset: Dataset, name: string): VarMatch {
  return new MissingName(dataset, name);
}

/** A class rather than an object literal with a getter, which engines make slowly, one property at a time. */
class MissingName {
  readonly kind = 'missing' as const;
  private found: readonly string[] | undefined;

  constructor(private readonly dataset: Dataset, private readonly name: string) {}

  get suggestions(): readonly string[] {
    return (this.found ??= closest(this.dataset, this.name));
  }
}

function patternMatch(dataset: Dataset, pattern: string): VarMatch {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.').replace(/~/g, '.*');
  const caseSensitive = new RegExp(`^${source}$`);
  const anyCase = new RegExp(`^${source}$`, 'i');
  const vars = dataset.vars.filter((v) => caseSensitive.test(v.name) || (!v.exactCase && anyCase.test(v.name)));
  if (pattern.includes('~') && vars.length > 1 && dataset.certain) return { kind: 'ambiguous', candidates: vars.map((v) => v.name) };
  if (vars.length === 0) return dataset.certain ? { kind: 'missing', suggestions: [] } : { kind: 'unknown' };
  return { kind: 'found', vars, ...(dataset.certain ? {} : { open: true }) };
}

function rangeMatch(dataset: Dataset, from: string, to: string, abbreviations: boolean): VarMatch {
  const first = nameMatch(dataset, from, abbreviations);
  const last = nameMatch(dataset, to, abbreviations);
  if (first.kind !== 'found' || last.kind !== 'found') {
    if (first.kind === 'missing' || first.kind === 'ambiguous') return first;
    if (last.kind === 'missing' || last.kind === 'ambiguous') return last;
    return { kind: 'unknown' };
  }
  // The order of variables is known only when every variable is.
  if (!dataset.certain) return { kind: 'found', vars: [first.vars[0]!, last.vars[0]!], open: true };
  const a = dataset.vars.indexOf(first.vars[0]!);
  const b = dataset.vars.indexOf(last.vars[0]!);
  return { kind: 'found', vars: dataset.vars.slice(Math.min(a, b), Math.max(a, b) + 1) };
}

/** Variables within a small edit distance of `name`, closest first; a different case or a swap counts as one slip. */
export function closest(dataset: Dataset, name: string, limit = 3): string[] {
  const measure = (typed: string, candidate: string, v: Variable): number | undefined =>
    candidate === typed ? (v.name === name ? undefined : 0) : swappedNeighbours(typed, candidate) ? 1 : distance(typed, candidate);
  return nearestByEditDistance(dataset.vars, name, (v) => v.name, measure, limit).map((v) => v.name);
}
