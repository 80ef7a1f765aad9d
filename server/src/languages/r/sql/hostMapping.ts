/**
 * Maps the T-SQL front end's results on an embedded query back into the R file: positions go through
 * each literal's escape-aware map, text inserted into a literal is escaped for its quotes, and anything
 * that touches a part R builds at run time (a hole) or straddles two literals is dropped.
 */
import type { Finding, TextEdit } from '../../../model/findings';
import type { CompletionEntry, CompletionResult, DefinitionTarget, HoverResult } from '../../types';
import type { Span } from '../frames/model';
import { flatHostRange } from '../syntax/pieces';
import { decodedIndex } from '../syntax/strings';
import { type EmbeddedSql, HOLE_PREFIX } from './embedded';

/** The offset in the SQL text of an offset in the R file, when it falls inside one of the query's literals. */
export function sqlOffsetOf(embedded: EmbeddedSql, host: number): number | undefined {
  for (const segment of embedded.flat.segments) {
    const offsets = segment.text.offsets;
    if (offsets[0] === offsets[offsets.length - 1]) continue;
    const index = decodedIndex(segment.text, host);
    if (index !== undefined) return segment.from + index;
  }
  return undefined;
}

/** The R span of a SQL range, when it lies inside one literal and touches no hole. */
export function hostSpanOf(embedded: EmbeddedSql, start: number, end: number): Span | undefined {
  const flat = embedded.flat;
  if (flat.holes.some((h) => start < h.to && end > h.from) || (start === end && flat.holes.some((h) => start > h.from && start < h.to))) return undefined;
  if (!flat.segments.some((s) => s.from <= start && end <= s.to)) return undefined;
  return flatHostRange(flat, start, end);
}

/** The quote of the literal holding an R offset, for escaping text put into it (none for raw strings). */
function quoteAt(embedded: EmbeddedSql, hostText: string, start: number): string | undefined {
  for (const segment of embedded.flat.segments) {
    const first = segment.text.offsets[0]!;
    const last = segment.text.offsets[segment.text.offsets.length - 1]!;
    if (start < first || start > last) continue;
    const quote = hostText[first - 1];
    return quote === '"' || quote === "'" ? quote : undefined;
  }
  return undefined;
}

export function escapeForLiteral(text: string, quote: string | undefined): string {
  if (!quote) return text;
  return text.replace(/\\/g, '\\\\').replace(quote === '"' ? /"/g : /'/g, `\\${quote}`);
}

function mapEdit(embedded: EmbeddedSql, hostText: string, edit: TextEdit): TextEdit | undefined {
  const span = hostSpanOf(embedded, edit.start, edit.end);
  if (!span) return undefined;
  return { start: span.start, end: span.end, newText: escapeForLiteral(edit.newText, quoteAt(embedded, hostText, span.start)) };
}

export function mapFinding(embedded: EmbeddedSql, hostText: string, finding: Finding): Finding | undefined {
  if (finding.message.includes(HOLE_PREFIX)) return undefined;
  const span = hostSpanOf(embedded, finding.start, finding.end);
  if (!span) return undefined;
  const fixes = finding.fixes
    ?.map((fix) => {
      const edits = fix.edits.map((edit) => mapEdit(embedded, hostText, edit));
      return edits.every((e): e is TextEdit => e !== undefined) ? { ...fix, edits } : undefined;
    })
    .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined);
  const { fixes: _dropped, ...rest } = finding;
  void _dropped;
  return fixes && fixes.length > 0 ? { ...rest, ...span, fixes } : { ...rest, ...span };
}

export function mapCompletion(embedded: EmbeddedSql, hostText: string, result: CompletionResult, hostOffset: number, keyPrefix: string): CompletionResult {
  const quote = quoteAt(embedded, hostText, hostOffset);
  const items: CompletionEntry[] = [];
  for (const item of result.items) {
    if (item.label.includes(HOLE_PREFIX)) continue;
    let mapped: CompletionEntry = item;
    if (item.replaceStart !== undefined && item.replaceEnd !== undefined) {
      const span = hostSpanOf(embedded, item.replaceStart, item.replaceEnd);
      if (!span) continue;
      mapped = { ...mapped, replaceStart: span.start, replaceEnd: span.end };
    }
    const text = item.insertText ?? item.label;
    const escaped = escapeForLiteral(text, quote);
    if (escaped !== text || item.insertText !== undefined) mapped = { ...mapped, insertText: escaped };
    if (item.resolveKey !== undefined) mapped = { ...mapped, resolveKey: `${keyPrefix}${item.resolveKey}` };
    items.push(mapped);
  }
  return { items, isIncomplete: result.isIncomplete };
}

export function mapHover(embedded: EmbeddedSql, hover: HoverResult | undefined): HoverResult | undefined {
  if (!hover) return undefined;
  const span = hostSpanOf(embedded, hover.start, hover.end);
  return span ? { ...hover, ...span } : undefined;
}

export function mapDefinitions(embedded: EmbeddedSql, targets: readonly DefinitionTarget[]): DefinitionTarget[] {
  const mapped: DefinitionTarget[] = [];
  for (const target of targets) {
    if (target.kind === 'catalogue') {
      mapped.push(target);
      continue;
    }
    const span = hostSpanOf(embedded, target.start, target.end);
    if (span) mapped.push({ kind: 'document', ...span });
  }
  return mapped;
}
