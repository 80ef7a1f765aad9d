/**
 * The `disclosure` section of `.leo-lens.json`: which profile of output-checking rules applies, overrides of its
 * parameters, per-rule severity, and the project's own identifier columns and helper functions.
 * Every threshold is a configurable default, because the SRS guidance is principles-based and some parameters
 * (dominance in particular) are not confirmed.
 */
import { z } from 'zod';
import { SeveritySetting } from '../config/severity';

const GEOGRAPHY_LEVELS = ['postcode', 'OA', 'LSOA', 'MSOA', 'LA', 'constituency', 'region', 'country'] as const;

export const ProfileName = z.enum(['ons-srs', 'hesa']);
export type ProfileName = z.infer<typeof ProfileName>;

export const DisclosureParametersSchema = z
  .object({
    threshold: z.number().int().min(1).describe('Minimum number of (unweighted) units behind every cell or statistic.'),
    dof: z.number().int().min(1).describe('Minimum residual degrees of freedom of a model.'),
    dominanceN: z.number().int().min(1).describe('N of the (N, k) dominance rule.'),
    dominanceK: z.number().gt(0).max(1).describe('k of the (N, k) dominance rule, as a share (0.9 = 90%).'),
    pRatio: z.number().min(0).max(1).describe('p of the p% rule, as a share.'),
    roundingBase: z.number().int().min(1).describe('Base counts are rounded to before they are written out.'),
    earningsRounding: z.number().int().min(1).describe('Base earnings and money amounts are rounded to (100 = to the nearest £100).'),
    zeros: z.enum(['non-structural', 'all', 'none']).describe('Which zero cells count as disclosive.'),
    percentageMinN: z.number().min(0).optional().describe('Percentages need at least this many units behind them (HESA: 22.5).'),
    averageMinN: z.number().min(0).optional().describe('Averages need more than this many units behind them (HESA: 7).'),
    roundingSatisfiesThreshold: z.boolean().describe('True when rounding counts to the base protects small cells (HESA rounding methodology).'),
    requireRounding: z.boolean().describe('True when counts and earnings written to files must be rounded.'),
    fineGeography: z.array(z.enum(GEOGRAPHY_LEVELS)).describe('Geography levels fine enough to need care when crossed with sensitive characteristics.'),
    safeguardingGeography: z.array(z.enum(GEOGRAPHY_LEVELS)).describe('Geography levels that children-in-need and looked-after data must not be combined with.'),
    blockedGraphicExtensions: z.array(z.string().regex(/^\.[a-z0-9]+$/i)).describe('Graphic file extensions that embed the data behind a plot.'),
    sqlResultsAreOutputs: z.boolean().describe('True when the result of a top-level SELECT counts as an output (it is shown and may be copied out).'),
    fileInputsAreRecordLevel: z.boolean().describe('True when data read from files is taken to be record-level unless the script made it.'),
  })
  .strict();

export type DisclosureParameters = z.infer<typeof DisclosureParametersSchema>;

export const DisclosureConfigSchema = z
  .object({
    profile: ProfileName.optional().describe('The output-checking profile: `ons-srs` (default) or `hesa`.'),
    parameters: DisclosureParametersSchema.partial().optional().describe('Overrides of the profile parameters.'),
    rules: z
      .record(z.string().regex(/^SDC\d{3}$/, 'expected a rule code such as SDC010'), SeveritySetting)
      .optional()
      .describe('Severity per SDC rule; `off` turns a rule off.'),
    identifierColumns: z
      .array(z.string().min(1))
      .optional()
      .describe('Extra identifier columns (names, or patterns with `*`), treated like catalogue identifiers.'),
    sensitiveColumns: z
      .array(z.string().min(1))
      .optional()
      .describe('Extra sensitive columns (names, or patterns with `*`).'),
    suppressionHelpers: z
      .array(z.string().min(1))
      .optional()
      .describe('Names of the team\'s own functions that suppress small cells (and, for tables, recompute totals).'),
    roundingHelpers: z
      .array(z.string().min(1))
      .optional()
      .describe('Names of the team\'s own functions that round counts to the rounding base.'),
    dominanceHelpers: z
      .array(z.string().min(1))
      .optional()
      .describe('Names of functions that apply a dominance (N, k) or p% check.'),
    outputPaths: z
      .array(z.string().min(1))
      .optional()
      .describe('Folder names that hold files meant for an output request (`outputs`, `for_checking`).'),
    intermediatePaths: z
      .array(z.string().min(1))
      .optional()
      .describe('Folder names that hold working files which stay in the SRS (`data`, `derived`).'),
  })
  .strict()
  .describe('Disclosure-risk checks (SDC rules) for outputs leaving the SRS.');

export type DisclosureConfig = z.infer<typeof DisclosureConfigSchema>;

/** The parameters of the default profile, for the Office for National Statistics Secure Research Service. */
export const ONS_SRS_PARAMETERS: DisclosureParameters = {
  threshold: 10,
  dof: 10,
  dominanceN: 2,
  dominanceK: 0.9,
  pRatio: 0.1,
  roundingBase: 5,
  earningsRounding: 100,
  zeros: 'non-structural',
  roundingSatisfiesThreshold: false,
  requireRounding: true,
  fineGeography: ['postcode', 'OA', 'LSOA', 'MSOA'],
  safeguardingGeography: ['postcode', 'OA', 'LSOA'],
  blockedGraphicExtensions: ['.svg', '.pdf', '.gph', '.html', '.htm', '.eps', '.ps'],
  sqlResultsAreOutputs: true,
  fileInputsAreRecordLevel: true,
};

/**
 * The HESA Standard Rounding Methodology on top of the SRS baseline: counts rounded to 5 protect small cells,
 * percentages need 22.5 units and averages more than 7.
 */
export const HESA_PARAMETERS: DisclosureParameters = {
  ...ONS_SRS_PARAMETERS,
  percentageMinN: 22.5,
  averageMinN: 7,
  roundingSatisfiesThreshold: true,
};

export const PROFILES: Readonly<Record<ProfileName, DisclosureParameters>> = {
  'ons-srs': ONS_SRS_PARAMETERS,
  hesa: HESA_PARAMETERS,
};

/** The configuration the rules run with: a profile with its overrides applied, and every list filled in. */
export interface ResolvedDisclosureConfig {
  /** Marks a resolved configuration apart from the raw `disclosure` section. */
  readonly resolved: true;
  readonly profile: ProfileName;
  readonly parameters: DisclosureParameters;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly identifierColumns: readonly string[];
  readonly sensitiveColumns: readonly string[];
  readonly suppressionHelpers: readonly string[];
  readonly roundingHelpers: readonly string[];
  readonly dominanceHelpers: readonly string[];
  readonly outputPaths: readonly string[];
  readonly intermediatePaths: readonly string[];
}

/** Folders that usually hold files for an output request. */
export const DEFAULT_OUTPUT_PATHS = ['output', 'outputs', 'results', 'for_checking', 'for_release', 'clearance', 'export', 'exports', 'tables', 'figures'];

/** Folders that usually hold working data that stays in the SRS. */
export const DEFAULT_INTERMEDIATE_PATHS = ['data', 'derived', 'intermediate', 'interim', 'working', 'cache', 'temp', 'tmp', 'raw'];

/** Resolves a validated (or absent) configuration. Never throws. */
let defaultConfig: ResolvedDisclosureConfig | undefined;

/** The resolved default profile, made once. */
export function defaultDisclosureConfig(): ResolvedDisclosureConfig {
  return (defaultConfig ??= resolveDisclosureConfig());
}

export function resolveDisclosureConfig(config?: DisclosureConfig): ResolvedDisclosureConfig {
  const profile = config?.profile ?? 'ons-srs';
  const overrides = stripUndefined(config?.parameters ?? {});
  return {
    resolved: true,
    profile,
    parameters: { ...PROFILES[profile], ...overrides },
    rules: config?.rules ?? {},
    identifierColumns: config?.identifierColumns ?? [],
    sensitiveColumns: config?.sensitiveColumns ?? [],
    suppressionHelpers: config?.suppressionHelpers ?? [],
    roundingHelpers: config?.roundingHelpers ?? [],
    dominanceHelpers: config?.dominanceHelpers ?? [],
    outputPaths: config?.outputPaths ?? DEFAULT_OUTPUT_PATHS,
    intermediatePaths: config?.intermediatePaths ?? DEFAULT_INTERMEDIATE_PATHS,
  };
}

/** Validates raw JSON (the `disclosure` value) and resolves it; problems come back with their JSON path. */
export function parseDisclosureConfig(raw: unknown): { config: ResolvedDisclosureConfig; problems: { path: string; message: string }[] } {
  const result = DisclosureConfigSchema.safeParse(raw ?? {});
  if (result.success) return { config: resolveDisclosureConfig(result.data), problems: [] };
  const problems = result.error.issues.map((issue) => ({
    path: ['disclosure', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return { config: resolveDisclosureConfig(), problems };
}

/** The smallest count a statistic of this kind needs behind it, under the configuration. */
export function minimumUnits(parameters: DisclosureParameters, kind: 'count' | 'proportion' | 'mean' | 'other'): number {
  // A profile's own rule for percentages or averages replaces the general threshold for that kind of statistic.
  if (kind === 'proportion' && parameters.percentageMinN !== undefined) return Math.ceil(parameters.percentageMinN);
  if (kind === 'mean' && parameters.averageMinN !== undefined) return Math.floor(parameters.averageMinN) + 1;
  return parameters.threshold;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
