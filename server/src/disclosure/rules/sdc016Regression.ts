/**
 * SDC016: a regression that works as a lookup table: unit-level fixed effects, saturated categorical terms,
 * or a fit on so few rows that the residual degrees of freedom fall below the threshold (R12).
 */
import { identifiesUnit } from '../../dataflow/facts';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC016';
const FINE = new Set(['postcode', 'OA', 'LSOA']);

export const sdc016: Rule = {
  info: {
    code: CODE,
    name: 'regression-degrees-of-freedom',
    summary: 'A model has unit-level fixed effects, only crossed categorical terms, or too few residual degrees of freedom.',
    help: 'Use coarser categories or random effects, add continuous covariates, and report the residual degrees of freedom (at least the threshold).',
    defaultSeverity: 'warning',
    statbarn: 'CorrelationCoefficients',
    rationale: 'Regression output is safe with at least 10 residual degrees of freedom and when it is not based solely on categorical variables or on a single unit (ESSnet/DwB; ACRO safe_dof_threshold 10; R12). Saturated models reproduce cell means.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const dof = context.config.parameters.dof;
    const hits: RuleHit[] = [];
    for (const output of context.model.outputs) {
      if (output.kind !== 'model' || output.model === undefined) continue;
      const model = output.model;
      const unitTerm = model.terms.find((t) => identifiesUnit(t.facts) || (t.facts.identifier === 'institution' && t.categorical)
        || (t.facts.geography !== undefined && FINE.has(t.facts.geography) && t.categorical));
      if (unitTerm !== undefined) {
        hits.push({
          start: unitTerm.span.start,
          end: unitTerm.span.end,
          message: `\`${unitTerm.text}\` enters ${output.via} as a categorical or fixed effect at the level of single units (people, institutions or small areas): its coefficients describe tiny groups. Use coarser groups or random effects. ${justifyHint(CODE)}`,
        });
        continue;
      }
      const regressors = model.terms.filter((t) => !t.fixedEffect);
      if (model.interactions && regressors.length >= 2 && regressors.every((t) => t.categorical)) {
        hits.push({
          start: output.span.start,
          end: output.span.end,
          message: `This ${output.via} model crosses only categorical terms: a saturated model reproduces the mean of every cell. Add continuous covariates or drop interactions, and check the residual degrees of freedom are at least ${dof}. ${justifyHint(CODE)}`,
        });
        continue;
      }
      const frame = context.frame(output.frame);
      if (frame?.grain === 'aggregate') {
        hits.push({
          start: output.span.start,
          end: output.span.end,
          message: `This ${output.via} model is fitted on an aggregated table, which has few rows: the residual degrees of freedom are likely below ${dof}. Fit it on the record-level data, or report the degrees of freedom. ${justifyHint(CODE)}`,
        });
      }
    }
    return hits;
  },
};
