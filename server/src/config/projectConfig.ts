/**
 * The project configuration file, `.leo-lens.json` at the workspace root.
 * The server and the CLI read the same file through this module, so a team gets the same answers
 * in the editor and in the pre-submission check.
 */
import { z } from 'zod';
import { locateJsonPath, parseJsonWithProblems, type JsonProblem } from '../util/jsonLocation';
import { DisclosureConfigSchema } from '../disclosure/config';
import { SeverityOverrides } from './severity';

export const PROJECT_CONFIG_FILE = '.leo-lens.json';

export const ProjectConfigSchema = z
  .object({
    $schema: z.string().optional(),
    catalogues: z
      .array(z.string().min(1))
      .describe('Extra catalogue files merged over the bundled LEO catalogue, relative to this file.')
      .optional(),
    extract: z
      .string()
      .min(1)
      .describe(
        "The project's extract: a restriction overlay written by `leo-lens catalogue from-request-form`, relative to this file. Only the tables, columns and years it grants are offered and accepted.",
      )
      .optional(),
    populationHints: z
      .boolean()
      .describe('Hints (LEO201) where a join or filter silently drops people without an outcome record. Default true.')
      .optional(),
    severity: SeverityOverrides.describe('Severity per diagnostic code: error, warning, info, hint or off.').optional(),
    ignore: z
      .array(z.string().min(1))
      .describe('Glob patterns, relative to this file, of files and folders the lint and the report skip.')
      .optional(),
    disclosure: DisclosureConfigSchema.optional(),
    maxFileSizeKb: z
      .number()
      .int()
      .positive()
      .describe('Files larger than this are skipped with a note rather than analysed.')
      .optional(),
  })
  .strict()
  .describe('LEO Lens project configuration (.leo-lens.json).');

export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

export interface ProjectConfigResult {
  /** The parsed configuration, or undefined when the file has problems. */
  readonly config?: ProjectConfig;
  readonly problems: readonly JsonProblem[];
}

/** Parses and validates `.leo-lens.json` text. Never throws. */
export function parseProjectConfig(file: string, text: string): ProjectConfigResult {
  const parsed = parseJsonWithProblems(file, text);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const result = ProjectConfigSchema.safeParse(parsed.value);
  if (result.success) return { config: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) =>
      locateJsonPath(file, text, issue.path as (string | number)[], issue.message),
    ),
  };
}
