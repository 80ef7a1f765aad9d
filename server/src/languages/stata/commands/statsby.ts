/**
 * `statsby mean = r(mean) n = r(N) top = r(max), by(la) clear: summarize earn`: the command after the colon runs
 * once per group, quietly, and the data in memory is replaced by one row per group that holds the results it
 * collected. The new data is a table by the `by()` keys whose variables are those statistics (`r(N)` a count,
 * `r(max)` a maximum, `r(p50)` a median), so the rules judge what is written of it as they judge a `collapse`.
 * With `saving()` the results go to a file and the data in memory stays as it was.
 */
import type { OptionNode, Prefix, Range } from '../syntax/ast';
import { abbreviates } from '../syntax/names';
import type { Token } from '../syntax/lexer';
import { closing } from '../syntax/parser';
import type { Variable } from '../dataset/dataset';
import { resolveImplied } from '../resolve';
import { lineOf, type CommandContext, type StataState } from '../state';
import { statisticOf } from './common';
import { aggregateDataset, collapseKeys, statVariable } from './tables';

/** The `statsby` prefix of a command, if it has one. */
export function statsbyPrefix(ctx: CommandContext): Prefix | undefined {
  return ctx.cmd.prefixes.find((p) => p.kind === 'other' && p.name?.toLowerCase() === 'statsby' && p.args !== undefined);
}

/** Runs `run` (the command) quietly, then puts the collected table in memory. */
export function runStatsby(state: StataState, ctx: CommandContext, prefix: Prefix, run: (quiet: CommandContext) => void): void {
  run({ ...ctx, quiet: true });
  if (prefix.kind !== 'other' || prefix.args === undefined) return;
  const options = prefix.options ?? [];
  const named = (name: string, shortest: number): OptionNode | undefined => options.find((o) => abbreviates(o.name.value, name, shortest));
  if (named('saving', 2) !== undefined) return;
  const by = named('by', 2)?.args;
  const line = lineOf(state, ctx.span.start);
  const keys = by !== undefined ? collapseKeys(state, ctx, by, line) : { vars: [] as Variable[], complete: true };
  const of = resolveImplied(state, ctx, ctx.cmd.args).vars.slice(0, 1);
  const collected = collectedResults(ctx.tokens, prefix.args).map(({ name, token, stat }) =>
    statVariable(name, token, statisticOf(stat) ?? 'other', of, false, ctx.span, line),
  );
  aggregateDataset(state, ctx, keys.vars, [...keys.vars, ...collected], [], ctx.span, keys.complete);
}

/** `name = r(stat)` or a bare `r(stat)` (named `_stat_k`, as Stata names it); `_b` and `e()` results are `other`. */
function collectedResults(tokens: readonly Token[], range: Range): { name: string; token?: Token; stat: string }[] {
  const results: { name: string; token?: Token; stat: string }[] = [];
  let i = range.from;
  while (i < range.to) {
    let nameToken: Token | undefined;
    if (tokens[i]?.kind === 'word' && tokens[i + 1]?.kind === 'equals') {
      nameToken = tokens[i];
      i += 2;
    }
    const t = tokens[i];
    if (t === undefined) break;
    let stat = 'other';
    if (t.kind === 'word' && (t.value === 'r' || t.value === 'e') && tokens[i + 1]?.kind === 'lparen') {
      const close = closing(tokens, i + 1, range.to);
      const inner = tokens[i + 2];
      if (t.value === 'r' && inner?.kind === 'word' && close === i + 3) stat = inner.value;
      i = close + 1;
    } else if (t.kind === 'lparen') {
      i = closing(tokens, i, range.to) + 1;
    } else if (t.kind === 'word' && tokens[i + 1]?.kind === 'lbracket') {
      i = closing(tokens, i + 1, range.to, 'lbracket', 'rbracket') + 1;
    } else {
      i++;
      continue;
    }
    results.push({ name: nameToken?.value ?? `_stat_${results.length + 1}`, ...(nameToken !== undefined ? { token: nameToken } : {}), stat });
  }
  return results;
}
