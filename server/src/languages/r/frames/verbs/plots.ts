/**
 * Graphics: ggplot2 plots built with `+` and saved with `ggsave()`, base graphics (`plot`, `hist`,
 * `boxplot` …), and graphics devices opened with `png()`/`pdf()` and closed with `dev.off()`.
 * Plots are outputs: the disclosure rules look at their layers and at the formats files are saved in.
 */
import type { RNode } from '../../parser/syntaxTree';
import { type ArgInfo, nodeText, readCall, unwrapParens, valueArgs } from '../../syntax/calls';
import { constantValue } from '../../syntax/pieces';
import type { Evaluator } from '../evaluator';
import type { Handler, Invocation } from '../invocation';
import { maskedExpression } from '../masking';
import type { Frame, PlotLayer, Span } from '../model';
import { UNKNOWN, type PlotValue, type Value } from '../values';

/** The open graphics device and the last plot, per extraction. */
export interface GraphicsState {
  device?: { readonly target?: string; readonly targetSpan?: Span; readonly fn: string };
  lastPlot?: PlotValue;
}

const states = new WeakMap<Evaluator, GraphicsState>();

export function graphicsState(ev: Evaluator): GraphicsState {
  let state = states.get(ev);
  if (!state) {
    state = {};
    states.set(ev, state);
  }
  return state;
}

/** Reads the `aes()` mappings in a call's arguments against the plot's data; `skip` was read already. */
function readMappings(ev: Evaluator, args: readonly ArgInfo[], frame: Frame | undefined, skip?: ArgInfo): void {
  for (const arg of args) {
    if (!arg.value || arg === skip) continue;
    const value = unwrapParens(arg.value);
    const inner = readCall(ev.text, value);
    if (inner && (inner.name === 'aes' || inner.name === 'aes_string' || inner.name === 'vars')) {
      for (const mapping of valueArgs(inner)) {
        if (frame) maskedExpression(ev, mapping.value!, frame);
        else ev.evaluate(mapping.value!);
      }
    } else {
      ev.evaluate(arg.value);
    }
  }
}

const ggplot: Handler = {
  formals: ['data', 'mapping', '...', 'environment'],
  packages: ['ggplot2'],
  run(inv) {
    const ev = inv.evaluator;
    const data = inv.input();
    const frame = data.kind === 'frame' ? data.frame : undefined;
    for (const arg of inv.call.args) inv.consume(arg);
    readMappings(ev, inv.call.args, frame, inv.arg('data'));
    const plot: PlotValue = { layers: [], span: inv.span, ...(frame ? { frame } : {}) };
    graphicsState(ev).lastPlot = plot;
    return { kind: 'plot', plot };
  },
};

const GEOM_KINDS: Readonly<Record<string, string>> = {
  geom_point: 'point', geom_jitter: 'jitter', geom_count: 'point', geom_boxplot: 'boxplot', geom_violin: 'violin',
  geom_histogram: 'histogram', geom_freqpoly: 'histogram', geom_density: 'density', geom_dotplot: 'dotplot',
  geom_col: 'col', geom_bar: 'bar', geom_line: 'line', geom_path: 'line', geom_step: 'line', geom_area: 'area',
  geom_hex: 'hex', geom_bin_2d: 'hex', geom_bin2d: 'hex', geom_tile: 'tile', geom_raster: 'tile', geom_text: 'text',
  geom_label: 'text', geom_rug: 'rug', geom_smooth: 'smooth', geom_errorbar: 'errorbar', geom_pointrange: 'pointrange',
  stat_ecdf: 'ecdf', geom_km: 'survival', geom_step_km: 'survival', stat_summary: 'summary', geom_sf: 'map',
};

/** `plot + layer`: a geom adds a layer; anything else (themes, scales, labels) is read and passed over. */
export function addPlotLayer(ev: Evaluator, plot: PlotValue, rhs: RNode): Value {
  const call = readCall(ev.text, unwrapParens(rhs));
  const kind = call ? GEOM_KINDS[call.name] : undefined;
  if (!call || !kind) {
    ev.evaluate(rhs);
    return { kind: 'plot', plot };
  }
  const dataArg = call.args.find((arg) => arg.name === 'data');
  const data = dataArg?.value ? ev.evaluate(dataArg.value) : UNKNOWN;
  const own = data.kind === 'frame' ? data.frame : undefined;
  readMappings(ev, call.args, own ?? plot.frame, dataArg);
  const outlier = call.args.find((arg) => arg.name === 'outlier.shape' || arg.name === 'outlier.colour' || arg.name === 'outliers');
  const hides = outlier?.value !== undefined && /^(NA|FALSE)$/.test(nodeText(ev.text, outlier.value));
  const layer: PlotLayer = {
    kind,
    fn: call.name,
    span: { start: call.node.start, end: call.node.end },
    ...(hides ? { hidesIndividuals: true } : {}),
    ...(own ? { frame: own.id } : {}),
  };
  const next: PlotValue = { ...plot, layers: [...plot.layers, layer] };
  graphicsState(ev).lastPlot = next;
  return { kind: 'plot', plot: next };
}

/** Records a plot reaching an output: shown, or written to a file by `ggsave()` or an open device. */
export function plotOutput(inv: Invocation, plot: PlotValue, fn: string, file?: { target?: string; targetSpan?: Span }): void {
  const ev = inv.evaluator;
  const device = graphicsState(ev).device;
  const target = file ?? (device ? { ...(device.target !== undefined ? { target: device.target } : {}), ...(device.targetSpan ? { targetSpan: device.targetSpan } : {}) } : undefined);
  ev.builder.addStep({
    kind: 'output',
    fn,
    span: inv.span,
    inputs: plot.frame ? [plot.frame.id] : [],
    output: target ? 'graphic-file' : 'plot',
    layers: plot.layers,
    ...(target?.target !== undefined ? { target: target.target } : {}),
    ...(target?.targetSpan ? { targetSpan: target.targetSpan } : {}),
  });
}

function constantPath(inv: Invocation, formal: string): { target?: string; targetSpan?: Span } {
  const arg = inv.arg(formal);
  if (!arg?.value) return {};
  const value = inv.valueOf(arg);
  const target = value.kind === 'strings' && value.items.length === 1 ? constantValue(value.items[0]!) : undefined;
  return { ...(target !== undefined ? { target } : {}), targetSpan: { start: arg.value.start, end: arg.value.end } };
}

const ggsave: Handler = {
  formals: ['filename', 'plot', 'device', 'path', 'scale', 'width', 'height', 'units', 'dpi', 'limitsize', 'bg', '...'],
  packages: ['ggplot2'],
  run(inv) {
    inv.evaluator.markInvisible();
    const file = constantPath(inv, 'filename');
    const given = inv.arg('plot') ? inv.value('plot') : undefined;
    const plot = given?.kind === 'plot' ? given.plot : graphicsState(inv.evaluator).lastPlot;
    plotOutput(inv, plot ?? { layers: [], span: inv.span }, inv.fn, file);
    return UNKNOWN;
  },
};

const DEVICE_FUNCTIONS = ['png', 'pdf', 'svg', 'jpeg', 'tiff', 'bmp', 'cairo_pdf', 'cairo_ps', 'postscript', 'svglite', 'agg_png'];

const openDevice: Handler = {
  formals: ['filename', '...'],
  run(inv) {
    inv.evaluator.markInvisible();
    const file = constantPath(inv, inv.arg('filename') ? 'filename' : 'file');
    const fallback = inv.dots.find((arg) => arg.name === 'file');
    const path = file.target !== undefined || !fallback?.value ? file : { targetSpan: { start: fallback.value.start, end: fallback.value.end } };
    graphicsState(inv.evaluator).device = { fn: inv.fn, ...path };
    return UNKNOWN;
  },
};

const closeDevice: Handler = {
  formals: ['which'],
  run(inv) {
    inv.evaluator.markInvisible();
    delete graphicsState(inv.evaluator).device;
    return UNKNOWN;
  },
};

const BASE_PLOTS: Readonly<Record<string, string>> = {
  plot: 'point', hist: 'histogram', boxplot: 'boxplot', barplot: 'bar', pie: 'pie', stripchart: 'jitter', dotchart: 'point', pairs: 'point', matplot: 'line',
};

/** Base graphics draw at once; the frame is whichever one the plotted columns or `data` come from. */
function basePlot(kind: string): Handler {
  return {
    formals: ['x', '...'],
    run(inv) {
      const ev = inv.evaluator;
      const values = [inv.input(), ...inv.dots.map((arg) => inv.valueOf(arg))];
      if (values[0]?.kind === 'plot') {
        plotOutput(inv, values[0].plot, inv.fn);
        return UNKNOWN;
      }
      let frame: Frame | undefined;
      for (const value of values) {
        if (value.kind === 'frame') frame ??= value.frame;
        else if (value.kind === 'column') frame ??= value.frame;
      }
      if (!frame && values.every((v) => v.kind === 'unknown')) return UNKNOWN;
      plotOutput(inv, { layers: [{ kind, fn: inv.fn, span: inv.span }], span: inv.span, ...(frame ? { frame } : {}) }, inv.fn);
      ev.markInvisible();
      return UNKNOWN;
    },
  };
}

export const PLOT_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['ggplot', ggplot],
  ['ggsave', ggsave],
  ...DEVICE_FUNCTIONS.map((name) => [name, openDevice] as const),
  ['dev.off', closeDevice],
  ...Object.entries(BASE_PLOTS).map(([name, kind]) => [name, basePlot(kind)] as const),
];
