/**
 * Every SDC rule, in code order. Codes are a contract with users: never reuse or renumber one.
 * `SDC_RULE_INFOS` is what the diagnostic-code registry, the SARIF output and the report read.
 */
import type { DiagnosticCodeInfo } from '../model/diagnosticCodes';
import { SDC000_INFO } from './rules/sdc000AllowReason';
import { sdc001 } from './rules/sdc001RecordExport';
import { sdc002 } from './rules/sdc002RecordPrint';
import { sdc003 } from './rules/sdc003Identifier';
import { sdc010 } from './rules/sdc010MinimumCount';
import { sdc011 } from './rules/sdc011Extremes';
import { sdc012 } from './rules/sdc012Dominance';
import { sdc013 } from './rules/sdc013Position';
import { sdc014 } from './rules/sdc014Zeros';
import { sdc015 } from './rules/sdc015TotalsBeforeSuppression';
import { sdc016 } from './rules/sdc016Regression';
import { sdc017 } from './rules/sdc017PointGraphics';
import { sdc018 } from './rules/sdc018GraphicFormat';
import { sdc020 } from './rules/sdc020Differencing';
import { sdc021 } from './rules/sdc021FineGeography';
import { sdc022 } from './rules/sdc022Unrounded';
import { sdc023 } from './rules/sdc023Weighted';
import { sdc024 } from './rules/sdc024SafeguardingGeography';
import { sdc025 } from './rules/sdc025ValuesInCode';
import type { Rule, RuleInfo } from './rules/types';

export const SDC_RULES: readonly Rule[] = [
  sdc001, sdc002, sdc003, sdc010, sdc011, sdc012, sdc013, sdc014, sdc015, sdc016, sdc017, sdc018,
  sdc020, sdc021, sdc022, sdc023, sdc024, sdc025,
];

/** Every rule's description, SDC000 (the allow-comment check) first. */
export const SDC_RULE_DESCRIPTIONS: readonly RuleInfo[] = [SDC000_INFO, ...SDC_RULES.map((r) => r.info)];

/** The entries for the diagnostic-code registry (SARIF names, help and default severities). */
export const SDC_RULE_INFOS: readonly DiagnosticCodeInfo[] = SDC_RULE_DESCRIPTIONS.map((info) => ({
  code: info.code,
  name: info.name,
  summary: info.summary,
  help: info.help,
  defaultSeverity: info.defaultSeverity,
}));

export const SDC_CODES: ReadonlySet<string> = new Set(SDC_RULE_DESCRIPTIONS.map((info) => info.code));

export function sdcRuleInfo(code: string): RuleInfo | undefined {
  return SDC_RULE_DESCRIPTIONS.find((info) => info.code === code);
}
