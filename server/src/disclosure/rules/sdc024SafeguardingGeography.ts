/**
 * SDC024: children-in-need or looked-after data combined with postcode or small-area geography. DfE's
 * condition of use says CIN data "may not be used in conjunction with pupil postcode data from any source";
 * the CLA tables carry the same wording (leo-data.md §2.1).
 */
import type { ColumnUse, Frame, FrameColumn } from '../../dataflow/model';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC024';

export const sdc024: Rule = {
  info: {
    code: CODE,
    name: 'safeguarding-with-small-area',
    summary: 'Children-in-need or looked-after data is combined with postcode or small-area geography.',
    help: 'Do not combine CIN or CLA data with postcodes or small areas; use local authority or coarser geography.',
    defaultSeverity: 'error',
    statbarn: 'none',
    rationale: 'A DfE condition of use: CIN data "may not be used in conjunction with pupil postcode data from any source", and CLA likewise (R18). Safeguarding data is sensitivity B.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const levels = new Set<string>(context.config.parameters.safeguardingGeography);
    const hits: RuleHit[] = [];
    const combined = new Set<number>();
    for (const frame of context.model.frames) {
      const use = offendingUse(frame, levels);
      const inherited = frame.inputs.some((id) => combined.has(id));
      if (use === undefined && !inherited) continue;
      combined.add(frame.id);
      if (inherited || use === undefined) continue;
      hits.push({
        start: use.span.start,
        end: use.span.end,
        message: `\`${use.name}\` (${use.facts.geography}) is combined with children-in-need or looked-after data here. DfE's conditions do not allow CIN or CLA data to be used with postcode or small-area data; use local authority or coarser geography. ${justifyHint(CODE)}`,
      });
    }
    return hits;
  },
};

/** The first small-area column from another source used in a frame whose lineage reads safeguarding data. */
function offendingUse(frame: Frame, levels: ReadonlySet<string>): ColumnUse | undefined {
  const safeguarding = frame.sources.some((s) => s.safeguarding)
    || frame.uses.some((u) => u.facts.safeguardingSource === true)
    || hasSafeguardingColumn(frame.columns);
  if (!safeguarding) return undefined;
  // The CIN and CLA tables keep their own small-area fields (CIN_LLSOA) by DfE's design; the condition is about
  // geography brought in from elsewhere, and about postcodes from any source.
  const offends = (facts: ColumnUse['facts']): boolean => facts.geography !== undefined && levels.has(facts.geography)
    && (facts.safeguardingSource !== true || facts.geography === 'postcode');
  const use = frame.uses.find((u) => offends(u.facts));
  if (use !== undefined) return use;
  const column = frame.columns.find((c) => offends(c.facts));
  return column !== undefined ? { name: column.name, facts: column.facts, span: frame.span } : undefined;
}

/**
 * Column lists are shared by many frames (a catalogue view's hundreds of columns by every frame that reads it) and
 * never change once made, so each list is scanned once, not once per frame and per check.
 */
const safeguardingLists = new WeakMap<readonly FrameColumn[], boolean>();

function hasSafeguardingColumn(columns: readonly FrameColumn[]): boolean {
  let known = safeguardingLists.get(columns);
  if (known === undefined) {
    known = columns.some((c) => c.facts.safeguardingSource === true);
    safeguardingLists.set(columns, known);
  }
  return known;
}
