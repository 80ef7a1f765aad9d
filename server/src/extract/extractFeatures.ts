/**
 * Completion and hover with the project's extract in force, as post-passes over any front end's answers.
 *
 * Completion: a column or view the analysis against the granted catalogue does not offer at the same place is not in
 * the extract. It stays in the list, for reference, but sorts after every granted item and says why beside its label.
 * Hover: a name with a LEO106 finding under the cursor, or one the granted catalogue does not know, is marked as not
 * granted; another catalogue name as granted.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { Finding } from '../model/findings';
import type { CompletionEntry, CompletionResult, HoverResult } from '../languages/types';
import { LEO106 } from './extractFindings';

export const NOT_IN_EXTRACT = "not in this project's extract";
const SORT_LAST = 'zzzz';

/** The kinds of completion item an extract can refuse: the views and columns of the catalogue. */
const JUDGED = new Set<CompletionEntry['kind']>(['column', 'table']);

export function markCompletion(full: CompletionResult, restricted: CompletionResult): CompletionResult {
  if (!full.items.some((item) => JUDGED.has(item.kind))) return full;
  const granted = new Set(restricted.items.filter((item) => JUDGED.has(item.kind)).map((item) => `${item.kind}:${item.label.toLowerCase()}`));
  const items: CompletionEntry[] = full.items.map((item) => {
    if (!JUDGED.has(item.kind) || granted.has(`${item.kind}:${item.label.toLowerCase()}`)) return item;
    return {
      ...item,
      // `zzzz` sorts after the digits and words every front end starts its sort keys with, whether the editor
      // compares sort texts by code point or by locale.
      sortText: `${SORT_LAST}${item.sortText ?? item.label}`,
      labelDescription: NOT_IN_EXTRACT,
      detail: item.detail ? `${NOT_IN_EXTRACT} · ${item.detail}` : NOT_IN_EXTRACT,
    };
  });
  return { ...full, items };
}

/**
 * Adds whether the hovered name is granted. A LEO106 finding under the cursor settles it; otherwise the name is
 * looked up in the granted catalogue, so a column reached through a data frame (`df$x`) is judged too.
 */
export function markHover(
  hover: HoverResult,
  text: string,
  findings: readonly Finding[],
  catalogue: CatalogueIndex,
  granted: CatalogueIndex,
  extractName: string,
): HoverResult {
  const refused = findings.find((f) => f.code === LEO106 && f.start <= hover.end && hover.start <= f.end && f.start < f.end);
  if (refused) {
    return { ...hover, markdown: `${hover.markdown}\n\n⚠ **Not in this project's extract** (${extractName}): ${refused.message.replace(/^'[^']*' /, '')}.` };
  }
  const name = hoveredName(text, hover);
  if (name === undefined || !knows(catalogue, name)) return hover;
  if (!knows(granted, name)) return { ...hover, markdown: `${hover.markdown}\n\n⚠ **Not in this project's extract** (${extractName}).` };
  return { ...hover, markdown: `${hover.markdown}\n\n✓ In this project's extract (${extractName}).` };
}

/** The last part of the hovered name, without brackets or quotes (`k.[FSMeligible_SPR19]` → `FSMeligible_SPR19`). */
export function hoveredName(text: string, hover: { readonly start: number; readonly end: number }): string | undefined {
  // No name is this long; a hover over a whole statement of mangled text is not worth reading (and a trimming
  // regular expression over it would take time quadratic in its length).
  if (hover.end - hover.start > MAX_NAME_SPAN) return undefined;
  const written = text.slice(hover.start, hover.end);
  const last = trimQuoting(written.slice(written.lastIndexOf('.') + 1));
  return last && /^[\w-]+$/.test(last) ? last : undefined;
}

const MAX_NAME_SPAN = 512;
const LEADING_QUOTING = new Set([' ', '\t', '\n', '\r', '[', ']', '"', "'", '`', '$']);
const TRAILING_QUOTING = new Set([' ', '\t', '\n', '\r', '[', ']', '"', "'", '`']);

/** Strips brackets, quotes and white space from both ends, in one pass each way. */
function trimQuoting(part: string): string {
  let start = 0;
  let end = part.length;
  while (start < end && LEADING_QUOTING.has(part[start]!)) start++;
  while (end > start && TRAILING_QUOTING.has(part[end - 1]!)) end--;
  return part.slice(start, end);
}

function knows(catalogue: CatalogueIndex, name: string): boolean {
  try {
    return catalogue.findColumns(name).length > 0 || catalogue.findTables(name).length > 0;
  } catch {
    return false;
  }
}
