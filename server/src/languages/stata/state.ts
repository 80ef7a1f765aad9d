/**
 * What the Stata evaluation carries from command to command: the dataset in memory, preserved copies and named
 * frames, the macros, the dataflow model being built, and what the features need (the places where variables
 * are named, with what they resolved to, and the dataset each command saw).
 */
import type { CatalogueIndex } from '../../catalogue/api';
import { addSource, derive, type DeriveInit, type ModelBuilder } from '../../dataflow/builder';
import { type FactsResolver } from '../../dataflow/facts';
import type { Frame, FrameColumn, Output, Span } from '../../dataflow/model';
import type { ResolvedDisclosureConfig } from '../../disclosure/config';
import type { Finding } from '../../model/findings';
import type { LineIndex } from '../../util/lineIndex';
import type { SqlEnv } from '../sql/dataflow/sqlEnv';
import type { AnalysisContext } from '../types';
import type { Command, Statement } from './syntax/ast';
import type { Token } from './syntax/lexer';
import { MacroEnv } from './syntax/macros';
import type { Dataset, Variable } from './dataset/dataset';
import type { EmbeddedQuery } from './sql/embedded';

/** A place where the script names a variable, for hover, completion and go-to-definition. */
export interface VariableSite {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly variable?: Variable;
  readonly dataset: Dataset;
  /** True where the command makes the variable (`generate x`), false where it reads it. */
  readonly defines?: boolean;
}

export interface StataState {
  readonly text: string;
  readonly lines: LineIndex;
  readonly builder: ModelBuilder;
  readonly sql: SqlEnv;
  readonly facts: FactsResolver;
  readonly config: ResolvedDisclosureConfig;
  readonly catalogue: CatalogueIndex;
  readonly context: AnalysisContext;
  macros: MacroEnv;
  /** Record-level SQL extracts by query text, so a query loaded again is not parsed again. */
  readonly extracts: Map<string, Frame>;
  /** Datasets the script saved, by file name (lower case, without `.dta`), so that a later `use` or `merge` knows them. */
  readonly saved: Map<string, Dataset>;
  dataset: Dataset;
  readonly preserved: Dataset[];
  readonly frames: Map<string, Dataset>;
  currentFrame: string;
  varabbrev: boolean;
  /** The panel variable of `xtset`, for `xtreg, fe`. */
  panelVar?: Variable;
  /**
   * The variable whose results `summarize` (quiet or not) left in `r()` and the data it summarised, while no other
   * command has run that could replace them: `display r(max)` then shows that variable's largest value.
   */
  summarized?: { readonly variable: Variable; readonly dataset: Dataset };
  /** True after `svyset … [pweight = w]` (or `iweight`, `aweight`): `svy:` estimates are then weighted. */
  surveyWeighted?: boolean;
  readonly programs: Map<string, readonly Statement[]>;
  readonly running: Set<string>;
  /** Model fits run quietly, which become outputs when a table of estimates is written. */
  readonly quietModels: Output[];
  readonly sites: SiteList;
  readonly findings: Finding[];
  /** Places whose name was reported (`placeKey`). */
  readonly reported: Set<number>;
  /** The dataset each top-level command saw first, by the command's start offset. */
  readonly before: Map<number, Dataset>;
  readonly embedded: EmbeddedQuery[];
  /** The table the last `table` command made, which `collect export` writes (Stata 17 collections). */
  collection?: Frame;
  /** The tables that `tabulate …, matcell(name)` stored, by matrix name, for `putexcel … = matrix(name)` to write. */
  readonly matrices: Map<string, Frame>;
  /** The workbook `putexcel set` named, which later `putexcel` commands write into. */
  workbook?: { readonly path?: string; readonly span?: Span };
  /** Scalars defined with `scalar` and matrices defined with `matrix`, which expressions may name like variables. */
  readonly scalars: Set<string>;
  /** Commands still allowed to run (loops unroll), so that the evaluation stays bounded. */
  steps: number;
  /** Where the evaluation stopped at the step budget, for a LEO000 note. */
  stoppedAt?: Span;
  /** The first name not reported because `MAX_NAME_FINDINGS` had been reached. */
  namesCappedAt?: Span;
}

/** What a command handler gets besides the state. */
/**
 * The variable sites of a do-file, one per place: a loop runs its body many times and each run names the same
 * places again, so a later run's site replaces the earlier one (what the last run saw is what the features show)
 * rather than piling up one copy per run.
 */
/** One number for a place in the text: offsets stay below 2^22 (the size limit is 2 MB), so start and length fit exactly. */
export function placeKey(start: number, end: number): number {
  return start * 4_194_304 + (end - start);
}

export class SiteList {
  private readonly sites: VariableSite[] = [];
  private readonly index = new Map<number, number>();

  push(site: VariableSite): void {
    const key = placeKey(site.start, site.end);
    const at = this.index.get(key);
    if (at !== undefined) {
      this.sites[at] = site;
      return;
    }
    this.index.set(key, this.sites.length);
    this.sites.push(site);
  }

  /** The sites sorted by start; sites at the same start keep the order they were first named in. */
  sorted(): VariableSite[] {
    return this.sites.slice().sort((a, b) => a.start - b.start);
  }
}

export interface CommandContext {
  readonly cmd: Command;
  readonly tokens: readonly Token[];
  readonly quiet: boolean;
  /** The variables of a `by …:` prefix (and `bysort`). */
  readonly by: readonly Variable[];
  /** True when a `by` prefix named a variable the analysis could not resolve. */
  readonly byOpen: boolean;
  readonly span: Span;
  /** `capture` prefix: the command may fail without stopping the do-file. */
  readonly captured: boolean;
  /** A `svy:` prefix under a `svyset` that names a sampling weight: the estimates are weighted. */
  readonly surveyWeighted?: boolean;
}

export function emptyDataset(builder: ModelBuilder, span: Span): Dataset {
  // Before any data is loaded the dataset is empty and known: Stata starts with no variables.
  const frame = addSource(builder, { span, grain: 'unknown', columns: [], columnsComplete: false });
  return { frame, vars: [], certain: false, label: 'the data in memory' };
}

export function newMacros(): MacroEnv {
  return new MacroEnv();
}

/** What one command changes: the dataflow step's own fields, plus the Stata variables and whether they are known. */
export interface DeriveOptions extends Pick<DeriveInit, 'events' | 'uses' | 'grain' | 'groupKeys' | 'guardInsertion' | 'extraInputs'> {
  readonly vars?: readonly Variable[];
  readonly certain?: boolean;
  readonly label?: string;
  /** The sort order the step leaves; `null` when it leaves none. */
  readonly sortedBy?: Dataset['sortedBy'] | null;
}

/** The dataset after one command: a new dataflow frame derived from the current one. */
export function deriveDataset(state: StataState, span: Span, options: DeriveOptions): Dataset {
  const current = state.dataset;
  const vars = options.vars ?? current.vars;
  const certain = options.certain ?? current.certain;
  const frame = derive(state.builder, current.frame, {
    span,
    columns: vars.map((v) => v.column),
    columnsComplete: certain,
    ...(options.events ? { events: options.events } : {}),
    ...(options.uses ? { uses: options.uses } : {}),
    ...(options.grain ? { grain: options.grain } : {}),
    ...(options.groupKeys ? { groupKeys: options.groupKeys } : {}),
    ...(options.guardInsertion ? { guardInsertion: options.guardInsertion } : {}),
    ...(options.extraInputs ? { extraInputs: options.extraInputs } : {}),
  });
  // The order of the records survives a step that keeps the sort key as it was (the same variable, unchanged).
  const sortedBy = options.sortedBy !== undefined ? options.sortedBy ?? undefined : current.sortedBy !== undefined && vars.includes(current.sortedBy.variable) ? current.sortedBy : undefined;
  return { frame, vars, certain, label: options.label ?? current.label, ...(sortedBy ? { sortedBy } : {}) };
}

export function setDataset(state: StataState, dataset: Dataset): void {
  state.dataset = dataset;
}

/** A variable made by a command. */
export function madeVariable(name: string, span: Span, column: Omit<FrameColumn, 'name' | 'span'>, origin: string): Variable {
  return { name, defined: span, exactCase: true, column: { ...column, name, span }, origin };
}

/** 1-based line of an offset, for messages and labels. */
export function lineOf(state: StataState, offset: number): number {
  return state.lines.positionAt(offset).line + 1;
}
