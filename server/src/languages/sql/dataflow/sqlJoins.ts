/**
 * The joins of one SELECT block, for the dataflow model (`Frame.joins`): the kind of each join, its keywords, the
 * frames on either side, and the WHERE terms that read a column of the joined frame. The population hint (LEO201)
 * decides from these whether a join silently narrows a cohort; nothing here judges.
 */
import type { QueryBlock, Source } from '../ast';
import type { ParseState } from '../parseState';
import type { Token } from '../tokenizer';
import { findColumn } from '../../../dataflow/builder';
import type { Frame, JoinFact, JoinFilter, Span } from '../../../dataflow/model';
import type { TextEdit } from '../../../model/findings';
import { refsOfBlock } from './parseIndex';
import { conjuncts, spanOf, type Range } from './sqlExpr';
import { isWordToken, tokenAt } from './sqlTokens';

export interface BoundSource {
  readonly source: Source;
  readonly binding?: { readonly names: readonly string[]; readonly frame: Frame };
}

const KINDS: Partial<Record<Source['join'], JoinFact['kind']>> = {
  inner: 'inner',
  left: 'left',
  right: 'right',
  full: 'full',
  cross: 'cross',
  'cross-apply': 'inner',
  'outer-apply': 'left',
};

export function joinFacts(s: ParseState, block: QueryBlock, bound: readonly BoundSource[], where: Range | undefined): JoinFact[] {
  // Only a SELECT keeps the rows its joins match: an UPDATE, DELETE or MERGE with a join changes the matched rows
  // and leaves the others where they are, so its joins narrow nothing.
  if (block.kind !== 'select') return [];
  const tokens = s.tokens;
  const facts: JoinFact[] = [];
  const terms = where !== undefined ? whereTerms(s, block, tokens, where) : [];
  bound.forEach((entry, index) => {
    const kind = KINDS[entry.source.join];
    if (index === 0 || kind === undefined || entry.binding === undefined) return;
    const left = bound.slice(0, index).flatMap((b) => (b.binding !== undefined ? [b.binding.frame.id] : []));
    if (left.length === 0) return;
    const keyword = joinKeyword(tokens, entry.source.start);
    const others = bound.filter((_, i) => i !== index).flatMap((b) => (b.binding !== undefined ? [b.binding] : []));
    const filters = terms
      .filter((term) => term.refs.some((ref) => readsFrom(ref, entry.binding!, others)))
      .map((term): JoinFilter => ({ span: term.span, test: term.test, removal: term.removal }));
    const on = entry.source.on;
    const keepAll = entry.source.join === 'cross-apply' || entry.source.join === 'outer-apply' ? 'OUTER APPLY' : 'LEFT JOIN';
    const span = { start: keyword?.start ?? entry.source.start, end: on?.end ?? entry.source.end };
    facts.push({ kind, span, ...(keyword !== undefined ? { keyword, keepAll } : {}), left, right: entry.binding.frame.id, ...(on !== undefined ? { on } : {}), filters });
  });
  return facts;
}

/** The words before a joined source: `JOIN`, `INNER JOIN`, `LEFT OUTER JOIN`, `CROSS APPLY`. */
function joinKeyword(tokens: readonly Token[], sourceStart: number): Span | undefined {
  let index = tokenAt(tokens, sourceStart) - 1;
  const last = tokens[index];
  if (!isWordToken(last, 'JOIN') && !isWordToken(last, 'APPLY')) return undefined;
  let first = index;
  while (index > 0 && ['INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS'].some((word) => isWordToken(tokens[index - 1], word))) first = --index;
  return { start: tokens[first]!.start, end: last!.end };
}

interface WhereTerm {
  readonly span: Span;
  readonly test: JoinFilter['test'];
  readonly refs: readonly (readonly string[])[];
  readonly removal: readonly TextEdit[];
}

/** The top-level AND terms of WHERE (a WHERE with a top-level OR is one term), with the columns each reads. */
function whereTerms(s: ParseState, block: QueryBlock, tokens: readonly Token[], where: Range): WhereTerm[] {
  const ranges = conjuncts(tokens, where) ?? [where];
  const refs = refsOfBlock(s, block.id);
  const spans = ranges.map((range) => spanOf(tokens, range));
  const whereKeyword = tokens[where.from - 1];
  return ranges.map((range, index) => {
    const span = spans[index]!;
    // The term goes with the AND before it (or after it, for the first); a lone term takes WHERE with it.
    const removal: TextEdit[] = spans.length === 1
      ? [{ start: whereKeyword?.start ?? span.start, end: span.end, newText: '' }]
      : index === 0
        ? [{ start: span.start, end: spans[1]!.start, newText: '' }]
        : [{ start: spans[index - 1]!.end, end: span.end, newText: '' }];
    const words = tokens.slice(range.from, range.to).filter((t) => t.kind === 'word').map((t) => t.value.toUpperCase());
    const text = words.join(' ');
    const test: JoinFilter['test'] = /\bIS NOT NULL$/.test(text) && !words.includes('OR')
      ? 'is-not-null'
      : /\bIS NULL\b/.test(text) || /\b(?:ISNULL|COALESCE)\b/.test(text) ? 'keeps-null' : 'other';
    const inside = refs.filter((ref) => ref.start >= span.start && ref.end <= span.end).map((ref) => ref.parts.map((p) => p.value.toLowerCase()));
    return { span, test, refs: inside, removal };
  });
}

/** True when a column reference is to the joined source: by its qualifier, or by a name only it has. */
function readsFrom(parts: readonly string[], joined: NonNullable<BoundSource['binding']>, others: readonly NonNullable<BoundSource['binding']>[]): boolean {
  const name = parts[parts.length - 1]!;
  if (parts.length >= 2) return joined.names.includes(parts[parts.length - 2]!);
  return findColumn(joined.frame, name) !== undefined && !others.some((other) => findColumn(other.frame, name) !== undefined || !other.frame.columnsComplete);
}
