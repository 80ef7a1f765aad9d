/**
 * Which front end analyses which document. Languages whose features have not arrived yet get an
 * empty analysis, so their documents are accepted and never crash the server.
 */
import type { DocumentAnalysis, LanguageId, LanguageSupport } from './types';
import { sqlLanguage } from './sql';

const SUPPORTED: readonly LanguageSupport[] = [sqlLanguage];

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

export function languageSupport(language: LanguageId): LanguageSupport {
  return SUPPORTED.find((support) => support.id === language) ?? emptyLanguage(language);
}

export function emptyAnalysis(language: LanguageId): DocumentAnalysis {
  return {
    language,
    findings: [],
    complete: () => ({ items: [], isIncomplete: false }),
    resolveDocumentation: () => undefined,
    hover: () => undefined,
    definition: () => [],
    symbols: () => [],
    folding: () => [],
  };
}

function emptyLanguage(language: LanguageId): LanguageSupport {
  return { id: language, analyse: () => emptyAnalysis(language) };
}
