/**
 * Resolving the variables a command names against the dataset in memory, recording each place for the
 * features, and reporting a name the dataset certainly lacks (LEO102, with did-you-mean fixes) or an
 * abbreviation that fits several variables (LEO104). Names that came from a macro, or that meet a dataset
 * whose variables are not all known, are never reported.
 */
import type { Finding, Fix } from '../../model/findings';
import type { Range } from './syntax/ast';
import type { Token } from './syntax/lexer';
import { closing } from './syntax/parser';
import type { Dataset, Variable } from './dataset/dataset';
import { matchElement, nameMatch, splitElements, type VarElement, type VarMatch } from './dataset/varlist';
import { placeKey, type CommandContext, type StataState } from './state';

export const LEO102 = 'LEO102';
export const LEO104 = 'LEO104';

export interface Resolved {
  readonly vars: Variable[];
  /** Elements as written, with what each matched. */
  readonly elements: readonly { readonly element: VarElement; readonly match: VarMatch }[];
  /** False when some element could not be resolved with certainty. */
  readonly complete: boolean;
}

/** Resolves a varlist in `range` of the command's tokens. */
export function resolveVarlist(state: StataState, ctx: CommandContext, range: Range | undefined, dataset: Dataset = state.dataset): Resolved {
  if (range === undefined || range.to <= range.from) return { vars: [], elements: [], complete: true };
  const elements = splitElements(ctx.tokens, range);
  const vars: Variable[] = [];
  const out: { element: VarElement; match: VarMatch }[] = [];
  let complete = true;
  for (const element of elements) {
    const match = matchElement(dataset, element, state.varabbrev);
    out.push({ element, match });
    record(state, dataset, element, match);
    if (match.kind === 'found') {
      for (const v of match.vars) if (!vars.includes(v)) vars.push(v);
      if (match.open) complete = false;
    } else complete = false;
  }
  return { vars, elements: out, complete };
}

/** Resolves one name (not a pattern), as in an expression. */
export function resolveName(state: StataState, dataset: Dataset, token: Token): VarMatch {
  const element: VarElement = { text: token.value, start: token.start, end: token.end, synthetic: token.synthetic === true, unknownMacro: false, firstToken: 0 };
  const match = nameMatch(dataset, token.value, state.varabbrev);
  record(state, dataset, element, match);
  return match;
}

/** Words an expression may use that are not variables. */
const NOT_VARIABLES = new Set([
  'if', 'in', 'byte', 'int', 'long', 'float', 'double', 'str', 'strl', 'e', 'r', 'c', 's', 'pi', 'using',
]);

/** The variables an expression reads: words that are not function names, system names (`_n`) or scalars. */
export function expressionVars(state: StataState, ctx: CommandContext, range: Range | undefined, dataset: Dataset = state.dataset): Resolved {
  if (range === undefined) return { vars: [], elements: [], complete: true };
  const tokens = ctx.tokens;
  const vars: Variable[] = [];
  const elements: { element: VarElement; match: VarMatch }[] = [];
  let complete = true;
  for (let i = range.from; i < range.to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'macro') {
      complete = false;
      continue;
    }
    if (t.kind !== 'word') continue;
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    // Stored results (`e(N)`, `r(mean)`, `c(N)`) and coefficients (`_b[age]`, `_se[age]`) name results, not
    // variables: skip to the closing bracket.
    const opens = next !== undefined && !next.spaced ? next.kind : undefined;
    if ((opens === 'lparen' && STORED_RESULTS.has(t.value)) || (opens === 'lbracket' && COEFFICIENTS.has(t.value))) {
      i = opens === 'lparen' ? closing(tokens, i + 1, range.to) : closing(tokens, i + 1, range.to, 'lbracket', 'rbracket');
      continue;
    }
    if (next !== undefined && !next.spaced && (next.kind === 'lparen' || next.kind === 'lbracket' || next.kind === 'macro' || (next.kind === 'word'))) continue;
    if (previous !== undefined && !t.spaced && (previous.kind === 'macro' || previous.kind === 'word' || previous.kind === 'number')) continue;
    if (t.value.startsWith('_') || NOT_VARIABLES.has(t.value) || state.scalars.has(t.value)) continue;
    // `x.y` member access is not a variable.
    if (previous?.kind === 'other' && previous.value === '.') continue;
    const element: VarElement = { text: t.value, start: t.start, end: t.end, synthetic: t.synthetic === true, unknownMacro: false, firstToken: i };
    const match = nameMatch(dataset, t.value, state.varabbrev);
    elements.push({ element, match });
    record(state, dataset, element, match);
    if (match.kind === 'found') {
      for (const v of match.vars) if (!vars.includes(v)) vars.push(v);
    } else complete = false;
  }
  return { vars, elements, complete };
}

const STORED_RESULTS = new Set(['e', 'r', 'c', 's']);
const COEFFICIENTS = new Set(['_b', '_se', '_coef', '_p']);

/** Unknown or ambiguous variable names reported in one do-file, at most. */
export const MAX_NAME_FINDINGS = 1000;

/** Records a site for the features, and the finding for a name the dataset certainly lacks. */
function record(state: StataState, dataset: Dataset, element: VarElement, match: VarMatch): void {
  if (element.synthetic) return;
  const variable = match.kind === 'found' && match.vars.length === 1 ? match.vars[0] : undefined;
  state.sites.push({ start: element.start, end: element.end, name: element.text, dataset, ...(variable ? { variable } : {}) });
  if (match.kind !== 'missing' && match.kind !== 'ambiguous') return;
  const key = placeKey(element.start, element.end);
  if (state.reported.has(key)) return;
  state.reported.add(key);
  // A file with thousands of wrong names is not a script being written but text pasted or mangled: past the
  // limit, names are no longer reported one by one (each costs a did-you-mean over every variable), and one note
  // says so.
  if (state.reported.size > MAX_NAME_FINDINGS) {
    state.namesCappedAt ??= { start: element.start, end: element.end };
    return;
  }
  if (match.kind === 'missing') {
    const hint = match.suggestions.length > 0 ? `; did you mean ${match.suggestions.join(', ')}?` : '';
    const what = /[*?~]/.test(element.text) ? `No variable matches '${element.text}'` : `Unknown variable '${element.text}'`;
    const fixes: Fix[] = /[*?~-]/.test(element.text) ? [] : match.suggestions.map((s, i) => ({
      title: `Change to ${s}`, edits: [{ start: element.start, end: element.end, newText: s }], ...(i === 0 ? { preferred: true } : {}),
    }));
    state.findings.push({
      code: LEO102,
      severity: 'warning',
      message: `${what} in ${dataset.label}${hint}`,
      start: element.start,
      end: element.end,
      ...(fixes.length > 0 ? { fixes } : {}),
    });
    return;
  }
  const shown = match.candidates.slice(0, 6).join(', ') + (match.candidates.length > 6 ? ', …' : '');
  const finding: Finding = {
    code: LEO104,
    severity: 'warning',
    message: `'${element.text}' abbreviates more than one variable in ${dataset.label} (${shown}); Stata stops with "ambiguous abbreviation". Write the full name.`,
    start: element.start,
    end: element.end,
    fixes: match.candidates.slice(0, 3).map((c, i) => ({ title: `Change to ${c}`, edits: [{ start: element.start, end: element.end, newText: c }], ...(i === 0 ? { preferred: true } : {}) })),
  };
  state.findings.push(finding);
}

/** Records a variable a command makes, for the features. */
export function recordDefinition(state: StataState, variable: Variable, token: Token, dataset: Dataset): void {
  if (token.synthetic) return;
  state.sites.push({ start: token.start, end: token.end, name: variable.name, variable, dataset, defines: true });
}

/** Variables taken as existing in datasets whose variables are not all known, one object per name and dataset. */
const impliedByDataset = new WeakMap<Dataset, Map<string, Variable>>();

/**
 * Resolves the varlist of a command that computes or shows statistics of the data (`collapse`, `tabstat`, `mean`,
 * `tabulate`). On a dataset whose variables are not all known (read from a file), a plain name it is not known to
 * hold is still one of its variables: Stata stops at a name the data lacks, so after the command the name exists.
 * Such a name is taken as a variable with the facts its name gives (`earnings` is a money amount), so that the
 * statistic is described by what it is of. Wildcards, ranges and macros of unknown value stay unresolved.
 */
export function resolveImplied(state: StataState, ctx: CommandContext, range: Range | undefined, dataset: Dataset = state.dataset): Resolved {
  const resolved = resolveVarlist(state, ctx, range, dataset);
  if (resolved.complete || dataset.certain) return resolved;
  const vars = [...resolved.vars];
  const elements: { element: VarElement; match: VarMatch }[] = [];
  let complete = true;
  for (const { element, match } of resolved.elements) {
    if (match.kind === 'found') {
      if (match.open === true) complete = false;
      elements.push({ element, match });
      continue;
    }
    if (match.kind !== 'unknown' || element.unknownMacro || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(element.text)) {
      complete = false;
      elements.push({ element, match });
      continue;
    }
    const variable = impliedVariable(state, dataset, element.text);
    if (!vars.includes(variable)) vars.push(variable);
    elements.push({ element, match: { kind: 'found', vars: [variable] } });
  }
  return { vars, elements, complete };
}

/** The variable a plain name means in a dataset whose variables are not all known. */
export function impliedVariable(state: StataState, dataset: Dataset, name: string): Variable {
  let known = impliedByDataset.get(dataset);
  if (known === undefined) {
    known = new Map();
    impliedByDataset.set(dataset, known);
  }
  const existing = known.get(name);
  if (existing !== undefined) return existing;
  const variable: Variable = { name, exactCase: false, column: { name, facts: state.facts.column(undefined, name) }, origin: dataset.label };
  known.set(name, variable);
  return variable;
}

/**
 * The variables of a resolved varlist as columns named where this command names them: the keys of a table and
 * the variables a listing or export shows are chosen here, so findings about them point here, not at the query
 * or command that first made them.
 */
export function namedHere(resolved: Resolved): Variable[] {
  const spans = new Map<Variable, { start: number; end: number }>();
  for (const { element, match } of resolved.elements) {
    if (element.synthetic || match.kind !== 'found' || match.vars.length !== 1) continue;
    if (!spans.has(match.vars[0]!)) spans.set(match.vars[0]!, { start: element.start, end: element.end });
  }
  return resolved.vars.map((v) => {
    const span = spans.get(v);
    return span !== undefined ? { ...v, column: { ...v.column, span } } : v;
  });
}
