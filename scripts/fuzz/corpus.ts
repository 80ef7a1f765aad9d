/**
 * The seed inputs the mutators start from: the repository's own fixtures and examples, and generated
 * long scripts (T-SQL and Python from the benchmarks' generators, R from rScript.ts). Files are read in sorted
 * order so that the same seed always starts from the same file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { script as sqlScript } from '../../bench/support/sqlScript';
import { languageFromPath } from '../../server/src/languages/registry';
import type { LanguageId } from '../../server/src/languages/types';
import { pythonScript } from '../../bench/support/pythonScript';
import { rScript } from './rScript';
import { stataScript } from '../../bench/support/stataScript';

export interface SeedFile {
  /** Where it came from: a path relative to the repository, or `generated:<kind>`. */
  readonly name: string;
  readonly language: LanguageId;
  readonly text: string;
}

export type Corpus = ReadonlyMap<LanguageId, readonly SeedFile[]>;

/** Every language the registry knows, whether or not it has a front end yet (those get empty analyses). */
export const ALL_LANGUAGES: readonly LanguageId[] = ['sql', 'r', 'python', 'stata'];

export const EXTENSION_OF: Readonly<Record<LanguageId, string>> = { sql: 'sql', r: 'R', python: 'py', stata: 'do' };

function filesUnder(root: string, folder: string): string[] {
  const absolute = path.join(root, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries.map((entry) => path.join(folder, entry).split(path.sep).join('/')).sort();
}

export function loadCorpus(root: string): Corpus {
  const byLanguage = new Map<LanguageId, SeedFile[]>(ALL_LANGUAGES.map((language) => [language, []]));
  const candidates = [...filesUnder(root, 'test/fixtures'), ...filesUnder(root, 'examples')];
  for (const name of candidates) {
    const language = languageFromPath(name);
    // The fixtures' own T-SQL, R, Python and Stata (other fixture files are expectations, and the independent
    // corpora are blind test sets: nothing derived from them is written to test-results/); examples of every language.
    if (language === undefined) continue;
    const ownStata = language === 'stata' && name.startsWith('test/fixtures/stata/');
    if (name.startsWith('test/fixtures/') && language !== 'sql' && language !== 'r' && language !== 'python' && !ownStata) continue;
    if (language === 'python' && name.startsWith('test/fixtures/independent/')) continue;
    let text: string;
    try {
      text = readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    byLanguage.get(language)!.push({ name, language, text });
  }
  byLanguage.get('sql')!.push({ name: 'generated:sqlScript(400)', language: 'sql', text: sqlScript(400) });
  byLanguage.get('r')!.push({ name: 'generated:rScript(400)', language: 'r', text: rScript(400) });
  byLanguage.get('python')!.push({ name: 'generated:pythonScript(400)', language: 'python', text: pythonScript(400) });
  byLanguage.get('stata')!.push({ name: 'generated:stataScript(400)', language: 'stata', text: stataScript(400) });
  return byLanguage;
}

/** All seed files of all languages, for splicing text of one language into another. */
export function allSeeds(corpus: Corpus): SeedFile[] {
  return [...corpus.values()].flat();
}
