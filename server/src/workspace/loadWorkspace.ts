/**
 * Builds the analysis environment of a workspace: reads `.leo-lens.json`, the bundled catalogue and
 * any overlays, and reports every problem with its file and place. A file that breaks after it once
 * loaded keeps its last good version in use, so a half-saved edit never loses the catalogue.
 * Shared by the language server (which keeps the previous load) and the CLI (which does not).
 */
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../analysisEnvironment';
import { CatalogueStore } from '../catalogue';
import { resolveDisclosureConfig } from '../disclosure/config';
import type { CatalogueConflict, CatalogueIndex, CatalogueProblem } from '../catalogue/api';
import { parseProjectConfig, PROJECT_CONFIG_FILE, type ProjectConfig } from '../config/projectConfig';
import type { Settings } from '../config/settings';
import type { FileReader } from './fileSystem';
import { loadExtract, type ExtractState } from './loadExtract';
import { COVERAGE_NOTES_FILE, parseCoverageNotes, type CoverageNotes } from '../population/coverageNotes';

/**
 * A problem with a configuration or catalogue file, located as precisely as possible (1-based): the
 * catalogue's own problem shape, which config problems share.
 */
export interface WorkspaceProblem extends CatalogueProblem {
  /** True when an earlier good version of the file is being used instead. */
  readonly usingLastGood?: boolean;
}

export interface WorkspaceInputs {
  readonly bundledCatalogue: string;
  /** The workspace folder, where `.leo-lens.json` is looked for. */
  readonly root?: string;
  /** An explicit config file (CLI `--config`), instead of `<root>/.leo-lens.json`. */
  readonly configFile?: string;
  readonly settings: Settings;
  /** Extra catalogue files given on the command line, already absolute. */
  readonly extraCatalogues?: readonly string[];
}

export interface LoadedWorkspace {
  readonly environment?: AnalysisEnvironment;
  readonly catalogue?: CatalogueIndex;
  readonly config: ProjectConfig;
  readonly configFile?: string;
  readonly catalogueFiles: readonly string[];
  readonly problems: readonly WorkspaceProblem[];
  readonly conflicts: readonly CatalogueConflict[];
  /** The texts that loaded cleanly, kept so the next load can fall back on them. */
  readonly goodTexts: ReadonlyMap<string, string>;
  /** Keeps each catalogue file's last good version, and the index while nothing changes. */
  readonly store: CatalogueStore;
  /** The project's extract as last loaded, kept so an unchanged file is not narrowed again. */
  readonly extractState?: ExtractState;
}

let nextGeneration = 1;

export function loadWorkspace(inputs: WorkspaceInputs, reader: FileReader, previous?: LoadedWorkspace): LoadedWorkspace {
  const problems: WorkspaceProblem[] = [];
  const goodTexts = new Map<string, string>();

  const configFile = inputs.configFile ?? (inputs.root ? path.join(inputs.root, PROJECT_CONFIG_FILE) : undefined);
  const config = readConfig(configFile, inputs.configFile !== undefined, reader, problems, goodTexts, previous);

  const configDirectory = configFile ? path.dirname(configFile) : inputs.root;
  const overlays = [
    ...inputs.settings.catalogue.paths.map((file) => resolveFrom(inputs.root, file)),
    ...(config.catalogues ?? []).map((file) => resolveFrom(configDirectory, file)),
    ...(inputs.extraCatalogues ?? []),
  ];
  const catalogueFiles = [inputs.bundledCatalogue, ...unique(overlays)];
  const texts = catalogueFiles.flatMap((file) => {
    const text = reader.readText(file);
    if (typeof text === 'string') {
      // The bundled catalogue is validated when it is built and by the tests, so it is loaded
      // without a second validation, which would cost most of the start-up time.
      return [{ path: file, text, trusted: file === inputs.bundledCatalogue }];
    }
    const lastGood = previous?.goodTexts.get(file);
    problems.push({ file, path: '$', message: `cannot read the catalogue file: ${text.message}`, severity: 'error', usingLastGood: lastGood !== undefined });
    return lastGood !== undefined ? [{ path: file, text: lastGood }] : [];
  });

  const store = previous?.store ?? new CatalogueStore();
  const loaded = store.load(texts);
  const stale = new Set(loaded.stale);
  for (const problem of loaded.problems) problems.push({ ...problem, usingLastGood: stale.has(problem.file) });
  for (const file of texts) if (!stale.has(file.path)) goodTexts.set(file.path, file.text);
  const catalogue = loaded.index;
  const extractFile = config.extract !== undefined ? resolveFrom(configDirectory, config.extract) : undefined;
  const extractState = catalogue && extractFile
    ? loadExtract({ file: extractFile, catalogue, bundledCatalogue: inputs.bundledCatalogue }, reader, problems, goodTexts, previous?.goodTexts, previous?.extractState)
    : undefined;
  const extract = extractState?.extract;
  const coverage = readCoverageNotes(path.join(path.dirname(inputs.bundledCatalogue), COVERAGE_NOTES_FILE), reader, problems, goodTexts, previous);
  const environment = catalogue
    ? {
        catalogue,
        severityOverrides: { ...(config.severity ?? {}), ...inputs.settings.diagnostics.severity },
        diagnosticsEnabled: inputs.settings.diagnostics.enable,
        maxFileSizeKb: config.maxFileSizeKb ?? inputs.settings.maxFileSizeKb,
        disclosure: resolveDisclosureConfig(config.disclosure),
        ...(extract !== undefined ? { extract } : {}),
        ...(coverage !== undefined ? { coverage } : {}),
        populationHints: config.populationHints !== false && inputs.settings.diagnostics.populationHints,
        generation: nextGeneration++,
      }
    : undefined;
  return {
    environment,
    catalogue,
    config,
    configFile: configFile && reader.exists(configFile) ? configFile : undefined,
    catalogueFiles,
    problems,
    conflicts: loaded.conflicts,
    goodTexts,
    store,
    ...(extractState !== undefined ? { extractState } : {}),
  };
}

function readConfig(
  file: string | undefined,
  required: boolean,
  reader: FileReader,
  problems: WorkspaceProblem[],
  goodTexts: Map<string, string>,
  previous: LoadedWorkspace | undefined,
): ProjectConfig {
  if (!file || (!required && !reader.exists(file))) return {};
  const text = reader.readText(file);
  if (text instanceof Error) {
    problems.push({ file, path: '$', message: `cannot read the config file: ${text.message}`, severity: 'error' });
    return {};
  }
  const parsed = parseProjectConfig(file, text);
  if (parsed.config) {
    goodTexts.set(file, text);
    return parsed.config;
  }
  const lastGood = previous?.goodTexts.get(file);
  const fallback = lastGood !== undefined ? parseProjectConfig(file, lastGood).config : undefined;
  if (lastGood !== undefined) goodTexts.set(file, lastGood);
  for (const problem of parsed.problems) {
    problems.push({ ...problem, severity: 'error', usingLastGood: fallback !== undefined });
  }
  return fallback ?? {};
}

/** The bundled notes on who each dataset covers; optional, so a missing file is no problem. */
function readCoverageNotes(
  file: string,
  reader: FileReader,
  problems: WorkspaceProblem[],
  goodTexts: Map<string, string>,
  previous: LoadedWorkspace | undefined,
): CoverageNotes | undefined {
  if (!reader.exists(file)) return undefined;
  const text = reader.readText(file);
  const lastGood = previous?.goodTexts.get(file);
  const fallback = () => (lastGood !== undefined ? parseCoverageNotes(file, lastGood).notes : undefined);
  if (text instanceof Error) {
    const notes = fallback();
    if (lastGood !== undefined) goodTexts.set(file, lastGood);
    problems.push({ file, path: '$', message: `cannot read the coverage notes: ${text.message}`, severity: 'error', usingLastGood: notes !== undefined });
    return notes;
  }
  const parsed = parseCoverageNotes(file, text);
  if (parsed.notes) {
    goodTexts.set(file, text);
    for (const problem of parsed.problems) problems.push(problem);
    return parsed.notes;
  }
  const notes = fallback();
  if (lastGood !== undefined) goodTexts.set(file, lastGood);
  for (const problem of parsed.problems) problems.push({ ...problem, usingLastGood: notes !== undefined });
  return notes;
}

function resolveFrom(directory: string | undefined, file: string): string {
  return path.isAbsolute(file) || !directory ? path.resolve(file) : path.resolve(directory, file);
}

function unique(files: readonly string[]): string[] {
  return [...new Set(files)];
}

export function formatWorkspaceProblem(problem: WorkspaceProblem): string {
  const where = problem.line !== undefined ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const fallback = problem.usingLastGood ? ' (the last good version stays in use)' : '';
  return `${where}: ${problem.path}: ${problem.message}${fallback}`;
}
