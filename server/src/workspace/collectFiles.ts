/**
 * Expands the paths given to `leo-lens lint` into the files to analyse: folders are walked
 * recursively, files are kept by extension, and the project's ignore patterns are applied.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isNotebookPath, languageFromPath } from '../languages/registry';
import type { LanguageId } from '../languages/types';

export interface CollectedFile {
  readonly path: string;
  readonly language: LanguageId;
  /** True for a Jupyter notebook, whose code cells are analysed as one program. */
  readonly notebook?: boolean;
}

export interface CollectResult {
  readonly files: readonly CollectedFile[];
  /** Paths that do not exist or cannot be read. */
  readonly missing: readonly string[];
}

/** Folders that never hold a project's own analysis scripts. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'renv', '.Rproj.user', '__pycache__', '.venv', '.ipynb_checkpoints']);

export function collectFiles(paths: readonly string[], ignore: readonly string[], ignoreBase: string): CollectResult {
  const isIgnored = ignore.length > 0 ? picomatch(ignore as string[], { dot: true }) : () => false;
  const files = new Map<string, CollectedFile>();
  const missing: string[] = [];

  const visit = (target: string, explicit: boolean): void => {
    const relative = path.relative(ignoreBase, target).split(path.sep).join('/');
    if (!explicit && relative && isIgnored(relative)) return;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      if (explicit) missing.push(target);
      return;
    }
    if (stat.isDirectory()) {
      if (!explicit && SKIPPED_FOLDERS.has(path.basename(target))) return;
      let entries: string[];
      try {
        entries = fs.readdirSync(target).sort();
      } catch {
        missing.push(target);
        return;
      }
      for (const entry of entries) visit(path.join(target, entry), false);
      return;
    }
    const language = languageFromPath(target);
    if (language && stat.isFile()) files.set(target, { path: target, language });
    else if (isNotebookPath(target) && stat.isFile()) files.set(target, { path: target, language: 'python', notebook: true });
  };

  for (const given of paths) visit(path.resolve(given), true);
  return { files: [...files.values()], missing };
}
