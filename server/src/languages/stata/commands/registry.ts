/**
 * Which handler reads which command. A command the analysis does not know may change the data in ways it cannot
 * see (a user-written ado, `do other.do`), so after it the dataset's variables are no longer certain; commands
 * known to leave the variables alone only have their varlists checked.
 */
import { addOutput } from '../../../dataflow/builder';
import { expressionVars, resolveVarlist } from '../resolve';
import { deriveDataset, type CommandContext, type StataState } from '../state';
import { fileName, hasOption } from './common';
import { model, MODELS, svyset, xtset } from './models';
import { collectCommand, displayValues, estimate, graphCommand, list, plot, summarize, survivalGraph, table, tabstat, tabulate, writeData, writeEstimates } from './outputs';
import { append, clearData, frameCommand, merge, odbcExec, odbcLoad, preserve, restore, useFile } from './sources';
import { collapse, contract, duplicatesDrop, reshape } from './tables';
import { convert, dropOrKeep, egen, fillin, generate, order, rename, replace, sortData, survivalSet } from './variables';

type Handler = (state: StataState, ctx: CommandContext) => void;

/** Checks the varlist and `if` of a command that changes no variables. */
const check: Handler = (state, ctx) => {
  resolveVarlist(state, ctx, ctx.cmd.args);
  expressionVars(state, ctx, ctx.cmd.ifExp);
};

const nothing: Handler = () => undefined;

const HANDLERS: Readonly<Record<string, Handler>> = {
  generate, replace, egen, rename, order, clonevar: convert, encode: convert, decode: convert, recode: convert, destring: convert, tostring: convert,
  drop: (s, c) => dropOrKeep(s, c, false),
  keep: (s, c) => dropOrKeep(s, c, true),
  collapse, contract, reshape, fillin,
  duplicates: (s, c) => (c.cmd.sub === 'drop' ? duplicatesDrop(s, c) : check(s, c)),
  merge, append, use: useFile, insheet: useFile, sysuse: useFile, webuse: useFile,
  import: useFile,
  clear: clearData,
  preserve: (s) => preserve(s),
  restore,
  frame: frameCommand, cwf: frameCommand,
  frames: (s, c) => (c.cmd.sub === 'reset' ? frameCommand(s, c) : undefined),
  odbc: (s, c) => (c.cmd.sub === 'load' ? odbcLoad(s, c) : c.cmd.sub === 'exec' || c.cmd.sub === 'sqlfile' ? odbcExec(s, c) : undefined),
  tabulate, tab1: tabulate, tab2: tabulate, summarize, tabstat, table, mean: estimate, proportion: estimate, total: estimate,
  list, browse: list, edit: list,
  export: writeData, outsheet: writeData, save: writeData, saveold: writeData,
  esttab: writeEstimates, estout: writeEstimates, outreg2: writeEstimates, outreg: writeEstimates, putexcel: writeEstimates, asdoc: writeEstimates, etable: writeEstimates,
  graph: graphCommand, twoway: plot, scatter: plot, histogram: plot, kdensity: plot, line: plot, dotplot: plot, stripplot: plot, binscatter: plot, coefplot: nothing,
  xtset, tsset: xtset, svyset,
  collect: collectCommand,
  stset: survivalSet,
  // `sts graph` draws the survivor function; `sts list`, `sts test` and the rest show tables of it or tests.
  sts: (s, c) => (c.cmd.sub === 'graph' ? survivalGraph(s, c) : check(s, c)),
  sort: sortData, gsort: sortData, format: check, describe: check, codebook: check, count: check, assert: (s, c) => {
    // `assert` takes an expression, not a varlist: `assert e(N) - e(df_m) >= 10`.
    expressionVars(s, c, c.cmd.args);
    expressionVars(s, c, c.cmd.ifExp);
  }, inspect: check, misstable: check,
  correlate: check, pwcorr: check, ttest: check, tabmiss: check, isid: check, compress: check, notes: nothing, note: nothing, char: nothing,
  label: (s, c) => {
    if (c.cmd.sub === 'variable' || c.cmd.sub === 'var' || c.cmd.sub === 'values') {
      const first = c.cmd.args.from;
      resolveVarlist(s, c, c.cmd.sub === 'values' ? { from: first, to: Math.max(first, c.cmd.args.to - 1) } : { from: first, to: Math.min(first + 1, c.cmd.args.to) });
    }
  },
  display: displayValues, di: displayValues, set: nothing, log: nothing, cd: nothing, capture: nothing, version: nothing, exit: nothing, return: nothing,
  ereturn: nothing, estimates: nothing, eststo: (s) => {
    for (const m of s.quietModels.splice(0)) addOutput(s.builder, m);
  }, test: nothing, testparm: nothing, lincom: nothing, margins: nothing, marginsplot: nothing, nlcom: nothing, estat: nothing, help: nothing, which: nothing,
  timer: nothing, pause: nothing, more: nothing, sleep: nothing, program: nothing, end: nothing, macro: nothing, matrix: defineMatrix, mat: defineMatrix,
  tempfile: nothing, tempvar: nothing, tempname: nothing, local: nothing, global: nothing, scalar: nothing, cls: nothing, pwd: nothing,
  ssc: nothing, net: nothing, adopath: nothing, sysdir: nothing, mata: nothing, putdocx: nothing, putpdf: nothing, file: nothing, args: nothing, syntax: nothing,
  predict: (s, c) => {
    const name = c.tokens[c.cmd.args.from];
    if (name?.kind !== 'word' || name.synthetic) {
      s.dataset = deriveDataset(s, c.span, { certain: false });
      return;
    }
    const variable = { name: name.value, defined: { start: name.start, end: name.end }, exactCase: true, column: { name: name.value, span: c.span, facts: {} }, origin: 'predict' };
    s.sites.push({ start: name.start, end: name.end, name: name.value, variable, dataset: s.dataset, defines: true });
    s.dataset = deriveDataset(s, c.span, { vars: [...s.dataset.vars, variable] });
  },
};

/**
 * `matrix [define] b = …`: a matrix is named in expressions like a variable (`display b[1,1]`), so its name is kept
 * with the scalars as a name that is not a variable.
 */
function defineMatrix(state: StataState, ctx: CommandContext): void {
  const name = ctx.tokens[ctx.cmd.args.from];
  if (name?.kind === 'word' && ctx.tokens[ctx.cmd.args.from + 1]?.kind === 'equals') state.scalars.add(name.value);
}

/** Runs the handler of a command; false when the command is not known. */
export function dispatch(state: StataState, ctx: CommandContext): boolean {
  const name = ctx.cmd.name;
  if (MODELS.has(name)) {
    model(state, ctx);
    return true;
  }
  const handler = HANDLERS[name];
  if (handler === undefined) return false;
  handler(state, ctx);
  if (name === 'set') setOption(state, ctx);
  return true;
}

/** `set varabbrev off|on`. */
function setOption(state: StataState, ctx: CommandContext): void {
  const tokens = ctx.tokens;
  const i = ctx.cmd.args.from;
  const what = tokens[i - 1]?.value.toLowerCase() === 'set' ? tokens[i] : tokens[i];
  if (what?.kind === 'word' && what.value.toLowerCase() === 'varabbrev') {
    const value = tokens[i + 1]?.value.toLowerCase();
    if (value === 'off') state.varabbrev = false;
    else if (value === 'on') state.varabbrev = true;
  }
  void fileName;
  void hasOption;
}
