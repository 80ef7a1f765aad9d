/**
 * Whether a column, or a per-year view, holds data for a given year and term.
 * Years are end years (2018/19 is 2019). The answers are plain sentences so that hover text,
 * diagnostics and the CLI can show them as they are.
 */
import type { ColumnEntry, CoverageStatus, Term, ViewEntry, YearSpan } from './api';

export interface Coverage {
  readonly populated: boolean;
  readonly coverage: CoverageStatus;
  readonly note?: string;
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
  return {
    populated: false,
    coverage: 'not-populated',
    note: gap
      ? `${family} has no ${year} view${view.note ? `: ${view.note}` : '.'}`
      : `${year} is outside the catalogued years of ${family} (${range}).`,
  };
}

/**
 * Coverage of one instance of a column: its years populated, the census terms it is collected in,
 * and, for a multi-year view, the years the view holds.
 */
export function columnCoverage(column: ColumnEntry, year: number | undefined, term: Term | undefined, view?: ViewEntry): Coverage {
  if (year === undefined) return UNKNOWN;
  const included = spanIncludes(column.years, year);
  if (included === false) {
    return {
      populated: false,
      coverage: 'not-populated',
      note: `${column.name} is populated ${column.years?.text ?? spanText(column.years)}; ${describeInstance(term, year)} is outside those years.`,
    };
  }
  if (term && column.terms && !column.terms.includes(term)) {
    return {
      populated: false,
      coverage: 'not-populated',
      note: `${column.name} is collected in the ${column.terms.join(' and ')} census only, not in ${term}.`,
    };
  }
  if (view?.covers && spanIncludes(view.covers, year) === false) {
    return { populated: false, coverage: 'not-populated', note: `${view.name} holds ${spanText(view.covers)}, not ${academicYear(year)}.` };
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
