/**
 * Which front end analyses which document. Languages whose features have not arrived yet get an
 * empty analysis, so their documents are accepted and never crash the server.
 */
import type { LanguageId, LanguageSupport } from './types';
import { emptyAnalysis } from './emptyAnalysis';
import { pythonLanguage } from './python';
import { rLanguage } from './r';
import { sqlLanguage } from './sql';
import { stataLanguage } from './stata';

const SUPPORTED: readonly LanguageSupport[] = [sqlLanguage, rLanguage, pythonLanguage, stataLanguage];

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  '.sql': 'sql',
  '.r': 'r',
  '.py': 'python',
  '.do': 'stata',
  '.ado': 'stata',
};

/** Maps an editor language id (`sql`, `r`, `python`, `stata`) to ours, or undefined for anything else. */
export function languageFromEditorId(languageId: string): LanguageId | undefined {
  const id = languageId.toLowerCase();
  return id === 'sql' || id === 'r' || id === 'python' || id === 'stata' ? id : undefined;
}

/** Maps a file name to a language by its extension (case-insensitive: `.R` and `.r` are both R). */
export function languageFromPath(path: string): LanguageId | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** Runs every front end's one-time set-up; a failure leaves that language with empty analyses. */
export async function initialiseLanguages(onError: (language: LanguageId, error: unknown) => void = () => undefined): Promise<void> {
  await Promise.all(
    SUPPORTED.map(async (support) => {
      try {
        await support.initialise?.();
      } catch (error) {
        failed.add(support.id);
        onError(support.id, error);
      }
    }),
  );
}

const failed = new Set<LanguageId>();

export function languageSupport(language: LanguageId): LanguageSupport {
  const support = failed.has(language) ? undefined : SUPPORTED.find((candidate) => candidate.id === language);
  return support ?? emptyLanguage(language);
}


function emptyLanguage(language: LanguageId): LanguageSupport {
  return { id: language, analyse: () => emptyAnalysis(language) };
}
