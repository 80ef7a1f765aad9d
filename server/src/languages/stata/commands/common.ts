/**
 * What command handlers share: finding an option by its (abbreviable) name, reading a file name, and the
 * statistic a Stata function or `collapse` keyword computes.
 */
import type { StatisticKind } from '../../../dataflow/model';
import type { OptionNode, Range } from '../syntax/ast';
import type { Token } from '../syntax/lexer';
import { abbreviates } from '../syntax/names';
import type { CommandContext } from '../state';

/** The option `name`, accepted from its first `shortest` letters. */
export function option(ctx: CommandContext, name: string, shortest = name.length): OptionNode | undefined {
  return ctx.cmd.options.find((o) => abbreviates(o.name.value, name, shortest));
}

export function hasOption(ctx: CommandContext, name: string, shortest = name.length): boolean {
  return option(ctx, name, shortest) !== undefined;
}

/** The text inside an option's parentheses, with strings unquoted. */
export function optionText(ctx: CommandContext, node: OptionNode | undefined): string | undefined {
  if (node?.args === undefined) return undefined;
  return rangeText(ctx.tokens, node.args);
}

export function rangeText(tokens: readonly Token[], range: Range): string {
  let text = '';
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (i > range.from && t.spaced) text += ' ';
    text += t.kind === 'macro' ? '\u0000' : t.value;
  }
  return text;
}

/**
 * A file name: the first string in the range, or the tokens written together (`using outputs/t.csv`);
 * undefined when a macro of unknown value is part of it. `span` is the string or the tokens, for fixes.
 */
export function fileName(tokens: readonly Token[], range: Range | undefined): { path?: string; span?: { start: number; end: number } } {
  if (range === undefined || range.to <= range.from) return {};
  const first = tokens[range.from]!;
  if (first.kind === 'string') {
    const known = !/[`$]/.test(first.value);
    return { ...(known ? { path: first.value } : {}), span: { start: first.start, end: first.end } };
  }
  let text = '';
  let end = first.end;
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (i > range.from && t.spaced) break;
    if (t.kind === 'macro') return { span: { start: first.start, end: t.end } };
    text += t.value;
    end = t.end;
  }
  return { path: text, span: { start: first.start, end } };
}

/** Statistics of `collapse`, `egen`, `tabstat` and `table`, by their Stata names. */
const STATISTICS: Readonly<Record<string, StatisticKind>> = {
  mean: 'mean', sum: 'sum', total: 'sum', rawsum: 'sum', count: 'count', n: 'count', freq: 'count', frequency: 'count',
  median: 'median', p50: 'median', iqr: 'percentile', min: 'min', max: 'max', range: 'range', sd: 'sd', semean: 'sd',
  sebinomial: 'sd', sepoisson: 'sd', variance: 'variance', var: 'variance', cv: 'sd', skewness: 'other', kurtosis: 'other',
  first: 'other', last: 'other', firstnm: 'other', lastnm: 'other', mode: 'mode', percent: 'proportion', pc: 'proportion',
  rowtotal: 'other', rowmean: 'other', rowmax: 'other', rowmin: 'other', group: 'other', tag: 'other', rank: 'other',
  std: 'other', pctile: 'percentile', nvals: 'count', rownonmiss: 'other', rowmiss: 'other', anycount: 'other', anymatch: 'other', concat: 'other',
  q: 'percentile', p: 'percentile', sumw: 'sum', nmissing: 'count', nonmissing: 'count', proportion: 'proportion', fraction: 'proportion',
};

export function statisticOf(name: string): StatisticKind | undefined {
  const lower = name.toLowerCase();
  if (/^p\d{1,2}(\.\d+)?$/.test(lower)) return lower === 'p50' ? 'median' : 'percentile';
  return STATISTICS[lower];
}

/** Row-wise and per-record egen functions, which compute no statistic over people. */
export const ROW_FUNCTIONS = new Set(['rowtotal', 'rowmean', 'rowmax', 'rowmin', 'rownonmiss', 'rowmiss', 'group', 'tag', 'rank', 'std', 'anycount', 'anymatch', 'concat', 'cut', 'seq', 'fill', 'ends', 'rowfirst', 'rowlast', 'rowsd', 'rowpctile', 'rowmedian', 'diff', 'anyvalue', 'max', 'min']);

/** The first token index of a range whose token is the word `word`, or -1. */
export function wordAt(tokens: readonly Token[], range: Range, word: string): number {
  for (let i = range.from; i < range.to; i++) if (tokens[i]!.kind === 'word' && tokens[i]!.value.toLowerCase() === word) return i;
  return -1;
}

/** The span of a token range. */
export function spanOfRange(tokens: readonly Token[], range: Range): { start: number; end: number } | undefined {
  if (range.to <= range.from) return undefined;
  return { start: tokens[range.from]!.start, end: tokens[range.to - 1]!.end };
}
