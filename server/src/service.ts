/**
 * The composition root of the pure core, used by both the language server and the CLI.
 * It picks the front end for a document, refuses files that are too large or binary with a note,
 * and caches one analysis per (uri, version, environment generation) so that every feature
 * request on the same version reuses the same work.
 */
import type { AnalysisEnvironment } from './analysisEnvironment';
import { checkDataflow } from './disclosure/analyse';
import type { Allowance } from './disclosure/allow';
import { applySeverityOverrides, type Finding } from './model/findings';
import { emptyAnalysis } from './languages/emptyAnalysis';
import { markCompletion, markHover } from './extract/extractFeatures';
import { EXTRACT_COMPARED_CODES, extractFindings } from './extract/extractFindings';
import { populationFindings } from './population/populationFindings';
import { coverageHover } from './population/coverageHover';
import { languageSupport } from './languages/registry';
import type { AnalysisContext, DocumentAnalysis, HoverResult, LanguageId } from './languages/types';
import { analysePython, type CellRange } from './languages/python/index';

export interface DocumentInput {
  readonly uri: string;
  readonly language: LanguageId;
  readonly version: number;
  readonly text: string;
  /**
   * For a notebook's Python program: its code cells as ranges of the text, whose last bare expressions the
   * notebook displays (see `notebook/notebookAnalysis.ts`).
   */
  readonly notebookCells?: readonly CellRange[];
}

/** Codes for notes about the file itself rather than its content. */
export const FILE_SKIPPED_TOO_LARGE = 'LEO001';
export const FILE_SKIPPED_BINARY = 'LEO002';

export interface SkipReason {
  readonly code: string;
  readonly message: string;
}

/** Says why a file of this size should not be analysed, or undefined when it may be. */
export function sizeSkipReason(sizeInCharacters: number, maxFileSizeKb: number): SkipReason | undefined {
  if (sizeInCharacters <= maxFileSizeKb * 1024) return undefined;
  const megabytes = (sizeInCharacters / (1024 * 1024)).toFixed(1);
  return {
    code: FILE_SKIPPED_TOO_LARGE,
    message: `LEO Lens skipped this file: it is ${megabytes} MB, over the ${maxFileSizeKb} KB limit (setting leoLens.maxFileSizeKb or "maxFileSizeKb" in .leo-lens.json).`,
  };
}

/** Says why a file should not be analysed, or undefined when it should. */
export function skipReason(text: string, maxFileSizeKb: number): SkipReason | undefined {
  const tooLarge = sizeSkipReason(text.length, maxFileSizeKb);
  if (tooLarge) return tooLarge;
  // A NUL character never appears in analysis scripts, so its presence near the start marks a binary file.
  if (text.slice(0, 8192).includes('\u0000')) {
    return { code: FILE_SKIPPED_BINARY, message: 'LEO Lens skipped this file: it looks binary (it contains NUL characters).' };
  }
  return undefined;
}

interface CacheEntry {
  readonly version: number;
  readonly generation: number;
  readonly analysis: DocumentAnalysis;
  /** The front end's own analysis, which the next version may reuse work from. */
  readonly frontEnd: DocumentAnalysis;
  /** The front end's analysis against the project's extract, when one is in force and it was asked for. */
  readonly restricted?: () => DocumentAnalysis | undefined;
}

export interface LanguageService {
  /** The analysis of this document version, computed at most once per version and environment. */
  analyse(input: DocumentInput, environment: AnalysisEnvironment): DocumentAnalysis;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

export function createLanguageService(): LanguageService {
  const cache = new Map<string, CacheEntry>();

  function analyse(input: DocumentInput, environment: AnalysisEnvironment): DocumentAnalysis {
    const cached = cache.get(input.uri);
    if (cached && cached.version === input.version && cached.generation === environment.generation) {
      return cached.analysis;
    }
    const { analysis, frontEnd, restricted } = analyseParts(input, environment, cached?.frontEnd, cached?.restricted?.());
    cache.set(input.uri, { version: input.version, generation: environment.generation, analysis, frontEnd, restricted });
    return analysis;
  }

  return Object.freeze({ analyse, forget: (uri: string) => void cache.delete(uri) });
}

/** Analyses one text without any cache; the CLI's path. Never throws. */
export function analyseUncached(input: DocumentInput, environment: AnalysisEnvironment): DocumentAnalysis {
  return analyseParts(input, environment, undefined, undefined).analysis;
}

function analyseParts(
  input: DocumentInput,
  environment: AnalysisEnvironment,
  previous: DocumentAnalysis | undefined,
  previousRestricted: DocumentAnalysis | undefined,
): { analysis: DocumentAnalysis; frontEnd: DocumentAnalysis; restricted?: () => DocumentAnalysis | undefined } {
  const skip = skipReason(input.text, environment.maxFileSizeKb);
  if (skip) {
    const empty = emptyAnalysis(input.language);
    return { analysis: withFindings(empty, () => ({ findings: [{ ...skip, severity: 'info', start: 0, end: 0 }], allowances: [] })), frontEnd: empty };
  }
  const extract = environment.extract;
  // With an extract, the reference findings are compared with the analysis against the granted catalogue, so they
  // must reach the comparison even when a user turned one off; the overrides are applied after it.
  const frontEndOverrides = extract ? withoutOff(environment.severityOverrides, EXTRACT_COMPARED_CODES) : environment.severityOverrides;
  const context = { catalogue: environment.catalogue, severityOverrides: frontEndOverrides, disclosure: environment.disclosure };
  const frontEnd = analyseFrontEnd(input, context, previous);
  // The second analysis, against what the extract grants, is made only when a feature needs it.
  let restrictedAnalysis: DocumentAnalysis | undefined;
  const restricted = extract
    ? () => (restrictedAnalysis ??= analyseFrontEnd(input, { ...context, catalogue: extract.catalogue }, previousRestricted))
    : undefined;
  const extractName = extract ? baseName(extract.file) : '';
  let extractOnlyFindings: Finding[] | undefined;
  const extractOnly = (): Finding[] =>
    (extractOnlyFindings ??= restricted ? extractFindings(frontEnd.findings, restricted().findings, input.text, extractName) : []);
  const hover = (offset: number): HoverResult | undefined => {
    const found = frontEnd.hover(offset);
    if (found === undefined) return undefined;
    const covered = coverageHover(found, input.text, environment.catalogue, environment.coverage);
    return restricted && extract ? markHover(covered, input.text, extractOnly(), environment.catalogue, extract.catalogue, extractName) : covered;
  };
  const features = delegate(frontEnd, {
    hover,
    ...(restricted ? { complete: (offset: number) => markCompletion(frontEnd.complete(offset), restricted().complete(offset)) } : {}),
  });
  if (!environment.diagnosticsEnabled) return { analysis: withFindings(features, () => ({ findings: [], allowances: [] })), frontEnd, ...(restricted ? { restricted: () => restrictedAnalysis } : {}) };
  // The disclosure checks run only when findings are asked for (diagnostics, lint), never for a
  // completion or hover, so typing is not held up by them.
  const analysis = withFindings(features, () => {
    const disclosure = checkDataflow(() => frontEnd.dataflow(), input.text, environment.disclosure);
    const population = environment.populationHints === false ? [] : populationFindings(() => frontEnd.dataflow(), input.text, environment.coverage);
    const own = extract ? applySeverityOverrides(frontEnd.findings, environment.severityOverrides) : frontEnd.findings;
    const added = applySeverityOverrides([...extractOnly(), ...population, ...disclosure.findings], environment.severityOverrides);
    const findings = [...own, ...added].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
    return { findings, allowances: disclosure.allowances };
  });
  return { analysis, frontEnd, ...(restricted ? { restricted: () => restrictedAnalysis } : {}) };
}

/** The front end's analysis; a notebook's Python program is told its cells, since their last expressions are displayed. */
function analyseFrontEnd(input: DocumentInput, context: AnalysisContext, previous: DocumentAnalysis | undefined): DocumentAnalysis {
  const reusable = previous?.language === input.language ? previous : undefined;
  if (input.language === 'python' && input.notebookCells !== undefined) return analysePython(input.text, context, reusable, input.notebookCells);
  return languageSupport(input.language).analyse(input.text, context, reusable);
}

function withoutOff(overrides: AnalysisEnvironment['severityOverrides'], codes: ReadonlySet<string>): AnalysisEnvironment['severityOverrides'] {
  if (![...codes].some((code) => overrides[code] === 'off')) return overrides;
  return Object.fromEntries(Object.entries(overrides).filter(([code, value]) => !(codes.has(code) && value === 'off')));
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '');
}

/**
 * The feature questions of an analysis, delegated explicitly so that class-based analyses keep their `this` and
 * lazily computed findings stay lazy, with some answers replaced.
 */
function delegate(analysis: DocumentAnalysis, replaced: Partial<Pick<DocumentAnalysis, 'complete' | 'hover'>>): DocumentAnalysis {
  return {
    language: analysis.language,
    get findings() {
      return analysis.findings;
    },
    complete: replaced.complete ?? ((offset) => analysis.complete(offset)),
    resolveDocumentation: (key) => analysis.resolveDocumentation(key),
    hover: replaced.hover ?? ((offset) => analysis.hover(offset)),
    definition: (offset) => analysis.definition(offset),
    symbols: () => analysis.symbols(),
    folding: () => analysis.folding(),
    dataflow: () => analysis.dataflow(),
  };
}

/**
 * The front end's analysis with findings and allowances computed once, on first use. It delegates
 * explicitly so that class-based analyses keep their `this`.
 */
function withFindings(
  analysis: DocumentAnalysis,
  compute: () => { readonly findings: readonly Finding[]; readonly allowances: readonly Allowance[] },
): DocumentAnalysis {
  let computed: ReturnType<typeof compute> | undefined;
  const result = () => (computed ??= compute());
  return {
    language: analysis.language,
    get findings() {
      return result().findings;
    },
    get allowances() {
      return result().allowances;
    },
    complete: (offset) => analysis.complete(offset),
    resolveDocumentation: (key) => analysis.resolveDocumentation(key),
    hover: (offset) => analysis.hover(offset),
    definition: (offset) => analysis.definition(offset),
    symbols: () => analysis.symbols(),
    folding: () => analysis.folding(),
    dataflow: () => analysis.dataflow(),
  };
}
