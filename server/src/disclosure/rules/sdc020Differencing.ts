/**
 * SDC020: overlapping tables that allow differencing. Two tables with the same breakdown, one over a population
 * nested in the other's (the same filters plus one more), give the cells of the difference by subtraction,
 * and those can be small even when every published cell is not (R6).
 */
import { firstAggregation, shownColumns, statisticKinds } from '../../dataflow/lineage';
import type { Frame, Output, Span } from '../../dataflow/model';
import { outputsOf, TABLE_OUTPUTS } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC020';

export const sdc020: Rule = {
  info: {
    code: CODE,
    name: 'differencing',
    summary: 'Two outputs break the same statistic down the same way over nested populations, so their difference can be derived.',
    help: 'Publish one of the tables, use fixed categories and populations across outputs, or check that every cell of the difference meets the threshold.',
    defaultSeverity: 'warning',
    statbarn: 'LinkedMultilevelTables',
    rationale: 'Differences of fewer than 10 must not be computable by combining tables (ABS); cell suppression does not protect against differencing (GSS; R6). ACRO only asks for a manual review (#117).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    // Earlier tables by signature, each population and set of sources once: a later table with the same ones
    // matches exactly what the first did, and the first is the one named, so keeping it alone changes nothing and
    // keeps a file of thousands of alike tables from comparing each with every other.
    const seen = new Map<string, { output: Output; population: ReadonlySet<string>; tables: ReadonlySet<string> }[]>();
    const kept = new Set<string>();
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate' || frame.groupKeys.length === 0) continue;
      const signature = signatureOf(output, frame);
      if (signature === undefined) continue;
      const population = populationOf(frame);
      const tables = tablesOf(frame);
      const alike = seen.get(signature) ?? [];
      const earlier = alike.find((s) => !apart(s.tables, tables) && nested(s.population, population));
      if (earlier !== undefined) {
        const at = builtAt(frame) ?? output.span;
        hits.push({
          start: at.start,
          end: at.end,
          message: `This output breaks the same statistics down the same way as the one at line ${context.lineOf(earlier.output.span.start)}, over a population nested in it: subtracting one from the other gives the cells of the difference, which may be small. Use one population, or check the differences. ${justifyHint(CODE)}`,
        });
      }
      const key = `${signature}\u0000${[...population].sort().join('\u0001')}\u0000${[...tables].sort().join('\u0001')}`;
      if (kept.has(key)) continue;
      kept.add(key);
      alike.push({ output, population, tables });
      seen.set(signature, alike);
    }
    return hits;
  },
};

/**
 * The statement that built the second table, where the front end records one (R and Python, whose readers look
 * there: the assignment that makes it, or the call of the script's function that does); otherwise the output.
 */
function builtAt(frame: Frame): Span | undefined {
  const first = firstAggregation(frame);
  const event = first >= 0 ? frame.history[first] : undefined;
  return event?.kind === 'aggregate' ? event.statement : undefined;
}

/** Group keys and statistic kinds, in order-free form. */
function signatureOf(output: Output, frame: Frame): string | undefined {
  const kinds = shownColumns(output, frame).flatMap(statisticKinds);
  if (kinds.length === 0) return undefined;
  const keys = frame.groupKeys.map((k) => (k.facts.knownAs ?? k.name).toLowerCase()).sort();
  return `${keys.join(',')}|${[...new Set(kinds)].sort().join(',')}`;
}

/** The row filters applied before the first aggregation, in normalised text. */
function populationOf(frame: Frame): ReadonlySet<string> {
  const first = firstAggregation(frame);
  const before = first < 0 ? frame.history : frame.history.slice(0, first);
  const conditions = new Set<string>();
  for (const event of before) {
    if (event.kind === 'filter') conditions.add(event.condition);
  }
  return conditions;
}

/** The tables a frame was read from, by catalogue id or name; empty when it came from a file or is not known. */
function tablesOf(frame: Frame): ReadonlySet<string> {
  return new Set(frame.sources.map((s) => (s.tableId ?? s.name).toLowerCase()));
}

/**
 * True when both tables were read from known tables and share none: PAYE earners and self-assessment filers by
 * tax year are two populations side by side, not one nested in the other, whatever their filters say.
 */
function apart(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  for (const table of a) if (b.has(table)) return false;
  return true;
}

/** True when one set of conditions strictly contains the other: the populations are nested and differ. */
function nested(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === b.size) return false;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const condition of small) if (!large.has(condition)) return false;
  return true;
}
