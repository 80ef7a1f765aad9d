/**
 * Commands that make, change and remove variables: `generate`, `replace` (with the rounding, suppression and
 * zero-filling people write with it), `egen` (with its statistic and `by()` groups), `drop` and `keep` of
 * variables or observations, `rename` (one, several, wildcard groups, `lower`), `encode`, `decode`, `recode`,
 * `destring`, `tostring`, and `order`.
 */
import { derivedFacts, identifiesUnit, mergeFacts, NO_FACTS } from '../../../dataflow/facts';
import type { ColumnFacts, ColumnStatistic, FrameColumn, FrameEvent, Span, StatisticKind } from '../../../dataflow/model';
import { lastAggregation } from '../../../dataflow/lineage';
import type { Range } from '../syntax/ast';
import type { Token } from '../syntax/lexer';
import { findVariable, keepsIndicator, putVariable, statisticOver, type Variable } from '../dataset/dataset';
import { splitElements } from '../dataset/varlist';
import { expressionVars, recordDefinition, resolveImplied, resolveVarlist } from '../resolve';
import { deriveDataset, lineOf, madeVariable, type CommandContext, type StataState } from '../state';
import { hasOption, option, optionText, rangeText, ROW_FUNCTIONS, statisticOf } from './common';
import { rowFilterEvents, suppressionThreshold, taggedRows } from './conditions';
import { closing } from '../syntax/parser';
import { aggregateDataset } from './tables';

const STORAGE_TYPES = /^(?:byte|int|long|float|double|str\d*|strL)$/i;

/** The new variable's name token of `generate [type] name[:label] = …`. */
function newName(ctx: CommandContext): { token: Token; index: number } | undefined {
  const cmd = ctx.cmd;
  const end = cmd.equals ?? cmd.args.to;
  for (let i = cmd.args.from; i < end; i++) {
    const t = ctx.tokens[i]!;
    if (t.kind === 'macro') return undefined;
    if (t.kind !== 'word') continue;
    if (STORAGE_TYPES.test(t.value) && ctx.tokens[i + 1]?.kind === 'word') continue;
    // A name glued to a macro (`x_`y'`) is not known.
    const next = ctx.tokens[i + 1];
    if (next !== undefined && !next.spaced && next.kind !== 'colon' && next.kind !== 'equals') return undefined;
    return { token: t, index: i };
  }
  return undefined;
}

function factsOf(vars: readonly Variable[]): ColumnFacts {
  let facts: ColumnFacts = NO_FACTS;
  for (const v of vars) facts = mergeFacts(facts, v.column.facts);
  return vars.length === 1 ? vars[0]!.column.facts : derivedFacts(facts);
}

/** `round(n, 5)`, `round(n/5)*5`, `5*round(n/5)`: the rounded variable and the base. */
function roundingOf(text: string): { name: string; base: number } | undefined {
  const compact = text.replace(/\s+/g, '');
  let m = /^round\(([A-Za-z_]\w*),(\d+(?:\.\d+)?)\)$/.exec(compact);
  if (m) return { name: m[1]!, base: Number(m[2]) };
  m = /^round\(([A-Za-z_]\w*)\/(\d+)\)\*(\d+)$/.exec(compact);
  if (m && m[2] === m[3]) return { name: m[1]!, base: Number(m[2]) };
  m = /^(\d+)\*round\(([A-Za-z_]\w*)\/(\d+)\)$/.exec(compact);
  if (m && m[1] === m[3]) return { name: m[2]!, base: Number(m[1]) };
  return undefined;
}

const MISSING = /^(?:\.[a-z]?|""|"[^"]*")$/;

function expressionRange(ctx: CommandContext): Range | undefined {
  const cmd = ctx.cmd;
  return cmd.equals !== undefined ? { from: cmd.equals + 1, to: cmd.args.to } : undefined;
}

export function generate(state: StataState, ctx: CommandContext): void {
  const exp = expressionRange(ctx);
  const used = expressionVars(state, ctx, exp);
  expressionVars(state, ctx, ctx.cmd.ifExp);
  const target = newName(ctx);
  if (target === undefined) {
    state.dataset = deriveDataset(state, ctx.span, { certain: false });
    return;
  }
  const text = exp !== undefined ? rangeText(ctx.tokens, exp) : '';
  const column = derivedColumn(state, ctx, text, used.vars);
  const made = madeVariable(target.token.value, { start: target.token.start, end: target.token.end }, column, `generate (line ${lineOf(state, ctx.span.start)})`);
  const indicator = exp !== undefined && isIndicator(ctx.tokens, exp);
  const variable: Variable = text.trim() === '1' && ctx.by.length === 0 ? { ...made, countsRecords: true } : indicator ? { ...made, indicator: true } : made;
  recordDefinition(state, variable, target.token, state.dataset);
  const events: FrameEvent[] = [];
  if (column.rounding !== undefined) events.push({ kind: 'round', span: column.rounding.span, base: column.rounding.base, columns: [variable.name] });
  state.dataset = deriveDataset(state, ctx.span, { vars: putVariable(state.dataset.vars, variable), events, certain: state.dataset.certain && !text.includes('\u0000') });
}

/** The column an expression makes: its facts, a count per group (`by g: gen n = _N`), or a rounding. */
function derivedColumn(state: StataState, ctx: CommandContext, text: string, used: readonly Variable[]): Omit<FrameColumn, 'name' | 'span'> {
  const span = ctx.span;
  const rounding = roundingOf(text);
  if (rounding !== undefined) {
    const source = findVariable(state.dataset, rounding.name);
    return {
      facts: source?.column.facts ?? NO_FACTS,
      ...(source?.column.statistic ? { statistic: source.column.statistic } : {}),
      rounding: { base: rounding.base, span },
    };
  }
  if (/^_N$/.test(text.trim()) && ctx.by.length > 0) {
    // `bysort pupil: gen n = _N` counts one unit's own records: a value of that unit, not a cell count.
    if (ctx.by.some((v) => identifiesUnit(v.column.facts))) return { facts: NO_FACTS };
    return { facts: NO_FACTS, statistic: { kind: 'count', of: NO_FACTS, ofNames: [], span, perGroup: ctx.by.map((v) => v.name) } };
  }
  const exp = expressionRange(ctx);
  const ratio = exp !== undefined ? ratioOf(state, ctx.tokens, exp) : undefined;
  if (ratio !== undefined) return { facts: NO_FACTS, statistic: ratio };
  const statistic = used.find((v) => v.column.statistic !== undefined)?.column.statistic;
  if (exp !== undefined && statistic === undefined && isIndicator(ctx.tokens, exp)) {
    // A 0/1 marker keeps what its sources say about people (a marker of FSM is sensitive) but is no amount of money.
    const { magnitude: _magnitude, ...facts } = derivedFacts(factsOf(used));
    return { facts };
  }
  return { facts: factsOf(used), ...(statistic ? { statistic } : {}) };
}

/**
 * A statistic divided by another (`100 * neet / cohort`, `round(total / n, 1)`) is a share of counts, or a mean
 * when a sum is divided by a count, as R reads `sum(x) / n()`: no longer the count or sum it was made from.
 */
function ratioOf(state: StataState, tokens: readonly Token[], range: Range): ColumnStatistic | undefined {
  let slash = range.from;
  while (slash < range.to && !(tokens[slash]!.kind === 'op' && tokens[slash]!.value === '/')) slash++;
  if (slash >= range.to) return undefined;
  const statisticIn = (from: number, to: number): ColumnStatistic | undefined => {
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      if (t.kind !== 'word') continue;
      const statistic = findVariable(state.dataset, t.value)?.column.statistic;
      if (statistic !== undefined) return statistic;
    }
    return undefined;
  };
  const numerator = statisticIn(range.from, slash);
  const denominator = statisticIn(slash + 1, range.to);
  if (numerator === undefined || denominator === undefined) return undefined;
  const kind: StatisticKind = numerator.kind === 'sum' && denominator.kind === 'count' ? 'mean' : 'proportion';
  return { ...numerator, kind };
}

/** Relational and logical operators: an expression with one outside parentheses is 0 or 1 (they bind loosest). */
const RELATIONAL = new Set(['<', '>', '<=', '>=', '==', '!=', '~=', '&', '|']);
/** Functions whose value is 0 or 1. */
const INDICATOR_FUNCTIONS = new Set(['missing', 'mi', 'inlist', 'inrange']);

/**
 * True when an expression's value is 0 or 1, as Stata evaluates it: a comparison or a logical combination at its top
 * level (`profit < 0`, `a + b > 0 & c == 1`), or a negation or call of `missing()`, `inlist()`, `inrange()` alone.
 */
export function isIndicator(tokens: readonly Token[], range: Range): boolean {
  let { from, to } = range;
  while (to - from >= 2 && tokens[from]!.kind === 'lparen' && closing(tokens, from, to) === to - 1) {
    from++;
    to--;
  }
  if (to <= from) return false;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lparen' || t.kind === 'lbracket') depth++;
    else if (t.kind === 'rparen' || t.kind === 'rbracket') depth--;
    else if (depth === 0 && t.kind === 'op' && RELATIONAL.has(t.value)) return true;
  }
  const negated = tokens[from]!.kind === 'op' && (tokens[from]!.value === '!' || tokens[from]!.value === '~');
  const head = negated ? from + 1 : from;
  const fn = tokens[head];
  if (fn?.kind === 'word' && tokens[head + 1]?.kind === 'lparen' && closing(tokens, head + 1, to) === to - 1) {
    return INDICATOR_FUNCTIONS.has(fn.value.toLowerCase());
  }
  return false;
}

export function replace(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const end = cmd.equals ?? cmd.args.to;
  const targetRange = { from: cmd.args.from, to: end };
  const target = resolveVarlist(state, ctx, targetRange);
  const exp = expressionRange(ctx);
  const used = expressionVars(state, ctx, exp);
  expressionVars(state, ctx, cmd.ifExp);
  const variable = target.vars.length === 1 ? target.vars[0]! : undefined;
  if (variable === undefined) {
    if (!target.complete) state.dataset = deriveDataset(state, ctx.span, {});
    return;
  }
  const text = exp !== undefined ? rangeText(ctx.tokens, exp).trim() : '';
  const events: FrameEvent[] = [];
  let column: FrameColumn = variable.column;
  const rounding = roundingOf(text);
  const threshold = cmd.ifExp !== undefined ? suppressionThreshold(ctx.tokens, cmd.ifExp, state.dataset) : undefined;
  if (rounding !== undefined && rounding.name === variable.name && cmd.ifExp === undefined) {
    column = { ...column, rounding: { base: rounding.base, span: ctx.span } };
    events.push({ kind: 'round', span: ctx.span, base: rounding.base, columns: [variable.name] });
  } else if (MISSING.test(text) && threshold !== undefined) {
    column = { ...column, suppression: { threshold: threshold.threshold, span: ctx.span } };
    events.push({ kind: 'suppress', span: ctx.span, threshold: threshold.threshold, columns: [variable.name] });
  } else if (text === '0' && cmd.ifExp !== undefined && fillsEmpty(state, rangeText(ctx.tokens, cmd.ifExp).replace(/\s+/g, ''))) {
    events.push({ kind: 'zero-fill', span: ctx.span });
  } else if (used.vars.length > 0) {
    const facts = used.vars.includes(variable) ? factsOf(used.vars) : mergeFacts(variable.column.facts, factsOf(used.vars));
    const statistic = column.statistic ?? used.vars.find((v) => v.column.statistic !== undefined)?.column.statistic;
    column = { ...column, facts, ...(statistic ? { statistic } : {}) };
  }
  const updated: Variable = { ...variable, column };
  state.dataset = deriveDataset(state, ctx.span, { vars: putVariable(state.dataset.vars, updated), events });
}

/** `egen new = fcn(args) [, by(g)]`: a statistic per group, written on every record. */
export function egen(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const target = newName(ctx);
  const exp = expressionRange(ctx);
  const byOption = option(ctx, 'by');
  // Group keys of data whose variables are not all known (a `use` of a working file) are the names written.
  const byVars = [...ctx.by, ...(byOption?.args !== undefined ? resolveImplied(state, ctx, byOption.args).vars : [])];
  expressionVars(state, ctx, cmd.ifExp);
  if (exp === undefined || target === undefined) {
    state.dataset = deriveDataset(state, ctx.span, { certain: false });
    return;
  }
  const fn = ctx.tokens[exp.from];
  const open = ctx.tokens[exp.from + 1];
  let column: Omit<FrameColumn, 'name' | 'span'> = { facts: NO_FACTS };
  let tagOf: Variable[] | undefined;
  const margins: FrameEvent[] = [];
  let egenIndicator = false;
  if (fn?.kind === 'word' && open?.kind === 'lparen') {
    const argsRange = { from: exp.from + 2, to: exp.to - (ctx.tokens[exp.to - 1]?.kind === 'rparen' ? 1 : 0) };
    const name = fn.value.toLowerCase();
    const args = name === 'tag' || name === 'group' ? resolveImplied(state, ctx, argsRange)
      : /^(?:row|any|concat)/.test(name) || name === 'count' ? resolveVarlist(state, ctx, argsRange) : expressionVars(state, ctx, argsRange);
    const named = statisticOf(name);
    const kind = named !== undefined ? statisticOver(named, args.vars) : undefined;
    if (name === 'tag') tagOf = [...byVars, ...args.vars];
    if (named !== undefined && keepsIndicator(named, args.vars)) egenIndicator = true;
    // A statistic by a person or record key (`egen total = total(earnings), by(pmr)`) is that unit's own value.
    const perUnit = byVars.some((v) => identifiesUnit(v.column.facts));
    if (kind !== undefined && !perUnit && !(ROW_FUNCTIONS.has(name) && name.startsWith('row')) && name !== 'tag' && name !== 'group' && !name.startsWith('row')) {
      const perGroup = named === 'count' && byVars.length > 0 ? { perGroup: byVars.map((v) => v.name) } : {};
      const statistic: ColumnStatistic = { kind, of: factsOf(args.vars), ofNames: args.vars.map((v) => v.name), span: ctx.span, ...perGroup };
      column = { facts: NO_FACTS, statistic, ...guardOfCells(args.vars, kind) };
      if ((named === 'sum' || named === 'count') && isMargin(state, byVars)) margins.push({ kind: 'totals', span: ctx.span, columns: [target.token.value] });
    } else column = { facts: name === 'group' ? derivedFacts(factsOf(args.vars)) : NO_FACTS };
  } else expressionVars(state, ctx, exp);
  const variable: Variable = {
    ...madeVariable(target.token.value, { start: target.token.start, end: target.token.end }, column, `egen (line ${lineOf(state, ctx.span.start)})`),
    ...(tagOf ? { tagOf } : {}),
    ...(egenIndicator ? { indicator: true } : {}),
  };
  recordDefinition(state, variable, target.token, state.dataset);
  state.dataset = deriveDataset(state, ctx.span, { vars: putVariable(state.dataset.vars, variable), events: margins });
}

/**
 * True when `egen` on a table sums its cells over groups coarser than the table's own (`bysort region: egen t =
 * total(n)` on a table by region and SEN, or no groups at all): the result is a margin of the table, its totals.
 */
function isMargin(state: StataState, byVars: readonly Variable[]): boolean {
  const aggregation = lastAggregation(state.dataset.frame);
  if (aggregation === undefined || state.dataset.frame.grain !== 'aggregate') return false;
  const keys = new Set(aggregation.event.keys.map((k) => k.name.toLowerCase()));
  if (keys.size === 0) return false;
  const by = new Set(byVars.map((v) => v.name.toLowerCase()));
  return by.size < keys.size && [...by].every((name) => keys.has(name));
}

/**
 * A statistic of cells that were suppressed or rounded keeps that protection: a total, mean or extreme of cells
 * that each hold at least the threshold (or are blank) holds at least the threshold too, and a sum of multiples of
 * the rounding base is one as well. So a total computed after suppression stays guarded.
 */
function guardOfCells(of: readonly Variable[], kind: StatisticKind): Pick<FrameColumn, 'suppression' | 'rounding'> {
  if (of.length !== 1) return {};
  const source = of[0]!.column;
  const keepsThreshold = kind === 'sum' || kind === 'count' || kind === 'mean' || kind === 'median' || kind === 'min' || kind === 'max';
  const sums = kind === 'sum' || kind === 'count';
  return {
    ...(source.suppression !== undefined && keepsThreshold ? { suppression: source.suppression } : {}),
    ...(source.rounding !== undefined && sums ? { rounding: source.rounding } : {}),
  };
}

/** `drop varlist`, `keep varlist`, `drop if …`, `keep if …`, `keep in …`. */
export function dropOrKeep(state: StataState, ctx: CommandContext, keep: boolean): void {
  const cmd = ctx.cmd;
  if (cmd.ifExp !== undefined || cmd.inRange !== undefined) {
    expressionVars(state, ctx, cmd.ifExp);
    if (cmd.ifExp === undefined) {
      state.dataset = deriveDataset(state, ctx.span, {});
      return;
    }
    // `keep if tag` after `egen tag = tag(g)`, and `by g: keep if _n == 1`, keep one record per group: a table.
    const text = rangeText(ctx.tokens, cmd.ifExp).replace(/\s+/g, '');
    const tagged = keep ? taggedRows(state.dataset, ctx.tokens, cmd.ifExp) : undefined;
    if (tagged !== undefined) {
      aggregateDataset(state, ctx, tagged.groups, withKeys(tagged.groups, state.dataset.vars), [], ctx.span, state.dataset.certain);
      // The rest of the condition (`& n >= 10`) then filters the groups' rows, so its guards hold for the table.
      const events = tagged.rest.flatMap((part) => rowFilterEvents(ctx.tokens, part, state.dataset, true, rangeText(ctx.tokens, part).replace(/\s+/g, '')));
      if (events.length > 0) state.dataset = deriveDataset(state, ctx.span, { events });
      return;
    }
    if (keep && ctx.by.length > 0 && /^_n==1$/.test(text)) {
      aggregateDataset(state, ctx, ctx.by, withKeys(ctx.by, state.dataset.vars), [], ctx.span, state.dataset.certain);
      return;
    }
    if (!keep && ctx.by.length > 0 && /^_n>1$/.test(text)) {
      aggregateDataset(state, ctx, ctx.by, withKeys(ctx.by, state.dataset.vars), [], ctx.span, state.dataset.certain);
      return;
    }
    const events = rowFilterEvents(ctx.tokens, cmd.ifExp, state.dataset, keep, text);
    state.dataset = deriveDataset(state, ctx.span, { events });
    return;
  }
  const listed = resolveVarlist(state, ctx, cmd.args);
  const names = new Set(listed.vars);
  if (keep) {
    const vars = state.dataset.vars.filter((v) => names.has(v));
    state.dataset = deriveDataset(state, ctx.span, { vars, certain: listed.complete });
  } else {
    const vars = state.dataset.vars.filter((v) => !names.has(v));
    state.dataset = deriveDataset(state, ctx.span, { vars, certain: state.dataset.certain && listed.complete });
  }
}

/**
 * The variables of a table kept one record per group: the group keys come first when the dataset did not list
 * them (a dataset `use`d from a file lists only the variables the script has named), and the table's variables
 * are only as certain as the dataset's were.
 */
function withKeys(keys: readonly Variable[], vars: readonly Variable[]): readonly Variable[] {
  const missing = keys.filter((k) => !vars.includes(k) && !vars.some((v) => v.name.toLowerCase() === k.name.toLowerCase()));
  return [...missing, ...vars];
}

/** `rename old new`, `rename (a b) (c d)`, `rename *_spr11 *`, `rename *, lower`. */
export function rename(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  const caseOption = hasOption(ctx, 'lower') ? 'lower' : hasOption(ctx, 'upper') ? 'upper' : hasOption(ctx, 'proper') ? 'proper' : undefined;
  const line = lineOf(state, ctx.span.start);
  let vars = state.dataset.vars.slice();
  let certain = state.dataset.certain;
  const renameOne = (v: Variable, name: string, span: Span | undefined): void => {
    const index = vars.indexOf(v);
    if (index < 0) return;
    vars[index] = { ...v, name, ...(span ? { defined: span } : {}), exactCase: true, column: { ...v.column, name }, origin: `rename (line ${line})` };
  };
  if (caseOption !== undefined) {
    const listed = cmd.args.to > cmd.args.from ? resolveVarlist(state, ctx, cmd.args) : { vars: state.dataset.vars, complete: true };
    for (const v of listed.vars) renameOne(v, caseOption === 'lower' ? v.name.toLowerCase() : caseOption === 'upper' ? v.name.toUpperCase() : v.name.charAt(0).toUpperCase() + v.name.slice(1).toLowerCase(), undefined);
    certain &&= listed.complete;
    state.dataset = deriveDataset(state, ctx.span, { vars, certain });
    return;
  }
  const groups = parenGroups(tokens, cmd.args);
  const olds = splitElements(tokens, groups[0] ?? cmd.args);
  const news = groups[1] !== undefined ? splitElements(tokens, groups[1]) : olds.splice(1);
  for (let k = 0; k < olds.length; k++) {
    const old = olds[k]!;
    const target = news[k];
    if (target === undefined || old.unknownMacro || target.unknownMacro) {
      certain = false;
      continue;
    }
    if (/[*?]/.test(old.text)) {
      const matched = resolveVarlist(state, ctx, { from: old.firstToken, to: old.firstToken + 1 + countJoined(tokens, old.firstToken) });
      const pattern = new RegExp(`^${old.text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '(.*)').replace(/\?/g, '(.)')}$`, 'i');
      for (const v of matched.vars) {
        const m = pattern.exec(v.name);
        if (!m) continue;
        let group = 1;
        renameOne(v, target.text.replace(/[*?]/g, () => m[group++] ?? ''), undefined);
      }
      certain &&= matched.complete;
      continue;
    }
    const matched = resolveVarlist(state, ctx, { from: old.firstToken, to: old.firstToken + 1 + countJoined(tokens, old.firstToken) });
    const v = matched.vars[0];
    if (v === undefined) {
      certain = false;
      continue;
    }
    renameOne(v, target.text, target.synthetic ? undefined : { start: target.start, end: target.end });
    const renamed = vars.find((x) => x.name === target.text);
    if (renamed !== undefined && !target.synthetic) state.sites.push({ start: target.start, end: target.end, name: target.text, variable: renamed, dataset: state.dataset, defines: true });
  }
  state.dataset = deriveDataset(state, ctx.span, { vars, certain });
}

/** How many tokens after `first` are written together with it. */
function countJoined(tokens: readonly Token[], first: number): number {
  let n = 0;
  while (tokens[first + n + 1] !== undefined && !tokens[first + n + 1]!.spaced && tokens[first + n + 1]!.kind !== 'lparen' && tokens[first + n + 1]!.kind !== 'rparen') n++;
  return n;
}

function parenGroups(tokens: readonly Token[], range: Range): Range[] {
  const groups: Range[] = [];
  for (let i = range.from; i < range.to; i++) {
    if (tokens[i]!.kind !== 'lparen') continue;
    let j = i + 1;
    while (j < range.to && tokens[j]!.kind !== 'rparen') j++;
    groups.push({ from: i + 1, to: j });
    i = j;
  }
  return groups;
}

/** `encode x, gen(y)`, `decode`, `recode … , gen()`, `destring … , gen()|replace`, `tostring`, `clonevar y = x`. */
export function convert(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  if (cmd.name === 'clonevar') {
    const target = newName(ctx);
    const exp = expressionRange(ctx);
    const source = exp !== undefined ? resolveVarlist(state, ctx, exp).vars[0] : undefined;
    if (target === undefined || source === undefined) {
      state.dataset = deriveDataset(state, ctx.span, { certain: false });
      return;
    }
    const variable = madeVariable(target.token.value, { start: target.token.start, end: target.token.end }, { ...source.column }, `clonevar (line ${lineOf(state, ctx.span.start)})`);
    recordDefinition(state, variable, target.token, state.dataset);
    state.dataset = deriveDataset(state, ctx.span, { vars: putVariable(state.dataset.vars, variable) });
    return;
  }
  const varsRange = cmd.name === 'recode' ? { from: cmd.args.from, to: firstParen(ctx.tokens, cmd.args) } : cmd.args;
  const sources = resolveVarlist(state, ctx, varsRange);
  expressionVars(state, ctx, cmd.ifExp);
  const gen = option(ctx, 'generate', 3);
  if (gen?.args === undefined) {
    // In place: the values change, the names stay.
    state.dataset = deriveDataset(state, ctx.span, {});
    return;
  }
  const names = splitElements(ctx.tokens, gen.args);
  let vars = state.dataset.vars;
  let certain = state.dataset.certain && sources.complete && names.length === sources.vars.length;
  names.forEach((element, i) => {
    if (element.unknownMacro) {
      certain = false;
      return;
    }
    const source = sources.vars[i];
    // A source whose dataset came from a file is not known, but its name still says what it holds
    // (`encode school_urn, gen(school)` makes a school identifier), as it does for a model term.
    const written = sources.elements[i]?.element.text;
    const facts = source !== undefined ? source.column.facts : written !== undefined && sources.elements.length === names.length ? state.facts.column(undefined, written) : NO_FACTS;
    const variable = madeVariable(element.text, { start: element.start, end: element.end }, { facts }, `${cmd.name} (line ${lineOf(state, ctx.span.start)})`);
    if (!element.synthetic) state.sites.push({ start: element.start, end: element.end, name: element.text, variable, dataset: state.dataset, defines: true });
    vars = putVariable(vars, variable);
  });
  state.dataset = deriveDataset(state, ctx.span, { vars, certain });
}

function firstParen(tokens: readonly Token[], range: Range): number {
  for (let i = range.from; i < range.to; i++) if (tokens[i]!.kind === 'lparen') return i;
  return range.to;
}

/** `order a b`: the listed variables first (or `last`), which later ranges follow. */
export function order(state: StataState, ctx: CommandContext): void {
  const listed = resolveVarlist(state, ctx, ctx.cmd.args);
  if (!listed.complete) {
    state.dataset = deriveDataset(state, ctx.span, {});
    return;
  }
  const rest = state.dataset.vars.filter((v) => !listed.vars.includes(v));
  const vars = hasOption(ctx, 'last') ? [...rest, ...listed.vars] : [...listed.vars, ...rest];
  state.dataset = deriveDataset(state, ctx.span, { vars });
  void optionText;
}

/** Variables `stset` adds to the data: the analysis time, its start, the failure indicator and the sample marker. */
const SURVIVAL_VARIABLES = ['_st', '_d', '_t', '_t0'];

/** `stset time [if] [weight], failure(var[==numlist]) id(var) origin(…)`: declares survival data and adds `_t`, `_d`, `_st`, `_t0`. */
export function survivalSet(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  resolveVarlist(state, ctx, cmd.args);
  expressionVars(state, ctx, cmd.ifExp);
  for (const name of ['failure', 'id', 'origin', 'enter', 'exit']) {
    const node = option(ctx, name, name === 'failure' ? 1 : name.length);
    if (node?.args !== undefined) expressionVars(state, ctx, node.args);
  }
  const line = lineOf(state, ctx.span.start);
  let vars = state.dataset.vars;
  for (const name of SURVIVAL_VARIABLES) vars = putVariable(vars, madeVariable(name, ctx.span, { facts: NO_FACTS }, `stset (line ${line})`));
  state.dataset = deriveDataset(state, ctx.span, { vars });
}

/**
 * True for the condition of `replace n = 0 if …` that picks the cells with no value: `missing(n)`, `n == .`,
 * `n >= .`, or the records `fillin` added (`_fillin`, `_fillin == 1`). Writing 0 there fills empty cells with zeros.
 */
function fillsEmpty(state: StataState, condition: string): boolean {
  if (/^(?:missing\(\w+\)|\w+(?:==|>=)\.)$/.test(condition)) return true;
  const m = /^(\w+)(?:==1|!=0)?$/.exec(condition);
  return m !== null && findVariable(state.dataset, m[1]!)?.marksFilled === true;
}

/**
 * `fillin varlist`: adds a record for every combination of the variables the data lacks, with the other variables
 * missing, and `_fillin` marking the added records. On a table this completes the grid with empty cells, which the
 * zero-cell rule reads like tidyr's `complete()`.
 */
export function fillin(state: StataState, ctx: CommandContext): void {
  const listed = resolveVarlist(state, ctx, ctx.cmd.args);
  const marker: Variable = { ...madeVariable('_fillin', ctx.span, { facts: NO_FACTS }, `fillin (line ${lineOf(state, ctx.span.start)})`), marksFilled: true, indicator: true };
  const vars = putVariable(state.dataset.vars, marker);
  state.dataset = deriveDataset(state, ctx.span, { vars, certain: state.dataset.certain && listed.complete, events: [{ kind: 'zero-fill', span: ctx.span }] });
}

/**
 * `sort a b` orders the records by `a` ascending (missing values last); `gsort -a b` by `a` descending (missing
 * values last unless `mfirst`). The first key is remembered, so that `a[1]` reads as the smallest or largest value.
 */
export function sortData(state: StataState, ctx: CommandContext): void {
  const cmd = ctx.cmd;
  const tokens = ctx.tokens;
  let descending = false;
  let first: Variable | undefined;
  let firstSeen = false;
  for (let i = cmd.args.from; i < cmd.args.to; i++) {
    const t = tokens[i]!;
    if (cmd.name === 'gsort' && t.kind === 'op' && (t.value === '-' || t.value === '+')) {
      if (!firstSeen) descending = t.value === '-';
      continue;
    }
    // Over a dataset whose variables are not all known (`use` of the project's file), a sort key is taken as named.
    const resolved = resolveImplied(state, ctx, { from: i, to: i + 1 });
    if (!firstSeen) {
      first = resolved.vars.length === 1 && resolved.complete ? resolved.vars[0] : undefined;
      firstSeen = true;
    }
  }
  const mfirst = cmd.name === 'gsort' && hasOption(ctx, 'mfirst', 2);
  const sortedBy = first !== undefined && !(descending && mfirst) ? { variable: first, descending } : null;
  state.dataset = deriveDataset(state, ctx.span, { sortedBy });
}
