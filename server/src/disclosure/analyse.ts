/**
 * The entry point of the disclosure checks: extract the model for a document, run every rule on it, apply
 * the configured severities and the allow comments, and add the generic "allow with a reason" quick fix.
 * Pure and total: it never throws, and a rule that fails only loses its own findings.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { LanguageId } from '../languages/types';
import type { Finding, Fix, Severity } from '../model/findings';
import { LineIndex } from '../util/lineIndex';
import { allowCommentEdit, applyAllowComments, type Allowance, ALLOW_CODE } from './allow';
import { resolveDisclosureConfig, type DisclosureConfig, type ResolvedDisclosureConfig } from './config';
import { extractR, type RTreeInput } from './extract/r';
import { extractSql, type SqlParseInput } from './extract/sql';
import type { DisclosureModel } from './model';
import { SDC_CODES, SDC_RULES, sdcRuleInfo } from './registry';
import type { RuleContext } from './rules/types';

/** What a language front end may hand over so that its parse is not repeated. */
export interface DisclosureArtifacts {
  /** The T-SQL front end's parse; when absent the SQL is parsed here. */
  readonly sql?: SqlParseInput;
  /** The tree-sitter R tree (its root node); without it R documents get no model. */
  readonly r?: RTreeInput;
}

export interface DisclosureResult {
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  /** The model the rules ran on, for tests, golden files and debugging. */
  readonly model?: DisclosureModel;
}

const EMPTY: DisclosureResult = Object.freeze({ findings: [], allowances: [] });

/**
 * Runs the disclosure checks on one document.
 * `config` is the validated `disclosure` section of `.leo-lens.json` (or an already resolved one).
 */
export function analyseDisclosure(
  language: LanguageId,
  text: string,
  artifacts: DisclosureArtifacts | undefined,
  catalogue: CatalogueIndex | undefined,
  config?: DisclosureConfig | ResolvedDisclosureConfig,
): DisclosureResult {
  try {
    const resolved = isResolved(config) ? config : resolveDisclosureConfig(config);
    const model = extractModel(language, text, artifacts, catalogue, resolved);
    if (model === undefined) return EMPTY;
    return checkModel(model, text, resolved);
  } catch {
    return EMPTY;
  }
}

/** Builds the model for a language, or undefined when the language has no extractor (yet). */
export function extractModel(
  language: LanguageId,
  text: string,
  artifacts: DisclosureArtifacts | undefined,
  catalogue: CatalogueIndex | undefined,
  config: ResolvedDisclosureConfig,
): DisclosureModel | undefined {
  switch (language) {
    case 'sql':
      return extractSql(text, catalogue, config, artifacts?.sql);
    case 'r':
      return artifacts?.r !== undefined ? extractR(text, artifacts.r, catalogue, config) : undefined;
    default:
      return undefined;
  }
}

/** Runs the rules on a model (built by an extractor or by hand, as the tests do). */
export function checkModel(model: DisclosureModel, text: string, config: ResolvedDisclosureConfig): DisclosureResult {
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const context: RuleContext = {
    model,
    text,
    config,
    frame: (id) => (id === undefined ? undefined : model.frames[id]),
    lineOf: (offset) => lineOf(offset) + 1,
  };
  const raw: Finding[] = [];
  for (const rule of SDC_RULES) {
    const severity = severityOf(rule.info.code, rule.info.defaultSeverity, config);
    if (severity === 'off') continue;
    let hits;
    try {
      hits = rule.check(context);
    } catch {
      continue;
    }
    for (const hit of hits) {
      raw.push({
        code: rule.info.code,
        severity,
        message: hit.message,
        start: hit.start,
        end: Math.max(hit.start, hit.end),
        ...(hit.fixes !== undefined && hit.fixes.length > 0 ? { fixes: hit.fixes } : {}),
      });
    }
  }
  const allowSeverity = severityOf(ALLOW_CODE, sdcRuleInfo(ALLOW_CODE)!.defaultSeverity, config);
  const applied = applyAllowComments(text, model.texts, raw, SDC_CODES, lineOf, allowSeverity, model.statements ?? []);
  const findings = applied.findings
    .map((f) => (f.code === ALLOW_CODE ? f : withAllowFix(f, text, model.commentPrefix)))
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { findings, allowances: applied.allowances, model };
}

function severityOf(code: string, fallback: Severity, config: ResolvedDisclosureConfig): Severity | 'off' {
  return config.rules[code] ?? fallback;
}

function withAllowFix(finding: Finding, text: string, commentPrefix: string): Finding {
  const allow: Fix = {
    title: `Allow ${finding.code} here, with a reason for the output checker`,
    edits: [allowCommentEdit(text, finding.start, finding.code, commentPrefix)],
  };
  return { ...finding, fixes: [...(finding.fixes ?? []), allow] };
}

function isResolved(config: DisclosureConfig | ResolvedDisclosureConfig | undefined): config is ResolvedDisclosureConfig {
  return config !== undefined && 'resolved' in config && config.resolved === true;
}
