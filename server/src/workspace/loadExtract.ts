/**
 * Reads the project's extract (`extract` in .leo-lens.json) and narrows the catalogue to it. A broken or missing
 * file is reported with its JSON path and line, and the last good version stays in use, as for catalogue files.
 */
import type { CatalogueIndex } from '../catalogue/api';
import { parseCatalogueFile, type ParsedCatalogueFile } from '../catalogue/parseFile';
import { applyExtract, type ProjectExtract } from '../extract/projectExtract';
import type { FileReader } from './fileSystem';
import type { WorkspaceProblem } from './loadWorkspace';

export interface ExtractState {
  readonly file: string;
  readonly text: string;
  /** The catalogue the extract was applied to; a new catalogue means narrowing again. */
  readonly catalogue: CatalogueIndex;
  readonly extract: ProjectExtract;
  readonly problems: readonly WorkspaceProblem[];
}

export interface ExtractRequest {
  readonly file: string;
  readonly catalogue: CatalogueIndex;
  readonly bundledCatalogue: string;
}

export function loadExtract(
  request: ExtractRequest,
  reader: FileReader,
  problems: WorkspaceProblem[],
  goodTexts: Map<string, string>,
  previousTexts: ReadonlyMap<string, string> | undefined,
  previous: ExtractState | undefined,
): ExtractState | undefined {
  const { file } = request;
  const read = reader.readText(file);
  const lastGood = previousTexts?.get(file);
  if (read instanceof Error) {
    problems.push({ file, path: '$', message: `cannot read the extract file: ${read.message}`, severity: 'error', usingLastGood: lastGood !== undefined });
    return lastGood !== undefined ? apply(request, lastGood, goodTexts, previous, undefined) : undefined;
  }
  const fresh = parseExtract(file, read);
  if (fresh.parsed) return apply(request, read, goodTexts, previous, fresh.parsed, problems, fresh.problems);
  const fallback = lastGood !== undefined && lastGood !== read ? parseExtract(file, lastGood).parsed : undefined;
  for (const problem of fresh.problems) problems.push({ ...problem, usingLastGood: fallback !== undefined });
  return fallback !== undefined && lastGood !== undefined ? apply(request, lastGood, goodTexts, previous, fallback, problems) : undefined;
}

function apply(
  request: ExtractRequest,
  text: string,
  goodTexts: Map<string, string>,
  previous: ExtractState | undefined,
  parsed: ParsedCatalogueFile | undefined,
  problems?: WorkspaceProblem[],
  parseProblems: readonly WorkspaceProblem[] = [],
): ExtractState | undefined {
  goodTexts.set(request.file, text);
  // Narrowing builds a second index, so an unchanged file over an unchanged catalogue is not narrowed again.
  if (previous && previous.file === request.file && previous.text === text && previous.catalogue === request.catalogue) {
    problems?.push(...previous.problems);
    return previous;
  }
  const file = parsed ?? parseExtract(request.file, text).parsed;
  if (file === undefined || file.data.extract === undefined) return undefined;
  const result = applyExtract(request.catalogue, { file: request.file, data: file.data.extract, locator: file.locator }, (table) => table.definedIn === request.bundledCatalogue);
  const all = [...parseProblems, ...result.problems];
  problems?.push(...all);
  return { file: request.file, text, catalogue: request.catalogue, extract: result.extract, problems: all };
}

/** Validates the file as a catalogue file that has an `extract` section. */
function parseExtract(file: string, text: string): { parsed?: ParsedCatalogueFile; problems: readonly WorkspaceProblem[] } {
  const result = parseCatalogueFile({ path: file, text });
  if (!result.file) return { problems: result.problems };
  if (result.file.data.extract === undefined) {
    return {
      problems: [
        ...result.problems,
        result.file.locator.problem([], 'the file has no "extract" section; write one with `leo-lens catalogue from-request-form`'),
      ],
    };
  }
  return { parsed: result.file, problems: result.problems };
}
