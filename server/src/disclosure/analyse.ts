/**
 * The entry point of the disclosure checks: run every rule on a document's dataflow model, apply the configured
 * severities and the allow comments, and add the generic "allow with a reason" quick fix. The model comes from
 * the document's front end; nothing here knows any language.
 * Total: it never throws. A rule that fails loses only its own findings and says so with a LEO000 note, and so
 * does a model that could not be built.
 */
import type { DataflowModel } from '../dataflow/model';
import type { Finding, Fix, Severity } from '../model/findings';
import { notCheckedFindings, type UncheckedPart } from '../model/notChecked';
import { describeError } from '../util/errors';
import { LineIndex } from '../util/lineIndex';
import { allowCommentEdit, applyAllowComments, type Allowance, ALLOW_CODE, newlineOf } from './allow';
import type { ResolvedDisclosureConfig } from './config';
import { SDC_CODES, SDC_RULES, sdcRuleInfo } from './registry';
import type { RuleContext } from './rules/types';

export interface DisclosureResult {
  readonly findings: readonly Finding[];
  readonly allowances: readonly Allowance[];
  /** The model the rules ran on, for tests, golden files and debugging. */
  readonly model?: DataflowModel;
}

/**
 * Builds the model with `build` (a front end's `dataflow()`) and checks it. A build that throws yields one
 * LEO000 note on the whole file, and no SDC findings.
 */
export function checkDataflow(build: () => DataflowModel, text: string, config: ResolvedDisclosureConfig): DisclosureResult {
  let model: DataflowModel;
  try {
    model = build();
  } catch (error) {
    const part: UncheckedPart = { start: 0, end: 0, what: 'the disclosure checks of this file', reason: describeError(error) };
    return { findings: notCheckedFindings([part]), allowances: [] };
  }
  return checkModel(model, text, config);
}

/** Runs the rules on a model (built by a front end or by hand, as the tests do). */
export function checkModel(model: DataflowModel, text: string, config: ResolvedDisclosureConfig): DisclosureResult {
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
  const unchecked: UncheckedPart[] = (model.incomplete ?? []).map((part) => ({
    start: part.start,
    end: part.end,
    what: 'the disclosure checks of this statement',
    reason: part.reason,
  }));
  for (const rule of SDC_RULES) {
    const severity = severityOf(rule.info.code, rule.info.defaultSeverity, config);
    if (severity === 'off') continue;
    let hits;
    try {
      hits = rule.check(context);
    } catch (error) {
      unchecked.push({ start: 0, end: 0, what: `rule ${rule.info.code}`, reason: describeError(error) });
      continue;
    }
    for (const hit of hits) {
      raw.push({
        code: rule.info.code,
        severity: hit.severity === 'info' && severity !== 'hint' ? 'info' : severity,
        message: hit.message,
        start: hit.start,
        end: Math.max(hit.start, hit.end),
        ...(hit.fixes !== undefined && hit.fixes.length > 0 ? { fixes: hit.fixes } : {}),
      });
    }
  }
  const allowSeverity = severityOf(ALLOW_CODE, sdcRuleInfo(ALLOW_CODE)!.defaultSeverity, config);
  // The fixes of thousands of findings share one line index and one look for the file's line break.
  const lineStartOf = (offset: number): number => lines.offsetAt({ line: lineOf(offset), character: 0 });
  const newline = newlineOf(text);
  const applied = applyAllowComments(text, model.texts, raw, SDC_CODES, lineOf, allowSeverity, model.statements ?? []);
  const findings = applied.findings
    .map((f) => (f.code === ALLOW_CODE ? f : withAllowFix(f, text, model.commentPrefix, lineStartOf, newline)))
    .concat(notCheckedFindings(unchecked))
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { findings, allowances: applied.allowances, model };
}

function severityOf(code: string, fallback: Severity, config: ResolvedDisclosureConfig): Severity | 'off' {
  return config.rules[code] ?? fallback;
}

function withAllowFix(finding: Finding, text: string, commentPrefix: string, lineStartOf: (offset: number) => number, newline: string): Finding {
  const allow: Fix = {
    title: `Allow ${finding.code} here, with a reason for the output checker`,
    edits: [allowCommentEdit(text, finding.start, finding.code, commentPrefix, lineStartOf, newline)],
  };
  return { ...finding, fixes: [...(finding.fixes ?? []), allow] };
}
