/**
 * What leaves a Python script: frames printed or displayed, files written (when meant for an output request
 * rather than working data), plots and the files they are saved to, and model fits with their terms.
 * In a `.py` script only explicit calls output anything; a notebook also shows each cell's last bare expression.
 */
import { addOutput } from '../../../dataflow/builder';
import type { Frame, ModelTerm, Output, PlotLayer, Span } from '../../../dataflow/model';
import { namedChildren, type PyNode, unparen } from '../parser/syntaxTree';
import { argument, isTrue, type PyCall } from '../syntax/calls';
import { constantValue, partialValue } from '../syntax/strings';
import { columnOf, stringLiteral } from './columns';
import { constantPath } from './sources';
import { type Evaluation, frameOf, type PyState, type PyValue, spanOf, UNKNOWN } from './state';

export const PRINTERS = new Set(['print', 'display', 'pprint']);

/** Records what a value shows when it is printed or displayed. */
export function addPrint(state: PyState, value: PyValue, node: PyNode, via: string): void {
  if (value.kind === 'plot') {
    addPlot(state, value);
    return;
  }
  if (value.kind !== 'frame' && value.kind !== 'column') return;
  addOutput(state.builder, {
    kind: 'print',
    span: spanOf(node),
    via,
    frame: value.frame.id,
    ...(value.kind === 'column' ? { columns: [value.column] } : {}),
  });
}

export function printCall(ev: Evaluation, call: PyCall): PyValue {
  for (const arg of call.positional) addPrint(ev.state, ev.evaluate(arg), call.node, call.name);
  return UNKNOWN;
}

/** DataFrame methods that write a file. */
export const WRITERS = new Set(['to_csv', 'to_excel', 'to_parquet', 'to_stata', 'to_pickle', 'to_feather', 'to_json', 'to_html', 'to_latex', 'to_markdown', 'to_string', 'to_clipboard']);

/** Formats that are working data, never releasable: written to an outputs folder they are flagged, elsewhere not. */
const DATA_FORMATS = /\.(?:parquet|pkl|pickle|feather|arrow|dta|sav|h5|hdf5)$/i;
const DATA_WRITERS = new Set(['to_parquet', 'to_pickle', 'to_feather', 'to_stata']);

/** `df.to_csv("outputs/table.csv")`: an export, when the file is meant to leave the SRS. */
export function writeCall(ev: Evaluation, call: PyCall, frame: Frame, receiver: PyNode): PyValue {
  const state = ev.state;
  if (call.name === 'to_string' || call.name === 'to_markdown' || call.name === 'to_html' || call.name === 'to_latex') {
    // Without a path these return text; with one they write it.
    if (call.positional[0] === undefined && argument(call, 'buf') === undefined) return UNKNOWN;
  }
  const pathNode = argument(call, 'path_or_buf', 0) ?? argument(call, 'excel_writer') ?? argument(call, 'path') ?? argument(call, 'buf');
  const path = constantPath(ev, pathNode);
  if (!isOutputPath(state, path, call.name)) return UNKNOWN;
  const output: Output = {
    kind: 'export',
    span: spanOf(call.node),
    via: call.name,
    frame: frame.id,
    ...(path !== undefined ? { target: path } : {}),
    ...(pathNode !== undefined ? { targetSpan: spanOf(pathNode) } : {}),
    ...(receiver.type === 'identifier' ? { dropColumn: { start: receiver.start, end: receiver.end, template: `${state.text.slice(receiver.start, receiver.end)}.drop(columns=["{column}"])` } } : {}),
  };
  addOutput(state.builder, output);
  return UNKNOWN;
}

/**
 * Whether a written file is meant for an output request: files in an outputs folder are; files in a working-data
 * folder are not; data formats are working data unless they sit in an outputs folder; other files are outputs.
 */
function isOutputPath(state: PyState, path: string | undefined, via: string): boolean {
  const folders = path !== undefined ? path.toLowerCase().split(/[\\/]+/).slice(0, -1) : [];
  if (folders.some((f) => state.config.outputPaths.includes(f))) return true;
  if (folders.some((f) => state.config.intermediatePaths.includes(f))) return false;
  if (path !== undefined && DATA_FORMATS.test(path)) return false;
  if (path === undefined && DATA_WRITERS.has(via)) return false;
  return true;
}

export function addPlot(state: PyState, value: PyValue & { kind: 'plot' }): void {
  addOutput(state.builder, { kind: 'plot', span: value.span, via: 'matplotlib', ...(value.frame !== undefined ? { frame: value.frame.id } : {}), layers: value.layers });
}

/** Plotting functions of matplotlib (`plt.`, `ax.`) and seaborn (`sns.`), as plot-layer kinds. */
const PLOTTERS: ReadonlyMap<string, string> = new Map([
  ['scatter', 'point'], ['scatterplot', 'point'], ['stripplot', 'strip'], ['swarmplot', 'point'], ['regplot', 'point'], ['lmplot', 'point'],
  ['jointplot', 'point'], ['pairplot', 'pairs'], ['relplot', 'point'], ['catplot', 'strip'], ['rugplot', 'rug'], ['boxplot', 'boxplot'],
  ['boxenplot', 'boxplot'], ['hist', 'histogram'], ['histplot', 'histogram'], ['displot', 'histogram'], ['kdeplot', 'density'],
  ['violinplot', 'density'], ['violin', 'density'], ['hexbin', 'hex'], ['bar', 'col'], ['barh', 'col'], ['barplot', 'col'],
  ['countplot', 'histogram'], ['plot', 'line'], ['lineplot', 'line'], ['heatmap', 'tile'], ['pie', 'col'], ['errorbar', 'line'],
  // An empirical CDF steps at every record's value, as R's `stat_ecdf`: seaborn's `ecdfplot`, matplotlib's `ax.ecdf`, `px.ecdf`.
  ['ecdfplot', 'ecdf'], ['ecdf', 'ecdf'],
  // plotly express (`px.box`, `px.histogram`, `px.strip`, maps of points) and pandas' `df.plot.box()`.
  ['box', 'boxplot'], ['histogram', 'histogram'], ['strip', 'strip'], ['scatter_geo', 'point'], ['scatter_mapbox', 'point'], ['scatter_map', 'point'],
]);

const DISPLOT_KINDS: ReadonlyMap<string, string> = new Map([['hist', 'histogram'], ['kde', 'density'], ['ecdf', 'ecdf']]);

export function isPlotter(name: string): boolean {
  return PLOTTERS.has(name);
}

/**
 * A plot call: `plt.scatter(df.x, df.y)`, `sns.scatterplot(data=df, …)`, `df.plot.scatter(…)`, `df.plot(kind="scatter")`,
 * `df.boxplot()`. `frame` is the frame the call is made on, when it is a frame method.
 */
export function plotCall(ev: Evaluation, call: PyCall, frame?: Frame): PyValue {
  const state = ev.state;
  let kind = PLOTTERS.get(call.name);
  if (frame !== undefined && call.name === 'plot') {
    const asked = stringLiteral(state, argument(call, 'kind'));
    kind = asked !== undefined ? PLOTTERS.get(asked) ?? asked : 'line';
  }
  // seaborn's figure-level `displot` draws what its `kind` names: a histogram unless told `kde` or `ecdf`.
  if (call.name === 'displot') kind = DISPLOT_KINDS.get(stringLiteral(state, argument(call, 'kind')) ?? 'hist') ?? kind;
  // seaborn's `lineplot(units=…, estimator=None)` draws each unit's own line instead of a mean per x: every record.
  const estimator = argument(call, 'estimator');
  if ((call.name === 'lineplot' || call.name === 'relplot') && estimator !== undefined && state.text.slice(estimator.start, estimator.end) === 'None') kind = 'trajectory';
  let data = frame;
  const dataArg = argument(call, 'data');
  if (data === undefined && dataArg !== undefined) data = frameOf(ev.evaluate(dataArg));
  if (data === undefined) {
    for (const arg of call.positional) {
      const value = ev.evaluate(arg);
      if (value.kind === 'frame' || value.kind === 'column') {
        data = value.frame;
        break;
      }
    }
  }
  const span = spanOf(call.node);
  // matplotlib and seaborn hide outliers with `showfliers=False` (or `sym=""`); plotly with `points=False`.
  const hides = kind === 'boxplot' && call.args.some((a) => (a.name === 'showfliers' || a.name === 'sym' || a.name === 'points') && /^(False|''|"")$/.test(state.text.slice(a.value.start, a.value.end)));
  const layer: PlotLayer | undefined = kind !== undefined ? {
    kind,
    span,
    ...(hides ? { hidesIndividuals: true } : {}),
    ...(kind === 'boxplot' && !hides && call.name !== 'box' ? { fix: boxplotFix(call) } : {}),
  } : undefined;
  const plot: PyValue & { kind: 'plot' } = { kind: 'plot', ...(data !== undefined ? { frame: data } : {}), layers: layer !== undefined ? [layer] : [], span };
  addOutput(state.builder, { kind: 'plot', span, via: call.name, ...(data !== undefined ? { frame: data.id } : {}), layers: plot.layers });
  return { kind: 'module', name: 'matplotlib' };
}

function boxplotFix(call: PyCall): { title: string; edits: { start: number; end: number; newText: string }[] } {
  const close = call.node.end - 1;
  const newText = call.args.length > 0 ? ', showfliers=False' : 'showfliers=False';
  return { title: 'Hide outliers (showfliers=False)', edits: [{ start: close, end: close, newText }] };
}

/** Figure methods that write the figure to a file: matplotlib's `savefig`, plotly's `write_html`, `write_image` and `write_json`. */
export const FIGURE_WRITERS = new Set(['savefig', 'write_html', 'write_image', 'write_json']);

/**
 * lifelines' and statsmodels' survival estimators (`KaplanMeierFitter()`, `SurvfuncRight(…)`): a curve that steps
 * at each event.
 */
export const SURVIVAL_ESTIMATORS = new Set(['KaplanMeierFitter', 'NelsonAalenFitter', 'SurvfuncRight', 'BreslowFlemingHarringtonFitter']);

/** What the evaluator keeps for a survival estimator: it is drawn as a step curve whatever data it was fitted on. */
export const SURVIVAL_MODULE = 'survival estimator';

/**
 * A method of a survival estimator: `fit` returns the estimator (lifelines returns `self`); `plot`,
 * `plot_survival_function`, `plot_cumulative_density` and lifelines' `add_at_risk_counts` draw the curve (and its
 * risk table of counts). Anything else is not followed.
 */
export function survivalMethod(ev: Evaluation, call: PyCall, estimator: PyValue): PyValue {
  for (const arg of call.args) ev.evaluate(arg.value);
  if (call.name === 'fit') return estimator;
  if (!/^plot/.test(call.name) && call.name !== 'add_at_risk_counts') return UNKNOWN;
  const span = spanOf(call.node);
  addOutput(ev.state.builder, { kind: 'plot', span, via: call.name, layers: [{ kind: 'survival', span }] });
  return { kind: 'module', name: 'matplotlib' };
}

/** `plt.savefig("outputs/fig.png")`, `fig.savefig(…)`, `fig.write_html("outputs/fig.html")`: a graphic file. */
export function saveFigure(ev: Evaluation, call: PyCall): PyValue {
  const fileArg = argument(call, 'fname', 0) ?? argument(call, 'file');
  const target = constantPath(ev, fileArg);
  addOutput(ev.state.builder, {
    kind: 'graphic-file',
    span: spanOf(call.node),
    via: call.name,
    ...(target !== undefined ? { target } : {}),
    ...(fileArg !== undefined && unparen(fileArg)?.type === 'string' ? { targetSpan: spanOf(fileArg) } : {}),
  });
  return UNKNOWN;
}

/** statsmodels formula functions (`smf.ols`), array functions (`sm.WLS`) and linearmodels panel models. */
const FORMULA_MODELS = new Set(['ols', 'wls', 'gls', 'glm', 'logit', 'probit', 'poisson', 'negativebinomial', 'mixedlm', 'quantreg', 'mnlogit', 'from_formula']);
const ARRAY_MODELS = new Set(['OLS', 'WLS', 'GLS', 'GLM', 'Logit', 'Probit', 'Poisson', 'PanelOLS', 'RandomEffects', 'PooledOLS', 'BetweenOLS', 'FirstDifferenceOLS', 'IV2SLS', 'QuantReg', 'LogisticRegression', 'LinearRegression']);

export function isModelCall(name: string): boolean {
  return FORMULA_MODELS.has(name) || ARRAY_MODELS.has(name);
}

/** A model fit: its terms (from the formula, or the columns given), fixed effects and weights. */
export function modelCall(ev: Evaluation, call: PyCall): PyValue {
  const state = ev.state;
  const formulaValue = FORMULA_MODELS.has(call.name) ? ev.evaluate(argument(call, 'formula', 0)) : UNKNOWN;
  const dataNode = argument(call, 'data', FORMULA_MODELS.has(call.name) ? 1 : undefined);
  let frame = dataNode !== undefined ? frameOf(ev.evaluate(dataNode)) : undefined;
  const terms: ModelTerm[] = [];
  let interactions = false;
  const formulaNode = argument(call, 'formula', 0);
  if (formulaValue.kind === 'string' && formulaNode !== undefined) {
    const formula = constantValue(state.text, formulaValue.pieces) ?? partialValue(state.text, formulaValue.pieces);
    const rhs = formula.includes('~') ? formula.slice(formula.indexOf('~') + 1) : '';
    interactions = /[*:]/.test(rhs);
    for (const raw of rhs.split(/[+*:]/)) {
      const term = raw.trim();
      if (term === '' || term === '1' || term === '0' || term === '-1') continue;
      const categorical = /^C\(\s*([A-Za-z_]\w*)/.exec(term);
      const effects = /^(EntityEffects|TimeEffects|FixedEffects)$/.test(term);
      const name = categorical?.[1] ?? (/^[A-Za-z_]\w*$/.test(term) ? term : undefined);
      if (name === undefined && !effects) continue;
      const facts = name !== undefined && frame !== undefined ? columnOf(state, frame, name).facts : name !== undefined ? state.facts.column(undefined, name) : {};
      const isCategorical = categorical !== null || effects || facts.identifier !== undefined || facts.geography !== undefined || facts.sensitive !== undefined;
      terms.push({ text: term, span: spanOf(formulaNode), facts, categorical: isCategorical, fixedEffect: effects });
    }
  } else {
    // Array models: the regressors are a frame's columns (`sm.OLS(df["y"], df[["x", "school"]])`).
    const exog = ev.evaluate(argument(call, 'exog', 1));
    if (exog.kind === 'frame' || exog.kind === 'column') {
      frame ??= exog.frame;
      const columns = exog.kind === 'column' ? [exog.column] : exog.frame.columns;
      for (const column of columns) {
        const categorical = column.facts.identifier !== undefined || column.facts.geography !== undefined || column.facts.sensitive !== undefined;
        terms.push({ text: column.name, span: spanOf(call.node), facts: column.facts, categorical, fixedEffect: false });
      }
    }
  }
  for (const effect of ['entity_effects', 'time_effects', 'other_effects']) {
    if (isTrue(state.text, argument(call, effect)) || (effect === 'entity_effects' && formulaMentions(formulaValue, state.text, 'EntityEffects'))) {
      // Entity effects are one coefficient per panel unit (a pupil, a school) by construction; time effects are not.
      const facts = effect === 'entity_effects' ? { identifier: 'record' as const, basis: 'name' as const, knownAs: 'panel entity' } : {};
      const written = call.args.find((a) => a.name === effect)?.node ?? formulaNode ?? call.node;
      terms.push({ text: effect, span: spanOf(written), facts, categorical: true, fixedEffect: true });
    }
  }
  const weighted = argument(call, 'weights') !== undefined || argument(call, 'freq_weights') !== undefined || /^(wls|WLS)$/.test(call.name);
  const fit = { fn: call.name, terms, interactions, weighted };
  const span: Span = spanOf(call.node);
  addOutput(state.builder, { kind: 'model', span, via: call.name, ...(frame !== undefined ? { frame: frame.id } : {}), model: fit });
  return { kind: 'model', ...(frame !== undefined ? { frame } : {}), fit, span };
}

function formulaMentions(value: PyValue, text: string, word: string): boolean {
  return value.kind === 'string' && partialValue(text, value.pieces).includes(word);
}

export { namedChildren };
