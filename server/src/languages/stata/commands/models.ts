/**
 * Model fits: `regress`, `logit`, `areg … , absorb()`, `xtreg … , fe`, `reghdfe … , absorb()` and the rest.
 * Each term is read with its factor-variable operator (`i.school` is categorical), absorbed and panel fixed
 * effects are fixed-effect terms, and a fit run quietly becomes an output only when a table of estimates is
 * written later.
 */
import type { ModelTerm, Output } from '../../../dataflow/model';
import { addOutput } from '../../../dataflow/builder';
import { isEmpty } from '../../../dataflow/facts';
import type { ColumnFacts } from '../../../dataflow/model';
import type { Variable } from '../dataset/dataset';
import { expressionVars, resolveVarlist } from '../resolve';
import type { CommandContext, StataState } from '../state';
import { hasOption, option } from './common';

export const MODELS = new Set([
  'regress', 'logit', 'logistic', 'probit', 'poisson', 'nbreg', 'areg', 'xtreg', 'reghdfe', 'ivregress', 'ivreg2', 'mixed', 'melogit',
  'meglm', 'mepoisson', 'ologit', 'oprobit', 'mlogit', 'tobit', 'stcox', 'streg', 'glm', 'qreg', 'xtlogit', 'xtpoisson', 'xtprobit',
  'ppmlhdfe', 'cloglog', 'heckman', 'biprobit', 'fracreg', 'betareg', 'rreg', 'sqreg', 'bsqreg', 'xtmixed', 'xtgls', 'didregress', 'xtdidregress',
]);

export function model(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  let from = cmd.args.from;
  // `ivregress 2sls y x (d = z)`: the estimator comes first.
  if (cmd.name === 'ivregress' && tokens[from]?.kind !== 'lparen') from++;
  const resolved = resolveVarlist(state, ctx, { from, to: cmd.args.to });
  expressionVars(state, ctx, cmd.ifExp);
  const terms: ModelTerm[] = [];
  const regressors = resolved.elements.slice(1);
  for (const { element, match } of regressors) {
    const vars = match.kind === 'found' ? match.vars : [];
    for (const v of vars.length > 0 ? vars : [undefined]) {
      terms.push({
        text: element.text,
        span: { start: element.start, end: element.end },
        facts: factsOf(state, v, element.text),
        categorical: element.factor === 'categorical',
        fixedEffect: false,
      });
    }
  }
  const absorb = option(ctx, 'absorb', 1);
  if (absorb?.args !== undefined) {
    for (const { element, match } of resolveVarlist(state, ctx, absorb.args).elements) {
      const v = match.kind === 'found' ? match.vars[0] : undefined;
      terms.push({ text: element.text, span: { start: element.start, end: element.end }, facts: factsOf(state, v, element.text), categorical: true, fixedEffect: true });
    }
  }
  if ((cmd.name === 'xtreg' || cmd.name === 'xtlogit' || cmd.name === 'xtpoisson') && hasOption(ctx, 'fe') && state.panelVar !== undefined) {
    const panel = state.panelVar;
    terms.push({ text: panel.name, span: ctx.span, facts: factsOf(state, panel, panel.name), categorical: true, fixedEffect: true });
  }
  const raw = tokens.slice(from, cmd.args.to).map((t) => t.value).join('');
  const output: Output = {
    kind: 'model',
    span: ctx.span,
    via: cmd.name,
    frame: state.dataset.frame.id,
    model: { fn: cmd.name, terms, interactions: raw.includes('#'), weighted: cmd.weight !== undefined && cmd.weight.kind !== 'fweight' },
  };
  const stored = ctx.cmd.prefixes.some((p) => p.kind === 'eststo');
  if (ctx.quiet) {
    // A quiet fit is seen only if its estimates are written out later.
    if (state.quietModels.length < 1000) state.quietModels.push(output);
    void stored;
    return;
  }
  addOutput(state.builder, output);
}

/**
 * `svyset psu [pweight = w], strata(s)`: later `svy:` estimates are weighted when a sampling weight is named
 * (`svyset` without one, or `svyset, clear`, leaves them unweighted).
 */
export function svyset(state: StataState, ctx: CommandContext): void {
  resolveVarlist(state, ctx, ctx.cmd.args);
  const kind = ctx.cmd.weight?.kind;
  state.surveyWeighted = kind === 'pweight' || kind === 'iweight' || kind === 'aweight';
}

/** `xtset panel [time]` names the panel variable that `xtreg, fe` absorbs. */
export function xtset(state: StataState, ctx: CommandContext): void {
  const resolved = resolveVarlist(state, ctx, ctx.cmd.args);
  if (resolved.vars[0] !== undefined) state.panelVar = resolved.vars[0];
}

/** A term's facts: its column's, or for a variable the script made without any, what its name says (`laestab`, `urn`). */
function factsOf(state: StataState, variable: Variable | undefined, name: string): ColumnFacts {
  const facts = variable?.column.facts;
  if (facts !== undefined && !isEmpty(facts)) return facts;
  return state.facts.column(undefined, variable?.name ?? name);
}
