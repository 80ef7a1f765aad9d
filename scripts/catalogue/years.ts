/**
 * Reads the form's "Years Populated" cells into year spans by end year.
 *
 * The form writes years many ways: `2001/2002 - 2020/2021`, `2015/16 -`, `2008/2009 only`,
 * `2007/2008, 2012/2013, 2015/2016`, `2008/2009 - 2009/2010, 2011/2012 - 2020/2021`,
 * `1999/00 - 2020/21`, `2007/08 to 2020/21`, and in the LILR tabs bare start years such as
 * `2012 onwards` or `2013 to 2015` (the ILR's "Year" is the start of the academic year).
 */

export interface ParsedYears {
  readonly from?: number;
  readonly to?: number;
  readonly except?: number[];
  readonly text: string;
  /** False when the text holds no year the parser understood (`All Years`, `N/A`). */
  readonly understood: boolean;
}

/** Whether bare four-digit years are academic end years (NPD, HESA) or start years (LILR). */
export type BareYearConvention = 'end' | 'start';

interface Segment {
  readonly from?: number;
  readonly to?: number;
}

/** Words that may surround years in a span; any other word makes the cell prose. */
const SPAN_WORDS = new Set(['to', 'only', 'onwards', 'on', 'and', 'or', 'earlier', 'later', 'up', 'before', 'until', 'from', 'tax', 'years', 'year', 'academic']);

const ACADEMIC = /(\d{4})\s*\/\s*(\d{4}|\d{2})/y;
const BARE = /(\d{4})(?!\d)/y;

/** Parses a years cell. `text` is kept verbatim (whitespace tidied) for display. */
export function parseYears(raw: string, convention: BareYearConvention = 'end'): ParsedYears {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (/^all years$/i.test(text)) return { text, understood: true };
  const segments = text
    .split(/[,;]/)
    .map((part) => parseSegment(part, convention))
    .filter((segment): segment is Segment => segment !== undefined);
  if (segments.length === 0) return { text, understood: false };
  const froms = segments.map((segment) => segment.from);
  const tos = segments.map((segment) => segment.to);
  const from = froms.some((value) => value === undefined) ? undefined : Math.min(...(froms as number[]));
  const to = tos.some((value) => value === undefined) ? undefined : Math.max(...(tos as number[]));
  let except: number[] | undefined;
  if (segments.length > 1 && from !== undefined && to !== undefined) {
    except = [];
    for (let year = from; year <= to; year++) {
      if (!segments.some((segment) => (segment.from ?? -Infinity) <= year && year <= (segment.to ?? Infinity))) except.push(year);
    }
    if (except.length === 0) except = undefined;
  }
  return { from, to, except, text, understood: true };
}

/** One comma-separated part: a single year, a range, or an open range. */
function parseSegment(part: string, convention: BareYearConvention): Segment | undefined {
  const years: { year: number; index: number; end: number }[] = [];
  for (let index = 0; index < part.length; index++) {
    ACADEMIC.lastIndex = index;
    const academic = ACADEMIC.exec(part);
    if (academic && isBoundary(part, index)) {
      const start = Number(academic[1]);
      years.push({ year: start + 1, index, end: ACADEMIC.lastIndex });
      index = ACADEMIC.lastIndex - 1;
      continue;
    }
    BARE.lastIndex = index;
    const bare = BARE.exec(part);
    if (bare && isBoundary(part, index)) {
      const value = Number(bare[1]);
      if (value >= 1990 && value <= 2100) years.push({ year: convention === 'start' ? value + 1 : value, index, end: BARE.lastIndex });
      index = BARE.lastIndex - 1;
    }
  }
  if (years.length === 0) return undefined;
  // Prose that merely mentions a year (`Tax years 2016/17 and earlier are joined to …`) is not a span.
  const words = part
    .replace(/\([A-Za-z]{1,3}\)/g, ' ')
    .replace(/\d{4}\s*\/\s*\d{2,4}|\d{4}/g, ' ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== '');
  if (words.some((word) => !SPAN_WORDS.has(word))) return undefined;
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const before = part.slice(0, first.index).toLowerCase();
  const after = part.slice(last.end).toLowerCase();
  if (years.length >= 2) return { from: first.year, to: last.year };
  if (/up to|before|until/.test(before) || /and earlier|or earlier/.test(after)) return { to: first.year };
  if (/^\s*(-|–|onwards|on|\+|and later|or later)/.test(after) && !/^\s*only/.test(after)) return { from: first.year };
  return { from: first.year, to: first.year };
}

function isBoundary(text: string, index: number): boolean {
  return index === 0 || !/\d/.test(text[index - 1] ?? '');
}
