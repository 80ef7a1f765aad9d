/**
 * What the core needs besides a document's text: the catalogue in force and the effective options.
 * The server builds one per workspace folder and the CLI one per run; both rebuild it, with a new
 * generation number, whenever the catalogue or the configuration changes.
 */
import type { CatalogueIndex } from './catalogue/api';
import type { ResolvedDisclosureConfig } from './disclosure/config';
import type { Severity } from './model/findings';

export interface AnalysisEnvironment {
  readonly catalogue: CatalogueIndex;
  readonly severityOverrides: Readonly<Record<string, Severity | 'off'>>;
  readonly diagnosticsEnabled: boolean;
  readonly maxFileSizeKb: number;
  /** The disclosure-check profile and parameters of `.leo-lens.json`. */
  readonly disclosure: ResolvedDisclosureConfig;
  /** Changes whenever anything above changes, so cached analyses are not reused across it. */
  readonly generation: number;
}
