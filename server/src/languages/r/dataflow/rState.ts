/**
 * The state of the R extractor and the values it tracks for R expressions: data frames (with any pending
 * `group_by`), single columns (`df$x`), plots under construction, model fits, survival fits and survey designs.
 */
import type { Frame, FrameColumn, ModelFit, PlotLayer, Span } from '../../../dataflow/model';
import type { RContext } from './rExpr';
import type { RArg, RNode } from './rTree';
import type { SqlEnv } from '../../sql/dataflow/sqlEnv';
import type { LoggedMap } from '../writeLog';
import type { RInlining } from './rFunctions';

export type RValue =
  | {
    readonly kind: 'frame';
    readonly frame: Frame;
    /** Keys of a pending `group_by`. */
    readonly groups?: readonly FrameColumn[];
    /** A group-size filter (`filter(n() >= 10)`) waiting for the summary it protects. */
    readonly groupGuard?: { readonly threshold?: number; readonly span: Span };
    /** `.drop = FALSE`: empty groups will be kept as zero rows. */
    readonly keepEmpty?: Span;
    readonly dataTable?: boolean;
  }
  | { readonly kind: 'column'; readonly frame?: Frame; readonly column: FrameColumn }
  | { readonly kind: 'plot'; readonly frame?: Frame; readonly layers: readonly PlotLayer[]; readonly span: Span }
  | { readonly kind: 'model'; readonly frame?: Frame; readonly fit: ModelFit; readonly span: Span }
  | { readonly kind: 'survfit'; readonly frame?: Frame; readonly span: Span; readonly strata: readonly FrameColumn[] }
  | { readonly kind: 'design'; readonly frame?: Frame }
  | { readonly kind: 'string'; readonly value: string; readonly node: RNode }
  /** A constant character vector, `c("att8", "p8")`: kept so that names given through a variable (`.SDcols = cols`) are known. */
  | { readonly kind: 'names'; readonly values: readonly string[] }
  /** A function the script defined (`f <- function(x) …`), followed where it is called (`rFunctions.ts`). */
  | { readonly kind: 'function'; readonly node: RNode }
  | { readonly kind: 'unknown' };

export const UNKNOWN: RValue = Object.freeze({ kind: 'unknown' });

/** Evaluates an expression in the extractor's current state (passed down to avoid an import cycle). */
export type Evaluate = (node: RNode | undefined) => RValue;

/**
 * The extractor's state. The model builder, the facts, the configuration, the catalogue and the dominance
 * helpers are the same objects the embedded T-SQL extraction (`sql`) uses, so both add to one model.
 */
export interface RState extends Pick<SqlEnv, 'builder' | 'facts' | 'config' | 'catalogue' | 'dominanceHelpers'> {
  /** The R text (the SQL environment reads `masked`). */
  readonly text: string;
  /** The text with backslashes blanked, so SQL inside R strings tokenizes with its offsets intact. */
  readonly masked: string;
  readonly env: LoggedMap<RValue>;
  readonly sql: SqlEnv;
  readonly suppressionHelpers: ReadonlySet<string>;
  readonly roundingHelpers: ReadonlySet<string>;
  /** Functions the script defines that round their argument, with the base (`rExpr.ts`, `roundingBaseOfFunction`). */
  readonly localRounding: ReadonlyMap<string, number>;
  /** The data frame of an enclosing `with(df, …)`, whose columns bare names refer to. */
  withFrame?: Frame;
  /** How far calls of the script's own functions have been followed. */
  readonly inlining: RInlining;
  /** Names the script assigns a function to at its top level: only calls of these are looked up as its own. */
  readonly functionNames: ReadonlySet<string>;
}

/** A call being evaluated: its name, its data argument (piped or first) and the other arguments. */
export interface RCall {
  readonly node: RNode;
  readonly name: string;
  readonly pkg?: string;
  /** The data argument: the piped value, or the first positional argument's value. */
  readonly data: RValue;
  /** The arguments other than the data argument. */
  readonly args: readonly RArg[];
  /** Every written argument. */
  readonly allArgs: readonly RArg[];
  /** The pipe the call sits in (`|>`, `%>%`), for quick fixes that extend the pipeline. */
  readonly pipe?: string;
}

export function frameOf(value: RValue | undefined): Frame | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'frame' || value.kind === 'design' || value.kind === 'survfit' || value.kind === 'model' || value.kind === 'plot') return value.frame;
  if (value.kind === 'column') return value.frame;
  return undefined;
}

export function contextFor(state: RState, frame: Frame | undefined): RContext {
  return {
    text: state.text,
    facts: state.facts,
    ...(frame !== undefined ? { frame } : {}),
    roundingHelpers: state.roundingHelpers,
    suppressionHelpers: state.suppressionHelpers,
    localRounding: state.localRounding,
    variables: { has: (name) => isVariable(state, name) },
  };
}

export function spanOf(node: RNode): Span {
  return { start: node.start, end: node.end };
}

/** A named argument, or the positional one at `index` among positional arguments. */
export function argument(args: readonly RArg[], name: string, index?: number): RArg | undefined {
  const byName = args.find((a) => a.name === name);
  if (byName !== undefined) return byName;
  if (index === undefined) return undefined;
  return args.filter((a) => a.name === undefined && a.value !== undefined)[index];
}

export function positional(args: readonly RArg[]): RArg[] {
  return args.filter((a) => a.name === undefined && a.value !== undefined);
}

/**
 * True when the name holds something other than a data frame (a threshold, a vector). Read from the
 * environment when asked rather than copied into a set for every call, which made long scripts quadratic.
 */
function isVariable(state: RState, name: string): boolean {
  const value = state.env.get(name);
  return value !== undefined && value.kind !== 'frame';
}
