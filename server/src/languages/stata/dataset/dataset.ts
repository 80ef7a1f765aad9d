/**
 * The dataset in memory: Stata holds one current dataset (plus preserved copies and named frames), and every
 * command reads or changes it. Its variables keep their order, which ranges (`a-b`) depend on, and where each
 * was made or loaded; `certain` is false when some variables are not known (a `use` of a file, a command the
 * analysis does not model), and then nothing is reported about names missing from it.
 */
import type { Frame, FrameColumn, Span, StatisticKind } from '../../../dataflow/model';

export interface Variable {
  readonly name: string;
  /** Where the variable was made or loaded. */
  readonly defined?: Span;
  /**
   * True when the name's case is certain: variables Stata made, and SQL aliases. A column SQL Server names from
   * its own metadata may differ in case from the query, so a case-only difference is not reported for it.
   */
  readonly exactCase: boolean;
  /** The dataflow column: facts, statistic, rounding and suppression. */
  readonly column: FrameColumn;
  /** What made it, for hover: `odbc load (line 4)`, `generate (line 9)`. */
  readonly origin: string;
  /** For `egen t = tag(a b)`: the variables it tags one record of each group of, so `keep if t` makes a table. */
  readonly tagOf?: readonly Variable[];
  /**
   * True for `generate one = 1` (with or without `if`): a sum of it counts records, so `collapse (sum) n = one`
   * and `egen n = total(one)` are counts, as Stata users commonly write them.
   */
  readonly countsRecords?: boolean;
  /**
   * True for a variable whose values are 0 or 1: made from a comparison or a logical expression
   * (`generate byte loss = profit < 0`), `missing()`, `inlist()` or `inrange()`, as Stata evaluates them.
   */
  readonly indicator?: boolean;
  /** True for `_fillin`, which `fillin` sets to 1 on the records it adds for the combinations the data lacked. */
  readonly marksFilled?: boolean;
}

/**
 * The statistic a sum or mean over `of` is. A sum of a record-counting or 0/1 variable counts the records it marks,
 * a sum of counts is a count,
 * and a mean of a 0/1 variable is the share of records it marks; anything else is the statistic itself.
 */
/** True when a statistic over `of` is itself 0 or 1: the largest or smallest of a 0/1 marker. */
export function keepsIndicator(kind: StatisticKind, of: readonly Variable[]): boolean {
  return (kind === 'max' || kind === 'min') && of.length === 1 && of[0]!.indicator === true;
}

export function statisticOver(kind: StatisticKind, of: readonly Variable[]): StatisticKind {
  const only = of.length === 1 ? of[0]! : undefined;
  // A total of counts (`egen t = total(n)` on a table of counts) is a count as well.
  if (kind === 'sum' && (only?.countsRecords === true || only?.indicator === true || only?.column.statistic?.kind === 'count')) return 'count';
  if (kind === 'mean' && only?.indicator === true) return 'proportion';
  // The largest or smallest 0/1 marker of a group says whether any record is marked, not any record's value.
  if ((kind === 'max' || kind === 'min') && only?.indicator === true) return 'other';
  return kind;
}

export interface Dataset {
  /** The dataflow frame that holds the data. */
  readonly frame: Frame;
  readonly vars: readonly Variable[];
  readonly certain: boolean;
  /** How the data was made, for messages: `the data loaded by odbc load on line 3`. */
  readonly label: string;
  /** The variable `sort` or `gsort` last ordered the records by (its first key), while its values stay as sorted. */
  readonly sortedBy?: { readonly variable: Variable; readonly descending: boolean };
}

/** Finds a variable by its exact name, or by a case-insensitive match on a name whose case is not certain. */
export function findVariable(dataset: Dataset, name: string): Variable | undefined {
  for (let i = dataset.vars.length - 1; i >= 0; i--) if (dataset.vars[i]!.name === name) return dataset.vars[i];
  const lower = name.toLowerCase();
  for (let i = dataset.vars.length - 1; i >= 0; i--) {
    const v = dataset.vars[i]!;
    if (!v.exactCase && v.name.toLowerCase() === lower) return v;
  }
  return undefined;
}

export function withVariables(dataset: Dataset, vars: readonly Variable[], frame: Frame, certain = dataset.certain): Dataset {
  return { frame, vars, certain, label: dataset.label };
}

/** The variables with `replacement` put in place of the one with the same name, or added at the end. */
export function putVariable(vars: readonly Variable[], replacement: Variable): Variable[] {
  const index = vars.findIndex((v) => v.name === replacement.name);
  if (index < 0) return [...vars, replacement];
  const out = vars.slice();
  out[index] = replacement;
  return out;
}
