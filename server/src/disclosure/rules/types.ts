/**
 * The shape of an SDC rule: its description (code, statbarn, rationale, fix, documentation page) and a check
 * that reads the disclosure model. Rules return hits without severity; the runner applies the configured
 * severity, the allow comments and the generic quick fixes.
 */
import type { DiagnosticCodeInfo } from '../../model/diagnosticCodes';
import type { Fix } from '../../model/findings';
import type { ResolvedDisclosureConfig } from '../config';
import type { DataflowModel, Frame } from '../../dataflow/model';

/** ACRO's statistical barns (the SACRO ontology), plus `none` for risks outside them (microdata, code clearance). */
export type Statbarn =
  | 'Frequencies' | 'LinearAggregations' | 'Position' | 'Endpoints' | 'Mode' | 'Shape' | 'CorrelationCoefficients'
  | 'CalculatedRatios' | 'HazardSurvivalTables' | 'LinkedMultilevelTables' | 'none';

export interface RuleInfo extends DiagnosticCodeInfo {
  readonly statbarn: Statbarn;
  /** Why output checkers object, with the guidance it rests on. */
  readonly rationale: string;
  /** The documentation page, relative to the repository (and extension) root. */
  readonly docPath: string;
}

export interface RuleContext {
  readonly model: DataflowModel;
  readonly text: string;
  readonly config: ResolvedDisclosureConfig;
  frame(id: number | undefined): Frame | undefined;
  /** One-based line of an offset, for messages that point at another place. */
  lineOf(offset: number): number;
}

export interface RuleHit {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /** Set to `info` when the rule cannot tell whether this case is a risk; it never raises the rule's severity. */
  readonly severity?: 'info';
}

export interface Rule {
  readonly info: RuleInfo;
  check(context: RuleContext): readonly RuleHit[];
}

/** The page of a rule, relative to the repository root. */
export function docPathOf(code: string): string {
  return `docs/rules/${code}.md`;
}

/** The sentence every advisory message ends with. */
export function justifyHint(code: string): string {
  return `If it is safe, say why with \`leo-lens: allow ${code} -- reason\`.`;
}
