/**
 * The pre-submission report as data: every file checked with its SHA-256, the catalogue and profile used,
 * each finding with its location and fix, each allowance with its reason, and a checklist of the rules.
 * The markdown and HTML renderers only lay this out, so both say the same thing.
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../model/findings';
import { LineIndex } from '../../util/lineIndex';
import type { Allowance } from '../allow';
import type { ResolvedDisclosureConfig } from '../config';
import { SDC_RULE_DESCRIPTIONS } from '../registry';
import type { RuleInfo } from '../rules/types';

export interface ReportFileInput {
  /** The path as it should appear in the report (relative to the workspace). */
  readonly path: string;
  /** The file's text, for line numbers and (unless `sha256` is given) the checksum. */
  readonly text: string;
  /** The SHA-256 of the file's bytes, when the caller read them; otherwise it is computed from the text as UTF-8. */
  readonly sha256?: string;
  readonly language?: string;
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  /** Why the file was not analysed (too large, binary), if it was not. */
  readonly skipped?: string;
}

export interface ReportInput {
  readonly title?: string;
  /** When the check ran (ISO 8601), passed in so the report is a pure function of its inputs. */
  readonly generatedAt: string;
  readonly toolVersion: string;
  readonly catalogue?: { readonly name: string; readonly version: string; readonly id?: string; readonly source?: string };
  readonly config: ResolvedDisclosureConfig;
  readonly files: readonly ReportFileInput[];
  /** The rules to list in the checklist; every SDC rule by default. */
  readonly rules?: readonly RuleInfo[];
  /** Where rule pages live, for links (`docs/rules`, or a URL); omitted links are relative paths. */
  readonly docsBase?: string;
}

export interface ReportFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** One-based line and column. */
  readonly line: number;
  readonly column: number;
  /** The rule's advice and the titles of the mechanical fixes offered. */
  readonly help?: string;
  readonly fixes: readonly string[];
}

export interface ReportAllowance {
  readonly line: number;
  readonly scope: 'line' | 'file';
  readonly codes: readonly string[];
  readonly reason?: string;
  /** Where the findings it silenced were, as `line code`. */
  readonly silenced: readonly { readonly line: number; readonly code: string }[];
}

export interface ReportFile {
  readonly path: string;
  readonly sha256: string;
  readonly language?: string;
  readonly skipped?: string;
  readonly findings: readonly ReportFinding[];
  readonly allowances: readonly ReportAllowance[];
}

export interface ChecklistEntry {
  readonly code: string;
  readonly name: string;
  readonly summary: string;
  readonly statbarn: string;
  readonly docPath: string;
  readonly state: 'off' | 'clear' | 'findings' | 'allowed';
  readonly findings: number;
  readonly allowed: number;
}

export interface ReportDocument {
  readonly title: string;
  readonly generatedAt: string;
  readonly toolVersion: string;
  readonly catalogue?: ReportInput['catalogue'];
  readonly profile: string;
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  readonly files: readonly ReportFile[];
  readonly checklist: readonly ChecklistEntry[];
  readonly totals: { readonly files: number; readonly findings: number; readonly errors: number; readonly warnings: number; readonly allowances: number; readonly missingReasons: number };
  readonly docsBase: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function buildReport(input: ReportInput): ReportDocument {
  const rules = input.rules ?? SDC_RULE_DESCRIPTIONS;
  const files = [...input.files].sort((a, b) => a.path.localeCompare(b.path)).map((file) => reportFile(file, rules));
  const all = files.flatMap((f) => f.findings);
  const allowances = files.flatMap((f) => f.allowances);
  const checklist = rules.map((rule): ChecklistEntry => {
    const findings = all.filter((f) => f.code === rule.code).length;
    const allowed = allowances.reduce((n, a) => n + a.silenced.filter((s) => s.code === rule.code).length, 0);
    const off = input.config.rules[rule.code] === 'off';
    return {
      code: rule.code,
      name: rule.name,
      summary: rule.summary,
      statbarn: rule.statbarn,
      docPath: rule.docPath,
      state: off ? 'off' : findings > 0 ? 'findings' : allowed > 0 ? 'allowed' : 'clear',
      findings,
      allowed,
    };
  });
  return {
    title: input.title ?? 'LEO Lens disclosure check for an output request',
    generatedAt: input.generatedAt,
    toolVersion: input.toolVersion,
    ...(input.catalogue !== undefined ? { catalogue: input.catalogue } : {}),
    profile: input.config.profile,
    parameters: parameterList(input.config),
    files,
    checklist,
    totals: {
      files: files.length,
      findings: all.length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      allowances: allowances.length,
      missingReasons: allowances.filter((a) => a.reason === undefined).length,
    },
    docsBase: input.docsBase ?? 'docs/rules',
  };
}

function reportFile(file: ReportFileInput, rules: readonly RuleInfo[]): ReportFile {
  const lines = new LineIndex(file.text);
  const position = (offset: number): { line: number; column: number } => {
    const p = lines.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const findings = [...file.findings].sort((a, b) => a.start - b.start).map((finding): ReportFinding => {
    const at = position(finding.start);
    const rule = rules.find((r) => r.code === finding.code);
    const fixes = (finding.fixes ?? []).map((f) => f.title).filter((t) => !t.startsWith('Allow '));
    return { code: finding.code, severity: finding.severity, message: finding.message, ...at, ...(rule ? { help: rule.help } : {}), fixes };
  });
  const allowances = file.allowances.map((a): ReportAllowance => ({
    line: a.line + 1,
    scope: a.scope,
    codes: a.codes,
    ...(a.reason !== undefined ? { reason: a.reason } : {}),
    silenced: a.silenced.map((f) => ({ line: position(f.start).line, code: f.code })),
  }));
  return {
    path: file.path,
    sha256: file.sha256 ?? sha256Hex(file.text),
    ...(file.language !== undefined ? { language: file.language } : {}),
    ...(file.skipped !== undefined ? { skipped: file.skipped } : {}),
    findings,
    allowances,
  };
}

function parameterList(config: ResolvedDisclosureConfig): { name: string; value: string }[] {
  const p = config.parameters;
  const list = [
    { name: 'Minimum units per cell or statistic', value: String(p.threshold) },
    { name: 'Minimum residual degrees of freedom', value: String(p.dof) },
    { name: 'Dominance (N, k)', value: `(${p.dominanceN}, ${p.dominanceK})` },
    { name: 'p% rule', value: String(p.pRatio) },
    { name: 'Counts rounded to', value: String(p.roundingBase) },
    { name: 'Earnings rounded to', value: `£${p.earningsRounding}` },
    { name: 'Disclosive zeros', value: p.zeros },
    { name: 'Rounding protects small cells', value: p.roundingSatisfiesThreshold ? 'yes' : 'no' },
    { name: 'Fine geography', value: p.fineGeography.join(', ') },
  ];
  if (p.percentageMinN !== undefined) list.push({ name: 'Percentages need at least', value: String(p.percentageMinN) });
  if (p.averageMinN !== undefined) list.push({ name: 'Averages need more than', value: String(p.averageMinN) });
  const severities = Object.entries(config.rules);
  if (severities.length > 0) list.push({ name: 'Rule severities set by the project', value: severities.map(([c, s]) => `${c}: ${s}`).join(', ') });
  if (config.suppressionHelpers.length > 0) list.push({ name: 'Suppression helpers', value: config.suppressionHelpers.join(', ') });
  if (config.roundingHelpers.length > 0) list.push({ name: 'Rounding helpers', value: config.roundingHelpers.join(', ') });
  if (config.identifierColumns.length > 0) list.push({ name: 'Extra identifier columns', value: config.identifierColumns.join(', ') });
  return list;
}
