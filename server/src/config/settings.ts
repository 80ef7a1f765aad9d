/**
 * Editor settings under `leoLens.*`, pulled per resource by the server and parsed here into an
 * immutable object that is passed to the core. The manifest's `contributes.configuration` and this
 * schema must agree; a test checks that.
 */
import { z } from 'zod';
import { SeverityOverrides } from './severity';

export const SettingsSchema = z.object({
  catalogue: z.object({ paths: z.array(z.string()).default([]) }).default({ paths: [] }),
  diagnostics: z
    .object({ enable: z.boolean().default(true), severity: SeverityOverrides.default({}), populationHints: z.boolean().default(true) })
    .default({ enable: true, severity: {}, populationHints: true }),
  maxFileSizeKb: z.number().int().positive().default(2048),
});

export type Settings = Readonly<z.infer<typeof SettingsSchema>>;

export const DEFAULT_SETTINGS: Settings = Object.freeze(SettingsSchema.parse({}));

export interface SettingsResult {
  readonly settings: Settings;
  readonly problems: readonly string[];
}

/**
 * Parses the raw `leoLens` section. A bad value is reported and replaced by its default rather than
 * losing the whole section, because one typo in settings.json should not switch the tool off.
 */
export function parseSettings(raw: unknown): SettingsResult {
  const result = SettingsSchema.safeParse(raw ?? {});
  if (result.success) return { settings: Object.freeze(result.data), problems: [] };
  const problems = result.error.issues.map((issue) => `leoLens.${issue.path.join('.')}: ${issue.message}`);
  const cleaned = structuredClone((raw ?? {}) as Record<string, unknown>);
  for (const issue of result.error.issues) deletePath(cleaned, issue.path as PropertyKey[]);
  const retry = SettingsSchema.safeParse(cleaned);
  return { settings: Object.freeze(retry.success ? retry.data : DEFAULT_SETTINGS), problems };
}

function deletePath(target: Record<string, unknown>, path: readonly PropertyKey[]): void {
  if (path.length === 0) return;
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  if (typeof node === 'object' && node !== null) delete (node as Record<PropertyKey, unknown>)[path[path.length - 1]!];
}
