/**
 * Loads the configuration and catalogue for a CLI run. Unlike the editor, the CLI has no earlier
 * good version to fall back on, so any problem is reported on stderr and the run stops with exit 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { DEFAULT_SETTINGS } from '../config/settings';
import { collectFiles, type CollectedFile } from '../workspace/collectFiles';
import { findBundledCatalogue, nodeFileReader } from '../workspace/fileSystem';
import { formatWorkspaceProblem, loadWorkspace, type LoadedWorkspace } from '../workspace/loadWorkspace';
import type { CliIo } from './io';

export interface CliWorkspaceOptions {
  readonly config?: string;
  readonly catalogues?: readonly string[];
}

export type CliWorkspace = LoadedWorkspace & Required<Pick<LoadedWorkspace, 'environment' | 'catalogue'>> & { readonly root: string };

/** The loaded workspace, or undefined after printing why it could not be loaded. */
export function loadCliWorkspace(io: CliIo, options: CliWorkspaceOptions): CliWorkspace | undefined {
  const bundledCatalogue = findBundledCatalogue(io.scriptDirectory);
  if (!bundledCatalogue) {
    io.stderr('leo-lens: the bundled catalogue (catalogue/leo-i2se.leo-catalogue.json) was not found next to the CLI.\n');
    return undefined;
  }
  const configFile = options.config ? path.resolve(io.cwd, options.config) : findConfigUpwards(io.cwd);
  const root = configFile ? path.dirname(configFile) : io.cwd;
  const workspace = loadWorkspace(
    {
      bundledCatalogue,
      root,
      configFile: options.config ? configFile : undefined,
      settings: DEFAULT_SETTINGS,
      extraCatalogues: (options.catalogues ?? []).map((file) => path.resolve(io.cwd, file)),
    },
    nodeFileReader,
  );
  const errors = workspace.problems.filter((problem) => problem.severity === 'error');
  for (const problem of workspace.problems) io.stderr(`leo-lens: ${problem.severity}: ${formatWorkspaceProblem(problem)}\n`);
  for (const conflict of workspace.conflicts) io.stderr(`leo-lens: note: ${conflict.message}\n`);
  if (errors.length > 0 || !workspace.environment || !workspace.catalogue) return undefined;
  return { ...workspace, environment: workspace.environment, catalogue: workspace.catalogue, root };
}

/**
 * The files to check for the paths given on the command line (the current folder when none), with
 * the project's ignore patterns applied; undefined after reporting paths that do not exist.
 */
export function collectTargets(io: CliIo, workspace: CliWorkspace, paths: readonly string[]): readonly CollectedFile[] | undefined {
  const targets = paths.length > 0 ? paths.map((target) => path.resolve(io.cwd, target)) : [io.cwd];
  const collected = collectFiles(targets, workspace.config.ignore ?? [], workspace.root);
  for (const missing of collected.missing) io.stderr(`leo-lens: no such file or folder: ${missing}\n`);
  return collected.missing.length > 0 ? undefined : collected.files;
}

function findConfigUpwards(start: string): string | undefined {
  let directory = path.resolve(start);
  for (;;) {
    const candidate = path.join(directory, PROJECT_CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
