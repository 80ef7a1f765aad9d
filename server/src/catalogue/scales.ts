/**
 * Plain-English meanings of DfE's identification-risk (1–5) and sensitivity (A–E) scales.
 * The wording follows DfE's definitions in the NPD Data Tables workbook (sheet `Datasets_&_Tiers`),
 * which the variable request form uses for its ratings.
 */
import type { IdentificationRisk, Sensitivity } from './api';

const RISK: Readonly<Record<IdentificationRisk, string>> = {
  1: 'Instant identifier (for example a name or an address).',
  2: 'Meaningful identifier (for example a pupil number used in schools).',
  3: 'Meaningless identifier (a reference number that only has meaning within the dataset).',
  4: 'Not an identifier, but carries a high risk of re-identification.',
  5: 'Other: low identification risk.',
};

const SENSITIVITY: Readonly<Record<Sensitivity, string>> = {
  A: 'DfE has publicly committed never to use this item outside DfE.',
  B: 'Highly sensitive: identification would raise safeguarding issues (for example children in need or looked after).',
  C: 'Sensitive, but not a GDPR special category (for example free school meals).',
  D: 'Sensitive and a GDPR special category (for example special educational needs or ethnicity).',
  E: 'Other: not classed as sensitive.',
};

/** The meaning of an identification-risk rating; undefined for values outside 1–5. */
export function describeRisk(risk: number): string | undefined {
  return Object.prototype.hasOwnProperty.call(RISK, risk) ? RISK[risk as IdentificationRisk] : undefined;
}

/** The meaning of a sensitivity rating (case-insensitive); undefined for values outside A–E. */
export function describeSensitivity(sensitivity: string): string | undefined {
  const key = sensitivity.trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(SENSITIVITY, key) ? SENSITIVITY[key as Sensitivity] : undefined;
}
