import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/catalogues';

/** The catalogue core is pure: no editor or protocol packages, and no file or network I/O. */
const ALLOWED = new Set(['zod', 'fastest-levenshtein', 'jsonc-parser']);

describe('catalogue core purity', () => {
  const folder = join(ROOT, 'server/src/catalogue');
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
    it(`${file} imports only pure modules`, () => {
      const text = readFileSync(join(folder, file), 'utf8');
      for (const match of text.matchAll(/from '([^']+)'/g)) {
        const target = match[1]!;
        assert.ok(target.startsWith('./') || ALLOWED.has(target), `${file} imports ${target}`);
      }
      assert.doesNotMatch(text, /\brequire\(|process\.|fetch\(/, `${file} does I/O or reads the environment`);
    });
  }
});
