/**
 * The seed scripts: every T-SQL and R file of the repository's corpora and examples, and a generated long T-SQL
 * script, grouped by language.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { script } from '../../bench/support/sqlScript';
import { languageFromPath } from '../../server/src/languages/registry';
import type { LanguageId } from '../../server/src/languages/types';

export function loadSeeds(root: string): Partial<Record<LanguageId, string[]>> {
  const seeds: Partial<Record<LanguageId, string[]>> = {};
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else {
        const language = languageFromPath(entry.name);
        if (language === 'sql' || language === 'r') (seeds[language] ??= []).push(fs.readFileSync(full, 'utf8'));
      }
    }
  };
  for (const dir of ['test/fixtures', 'examples']) visit(path.join(root, dir));
  (seeds.sql ??= []).push(script(2000));
  return seeds;
}
