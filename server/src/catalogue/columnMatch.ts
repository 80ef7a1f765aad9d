/**
 * Turns a shape hit into a ColumnMatch: which term and year the name stands for, whether that
 * fits the view it was used on, and whether the data exist (coverage).
 *
 * A family member of another year used on a per-year view (`fsmeligible_spr18` on
 * `spring_census_2019`) still resolves to its entry, but with `matchedBy: 'other-year'`,
 * `populated: false` and a note naming the column the view does have, so features can offer
 * the fix instead of calling the name unknown.
 */
import type { ColumnEntry, ColumnMatch, ColumnMatchKind, TableEntry, TableMatch, Term, ViewEntry } from './api';
import type { ShapeHit } from './columnIndex';
import { columnCoverage, describeInstance, overlapCoverage, viewCoverage, type Coverage } from './coverage';
import { expandTwoDigitYear, instantiate, isTemplate, type NameCandidate } from './names';

/** The term and year a matched name carries, given the spelling it matched. */
function instanceOf(hit: ShapeHit, candidate: NameCandidate): { term?: Term; year?: number } {
  if (candidate.yy === undefined) return {};
  const year = expandTwoDigitYear(candidate.yy);
  return hit.template.includes('[term][yy]') ? { term: candidate.term, year } : { year };
}

/** A hit for a name used on a resolved view. */
export function matchOnView(hit: ShapeHit, candidate: NameCandidate, match: TableMatch): ColumnMatch {
  const { column, table } = hit;
  if (!candidate.templated) {
    return build(hit, hit.form === 'synonym' ? 'synonym' : 'exact', column.name, undefined, undefined, plainCoverage(table, column, match));
  }
  const { term, year } = instanceOf(hit, candidate);
  const name = instantiate(hit.template, term, year, candidate.order);
  const kind: ColumnMatchKind = hit.form === 'synonym' ? 'synonym' : 'template';
  if (match.year !== undefined && year !== undefined && (year !== match.year || term !== match.term)) {
    const expected = expectedName(column, match);
    return {
      column,
      table,
      name,
      term,
      year,
      dataYear: year,
      matchedBy: 'other-year',
      populated: false,
      coverage: 'not-populated',
      coverageEvidence: 'other-instance',
      coverageNote: `${name} is the ${describeInstance(term, year)} column; ${match.viewName} holds ${describeInstance(match.term, match.year)}${expected ? `, where it is ${expected}` : ''}.`,
    };
  }
  return build(hit, kind, name, term, year, year === undefined ? columnCoverage(column, undefined, undefined) : instanceCoverage(table, column, year, term, match.view));
}

/** A hit for a name looked up across the catalogue, with no view to compare with. */
export function matchAnywhere(hit: ShapeHit, candidate: NameCandidate, preferredIteration: string | undefined): ColumnMatch {
  const { column, table } = hit;
  if (!candidate.templated) return build(hit, hit.form === 'synonym' ? 'synonym' : 'exact', column.name, undefined, undefined, columnCoverage(column, undefined, undefined));
  const { term, year } = instanceOf(hit, candidate);
  const name = instantiate(hit.template, term, year, candidate.order);
  const kind: ColumnMatchKind = hit.form === 'synonym' ? 'synonym' : 'template';
  if (year === undefined) return build(hit, kind, name, term, year, columnCoverage(column, undefined, undefined));
  return build(hit, kind, name, term, year, instanceCoverage(table, column, year, term, familyFor(table, term, hit, preferredIteration)));
}

/** The template itself (`FSMeligible_[term][yy]`), as typed in a query. */
export function matchTemplateForm(hit: ShapeHit): ColumnMatch {
  return build(hit, 'template-form', hit.column.name, undefined, undefined, { populated: true, coverage: 'unknown' });
}

/** The column as it appears in a view: instantiated for a per-year view's term and year. */
export function columnOnView(table: TableEntry, column: ColumnEntry, match: TableMatch): ColumnMatch {
  const hit: ShapeHit = { table, column, template: column.name, form: 'name' };
  if (!isTemplate(column.name)) {
    return build(hit, 'exact', column.name, undefined, undefined, plainCoverage(table, column, match));
  }
  if (match.year === undefined) {
    const coverage = match.view.covers ? overlapCoverage(column, match.view) : columnCoverage(column, undefined, undefined);
    return build(hit, 'template-form', column.name, undefined, undefined, coverage);
  }
  const name = expectedName(column, match) ?? column.name;
  const term = column.name.includes('[term][yy]') ? match.term : undefined;
  return build(hit, 'template', name, term, match.year, instanceCoverage(table, column, match.year, term, match.view));
}

/**
 * Coverage of a plain (untemplated) column: against the years a multi-year view holds, or, for a field the form
 * says was replaced, against the year of a per-year view after it ended (`HE_GENDER`, replaced by SEXID in 2012/13,
 * read from `hesa_2018`). Other plain fields of per-year views stay unknown: real code reads derived fields in the
 * years before the form says they start (HESA back-codes them), so a note there would be noise.
 */
function plainCoverage(table: TableEntry, column: ColumnEntry, match: TableMatch): Coverage {
  if (match.view.covers) return overlapCoverage(column, match.view);
  const replaced = column.notes?.find((note) => /\breplaced\b/i.test(note));
  const ended = column.years?.to;
  if (match.year === undefined || replaced === undefined || ended === undefined || match.year <= ended) return columnCoverage(column, undefined, undefined);
  const coverage = columnCoverage(column, match.year, undefined, undefined, table.years?.to);
  return coverage.populated ? coverage : { ...coverage, note: `${coverage.note} The form says: "${replaced.trim()}"` };
}

/** The name a family column has in a per-year view: `FSMeligible_SPR19`, or `FSMeligible_03` in PLASC. */
function expectedName(column: ColumnEntry, match: TableMatch): string | undefined {
  if (match.year === undefined || !isTemplate(column.name)) return undefined;
  return instantiate(column.name, match.term, match.year);
}

/** Coverage of a column instance: the column's own years and terms, then the family view's gaps. */
function instanceCoverage(table: TableEntry, column: ColumnEntry, year: number, term: Term | undefined, view: ViewEntry | undefined): Coverage {
  const own = columnCoverage(column, year, term, view?.years ? undefined : view, table.years?.to);
  if (!own.populated) return own;
  if (view?.years && view.name.includes('[yyyy]') && (view.term === term || (view.term === undefined && term === undefined))) {
    const family = viewCoverage(view, year);
    if (!family.populated) return family;
  }
  return own;
}

/** The per-year family that holds a term's instances, in the preferred iteration when there is a choice. */
function familyFor(table: TableEntry, term: Term | undefined, hit: ShapeHit, preferredIteration: string | undefined): ViewEntry | undefined {
  const families = table.views.filter((view) => view.name.includes('[yyyy]') && view.term === term);
  const termless = hit.form === 'termless' || !hit.template.includes('[term]');
  const candidates = termless && term === undefined ? table.views.filter((view) => view.name.includes('[yyyy]') && view.term === undefined) : families;
  return candidates.find((view) => view.iteration === preferredIteration) ?? candidates[0];
}

function build(
  hit: ShapeHit,
  matchedBy: ColumnMatchKind,
  name: string,
  term: Term | undefined,
  year: number | undefined,
  coverage: Coverage,
): ColumnMatch {
  return {
    column: hit.column,
    table: hit.table,
    name,
    term,
    year,
    dataYear: year,
    matchedBy,
    populated: coverage.populated,
    coverage: coverage.coverage,
    coverageNote: coverage.note,
    ...(coverage.evidence !== undefined ? { coverageEvidence: coverage.evidence } : {}),
  };
}
