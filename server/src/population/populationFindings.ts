/**
 * LEO201, an information hint: a join or filter that silently narrows the population to the people who have an
 * outcome record. An inner join from a cohort (school census, attainment) to an outcome table (earnings,
 * employment, benefits, higher or further education) keeps only those with a record, and a WHERE condition on the
 * outcome's columns after a LEFT JOIN does the same. Those without a record are often the very people a study is
 * about (no earnings, no higher education), and they vanish without a word.
 *
 * The hint reads only the dataflow model's joins (`Frame.joins`) and the catalogue tables on each side, with each
 * dataset's role from the coverage notes. It stays silent when the narrowing is plainly meant: a join between two
 * cohort tables or two outcome tables, a query that starts from the outcome table, an explicit `IS NOT NULL` on
 * the joined table, or a side whose tables are not catalogued.
 */
import type { DataflowModel, Frame, JoinFact, SourceTable } from '../dataflow/model';
import type { Finding, Fix } from '../model/findings';
import type { CoverageNotes, DatasetNotes, DatasetRole } from './coverageNotes';

export const LEO201 = 'LEO201';

const RANK: Readonly<Record<Exclude<DatasetRole, 'link'>, number>> = { cohort: 0, education: 1, outcome: 2 };

interface Side {
  /** The lowest rank among the side's catalogued tables: a side holding any cohort table is a cohort. */
  readonly rank: number;
  /** The dataset of that rank, for the message. */
  readonly dataset: DatasetNotes;
}

export function populationFindings(model: () => DataflowModel, text: string, notes: CoverageNotes | undefined): Finding[] {
  if (notes === undefined) return [];
  let dataflow: DataflowModel;
  try {
    dataflow = model();
  } catch {
    // The disclosure checks report a model that could not be built; the hint has nothing to add.
    return [];
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const frame of dataflow.frames) {
    for (const join of frame.joins ?? []) {
      const finding = joinFinding(dataflow.frames, join, text, notes);
      if (finding === undefined) continue;
      const key = `${finding.start}:${finding.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return findings;
}

function joinFinding(frames: readonly Frame[], join: JoinFact, text: string, notes: CoverageNotes): Finding | undefined {
  const right = frames[join.right];
  if (right === undefined) return undefined;
  const joined = sideOf(right.sources, notes);
  const cohort = sideOf(join.left.flatMap((id) => frames[id]?.sources ?? []), notes);
  if (joined === undefined || cohort === undefined) return undefined;
  // Only a join from an earlier stage of life to a later one narrows a cohort: KS4 to earnings, KS4 to HE, HE to
  // earnings. Two cohort tables, or a query that starts from the outcome, keep the population the author chose.
  if (joined.rank === 0 || joined.rank <= cohort.rank) return undefined;
  // An explicit IS NOT NULL on the joined table says that only people with a record are meant.
  if (join.filters.some((filter) => filter.test === 'is-not-null')) return undefined;
  const who = cohort.dataset.label;
  const record = joined.dataset.record ?? `a ${joined.dataset.label} record`;
  const missing = joined.dataset.notes[0]?.text;
  if (join.kind === 'inner') {
    const where = join.keyword ?? join.span;
    const written = text.slice(where.start, where.end);
    const named = join.keyword !== undefined ? `This ${/^[A-Z\s]+$/i.test(written) && !written.includes('_') ? written.toUpperCase().replace(/\s+/g, ' ') : written}` : 'This join';
    const keepAll = join.keepAll ?? 'a left join';
    const fixes: Fix[] = join.keyword !== undefined && join.keepAll !== undefined
      ? [{
        title: `Use ${join.keepAll} to keep everyone in ${who}, then give those without ${record} an explicit zero or missing category`,
        edits: [{ start: join.keyword.start, end: join.keyword.end, newText: join.keepAll }],
      }]
      : [];
    return {
      code: LEO201,
      severity: 'info',
      message:
        `${named} keeps only the people in ${who} who have ${record}: the rest are dropped without a word${missing ? ` (${lowerFirst(missing)})` : ''}. ` +
        `To keep them, use ${keepAll} and count them as zero or missing; if only people with a record are meant, say so with an explicit not-missing filter.`,
      start: where.start,
      end: where.end,
      ...(fixes.length > 0 ? { fixes } : {}),
    };
  }
  if (join.kind === 'left') {
    const filter = join.filters.find((candidate) => candidate.test === 'other');
    if (filter === undefined) return undefined;
    const condition = text.slice(filter.span.start, filter.span.end);
    const fixes: Fix[] = join.on !== undefined && filter.removal !== undefined
      ? [{ title: 'Move the condition into the ON clause, so people without a record stay in', edits: [...filter.removal, { start: join.on.end, end: join.on.end, newText: ` AND ${condition}` }] }]
      : [];
    return {
      code: LEO201,
      severity: 'info',
      message:
        `This WHERE condition on the LEFT JOINed ${joined.dataset.label} drops everyone in ${who} without ${record}, which undoes the LEFT JOIN. ` +
        'To keep them, move the condition into the ON clause and count them as zero or missing; if only people with a record are meant, say so with an explicit IS NOT NULL.',
      start: filter.span.start,
      end: filter.span.end,
      ...(fixes.length > 0 ? { fixes } : {}),
    };
  }
  return undefined;
}

/** The role of a side of a join, from its catalogued tables; linking tables and tables without notes do not count. */
function sideOf(sources: readonly SourceTable[], notes: CoverageNotes): Side | undefined {
  let best: Side | undefined;
  for (const source of sources) {
    if (source.tableId === undefined) continue;
    const dataset = notes.forTable(source.tableId);
    if (dataset === undefined || dataset.role === 'link') continue;
    const rank = RANK[dataset.role];
    if (best === undefined || rank < best.rank) best = { rank, dataset };
  }
  return best;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
