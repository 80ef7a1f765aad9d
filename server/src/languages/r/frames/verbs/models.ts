/**
 * Model fits (`lm`, `glm`, `fixest::feols`, `lme4::lmer`, `survival::coxph` …): the formula's terms,
 * read against the data frame, become a model output for the regression rules.
 */
import { childByField, type RNode } from '../../parser/syntaxTree';
import { nodeText, operatorOf, readCall, unwrapParens } from '../../syntax/calls';
import type { Evaluator } from '../evaluator';
import type { Handler } from '../invocation';
import { maskedExpression } from '../masking';
import type { Frame, FrameColumn, ModelFit, ModelTerm } from '../model';
import { UNKNOWN } from '../values';

const CATEGORICAL_CALLS = new Set(['factor', 'as.factor', 'i', 'C', 'relevel', 'ordered', 'as.character']);

/** Splits the right side of a formula on top-level `+`, keeping `a * b` and `a:b` whole. */
function termsOf(text: string, node: RNode, out: RNode[] = []): RNode[] {
  const inner = unwrapParens(node);
  if (inner.type === 'binary_operator' && operatorOf(text, inner) === '+') {
    const lhs = childByField(inner, 'lhs');
    const rhs = childByField(inner, 'rhs');
    if (lhs) termsOf(text, lhs, out);
    if (rhs) termsOf(text, rhs, out);
    return out;
  }
  out.push(node);
  return out;
}

function readTerm(ev: Evaluator, node: RNode, frame: Frame | undefined, fixedEffect: boolean): ModelTerm {
  const before = ev.builder.references.length;
  if (frame) maskedExpression(ev, node, frame);
  const columns: FrameColumn[] = [];
  for (const reference of ev.builder.references.slice(before)) if (reference.column && !columns.includes(reference.column)) columns.push(reference.column);
  const inner = unwrapParens(node);
  const call = readCall(ev.text, inner);
  const categorical = fixedEffect || (call !== undefined && CATEGORICAL_CALLS.has(call.name)) || columns.some(isCategoricalColumn);
  return { text: nodeText(ev.text, node), span: { start: node.start, end: node.end }, columns, categorical, fixedEffect };
}

function isCategoricalColumn(column: FrameColumn): boolean {
  if (column.origin.kind !== 'catalogue') return false;
  const type = column.origin.match.column.type?.toLowerCase() ?? '';
  return type.includes('categor') || type.includes('dichotom') || (column.origin.match.column.codes?.length ?? 0) > 0;
}

/** Reads a formula into a model fit; lme4's `(1 | g)` and fixest's `| fe` become fixed-effect terms. */
function readFormula(ev: Evaluator, fn: string, formula: RNode, frame: Frame | undefined, weighted: boolean): ModelFit {
  const text = ev.text;
  const inner = unwrapParens(formula);
  const isFormula = inner.type === 'binary_operator' && operatorOf(text, inner) === '~';
  const lhs = isFormula ? childByField(inner, 'lhs') : undefined;
  let rhs = isFormula ? childByField(inner, 'rhs') : inner.type === 'unary_operator' ? childByField(inner, 'rhs') : undefined;
  if (lhs && frame) maskedExpression(ev, lhs, frame);
  const terms: ModelTerm[] = [];
  let interactions = false;
  // fixest: `y ~ x | fe1 + fe2`.
  if (rhs && unwrapParens(rhs).type === 'binary_operator' && operatorOf(text, unwrapParens(rhs)) === '|') {
    const split = unwrapParens(rhs);
    const effects = childByField(split, 'rhs');
    rhs = childByField(split, 'lhs');
    for (const term of effects ? termsOf(text, effects) : []) terms.push(readTerm(ev, term, frame, true));
  }
  for (const term of rhs ? termsOf(text, rhs) : []) {
    const unwrapped = unwrapParens(term);
    if (unwrapped.type === 'parenthesized_expression' || (term.type === 'parenthesized_expression' && unwrapped.type === 'binary_operator' && operatorOf(text, unwrapped) === '|')) {
      const group = unwrapped.type === 'binary_operator' ? childByField(unwrapped, 'rhs') : undefined;
      if (group) terms.push(readTerm(ev, group, frame, true));
      continue;
    }
    if (unwrapped.type === 'binary_operator' && (operatorOf(text, unwrapped) === '*' || operatorOf(text, unwrapped) === ':')) interactions = true;
    terms.push(readTerm(ev, term, frame, false));
  }
  return {
    fn,
    formula: nodeText(text, formula),
    ...(lhs ? { response: nodeText(text, lhs) } : {}),
    terms,
    interactions,
    weighted,
  };
}

function modelHandler(formals: readonly string[]): Handler {
  const formulaFormal = formals[0]!;
  const dataFormal = formals.includes('data') ? 'data' : 'design';
  return {
    formals: [...formals, '...'],
    run(inv) {
      const ev = inv.evaluator;
      const formula = inv.arg(formulaFormal);
      const data = inv.arg(dataFormal) ? inv.value(dataFormal) : UNKNOWN;
      const frame = data.kind === 'frame' ? data.frame : undefined;
      inv.consume(formula);
      const weighted = inv.call.args.some((arg) => arg.name === 'weights' || arg.name === 'wt') || inv.fn.startsWith('svy');
      const weights = inv.call.args.find((arg) => arg.name === 'weights');
      if (weights?.value && frame) {
        inv.consume(weights);
        maskedExpression(ev, weights.value, frame);
      }
      const model = formula?.value ? readFormula(ev, inv.fn, formula.value, frame, weighted) : { fn: inv.fn, formula: '', terms: [], interactions: false, weighted };
      ev.builder.addStep({ kind: 'output', fn: inv.fn, span: inv.span, inputs: frame ? [frame.id] : [], output: 'model', model });
      return { kind: 'model', model, span: inv.span, ...(frame ? { frame } : {}) };
    },
  };
}

/** Each fitting function with its formals in R's order, formula first. */
const MODELS: readonly (readonly [string, readonly string[]])[] = [
  ['lm', ['formula', 'data', 'subset', 'weights']],
  ['glm', ['formula', 'family', 'data', 'weights']],
  ['feols', ['fml', 'data']],
  ['feglm', ['fml', 'data', 'family']],
  ['fepois', ['fml', 'data']],
  ['felm', ['formula', 'data']],
  ['lmer', ['formula', 'data']],
  ['glmer', ['formula', 'data', 'family']],
  ['coxph', ['formula', 'data', 'weights']],
  ['survfit', ['formula', 'data']],
  ['lm_robust', ['formula', 'data']],
  ['plm', ['formula', 'data']],
  ['polr', ['formula', 'data']],
  ['multinom', ['formula', 'data']],
  ['gam', ['formula', 'family', 'data']],
  ['svyglm', ['formula', 'design']],
];

export const MODEL_HANDLERS: readonly (readonly [string, Handler])[] = MODELS.map(([name, formals]) => [name, modelHandler(formals)] as const);
