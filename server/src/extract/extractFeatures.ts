/**
 * Completion and hover with the project's extract in force, as post-passes over any front end's answers.
 *
 * Completion: a column the analysis against the granted catalogue does not offer at the same place is not in the
 * extract. It stays in the list, for reference, but sorts after every granted item and says why beside its label.
 * Hover: a name with a LEO106 finding under the cursor is marked as not granted; another catalogue name as granted.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { Finding } from '../model/findings';
import type { CompletionEntry, CompletionResult, HoverResult } from '../languages/types';
import { LEO106 } from './extractFindings';

export const NOT_IN_EXTRACT = "not in this project's extract";
const SORT_LAST = 'zzzz';

export function markCompletion(full: CompletionResult, restricted: CompletionResult): CompletionResult {
  const granted = new Set(restricted.items.filter((item) => item.kind === 'column').map((item) => item.label.toLowerCase()));
  if (!full.items.some((item) => item.kind === 'column')) return full;
  const items: CompletionEntry[] = full.items.map((item) => {
    if (item.kind !== 'column' || granted.has(item.label.toLowerCase())) return item;
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

export function markHover(hover: HoverResult, text: string, findings: readonly Finding[], catalogue: CatalogueIndex, extractName: string): HoverResult {
  const refused = findings.find((f) => f.code === LEO106 && f.start <= hover.end && hover.start <= f.end && f.start < f.end);
  if (refused) {
    return { ...hover, markdown: `${hover.markdown}\n\n⚠ **Not in this project's extract** (${extractName}): ${refused.message.replace(/^'[^']*' /, '')}.` };
  }
  const name = hoveredName(text, hover);
  if (name === undefined || !isCatalogueName(catalogue, name)) return hover;
  return { ...hover, markdown: `${hover.markdown}\n\n✓ In this project's extract (${extractName}).` };
}

/** The last part of the hovered name, without brackets or quotes (`k.[FSMeligible_SPR19]` → `FSMeligible_SPR19`). */
export function hoveredName(text: string, hover: { readonly start: number; readonly end: number }): string | undefined {
  const written = text.slice(hover.start, hover.end);
  const last = written.split('.').pop()?.replace(/^[\s[\]"'`$]+|[\s[\]"'`]+$/g, '');
  return last && /^[\w-]+$/.test(last) ? last : undefined;
}

function isCatalogueName(catalogue: CatalogueIndex, name: string): boolean {
  try {
    return catalogue.findColumns(name).length > 0 || catalogue.findTables(name).length > 0;
  } catch {
    return false;
  }
}
