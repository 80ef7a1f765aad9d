/**
 * What the Stata features read from one analysis: the text, its commands, comments and strings, the places
 * where variables are named, the dataset each command saw, and the embedded SQL.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import type { Dataset } from '../dataset/dataset';
import type { Comment, RawCommand } from '../syntax/lexer';
import type { EmbeddedQuery } from '../sql/embedded';
import type { VariableSite } from '../state';

export interface StataAnalysisData {
  readonly text: string;
  readonly catalogue: CatalogueIndex;
  readonly commands: readonly RawCommand[];
  readonly comments: readonly Comment[];
  readonly strings: readonly Comment[];
  /** Sorted by start. */
  readonly sites: readonly VariableSite[];
  readonly before: ReadonlyMap<number, Dataset>;
  readonly embedded: readonly EmbeddedQuery[];
}

/** The command whose text holds `offset` (or that ends just before it), by binary search. */
export function commandAt(commands: readonly RawCommand[], offset: number): RawCommand | undefined {
  let low = 0;
  let high = commands.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (commands[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  const candidate = commands[low - 1];
  return candidate !== undefined && offset <= candidate.end ? candidate : undefined;
}

/** The dataset a command saw, or the one the nearest earlier command saw. */
export function datasetBefore(data: StataAnalysisData, command: RawCommand | undefined, offset: number): Dataset | undefined {
  if (command !== undefined) {
    const seen = data.before.get(command.start);
    if (seen !== undefined) return seen;
  }
  let low = 0;
  let high = data.commands.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (data.commands[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0 && i >= low - 200; i--) {
    const seen = data.before.get(data.commands[i]!.start);
    if (seen !== undefined) return seen;
  }
  return undefined;
}

/** True when `offset` is strictly inside one of the spans (or at its end, for an unfinished comment). */
export function inSpans(spans: readonly { start: number; end: number }[], offset: number, strict = false): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  const span = spans[low - 1];
  return span !== undefined && (strict ? offset < span.end : offset <= span.end);
}

/** The site at `offset`, by binary search over sites sorted by start. */
export function siteAt(sites: readonly VariableSite[], offset: number): VariableSite | undefined {
  let low = 0;
  let high = sites.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sites[mid]!.start <= offset) low = mid + 1;
    else high = mid;
  }
  for (let i = low - 1; i >= 0 && i >= low - 8; i--) {
    const site = sites[i]!;
    if (offset >= site.start && offset <= site.end) return site;
  }
  return undefined;
}
