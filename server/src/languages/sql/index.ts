/**
 * The T-SQL front end: analyses a SQL document against the catalogue and answers completion, hover, definition,
 * symbol and folding requests on the result.
 *
 * Re-analysis after an edit reuses the previous analysis: statement parses are cached by their text, and the
 * findings of a statement are cached by a fingerprint of everything they depend on (the statement's text, the
 * database in force, and the definitions of the script objects it names), so only statements affected by an edit
 * are checked again.
 */
import type { CatalogueIndex } from '../../catalogue/api';
import type { DataflowModel } from '../../dataflow/model';
import { defaultDisclosureConfig } from '../../disclosure/config';
import type { Finding } from '../../model/findings';
import { notCheckedFindings } from '../../model/notChecked';
import { describeError } from '../../util/errors';
import type { AnalysisContext, CompletionResult, DocumentAnalysis, LanguageSupport } from '../types';
import { failedAnalysis } from '../emptyAnalysis';
import { budgetReason } from './analysisBudget';
import { complete, resolveDocumentation } from './completion';
import { completionContext } from './context';
import { extractSqlResumable, parseInputOf } from './dataflow/sql';
import type { SqlExtraction } from './dataflow/sqlResume';
import { definition } from './definition';
import { type ParsedStatement, parseDocument, type SqlDocument } from './document';
import { folding } from './folding';
import { hover } from './hover';
import { key } from './identifiers';
import { statementFindings } from './referenceDiagnostics';
import { buildScriptObjects, type ScriptObjectIndex } from './scriptObjects';
import { createSemanticModel, type SemanticModel } from './scopes';
import { symbols } from './symbols';

export const sqlLanguage: LanguageSupport = {
  id: 'sql',
  analyse: analyseSql,
};

/** What an analysis hands to the next one for reuse. */
interface SqlState {
  readonly doc: SqlDocument;
  readonly catalogue: CatalogueIndex;
  /** Relative findings of each statement, by dependency fingerprint. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  /** The dataflow extraction once it has been made, for the next version to resume from. */
  readonly extraction: () => SqlExtraction | undefined;
}

const states = new WeakMap<DocumentAnalysis, SqlState>();

/** The semantic model behind an SQL analysis, for front ends that embed SQL (and for tests). */
const models = new WeakMap<DocumentAnalysis, SemanticModel>();

export function sqlModelOf(analysis: DocumentAnalysis): SemanticModel | undefined {
  return models.get(analysis);
}

export function analyseSql(text: string, context: AnalysisContext, previous?: DocumentAnalysis): DocumentAnalysis {
  try {
    return analyseUnsafe(text, context, previous);
  } catch (error) {
    // The analysis must never take the server down; an unexpected failure yields an empty analysis that says so.
    return failedAnalysis('sql', { start: 0, end: text.length, what: 'the analysis of this file', reason: describeError(error) });
  }
}

function analyseUnsafe(text: string, context: AnalysisContext, previous?: DocumentAnalysis): DocumentAnalysis {
  const prior = previous ? states.get(previous) : undefined;
  const doc = parseDocument(text, prior?.doc);
  const objects = buildScriptObjects(doc);
  const model = createSemanticModel(doc, context.catalogue, objects);
  const reusable = prior && prior.catalogue === context.catalogue ? prior.findings : undefined;
  const cache = new Map<string, readonly Finding[]>();
  const fingerprints: string[] = [];
  const findings: Finding[] = [];
  for (const entry of doc.statements) {
    const fingerprint = statementFingerprint(entry.index, doc, objects, fingerprints);
    fingerprints.push(fingerprint);
    let relative = cache.get(fingerprint) ?? reusable?.get(fingerprint);
    if (relative === undefined) {
      try {
        relative = statementFindings(model, entry.index);
      } catch {
        relative = [];
      }
    }
    cache.set(fingerprint, relative);
    for (const finding of relative) {
      const override = context.severityOverrides[finding.code];
      if (override === 'off') continue;
      findings.push(shift(finding, entry.base, override ?? finding.severity));
    }
  }
  if (doc.truncatedAt !== undefined) {
    findings.push(...notCheckedFindings([{
      start: doc.truncatedAt,
      end: text.length,
      what: 'the checks from here to the end of the file',
      reason: budgetReason(),
      cause: 'limit',
    }]));
  }
  let symbolCache: ReturnType<typeof symbols> | undefined;
  let foldingCache: ReturnType<typeof folding> | undefined;
  let extraction: SqlExtraction | undefined;
  // Only the previous version's extraction is held, and only until this version's is made.
  let resumeFrom = prior?.extraction;
  const dataflow = (): DataflowModel => {
    if (extraction === undefined) {
      extraction = extractSqlResumable(text, context.catalogue, context.disclosure ?? defaultDisclosureConfig(), resumeFrom?.(), parseInputOf(doc));
      resumeFrom = undefined;
    }
    return extraction.model;
  };
  const analysis: DocumentAnalysis = {
    language: 'sql',
    findings,
    complete: (offset) => guard((): CompletionResult => complete(completionContext(doc, offset), model), { items: [], isIncomplete: false }),
    resolveDocumentation: (resolveKey) => guard(() => resolveDocumentation(resolveKey, model), undefined),
    hover: (offset) => guard(() => hover(model, doc, offset), undefined),
    definition: (offset) => guard(() => definition(model, doc, offset), []),
    symbols: () => (symbolCache ??= guard(() => symbols(doc), [])),
    folding: () => (foldingCache ??= guard(() => folding(doc), [])),
    dataflow,
  };
  states.set(analysis, { doc, catalogue: context.catalogue, findings: cache, extraction: () => extraction });
  models.set(analysis, model);
  return analysis;
}

function guard<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

function shift(finding: Finding, base: number, severity: Finding['severity']): Finding {
  const fixes = finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + base, end: e.end + base })) }));
  return fixes
    ? { ...finding, severity, start: finding.start + base, end: finding.end + base, fixes }
    : { ...finding, severity, start: finding.start + base, end: finding.end + base };
}

const parseIds = new WeakMap<ParsedStatement, number>();
let nextParseId = 1;
const namedObjects = new WeakMap<ParsedStatement, readonly string[]>();

/**
 * Everything a statement's findings depend on besides the catalogue: its own parse, the database of the last USE,
 * and, for each table name it uses, the fingerprint of the definition of that name in force (if the script defines it).
 */
function statementFingerprint(index: number, doc: SqlDocument, objects: ScriptObjectIndex, earlier: readonly string[]): string {
  const entry = doc.statements[index]!;
  const parsed = entry.parsed;
  let id = parseIds.get(parsed);
  if (id === undefined) {
    id = nextParseId++;
    parseIds.set(parsed, id);
  }
  const names = namesUsed(parsed);
  const database = objects.databaseAt(index);
  // Most statements name no script object and run under no USE: their fingerprint is their parse alone.
  if (database === undefined && !names.some((name) => objects.defines(name))) return String(id);
  let parts = `${id}|${database ?? ''}`;
  for (const name of names) {
    const object = objects.lookup(name, index);
    if (object === undefined) continue;
    const defIndex = object.statement.index;
    // A definition later in the script has no fingerprint yet; its parse identity and position stand in for it.
    const dependency = defIndex < index ? earlier[defIndex] : `later:${parseIds.get(object.statement.parsed) ?? 0}@${defIndex}`;
    parts += `|${name}=${hash(dependency ?? '')}`;
  }
  return parts;
}

/** The table names a statement uses (last name parts, lower case). */
function namesUsed(parsed: ParsedStatement): readonly string[] {
  let names = namedObjects.get(parsed);
  if (names === undefined) {
    const set = new Set<string>();
    for (const block of parsed.node.blocks) {
      const sources = block.target ? [block.target, ...block.sources] : block.sources;
      for (let source of sources) {
        while (source.kind === 'pivot') source = source.inner;
        if (source.kind === 'table') set.add(key(source.name.parts[source.name.parts.length - 1]!.value));
        else if (source.kind === 'variable') set.add(key(source.name.value));
      }
    }
    names = [...set];
    namedObjects.set(parsed, names);
  }
  return names;
}

/** A short stable digest (FNV-1a), so that fingerprints do not grow along chains of temp tables. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36) + text.length.toString(36);
}

