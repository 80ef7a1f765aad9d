/**
 * The disclosure checks (SDC rules) of LEO Lens: the entry points the service, the CLI and the server use.
 * Everything here is pure: text, parse and catalogue in, findings, allowances and reports out.
 */
export { checkDataflow, checkModel, type DisclosureResult } from './analyse';
export { ALLOW_CODE, REASON_PLACEHOLDER, type Allowance } from './allow';
export {
  DisclosureConfigSchema, HESA_PARAMETERS, ONS_SRS_PARAMETERS, parseDisclosureConfig, PROFILES, resolveDisclosureConfig,
  type DisclosureConfig, type DisclosureParameters, type ResolvedDisclosureConfig,
} from './config';
export type { DataflowModel } from '../dataflow/model';
export { SDC_CODES, SDC_RULE_DESCRIPTIONS, SDC_RULE_INFOS, SDC_RULES, sdcRuleInfo } from './registry';
export { buildReport, renderReportHtml, renderReportMarkdown, sha256Hex, type ReportDocument, type ReportFileInput, type ReportInput } from './report';
export type { RuleInfo, Statbarn } from './rules/types';
