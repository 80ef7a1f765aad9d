/**
 * What leaves an R script: files written (when they are meant for an output request rather than working data),
 * printed and displayed results, plots and their layers, graphic files, and model fits with their terms.
 */
import { addOutput } from '../../../dataflow/builder';
import { isOutputPath as isSharedOutputPath } from '../../../dataflow/outputPaths';
import type { Frame, ModelTerm, Output, PlotLayer } from '../../../dataflow/model';
import { columnName, resolveName } from './rExpr';
import { constantPath } from './rSources';
import { argument, contextFor, frameOf, positional, spanOf, type RCall, type RState, type RValue, UNKNOWN } from './rState';
import { argsOf, callName, named, operands, operatorOf, textOf, unparen, type RArg, type RNode } from './rTree';
import { formulaTerms, splitSum } from './rVerbs';

/** Functions that write data to a file: the position of their data and path arguments. */
const WRITERS: ReadonlyMap<string, { readonly data: number; readonly path: readonly string[]; readonly pathIndex: number }> = new Map([
  ['write.csv', { data: 0, path: ['file'], pathIndex: 1 }],
  ['write.csv2', { data: 0, path: ['file'], pathIndex: 1 }],
  ['write.table', { data: 0, path: ['file'], pathIndex: 1 }],
  ['write_csv', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['write_csv2', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['write_excel_csv', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['write_tsv', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['write_delim', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['fwrite', { data: 0, path: ['file'], pathIndex: 1 }],
  ['vroom_write', { data: 0, path: ['file'], pathIndex: 1 }],
  ['write_xlsx', { data: 0, path: ['path'], pathIndex: 1 }],
  ['write.xlsx', { data: 0, path: ['file'], pathIndex: 1 }],
  ['writeData', { data: 2, path: [], pathIndex: -1 }],
  ['saveRDS', { data: 0, path: ['file'], pathIndex: 1 }],
  ['write_rds', { data: 0, path: ['file', 'path'], pathIndex: 1 }],
  ['write_dta', { data: 0, path: ['path'], pathIndex: 1 }],
  ['write_sav', { data: 0, path: ['path'], pathIndex: 1 }],
  ['write_parquet', { data: 0, path: ['sink'], pathIndex: 1 }],
  ['write_feather', { data: 0, path: ['sink'], pathIndex: 1 }],
  ['write_fst', { data: 0, path: ['path'], pathIndex: 1 }],
  ['qsave', { data: 0, path: ['file'], pathIndex: 1 }],
  ['writeLines', { data: 0, path: ['con'], pathIndex: 1 }],
  ['save_kable', { data: 0, path: ['file'], pathIndex: 1 }],
  ['gtsave', { data: 0, path: ['filename'], pathIndex: 1 }],
  // flextable's savers take the tables through `...`, so the path is only ever named.
  ['save_as_docx', { data: 0, path: ['path'], pathIndex: -1 }],
  ['save_as_html', { data: 0, path: ['path'], pathIndex: -1 }],
  ['save_as_pptx', { data: 0, path: ['path'], pathIndex: -1 }],
  ['save_as_image', { data: 0, path: ['path'], pathIndex: 1 }],
]);

/** Formats that are working data, never releasable: written to an outputs folder they are flagged, elsewhere not. */
const DATA_FORMATS = /\.(?:rds|rda|rdata|fst|feather|parquet|arrow|qs|dta|sav)$/i;

const PRINTERS = new Set(['print', 'View', 'glimpse', 'str', 'pander', 'show', 'knit_print', 'paged_table', 'tibble::glimpse']);

/**
 * Table formatters (knitr, kableExtra, gt, flextable, huxtable, formattable, DT, reactable) return the table they
 * were given, rendered: printed it is that table's listing, written to a file it is that table's export, so the
 * value stays the frame and nothing is shown until it is printed or saved.
 */
const FORMATTERS = new Set(['kable', 'kbl', 'gt', 'flextable', 'qflextable', 'regulartable', 'as_flextable', 'huxtable', 'hux', 'as_hux',
  'formattable', 'datatable', 'reactable']);

/** Functions that style a formatted table and return it, still showing the same cells. */
export const TABLE_STYLERS = ['kable_styling', 'kable_classic', 'kable_minimal', 'kable_paper', 'column_spec', 'row_spec', 'add_header_above',
  'footnote', 'autofit', 'fit_to_width', 'theme_vanilla', 'theme_booktabs', 'theme_box', 'set_header_labels', 'set_caption', 'add_footer_lines',
  'colformat_num', 'colformat_int', 'colformat_double', 'bold', 'italic', 'align', 'fontsize', 'width', 'tab_header', 'tab_spanner',
  'tab_source_note', 'tab_footnote', 'cols_label', 'fmt_number', 'fmt_integer', 'fmt_percent', 'opt_stylize', 'tab_options'];

/** Writers of a rendered table or its text: without a known table behind them they write text, not data. */
const TEXT_WRITERS = new Set(['writeLines', 'save_as_docx', 'save_as_html', 'save_as_pptx', 'save_as_image', 'gtsave', 'save_kable']);

export function isFormatter(name: string): boolean {
  return FORMATTERS.has(name);
}

export function isWriter(name: string): boolean {
  return WRITERS.has(name);
}

export function isPrinter(name: string): boolean {
  return PRINTERS.has(name);
}

/** Records an export when the file is meant to leave the SRS. */
export function writeCall(state: RState, call: RCall, evaluate: (node: RNode | undefined) => RValue): RValue {
  const spec = WRITERS.get(call.name)!;
  const data = spec.data === 0 ? call.data : evaluate(positional(call.allArgs)[spec.data]?.value);
  const pathArg = spec.path.map((p) => argument(call.allArgs, p)).find((a) => a !== undefined) ?? (spec.pathIndex >= 0 ? positional(call.allArgs)[spec.pathIndex] : undefined);
  const path = pathArg?.value !== undefined ? constantPath(state, pathArg.value) : undefined;
  if (!isOutputPath(state, path, call.name)) return UNKNOWN;
  const frame = frameOf(data);
  if (frame === undefined && TEXT_WRITERS.has(call.name)) return UNKNOWN;
  const dataNode = spec.data === 0 ? (call.pipe === undefined ? positional(call.allArgs)[0]?.value : undefined) : undefined;
  const output: Output = {
    kind: 'export',
    span: spanOf(call.node),
    via: call.name,
    ...(frame !== undefined ? { frame: frame.id } : {}),
    ...(path !== undefined ? { target: path } : {}),
    ...(pathArg?.value !== undefined ? { targetSpan: spanOf(pathArg.value) } : {}),
    ...(dataNode !== undefined ? { dropColumn: { start: dataNode.start, end: dataNode.end, template: `dplyr::select(${textOf(state.text, dataNode)}, -{column})` } } : {}),
    ...(dataNode !== undefined ? { roundInsertion: { at: dataNode.end, template: ' |> dplyr::mutate({columns})', title: 'Round counts to the nearest 5 and earnings to the nearest £100 before writing' } } : {}),
    ...(dataNode === undefined && call.pipe !== undefined ? { roundInsertion: pipedRoundInsertion(state, call) } : {}),
  };
  addOutput(state.builder, output);
  return UNKNOWN;
}

/** In a pipeline, the rounding step goes just before the writing call. */
function pipedRoundInsertion(state: RState, call: RCall) {
  return { at: call.node.start, template: `dplyr::mutate({columns}) ${call.pipe}\n${indentOf(state.text, call.node.start)}`, title: 'Round counts to the nearest 5 and earnings to the nearest £100 before writing' };
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * Whether a written file is meant for an output request: files in an outputs folder are; files in a working-data
 * folder are not; data formats (.rds, .parquet) are working data unless they sit in an outputs folder; other
 * files (tables, or paths that are not constant) are taken to be outputs.
 */
function isOutputPath(state: RState, path: string | undefined, via: string): boolean {
  return isSharedOutputPath(state.config, path, { dataFormats: DATA_FORMATS, writesData: path === undefined && DATA_WRITERS.has(via) });
}

/** Writers whose files are working data when their path is not known. */
const DATA_WRITERS = new Set(['saveRDS', 'write_rds', 'write_parquet', 'write_feather', 'write_fst', 'qsave', 'write_dta', 'write_sav']);

export function printCall(state: RState, call: RCall): RValue {
  addPrint(state, call.data, call.node, call.name);
  return UNKNOWN;
}

/** Records what a value shows when it is printed (explicitly or by auto-printing). */
export function addPrint(state: RState, value: RValue, node: RNode, via: string): void {
  if (value.kind === 'plot') {
    addPlot(state, value);
    return;
  }
  if (value.kind === 'model' || value.kind === 'unknown' || value.kind === 'string' || value.kind === 'names' || value.kind === 'design' || value.kind === 'survfit') return;
  const frame = frameOf(value);
  if (frame === undefined) return;
  addOutput(state.builder, {
    kind: 'print',
    span: spanOf(node),
    via,
    frame: frame.id,
    ...(value.kind === 'column' ? { columns: [value.column] } : {}),
  });
}

export function addPlot(state: RState, value: RValue & { kind: 'plot' }): void {
  addOutput(state.builder, { kind: 'plot', span: value.span, via: 'ggplot', ...(value.frame !== undefined ? { frame: value.frame.id } : {}), layers: value.layers });
}

/** ggplot2 geoms and stats, as plot-layer kinds. */
const GEOMS: ReadonlyMap<string, string> = new Map([
  ['geom_point', 'point'], ['geom_jitter', 'jitter'], ['geom_count', 'point'], ['geom_text', 'point'], ['geom_label', 'point'],
  ['geom_boxplot', 'boxplot'], ['stat_boxplot', 'boxplot'], ['geom_histogram', 'histogram'], ['stat_bin', 'histogram'], ['geom_freqpoly', 'histogram'],
  ['geom_bar', 'histogram'], ['stat_count', 'histogram'], ['geom_density', 'density'], ['geom_violin', 'density'], ['stat_density', 'density'],
  ['geom_rug', 'rug'], ['geom_dotplot', 'dotplot'], ['geom_beeswarm', 'point'], ['geom_quasirandom', 'point'], ['geom_sina', 'point'],
  ['geom_col', 'col'], ['geom_line', 'line'], ['geom_hex', 'hex'], ['geom_bin2d', 'hex'], ['geom_bin_2d', 'hex'], ['geom_smooth', 'smooth'],
  ['stat_ecdf', 'ecdf'], ['geom_step', 'line'], ['geom_area', 'line'], ['geom_tile', 'tile'], ['geom_errorbar', 'line'], ['geom_pointrange', 'line'],
]);

export function ggplotCall(call: RCall): RValue {
  const frame = frameOf(call.data);
  return { kind: 'plot', ...(frame !== undefined ? { frame } : {}), layers: [], span: spanOf(call.node) };
}

/** Adds the layer(s) of `p + geom_x(…)` to a plot. */
export function addLayer(state: RState, plot: RValue & { kind: 'plot' }, node: RNode, evaluate: (node: RNode | undefined) => RValue): RValue {
  const bare = unparen(node);
  const call = bare !== undefined ? callName(state.text, bare) : undefined;
  const span = { start: Math.min(plot.span.start, node.start), end: Math.max(plot.span.end, node.end) };
  if (bare === undefined || call === undefined) return { ...plot, span };
  const kind = GEOMS.get(call.name);
  if (kind === undefined) return { ...plot, span };
  const args = argsOf(state.text, bare);
  const dataArg = argument(args, 'data');
  const layerFrame = dataArg !== undefined ? frameOf(evaluate(dataArg.value)) : undefined;
  const hides = kind === 'boxplot' && args.some((a) => (a.name === 'outlier.shape' || a.name === 'outlier.colour' || a.name === 'outlier.color' || a.name === 'outliers')
    && a.value !== undefined && /^(NA|FALSE)$/.test(textOf(state.text, a.value)));
  const layer: PlotLayer = {
    kind,
    span: spanOf(bare),
    ...(hides ? { hidesIndividuals: true } : {}),
    ...(layerFrame !== undefined ? { frame: layerFrame.id } : {}),
    ...(kind === 'boxplot' && !hides ? { fix: boxplotFix(bare, args) } : {}),
  };
  return { ...plot, span, layers: [...plot.layers, layer] };
}

function boxplotFix(node: RNode, args: readonly RArg[]) {
  const list = node.children.find((c) => c.type === 'arguments');
  const at = (list?.start ?? node.end - 1) + 1;
  const newText = args.length > 0 ? 'outlier.shape = NA, ' : 'outlier.shape = NA';
  return { title: 'Hide outliers (outlier.shape = NA)', edits: [{ start: at, end: at, newText }] };
}

/** Base graphics: scatter plots, histograms, box plots, strip charts and survival curves. */
export function basePlotCall(state: RState, call: RCall): RValue {
  const data = call.data;
  const span = spanOf(call.node);
  let kind: string | undefined;
  switch (call.name) {
    case 'plot':
      kind = data.kind === 'survfit' ? 'survival' : data.kind === 'model' ? 'point' : data.kind === 'frame' && data.frame.grain === 'aggregate' ? undefined : 'point';
      break;
    case 'hist': kind = 'histogram'; break;
    case 'boxplot': {
      const outline = argument(call.args, 'outline');
      kind = 'boxplot';
      if (outline?.value !== undefined && /^(FALSE|F)$/.test(textOf(state.text, outline.value))) return record(state, data, span, call.name, { kind, span, hidesIndividuals: true });
      break;
    }
    case 'stripchart': kind = 'strip'; break;
    case 'pairs': case 'ggpairs': case 'scatterplotMatrix': kind = 'pairs'; break;
    case 'dotchart': kind = 'point'; break;
    case 'smoothScatter': kind = 'density'; break;
    case 'ggsurvplot': case 'ggsurvfit': case 'autoplot': kind = data.kind === 'survfit' || call.name !== 'autoplot' ? 'survival' : undefined; break;
    case 'plot_ly': kind = 'point'; break;
    default: kind = undefined;
  }
  return record(state, data, span, call.name, kind !== undefined ? { kind, span } : undefined);
}

function record(state: RState, data: RValue, span: { start: number; end: number }, via: string, layer: PlotLayer | undefined): RValue {
  const frame = frameOf(data);
  addOutput(state.builder, { kind: 'plot', span, via, ...(frame !== undefined ? { frame: frame.id } : {}), layers: layer !== undefined ? [layer] : [] });
  return UNKNOWN;
}

/** Graphic devices and savers: the file they write. */
const GRAPHIC_SAVERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['ggsave', ['filename', 'file']], ['png', ['filename', 'file']], ['jpeg', ['filename', 'file']], ['bmp', ['filename', 'file']],
  ['tiff', ['filename', 'file']], ['pdf', ['file']], ['svg', ['filename', 'file']], ['cairo_pdf', ['filename', 'file']],
  ['cairo_ps', ['filename', 'file']], ['postscript', ['file']], ['saveWidget', ['file']], ['save_html', ['file']],
  ['save_image', ['file']], ['orca', ['file']], ['export', ['file']], ['savePlot', ['filename']], ['dev.print', ['file']], ['dev.copy2pdf', ['file']],
  ['agg_png', ['filename']], ['svglite', ['filename', 'file']], ['CairoPNG', ['filename']], ['CairoSVG', ['filename']],
]);

export function isGraphicSaver(name: string): boolean {
  return GRAPHIC_SAVERS.has(name);
}

export function graphicFileCall(state: RState, call: RCall, evaluate: (node: RNode | undefined) => RValue): RValue {
  const names = GRAPHIC_SAVERS.get(call.name)!;
  const widgetFirst = call.name === 'saveWidget' || call.name === 'save_html' || call.name === 'save_image' || call.name === 'orca' || call.name === 'export';
  const fileArg = names.map((n) => argument(call.allArgs, n)).find((a) => a !== undefined)
    ?? (call.name === 'dev.print' ? undefined : positional(call.allArgs)[widgetFirst ? 1 : 0]);
  const target = fileArg?.value !== undefined ? constantPath(state, fileArg.value) : undefined;
  const plotArg = argument(call.allArgs, 'plot');
  if (plotArg !== undefined) {
    const plot = evaluate(plotArg.value);
    if (plot.kind === 'plot') addPlot(state, plot);
  }
  addOutput(state.builder, {
    kind: 'graphic-file',
    span: spanOf(call.node),
    via: call.name,
    ...(target !== undefined ? { target } : {}),
    ...(fileArg?.value !== undefined && fileArg.value.type === 'string' ? { targetSpan: spanOf(fileArg.value) } : {}),
  });
  return UNKNOWN;
}

/** Model-fitting functions. */
const MODELS = new Set([
  'lm', 'glm', 'glm.nb', 'lmer', 'glmer', 'feols', 'feglm', 'fepois', 'femlm', 'felm', 'plm', 'lm_robust', 'coxph', 'survreg', 'polr',
  'multinom', 'gam', 'bam', 'lme', 'betareg', 'ivreg', 'rq', 'svyglm', 'clogit', 'hurdle', 'zeroinfl', 'lm.cluster', 'miceadds::lm.cluster',
]);

export function isModel(name: string): boolean {
  return MODELS.has(name);
}

export function modelCall(state: RState, call: RCall, evaluate: (node: RNode | undefined) => RValue): RValue {
  const formula = (argument(call.allArgs, 'formula') ?? argument(call.allArgs, 'fml') ?? positional(call.allArgs)[0])?.value;
  const dataArg = argument(call.allArgs, 'data') ?? argument(call.allArgs, 'design') ?? positional(call.allArgs)[1];
  const data = call.pipe !== undefined && dataArg === undefined ? call.data : evaluate(dataArg?.value);
  const frame = frameOf(data);
  const context = contextFor(state, frame);
  const terms: ModelTerm[] = [];
  let interactions = false;
  const addTerm = (node: RNode, fixedEffect: boolean): void => {
    const bare = unparen(node)!;
    const op = operatorOf(bare, state.text);
    if (op === '*' || op === ':') {
      interactions = true;
      const [l, r] = operands(bare);
      if (l !== undefined) addTerm(l, fixedEffect);
      if (r !== undefined) addTerm(r, fixedEffect);
      return;
    }
    if (op === '^' || op === '%in%' || op === '-') return;
    const fn = callName(state.text, bare);
    // `(1 | school)` is a random effect, which shrinks towards the mean and is not a lookup table.
    if (bare.type === 'binary_operator' && op === '|') return;
    let inner: RNode | undefined = bare;
    let categorical = fixedEffect;
    if (fn !== undefined && ['factor', 'as.factor', 'C', 'i', 'as.character', 'ordered'].includes(fn.name)) {
      inner = argsOf(state.text, bare)[0]?.value;
      categorical = true;
    } else if (fn !== undefined) {
      return;
    }
    const name = columnName(context, inner);
    if (name === undefined || name === '1' || name === '0') return;
    const facts = resolveName(context, name).facts;
    if (facts.sensitive !== undefined || facts.geography !== undefined || facts.identifier !== undefined) categorical = true;
    terms.push({ text: textOf(state.text, bare), span: spanOf(bare), facts, categorical, fixedEffect });
  };
  let rhs: RNode | undefined;
  const bare = unparen(formula);
  if (bare?.type === 'binary_operator' && operatorOf(bare) === '~') rhs = operands(bare)[1];
  else if (bare?.type === 'unary_operator') rhs = named(bare)[0];
  // fixest: `y ~ x | fe1 + fe2`, where the part after | holds fixed effects.
  const rhsBare = unparen(rhs);
  if (rhsBare?.type === 'binary_operator' && operatorOf(rhsBare) === '|' && call.name.startsWith('fe')) {
    const [regressors, fixed] = operands(rhsBare);
    for (const t of splitSum(regressors)) addTerm(t, false);
    for (const t of splitSum(fixed)) addTerm(t, true);
  } else if (bare !== undefined) {
    for (const t of formulaTerms(bare).terms) addTerm(t, false);
  }
  const weighted = argument(call.allArgs, 'weights') !== undefined || call.name === 'svyglm';
  const fit = { fn: call.name, terms, interactions, weighted };
  const span = spanOf(call.node);
  addOutput(state.builder, { kind: 'model', span, via: call.name, ...(frame !== undefined ? { frame: frame.id } : {}), model: fit });
  return { kind: 'model', ...(frame !== undefined ? { frame } : {}), fit, span };
}

export type { Frame };
