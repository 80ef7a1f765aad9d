/**
 * Turns one SELECT block of the SQL front end's tree into a frame: its sources, the population filters of its
 * WHERE clause, its grouping and statistics, the guards of its HAVING clause, and the columns it selects with
 * their rounding, suppression and zero-filling.
 */
import { DOMINANCE_NAME } from '../../../dataflow/dominanceNames';
import type { ColumnRef, QueryBlock, Source } from '../ast';
import type { ParseState } from '../parseState';
import type { Token } from '../tokenizer';
import { addUnknown, combine, derive, findColumn } from '../../../dataflow/builder';
import { derivedFacts, identifiesUnit, isDirectIdentifier, isEmpty, mergeFacts, NO_FACTS, type TableFacts } from '../../../dataflow/facts';
import { COUNT_NAME, isCountColumn } from '../../../dataflow/lineage';
import type { ColumnFacts, ColumnStatistic, ColumnUse, Frame, FrameColumn, FrameEvent, GuardInsertion, Span } from '../../../dataflow/model';
import { outermostQueriesIn, refsOfBlock } from './parseIndex';
import { joinFacts } from './sqlJoins';
import { pivotFrame } from './sqlPivot';
import { externalTable, lookupRelation, type SqlEnv } from './sqlEnv';
import { classify, comparison, conjuncts, spanOf, unwrap, type Classified, type CountTest, type Range } from './sqlExpr';
import { findAggregates, isWordToken, normalisedText, rangeOfSpan, tokenAt, type AggregateCall } from './sqlTokens';

/** Extracts a nested query; supplied by sqlQuery.ts to avoid an import cycle. */
export type QueryExtractor = (query: import('../ast').QueryExpr, ctes: ReadonlyMap<string, Frame>, name?: string) => Frame;

interface Binding {
  readonly names: readonly string[];
  readonly frame: Frame;
  readonly table?: TableFacts;
}

interface Resolved {
  readonly name: string;
  readonly facts: ColumnFacts;
  readonly column?: FrameColumn;
}

export function blockFrame(env: SqlEnv, s: ParseState, block: QueryBlock, ctes: ReadonlyMap<string, Frame>, extractQuery: QueryExtractor, name?: string): Frame {
  const tokens = s.tokens;
  const bound = block.sources.map((source) => ({ source, binding: bind(env, tokens, source, ctes, extractQuery) }));
  const bindings = bound.map((b) => b.binding).filter((b): b is Binding => b !== undefined);
  // A block resolves the same names again and again (in SELECT, WHERE, GROUP BY and HAVING), and each resolution
  // depends only on the block's sources, so it is made once per name.
  const resolved = new Map<string, Resolved>();
  const byName = bindingsByName(bindings);
  const resolve = (parts: readonly string[]): Resolved => {
    const key = parts.join('\u0000').toLowerCase();
    let result = resolved.get(key);
    if (result === undefined) {
      result = resolveColumn(env, bindings, byName, parts);
      resolved.set(key, result);
    }
    return result;
  };
  const refs = refsOfBlock(s, block.id).filter((r) => !r.targetColumn && r.parts[r.parts.length - 1]!.value !== '*');
  const uses: ColumnUse[] = [];
  for (const ref of refs) {
    const resolved = resolve(ref.parts.map((p) => p.value));
    if (!isEmpty(resolved.facts)) uses.push({ name: resolved.name, facts: resolved.facts, span: { start: ref.start, end: ref.end } });
  }
  const isCount: CountTest = (from, to) => countRange(tokens, from, to, resolve);
  const clause = (kind: string, skip: number): Range | undefined => {
    const c = block.clauses.find((x) => x.kind === kind);
    if (c === undefined) return undefined;
    const range = rangeOfSpan(tokens, c);
    return { from: Math.min(range.from + skip, range.to), to: range.to };
  };
  const events: FrameEvent[] = [];

  const where = clause('where', 1);
  if (where !== undefined) events.push(...conditionEvents(env, tokens, where, isCount, resolve, 'where'));
  const joins = bindings.length > 1 ? joinFacts(s, block, bound, where) : [];

  const items = block.items.filter((item) => !item.assignsVariable);
  const columns: FrameColumn[] = [];
  let columnsComplete = true;
  const zeroFills: FrameEvent[] = [];
  items.forEach((item, index) => {
    if (item.star !== undefined) {
      const qualifier = item.star.qualifier?.parts.map((p) => p.value.toLowerCase());
      const chosen = qualifier === undefined ? bindings : bindings.filter((b) => b.names.includes(qualifier[qualifier.length - 1]!));
      for (const b of chosen) {
        columns.push(...b.frame.columns.map((c) => ({ ...c, span: { start: item.start, end: item.end } })));
        if (!b.frame.columnsComplete) columnsComplete = false;
      }
      if (chosen.length === 0) columnsComplete = false;
      return;
    }
    const column = itemColumn(env, tokens, item, isCount, resolve);
    const removal = removalEdits(items, index);
    columns.push(removal !== undefined ? { ...column.column, removal } : column.column);
    if (column.zeroFill !== undefined) zeroFills.push({ kind: 'zero-fill', span: column.zeroFill });
  });

  const statisticCalls = columns.flatMap((c) => (c.statistics ?? []));
  const groupBy = block.clauses.find((c) => c.kind === 'group-by');
  const having = clause('having', 1);
  const plainAggregates = items.some((item) => findAggregates(tokens, ...spanRange(tokens, item.expr)).some((call) => !call.windowed));
  const distinct = isWordToken(tokens[tokenAt(tokens, block.start) + 1], 'DISTINCT');
  let aggregate: Extract<FrameEvent, { kind: 'aggregate' }> | undefined;
  let guardInsertion: GuardInsertion | undefined;
  let distinctGrain: Frame['grain'] | undefined;
  if (groupBy !== undefined || plainAggregates || having !== undefined) {
    const keys = groupBy !== undefined ? groupKeys(s, block, groupBy, resolve) : [];
    const groupRange = groupBy !== undefined ? clause('group-by', 0) : undefined;
    const span = groupRange !== undefined && groupRange.to > groupRange.from
      ? spanOf(tokens, groupRange)
      : statisticCalls[0]?.span ?? { start: block.start, end: block.start + 6 };
    aggregate = { kind: 'aggregate', span, keys, perUnit: keys.some((k) => identifiesUnit(k.facts)), statistics: statisticCalls.map((c) => c.kind) };
    events.push(aggregate);
    if (groupRange !== undefined && hasRollup(tokens, groupRange)) events.push({ kind: 'totals', span: rollupSpan(tokens, groupRange) });
    guardInsertion = havingInsertion(env.text, env.newline, tokens, groupRange, having);
  } else if (distinct && columns.some((c) => c.statistic !== undefined)) {
    // `SELECT DISTINCT g, PERCENTILE_CONT(0.5) … OVER (PARTITION BY g)`: one row per group, like GROUP BY g.
    const keys = columns.filter((c) => c.statistic === undefined);
    aggregate = {
      kind: 'aggregate',
      span: statisticCalls[0]?.span ?? { start: block.start, end: block.start + 6 },
      keys,
      perUnit: keys.some((k) => identifiesUnit(k.facts)),
      statistics: statisticCalls.map((c) => c.kind),
    };
    // WHERE cannot see this block's window functions, so a count it tests (`WHERE n >= 10`) was computed by a CTE
    // or derived table before it: the guard applies to the rows the window made, after the aggregation.
    const guards = events.filter((e) => e.kind === 'threshold');
    events.splice(0, events.length, ...events.filter((e) => e.kind !== 'threshold'), aggregate, ...guards);
  } else if (distinct) {
    distinctGrain = columns.some((c) => identifiesUnit(c.facts)) ? undefined : 'aggregate';
  }
  if (having !== undefined) events.push(...conditionEvents(env, tokens, having, isCount, resolve, 'having'));
  events.push(...zeroFills);
  if (helperUsed(tokens, rangeOfSpan(tokens, block), env.dominanceHelpers)) events.push({ kind: 'dominance', span: { start: block.start, end: block.start } });

  const span: Span = { start: block.start, end: block.end };
  const extraInputs = nestedQueryFrames(s, block, ctes, extractQuery);
  const init = {
    ...(name !== undefined ? { name } : {}),
    span,
    columns,
    columnsComplete,
    events,
    uses,
    extraInputs,
    joins,
    ...(guardInsertion !== undefined ? { guardInsertion } : {}),
    ...(distinctGrain !== undefined ? { grain: distinctGrain, groupKeys: columns } : {}),
  };
  if (bindings.length === 0) {
    const constant = addUnknown(env.builder, span);
    return derive(env.builder, constant, init);
  }
  if (bindings.length === 1) return derive(env.builder, bindings[0]!.frame, init);
  return combine(env.builder, bindings.map((b) => b.frame), init);
}

function bind(env: SqlEnv, tokens: readonly Token[], source: Source, ctes: ReadonlyMap<string, Frame>, extractQuery: QueryExtractor): Binding | undefined {
  const alias = source.alias?.value.toLowerCase();
  const span = { start: source.start, end: source.end };
  switch (source.kind) {
    case 'table': {
      const parts = source.name.parts.map((p) => p.value.toLowerCase());
      const last = parts[parts.length - 1] ?? '';
      const names = alias !== undefined ? [alias, last] : [last];
      const cte = parts.length === 1 ? ctes.get(last) : undefined;
      if (cte !== undefined) return { names, frame: cte };
      const made = lookupRelation(env, source.name);
      if (made !== undefined) return { names, frame: made };
      const external = externalTable(env, source.name, span);
      return { names, frame: external.frame, table: external.table };
    }
    case 'variable': {
      const frame = env.relations.get(source.name.value.toLowerCase()) ?? addUnknown(env.builder, span);
      return { names: alias !== undefined ? [alias, source.name.value.toLowerCase()] : [source.name.value.toLowerCase()], frame };
    }
    case 'derived': {
      const frame = extractQuery(source.query, ctes, source.alias?.value);
      const renamed = source.columnAliases !== undefined ? renameColumns(frame, source.columnAliases.map((n) => n.value)) : frame;
      return { names: alias !== undefined ? [alias] : [], frame: renamed };
    }
    case 'pivot': {
      const inner = bind(env, tokens, source.inner, ctes, extractQuery);
      const pivoted = inner !== undefined ? pivotFrame(env.builder, tokens, span, inner.frame) : undefined;
      const frame = pivoted ?? (inner !== undefined ? derive(env.builder, inner.frame, { span, columns: [], columnsComplete: false }) : addUnknown(env.builder, span));
      return { names: alias !== undefined ? [alias] : [], frame };
    }
    default:
      return { names: alias !== undefined ? [alias] : [], frame: addUnknown(env.builder, span) };
  }
}

/** Frames with renamed columns share the original frame's identity for lineage; only names change. */
function renameColumns(frame: Frame, names: readonly string[]): Frame {
  const columns = frame.columns.map((c, i) => (names[i] !== undefined ? { ...c, name: names[i]! } : c));
  return { ...frame, columns };
}

/** The first binding under each of its names, for qualified references. */
function bindingsByName(bindings: readonly Binding[]): Map<string, Binding> {
  const byName = new Map<string, Binding>();
  for (const binding of bindings) for (const name of binding.names) if (!byName.has(name)) byName.set(name, binding);
  return byName;
}

function resolveColumn(env: SqlEnv, bindings: readonly Binding[], byName: ReadonlyMap<string, Binding>, parts: readonly string[]): Resolved {
  const name = parts[parts.length - 1] ?? '';
  if (parts.length >= 2) {
    const qualifier = parts[parts.length - 2]!.toLowerCase();
    const binding = byName.get(qualifier);
    if (binding !== undefined) return fromBinding(env, binding, name);
  }
  for (const binding of bindings) {
    const column = findColumn(binding.frame, name);
    if (column !== undefined) return { name: column.name, facts: column.facts, column };
  }
  for (const binding of bindings) {
    if (binding.table?.match === undefined) continue;
    const facts = env.facts.column(binding.table, name);
    if (!isEmpty(facts)) return { name, facts };
  }
  const safeguarding = bindings.length === 1 && bindings[0]!.table?.safeguarding === true ? bindings[0]!.table : undefined;
  return { name, facts: env.facts.column(safeguarding, name) };
}

function fromBinding(env: SqlEnv, binding: Binding, name: string): Resolved {
  const column = findColumn(binding.frame, name);
  if (column !== undefined) return { name: column.name, facts: column.facts, column };
  return { name, facts: env.facts.column(binding.table, name) };
}

/** True when [from, to) is a count: `COUNT(…)`, `SUM(1)`, or a column holding a count. */
function countRange(tokens: readonly Token[], from: number, to: number, resolve: (parts: readonly string[]) => Resolved): boolean {
  // `COUNT(*) - SUM(flag) >= 10` (the complement of a cell) bounds the count itself: what is taken away is a count
  // or a sum of flags, never negative, so the count is at least as large.
  const minus = topLevelMinus(tokens, from, to);
  if (minus !== undefined) return countRange(tokens, from, minus, resolve);
  const calls = findAggregates(tokens, from, to);
  if (calls.length > 0) return calls[0]!.first === from && calls[0]!.next === to && calls[0]!.kind === 'count';
  const parts = chainParts(tokens, from, to);
  if (parts === undefined) return false;
  const resolved = resolve(parts);
  return resolved.column !== undefined ? isCountColumn(resolved.column) : COUNT_NAME.test(parts[parts.length - 1]!);
}

/** The first `-` at the top level of [from, to) with something on both sides, or undefined. */
function topLevelMinus(tokens: readonly Token[], from: number, to: number): number | undefined {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'lparen') depth++;
    else if (token.kind === 'rparen') depth--;
    else if (depth === 0 && i > from && i < to - 1 && token.kind === 'operator' && token.text === '-') return i;
  }
  return undefined;
}

/** The parts of a dotted name filling [from, to) exactly, or undefined. */
export function chainParts(tokens: readonly Token[], from: number, to: number): string[] | undefined {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    const expectName = (i - from) % 2 === 0;
    if (expectName && (token.kind === 'word' || token.kind === 'quoted')) parts.push(token.value);
    else if (!expectName && token.kind === 'dot') continue;
    else return undefined;
  }
  return parts.length > 0 && (to - from) % 2 === 1 ? parts : undefined;
}

function spanRange(tokens: readonly Token[], span: Span): [number, number] {
  const range = rangeOfSpan(tokens, span);
  return [range.from, range.to];
}


/** Events a WHERE or HAVING condition adds: guards, dominance checks and population filters. */
function conditionEvents(env: SqlEnv, tokens: readonly Token[], range: Range, isCount: CountTest, resolve: (parts: readonly string[]) => Resolved, where: 'where' | 'having'): FrameEvent[] {
  const events: FrameEvent[] = [];
  const parts = conjuncts(tokens, range);
  if (parts === undefined) {
    if (where === 'where') events.push({ kind: 'filter', span: spanOf(tokens, range), condition: normalisedText(tokens, range.from, range.to) });
    return events;
  }
  for (const part of parts) {
    const span = spanOf(tokens, part);
    const test = comparison(tokens, part, isCount);
    if (test?.kind === 'at-least') {
      const conditional = testsConditionalCount(tokens, part, resolve);
      const extension = where === 'having' ? { at: span.end, joiner: ' AND ', byName: false } : { at: span.end, joiner: ' AND ', byName: true };
      events.push({ kind: 'threshold', span, ...(test.threshold !== undefined ? { threshold: test.threshold } : {}), ...(conditional ? { conditional } : {}), extension });
      continue;
    }
    if (isDominanceCheck(tokens, part)) {
      events.push({ kind: 'dominance', span });
      continue;
    }
    if (where === 'where') {
      events.push({ kind: 'filter', span, condition: normalisedText(tokens, part.from, part.to) });
      identifierLiterals(env, tokens, part, resolve);
    }
  }
  return events;
}

/**
 * True when a guard tests a conditional count: `HAVING SUM(CASE WHEN … THEN 1 ELSE 0 END) >= 10`, or an outer
 * `WHERE claimants >= 10` on a column holding one. Such a guard bounds the numerator as well as the cell.
 */
function testsConditionalCount(tokens: readonly Token[], range: Range, resolve: (parts: readonly string[]) => Resolved): boolean {
  if (findAggregates(tokens, range.from, range.to).some((call) => call.conditional)) return true;
  return chainsIn(tokens, range).some((parts) => resolve(parts).column?.statistic?.conditional === true);
}

/** `MAX(x) <= 0.9 * SUM(x)`, or a filter on a column named like a dominance share. */
function isDominanceCheck(tokens: readonly Token[], range: Range): boolean {
  const calls = findAggregates(tokens, range.from, range.to);
  if (calls.some((c) => c.kind === 'max') && calls.some((c) => c.kind === 'sum')) return true;
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if ((token.kind === 'word' || token.kind === 'quoted') && DOMINANCE_NAME.test(token.value)) return true;
  }
  return false;
}

/** Records literals compared with an identifier column (`EduKey = 'A1B2…'`, `pmr IN ('…')`). */
function identifierLiterals(env: SqlEnv, tokens: readonly Token[], range: Range, resolve: (parts: readonly string[]) => Resolved): void {
  let op = -1;
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if ((token.kind === 'operator' && token.text === '=') || isWordToken(token, 'IN')) {
      op = i;
      break;
    }
  }
  if (op <= range.from) return;
  const parts = chainParts(tokens, range.from, op);
  if (parts === undefined || !isDirectIdentifier(resolve(parts).facts)) return;
  for (let i = op + 1; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'string' && token.value.length > 0) env.builder.identifierLiterals.push({ start: token.start, end: token.end });
  }
}

interface ItemColumn {
  readonly column: FrameColumn;
  readonly zeroFill?: Span;
}

function itemColumn(env: SqlEnv, tokens: readonly Token[], item: QueryBlock['items'][number], isCount: CountTest, resolve: (parts: readonly string[]) => Resolved): ItemColumn {
  const range = rangeOfSpan(tokens, item.expr);
  const itemSpan = { start: item.start, end: item.end };
  const wrap = unwrap(tokens, range.from, range.to, isCount, env.helpers);
  const isWeight = (from: number, to: number): boolean => weightIn(tokens, from, to);
  const classified = classify(tokens, wrap.inner, isWeight);
  const plain = chainParts(tokens, wrap.inner.from, wrap.inner.to);
  const name = item.alias?.value ?? (plain !== undefined ? plain[plain.length - 1]! : env.text.slice(item.expr.start, item.expr.end).replace(/\s+/g, ' ').slice(0, 40));
  const extras = {
    ...(wrap.rounding !== undefined ? { rounding: wrap.rounding } : {}),
    ...(wrap.suppression !== undefined ? { suppression: wrap.suppression } : {}),
    ...(wrap.markers !== undefined ? { markers: wrap.markers } : {}),
  };
  if (classified.kind !== undefined) {
    const picked = pickedStatistic(tokens, classified, resolve);
    if (picked !== undefined) return { column: { name, span: itemSpan, facts: NO_FACTS, statistic: picked, statistics: [picked], ...extras } };
    const statistics = classified.calls.map((call) => callStatistic(tokens, call, resolve, isWeight));
    const main = statistics[0]!;
    const statistic: ColumnStatistic = {
      ...main,
      kind: classified.kind,
      span: classified.calls.length === 1 ? main.span : spanOf(tokens, wrap.inner),
      ...(classified.weighted ? { weighted: true } : {}),
    };
    return { column: { name, span: itemSpan, facts: NO_FACTS, statistic, statistics, ...extras } };
  }
  if (plain !== undefined) {
    const resolved = resolve(plain);
    const base: FrameColumn = resolved.column ?? { name, facts: resolved.facts };
    const column: FrameColumn = { ...base, name, span: itemSpan, ...extras };
    const zeroFill = wrap.zeroFill !== undefined && base.statistic?.kind === 'count' ? wrap.zeroFill.span : undefined;
    return zeroFill !== undefined ? { column, zeroFill } : { column };
  }
  // A derived value: carries the statistics of the columns it is computed from (`100.0 * n / total`), unless it
  // only bands them into fixed labels (`CASE WHEN gap < 6 THEN '0-5 months' … END`): a band of a minimum is a
  // category, and no longer the value of one record.
  if (isBanding(tokens, wrap.inner)) return { column: { name, span: itemSpan, facts: NO_FACTS, ...extras } };
  let facts: ColumnFacts = NO_FACTS;
  const stats: ColumnStatistic[] = [];
  for (const parts of chainsIn(tokens, wrap.inner)) {
    const resolved = resolve(parts);
    if (resolved.column?.statistic !== undefined) stats.push(resolved.column.statistic);
    else facts = mergeFacts(facts, derivedFacts(resolved.facts));
  }
  if (stats.length > 0) {
    const divided = tokens.slice(wrap.inner.from, wrap.inner.to).some((t) => t.kind === 'operator' && t.text === '/');
    const statistic: ColumnStatistic = { ...stats[0]!, kind: divided && stats.length >= 2 ? 'proportion' : stats[0]!.kind, span: spanOf(tokens, wrap.inner) };
    return { column: { name, span: itemSpan, facts: NO_FACTS, statistic, statistics: stats, ...extras } };
  }
  return { column: { name, span: itemSpan, facts, ...extras } };
}

/** True for `CASE … END` whose every THEN and ELSE gives a constant (a string or a number), so its values are labels. */
function isBanding(tokens: readonly Token[], range: Range): boolean {
  let from = range.from;
  let to = range.to;
  while (from < to && tokens[from]!.kind === 'lparen' && tokens[to - 1]!.kind === 'rparen') {
    from++;
    to--;
  }
  if (to - from < 4 || !isWordToken(tokens[from], 'CASE') || !isWordToken(tokens[to - 1], 'END')) return false;
  let results = 0;
  for (let i = from + 1; i < to - 1; i++) {
    if (!isWordToken(tokens[i], 'THEN') && !isWordToken(tokens[i], 'ELSE')) continue;
    const value = tokens[i + 1]?.kind === 'operator' && tokens[i + 1]!.text === '-' ? i + 2 : i + 1;
    const after = tokens[value + 1];
    const constant = tokens[value]?.kind === 'string' || tokens[value]?.kind === 'number' || isWordToken(tokens[value], 'NULL');
    const ends = after !== undefined && (isWordToken(after, 'WHEN') || isWordToken(after, 'ELSE') || isWordToken(after, 'END'));
    if (!constant || !ends) return false;
    results++;
  }
  return results > 0;
}

/**
 * `MAX(median_earn)` over a column that already holds a median or percentile (`PERCENTILE_CONT(0.5) … OVER
 * (PARTITION BY g)` in a CTE, the same on every row of a group): the largest of a group's copies of one value is
 * that value, so the column is the median, not an extreme of a record. A maximum of sums, counts or means is not
 * taken over: those are often per-person values, whose largest is one person's.
 */
function pickedStatistic(tokens: readonly Token[], classified: Classified, resolve: (parts: readonly string[]) => Resolved): ColumnStatistic | undefined {
  if (classified.calls.length !== 1 || (classified.kind !== 'max' && classified.kind !== 'min')) return undefined;
  const call = classified.calls[0]!;
  if (call.windowed) return undefined;
  const chains = chainsIn(tokens, { from: call.argFrom, to: call.argTo });
  if (chains.length !== 1 || call.argTo - call.argFrom !== chains[0]!.length * 2 - 1) return undefined;
  const inner = resolve(chains[0]!).column?.statistic;
  return inner !== undefined && (inner.kind === 'median' || inner.kind === 'percentile') ? inner : undefined;
}

function callStatistic(tokens: readonly Token[], call: AggregateCall, resolve: (parts: readonly string[]) => Resolved, isWeight: (from: number, to: number) => boolean): ColumnStatistic {
  const measured: Range = call.orderFrom !== undefined ? { from: call.orderFrom, to: call.orderTo! } : { from: call.argFrom, to: call.argTo };
  let of: ColumnFacts = NO_FACTS;
  const ofNames: string[] = [];
  for (const parts of chainsIn(tokens, measured)) {
    const resolved = resolve(parts);
    const facts = resolved.column?.statistic?.of ?? resolved.facts;
    of = mergeFacts(of, facts);
    ofNames.push(resolved.name);
  }
  return {
    kind: call.kind,
    of,
    ofNames,
    span: spanOf(tokens, { from: call.first, to: call.next }),
    ...(isWeight(call.argFrom, call.argTo) ? { weighted: true } : {}),
    ...(call.distinct ? { distinct: true } : {}),
    ...(call.conditional ? { conditional: true } : {}),
  };
}

/** Dotted names in a range that are not function names or keywords. */
function chainsIn(tokens: readonly Token[], range: Range): string[][] {
  const out: string[][] = [];
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word' && token.kind !== 'quoted') continue;
    if (tokens[i - 1]?.kind === 'dot') continue;
    let j = i;
    const parts = [token.value];
    while (tokens[j + 1]?.kind === 'dot' && (tokens[j + 2]?.kind === 'word' || tokens[j + 2]?.kind === 'quoted') && j + 2 < range.to) {
      parts.push(tokens[j + 2]!.value);
      j += 2;
    }
    const next = tokens[j + 1];
    if (next?.kind === 'lparen' && j + 1 < range.to) {
      i = j;
      continue;
    }
    if (token.kind === 'word' && KEYWORDS.has(token.value.toUpperCase())) continue;
    out.push(parts);
    i = j;
  }
  return out;
}

const KEYWORDS = new Set(['CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'AND', 'OR', 'NOT', 'NULL', 'IS', 'IN', 'AS', 'DISTINCT', 'LIKE', 'BETWEEN',
  'OVER', 'PARTITION', 'BY', 'ORDER', 'WITHIN', 'GROUP', 'ROWS', 'RANGE', 'ASC', 'DESC', 'INT', 'FLOAT', 'DECIMAL', 'VARCHAR', 'NUMERIC', 'BIGINT',
  'NVARCHAR', 'REAL', 'MONEY', 'DATE', 'CHAR', 'EXISTS', 'ALL', 'ANY', 'SOME', 'TRUE', 'FALSE', 'CURRENT_TIMESTAMP', 'UNBOUNDED', 'PRECEDING', 'FOLLOWING', 'CURRENT', 'ROW']);

const WEIGHT_NAME = /weight|^wt$|_wt$|^wgt|pweight|^w_|_wgt$/i;

function weightIn(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if ((token.kind === 'word' || token.kind === 'quoted') && WEIGHT_NAME.test(token.value) && tokens[i + 1]?.kind !== 'lparen') return true;
  }
  return false;
}

/** The keys of GROUP BY (every column named in it, including inside ROLLUP, CUBE and GROUPING SETS). */
function groupKeys(s: ParseState, block: QueryBlock, clause: { start: number; end: number }, resolve: (parts: readonly string[]) => Resolved): FrameColumn[] {
  const keys: FrameColumn[] = [];
  const seen = new Set<string>();
  const refs: ColumnRef[] = refsOfBlock(s, block.id).filter((r) => r.clause === 'group-by' && r.start >= clause.start && r.end <= clause.end);
  for (const ref of refs) {
    const parts = ref.parts.map((p) => p.value);
    const resolved = resolve(parts);
    const key = resolved.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const base = resolved.column ?? { name: resolved.name, facts: resolved.facts };
    keys.push({ ...base, name: resolved.name, span: { start: ref.start, end: ref.end } });
  }
  return keys;
}

function hasRollup(tokens: readonly Token[], range: Range): boolean {
  for (let i = range.from; i < range.to; i++) {
    const word = tokens[i]!.kind === 'word' ? tokens[i]!.value.toUpperCase() : '';
    if (word === 'ROLLUP' || word === 'CUBE' || word === 'GROUPING') return true;
  }
  return false;
}

function rollupSpan(tokens: readonly Token[], range: Range): Span {
  for (let i = range.from; i < range.to; i++) {
    const word = tokens[i]!.kind === 'word' ? tokens[i]!.value.toUpperCase() : '';
    if (word === 'ROLLUP' || word === 'CUBE' || word === 'GROUPING') return { start: tokens[i]!.start, end: tokens[i]!.end };
  }
  return spanOf(tokens, range);
}

/** Where `HAVING COUNT(*) >= n` goes: after the GROUP BY list, or appended to an existing HAVING. */
function havingInsertion(text: string, newline: string, tokens: readonly Token[], groupRange: Range | undefined, having: Range | undefined): GuardInsertion | undefined {
  if (having !== undefined && having.to > having.from) {
    return { at: tokens[having.to - 1]!.end, template: ' AND COUNT(*) >= {threshold}', title: 'Add AND COUNT(*) >= {threshold} to the HAVING clause' };
  }
  if (groupRange === undefined || groupRange.to <= groupRange.from) return undefined;
  const first = tokens[groupRange.from]!;
  const last = tokens[groupRange.to - 1]!;
  const indent = indentationAt(text, first.start);
  return { at: last.end, template: `${newline}${indent}HAVING COUNT(*) >= {threshold}`, title: 'Add HAVING COUNT(*) >= {threshold}' };
}

function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/** Edits that remove select item `index` with its comma. */
function removalEdits(items: readonly QueryBlock['items'][number][], index: number): { start: number; end: number; newText: string }[] | undefined {
  const item = items[index]!;
  if (items.length < 2) return undefined;
  if (index < items.length - 1) return [{ start: item.start, end: items[index + 1]!.start, newText: '' }];
  return [{ start: items[index - 1]!.end, end: item.end, newText: '' }];
}

function helperUsed(tokens: readonly Token[], range: Range, helpers: ReadonlySet<string>): boolean {
  if (helpers.size === 0) return false;
  for (let i = range.from; i < range.to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word' && tokens[i + 1]?.kind === 'lparen' && helpers.has(token.value.toLowerCase())) return true;
  }
  return false;
}

/** Frames of subqueries in WHERE, HAVING and the select list, so their sources join the lineage. */
function nestedQueryFrames(s: ParseState, block: QueryBlock, ctes: ReadonlyMap<string, Frame>, extractQuery: QueryExtractor): Frame[] {
  const fromClause = block.clauses.find((c) => c.kind === 'from');
  return outermostQueriesIn(s, block, fromClause).map((query) => extractQuery(query, ctes));
}
