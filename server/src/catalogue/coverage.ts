/**
 * Whether a column, or a per-year view, holds data for a given year and term.
 * Years are end years (2018/19 is 2019). The answers are plain sentences so that hover text,
 * diagnostics and the CLI can show them as they are.
 */
import type { ColumnEntry, CoverageEvidence, CoverageStatus, Term, ViewEntry, YearSpan } from './api';

export interface Coverage {
  readonly populated: boolean;
  readonly coverage: CoverageStatus;
  readonly note?: string;
  /** Set when not populated: what the claim rests on. */
  readonly evidence?: CoverageEvidence;
}

/**
 * True when the evidence makes a use certainly wrong: the view or the column instance does not exist, so the
 * query fails or reads the wrong census. Everything else (the form lists other years, the data may be newer than
 * the form) is a likelihood that only the data can settle.
 */
export function isCertainGap(evidence: CoverageEvidence | undefined): boolean {
  return evidence === 'known-gap' || evidence === 'other-instance' || evidence === 'before-first-view';
}

const KNOWN: Coverage = { populated: true, coverage: 'populated' };
const UNKNOWN: Coverage = { populated: true, coverage: 'unknown' };

/** `2018/19` for the end year 2019. */
export function academicYear(endYear: number): string {
  return `${endYear - 1}/${String(endYear % 100).padStart(2, '0')}`;
}

/** `spring 2019 (2018/19)`, or `2002/03` without a term. */
export function describeInstance(term: Term | undefined, year: number): string {
  return term ? `${term} ${year} (${academicYear(year)})` : academicYear(year);
}

/** Whether a span includes an end year: true, false, or undefined when the span has no bounds. */
export function spanIncludes(span: YearSpan | undefined, year: number): boolean | undefined {
  if (!span || (span.from === undefined && span.to === undefined)) return undefined;
  if (span.from !== undefined && year < span.from) return false;
  if (span.to !== undefined && year > span.to) return false;
  return !(span.except ?? []).includes(year);
}

/** Coverage of a per-year view (`summer_census_2020`) within its family. */
export function viewCoverage(view: ViewEntry, year: number): Coverage {
  const included = spanIncludes(view.years, year);
  if (included === undefined) return UNKNOWN;
  if (included) return KNOWN;
  const family = view.name.replace('[yyyy]', '<year>');
  const gap = (view.years?.except ?? []).includes(year);
  const range = `${view.years?.from ?? '?'}–${view.years?.to ?? '?'}`;
  if (gap) return { populated: false, coverage: 'not-populated', evidence: 'known-gap', note: `${family} has no ${year} view${view.note ? `: ${view.note}` : '.'}` };
  // Views after the last catalogued year may simply be newer than the catalogue; views before the first year of a
  // family seen in real code are replaced by another family (PLASC before the spring census).
  const after = view.years?.to !== undefined && year > view.years.to;
  const evidence: CoverageEvidence = after || view.evidence !== 'seen' ? 'beyond-catalogue' : 'before-first-view';
  return {
    populated: false,
    coverage: 'not-populated',
    evidence,
    note: after
      ? `${year} is after the catalogued years of ${family} (${range}); the catalogue may not describe it yet. If your project has this view, describe it in a catalogue overlay.`
      : `${year} is outside the catalogued years of ${family} (${range}).`,
  };
}

/**
 * Coverage of one instance of a column: its years populated, the census terms it is collected in,
 * and, for a multi-year view, the years the view holds.
 * `horizon` is the last year the source form describes for the whole table: a field listed up to that year is
 * taken to go on after it (the form is older than the data), so later years are not called empty.
 */
export function columnCoverage(column: ColumnEntry, year: number | undefined, term: Term | undefined, view?: ViewEntry, horizon?: number): Coverage {
  if (year === undefined) return UNKNOWN;
  const included = spanIncludes(column.years, year);
  if (included === false) {
    const to = column.years?.to;
    if (to !== undefined && year > to && horizon !== undefined && to >= horizon) return UNKNOWN;
    return {
      populated: false,
      coverage: 'not-populated',
      evidence: 'form-years',
      note: `the request form lists ${column.name} for ${column.years?.text ?? spanText(column.years)}, not ${describeInstance(term, year)}; a count of its non-null values would settle it.`,
    };
  }
  if (term && column.terms && !column.terms.includes(term)) {
    return {
      populated: false,
      coverage: 'not-populated',
      evidence: 'form-terms',
      note: `the request form lists ${column.name} as collected in the ${column.terms.join(' and ')} census only, not in ${term}; a count of its non-null values would settle it.`,
    };
  }
  if (view?.covers && spanIncludes(view.covers, year) === false) {
    return { populated: false, coverage: 'not-populated', evidence: 'view-years', note: `${view.name} holds ${spanText(view.covers)}, not ${academicYear(year)}.` };
  }
  return included === undefined ? UNKNOWN : KNOWN;
}

/** Coverage of a plain column in a multi-year view: its years must overlap the view's. */
export function overlapCoverage(column: ColumnEntry, view: ViewEntry): Coverage {
  const columnYears = column.years;
  const viewYears = view.covers;
  if (!columnYears || !viewYears || (columnYears.from === undefined && columnYears.to === undefined)) return UNKNOWN;
  const from = Math.max(columnYears.from ?? -Infinity, viewYears.from ?? -Infinity);
  const to = Math.min(columnYears.to ?? Infinity, viewYears.to ?? Infinity);
  if (from <= to) return KNOWN;
  return {
    populated: false,
    coverage: 'not-populated',
    evidence: 'view-years',
    note: `${column.name} is populated ${columnYears.text ?? spanText(columnYears)}, but ${view.name} holds ${spanText(viewYears)}.`,
  };
}

/** `2002/03 to 2020/21`, or `from 2015/16`. */
export function spanText(span: YearSpan | undefined): string {
  if (!span) return 'in unknown years';
  if (span.from !== undefined && span.to !== undefined) {
    return span.from === span.to ? academicYear(span.from) : `${academicYear(span.from)} to ${academicYear(span.to)}`;
  }
  if (span.from !== undefined) return `from ${academicYear(span.from)}`;
  if (span.to !== undefined) return `up to ${academicYear(span.to)}`;
  return span.text ?? 'in unknown years';
}
