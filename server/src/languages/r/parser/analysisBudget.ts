/**
 * How much of an R document is analysed. On a document longer than any script a person writes (a pasted data
 * dump, a generated file), following frames and building the dataflow model stop at the first top-level
 * statement that ends past `MAX_ANALYSED_CHARACTERS`, and the parse stops a margin after that. The rest gets one info LEO000 note, so the editor stays responsive and nothing
 * is left out in silence.
 */
import type { RNode } from './syntaxTree';

/** About 15,000 lines of ordinary R; the largest real LEO scripts we have seen are a tenth of that. */
export const MAX_ANALYSED_CHARACTERS = 600_000;

/** How much is parsed: the budget and a margin, so the statement that straddles the budget is parsed whole. */
export const MAX_PARSED_CHARACTERS = MAX_ANALYSED_CHARACTERS + 50_000;

const cuts = new WeakMap<RNode, RNode | null>();

/** The first top-level statement that is not analysed, or undefined when the whole document is. */
export function firstUnanalysed(root: RNode): RNode | undefined {
  const known = cuts.get(root);
  if (known !== undefined) return known ?? undefined;
  let cut: RNode | null = null;
  for (const child of root.children) {
    if (child.end > MAX_ANALYSED_CHARACTERS) {
      cut = child;
      break;
    }
  }
  cuts.set(root, cut);
  return cut ?? undefined;
}

/** True when a top-level statement lies in the analysed part of the document. */
export function isAnalysed(root: RNode, statement: RNode): boolean {
  const cut = firstUnanalysed(root);
  return cut === undefined || statement.start < cut.start;
}
