/**
 * What the core needs besides a document's text: the catalogue in force and the effective options.
 * The server builds one per workspace folder and the CLI one per run; both rebuild it, with a new
 * generation number, whenever the catalogue or the configuration changes.
 */
import type { CatalogueIndex } from './catalogue/api';
import type { ResolvedDisclosureConfig } from './disclosure/config';
import type { ProjectExtract } from './extract/projectExtract';
import type { CoverageNotes } from './population/coverageNotes';
import type { Severity } from './model/findings';

export interface AnalysisEnvironment {
  readonly catalogue: CatalogueIndex;
  readonly severityOverrides: Readonly<Record<string, Severity | 'off'>>;
  readonly diagnosticsEnabled: boolean;
  readonly maxFileSizeKb: number;
  /** The disclosure-check profile and parameters of `.leo-lens.json`. */
  readonly disclosure: ResolvedDisclosureConfig;
  /** The project's extract (`extract` in .leo-lens.json), when one is in force. */
  readonly extract?: ProjectExtract;
  /** Who each dataset covers and who is missing (the bundled notes file), for hovers and LEO201. */
  readonly coverage?: CoverageNotes;
  /** Whether LEO201 hints on joins and filters that narrow the population are given (default true). */
  readonly populationHints?: boolean;
  /** Changes whenever anything above changes, so cached analyses are not reused across it. */
  readonly generation: number;
}
