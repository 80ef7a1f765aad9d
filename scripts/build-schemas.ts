/**
 * Generates the JSON Schemas of LEO Lens's file formats from their zod schemas, which are the
 * source of truth. VS Code uses them (contributes.jsonValidation) to validate and complete the
 * files as users edit them; a test fails when a committed schema is stale.
 *
 *   npx tsx scripts/build-schemas.ts          write every schema
 *   npx tsx scripts/build-schemas.ts --check  exit 1 if any committed schema is stale
 *
 * To add a format, add one [zod schema, output file, title] entry to SCHEMA_OUTPUTS.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CatalogueFileSchema } from '../server/src/catalogue/schema';
import { ProjectConfigSchema } from '../server/src/config/projectConfig';
import { CoverageNotesFileSchema } from '../server/src/population/coverageNotes';

/** Each generated schema: the zod schema, its file (relative to the repository root) and a title. */
export const SCHEMA_OUTPUTS: readonly (readonly [z.ZodType, string, string])[] = [
  [CatalogueFileSchema, 'schemas/leo-catalogue.schema.json', 'LEO Lens catalogue (*.leo-catalogue.json)'],
  [ProjectConfigSchema, 'schemas/leo-lens-config.schema.json', 'LEO Lens project configuration (.leo-lens.json)'],
  [CoverageNotesFileSchema, 'schemas/leo-coverage-notes.schema.json', 'LEO Lens coverage notes (who each dataset covers)'],
];

const ROOT = resolve(__dirname, '..');

/**
 * The JSON Schema text for a zod schema. Draft 7 is the draft VS Code's JSON language service
 * supports best; `io: 'input'` describes what a person may write (defaults may be left out).
 */
export function renderJsonSchema(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

function main(): number {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [schema, file, title] of SCHEMA_OUTPUTS) {
    const path = resolve(ROOT, file);
    const text = renderJsonSchema(schema, title);
    if (check) {
      const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
      if (current !== text) {
        console.error(`${file} is stale; run npx tsx scripts/build-schemas.ts`);
        stale++;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${file}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
