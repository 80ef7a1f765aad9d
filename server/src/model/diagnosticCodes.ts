/**
 * Every diagnostic code LEO Lens can report, with the words the CLI's SARIF output, the rule pages
 * and the README use. Codes are a contract with users: never reuse or renumber one.
 */
import { SDC_RULE_INFOS } from '../disclosure/registry';
import type { Severity } from './findings';

export interface DiagnosticCodeInfo {
  readonly code: string;
  /** A short kebab-case name (SARIF `name`). */
  readonly name: string;
  /** One sentence: what the code reports. */
  readonly summary: string;
  /** What to do about it. */
  readonly help: string;
  readonly defaultSeverity: Severity;
}

/** The front ends' own codes (files skipped, names checked against the catalogue), the extract's and the population hint. */
const REFERENCE_CODES: readonly DiagnosticCodeInfo[] = [
  {
    code: 'LEO000',
    name: 'not-checked',
    summary: 'Part of the file was not checked, because an analysis step failed or reached a limit on it.',
    help: 'The message names the part and the reason; check that part by hand before an output request, and report the failure with the file if you can.',
    defaultSeverity: 'info',
  },
  {
    code: 'LEO001',
    name: 'file-too-large',
    summary: 'The file is larger than the size limit and was not analysed.',
    help: 'Raise leoLens.maxFileSizeKb (or "maxFileSizeKb" in .leo-lens.json), or split the script.',
    defaultSeverity: 'info',
  },
  {
    code: 'LEO002',
    name: 'binary-file',
    summary: 'The file looks binary and was not analysed.',
    help: 'Check that the file is a script; LEO Lens analyses text files only.',
    defaultSeverity: 'info',
  },
  {
    code: 'LEO101',
    name: 'unknown-table',
    summary: 'The table or view is not in the LEO catalogue for that database.',
    help: 'Check the spelling against the suggestions, or describe the table in a catalogue overlay if your project has it.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO102',
    name: 'unknown-column',
    summary: 'The column is not a column of the catalogued source it is used on.',
    help: 'Use one of the suggested names; a wrong name fails on the SRS server because projects see only the columns they requested.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO103',
    name: 'not-populated',
    summary: 'The column or table is used for a year or term in which it is not populated.',
    help: 'Check the years populated in the hover; pick a year the field covers, or expect only missing values.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO104',
    name: 'ambiguous-column',
    summary: 'An unqualified column exists in more than one source of the query.',
    help: 'Qualify the column with the alias of the source you mean.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO105',
    name: 'unknown-qualifier',
    summary: 'The qualifier before the dot is not an alias or table of the query.',
    help: 'Use an alias defined in the FROM clause, or add the source to the query.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO106',
    name: 'not-in-extract',
    summary: "The table, column or year is in the LEO catalogue but not in the project's extract (its approved variable request form).",
    help: 'Use one of the granted names suggested, or ask DfE to add the variable or year to the project; the extract is "extract" in .leo-lens.json.',
    defaultSeverity: 'warning',
  },
  {
    code: 'LEO201',
    name: 'population-narrowed',
    summary: 'An inner join from a cohort to an outcome table, or a filter on an outcome column, drops everyone without an outcome record.',
    help: 'If the whole cohort is meant, use a LEFT JOIN and give people without a record an explicit zero or missing category; if only people with a record are meant, say so with an explicit IS NOT NULL. Turn the hint off with "populationHints": false.',
    defaultSeverity: 'info',
  },
];

/** Every code, reference checks first, then the disclosure rules. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [...REFERENCE_CODES, ...SDC_RULE_INFOS];

/** Codes that have a documentation page under `docs/rules/`. */
export function hasRulePage(code: string): boolean {
  return SDC_RULE_INFOS.some((info) => info.code === code);
}

export function diagnosticCodeInfo(code: string): DiagnosticCodeInfo | undefined {
  return DIAGNOSTIC_CODES.find((info) => info.code === code);
}
