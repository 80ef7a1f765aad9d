/**
 * Column-name templates and how concrete names map onto them.
 *
 * A template such as `FSMeligible_[term][yy]` stands for a family of real names
 * (`FSMeligible_SPR19`, `fsmeligible_aut07`, and `FSMeligible_03` in the PLASC years).
 * Lookups must stay constant-time, so templates are reduced to a "shape" key, and a concrete
 * name is turned into the few shapes it could be an instance of; each shape is one map lookup.
 */
import type { Term } from './api';

/** How column names abbreviate the census terms. */
export const TERM_ABBREVIATION: Readonly<Record<Term, string>> = { autumn: 'aut', spring: 'spr', summer: 'sum' };

const TERM_OF_ABBREVIATION: Readonly<Record<string, Term>> = { aut: 'autumn', spr: 'spring', sum: 'summer' };

/*
 * Shape markers use a control character so that they can never collide with a real name.
 * TERM_YEAR stands for `[term][yy]`, YEAR for `[yy]` and ORDER for `[n]`.
 */
const TERM_YEAR = '\u0001t';
const YEAR = '\u0001y';
const ORDER = '\u0001n';

/** Only the last few digit runs of a name are tried as placeholders; placeholders sit near the end. */
const MAX_PLACEHOLDER_RUNS = 3;

/**
 * Puts the odd spellings of placeholders seen in the form into canonical form:
 * `[Term][YY]`, `[term] [yy]`, `[term[yy])` and `[YY]` all become `[term][yy]` or `[yy]`.
 */
export function normaliseTemplate(raw: string): string {
  return raw
    .trim()
    .replace(/\[\s*term\s*\[\s*yy\s*[\])]\)?/gi, '[term][yy]')
    .replace(/\[\s*term\s*\]\s*\[\s*yy\s*\]/gi, '[term][yy]')
    .replace(/\[\s*term\s*\]/gi, '[term]')
    .replace(/\[\s*yy\s*\]/gi, '[yy]')
    .replace(/\[\s*n\s*\]/gi, '[n]');
}

/** True when the name holds a placeholder. */
export function isTemplate(name: string): boolean {
  return /\[(?:term|yy|n)\]/i.test(name);
}

/** The shape key of a template (or a plain name, which is its own lower-case shape). */
export function templateShape(template: string): string {
  // Most names have no placeholder; skipping the regular expressions for them halves indexing time.
  if (!template.includes('[')) return template.trim().toLowerCase();
  return normaliseTemplate(template)
    .toLowerCase()
    .replace(/\[term\]\[yy\]/g, TERM_YEAR)
    .replace(/\[yy\]/g, YEAR)
    .replace(/\[n\]/g, ORDER);
}

/**
 * The PLASC form of a census template: PLASC (2002–2005) names carry the two-digit year
 * without a term, so `FSMeligible_[term][yy]` is `FSMeligible_03` there.
 */
export function termlessTemplate(template: string): string | undefined {
  return template.includes('[term][yy]') ? template.replace('[term][yy]', '[yy]') : undefined;
}

/**
 * The spelling the SRS views actually use for pseudonymised fields.
 * The form writes `LAEstab_[term][yy]_anon`, but real code reads `laestab_anon_spr06` and
 * `LAEstab_ANON_ab06` (FFT's Iteration 2 scripts), so `_anon` sits before the term and year.
 */
export function anonFirstTemplate(template: string): string | undefined {
  if (!template.includes('[')) return undefined;
  const match = /^(.+?)_((?:ab|ex)?\[(?:term\]\[yy|yy)\])_anon$/i.exec(template);
  return match ? `${match[1]}_anon_${match[2]}` : undefined;
}

/**
 * The spelling of a pseudonymised local-authority field in the SRS views: the form writes `CIN_LA_anon`,
 * `AP_LANumber_anon` and `PRU_LA[yy]_anon`, but FFT's Iteration 2 scripts read `cin_la_geog`, `ap_lanumber_geog`
 * and `pru_la_geog`. Only local-authority fields take this form; establishment and provider numbers keep `_anon`.
 */
export function geogTemplate(template: string): string | undefined {
  const match = /^(.*(?:^|_)LA(?:Number)?)((?:\[yy\])?)_anon$/i.exec(template);
  return match ? `${match[1]}${match[2]}_geog` : undefined;
}

/**
 * The spelling of a per-year field in a view that stacks several years (`pru_census_2010_to_2013`), where the
 * year is a column of its own: `PRU_OnRoll_SPR[yy]` is `PRU_OnRoll` there, and `PRU_Gender[yy]` is `PRU_Gender`.
 */
export function yearlessTemplate(template: string): string | undefined {
  if (!template.includes('[')) return undefined;
  const stripped = template.replace(/_?(?:spr|sum|aut)?\[yy\]|_\[term\]\[yy\]/gi, '');
  return stripped !== template && !stripped.includes('[') && stripped.length > 0 ? stripped : undefined;
}

/** A way a concrete name could be an instance of a template. */
export interface NameCandidate {
  readonly shape: string;
  readonly term?: Term;
  /** The two-digit year the name carries, when a year placeholder was matched. */
  readonly yy?: number;
  readonly order?: number;
  /** True when the shape holds a placeholder (the name is a family member, not a plain name). */
  readonly templated: boolean;
}

interface RunOption {
  readonly text: string;
  readonly term?: Term;
  readonly yy?: number;
  readonly order?: number;
  readonly year: boolean;
}

/**
 * The shapes a concrete (lower-case) name could have, plain name first.
 * Each digit run near the end may be literal, a `[yy]`, a `[term][yy]` (when a term abbreviation
 * precedes it) or an `[n]`; at most one year and one order placeholder are used per candidate.
 */
export function nameCandidates(lowerName: string): NameCandidate[] {
  const runs = [...lowerName.matchAll(/(aut|spr|sum)?(\d+)/g)].slice(-MAX_PLACEHOLDER_RUNS);
  if (runs.length === 0) return [{ shape: lowerName, templated: false }];
  // The text around the runs: gaps[i] precedes run i, and the last gap follows the last run.
  const gaps: string[] = [];
  let cursor = 0;
  for (const run of runs) {
    gaps.push(lowerName.slice(cursor, run.index));
    cursor = run.index + run[0].length;
  }
  gaps.push(lowerName.slice(cursor));
  const optionsPerRun = runs.map((run) => runOptions(run[1], run[2] ?? '', lowerName[run.index - 1] === '_'));
  const results: NameCandidate[] = [];
  const walk = (index: number, shape: string, chosen: readonly RunOption[]): void => {
    if (index === runs.length) {
      const years = chosen.filter((option) => option.year);
      const orders = chosen.filter((option) => option.order !== undefined);
      if (years.length > 1 || orders.length > 1) return;
      results.push({
        shape: shape + gaps[index],
        term: years[0]?.term,
        yy: years[0]?.yy,
        order: orders[0]?.order,
        templated: years.length + orders.length > 0,
      });
      return;
    }
    for (const option of optionsPerRun[index]!) walk(index + 1, shape + gaps[index] + option.text, [...chosen, option]);
  };
  walk(0, '', []);
  results.sort((a, b) => Number(a.templated) - Number(b.templated));
  return results;
}

function runOptions(termText: string | undefined, digits: string, afterUnderscore: boolean): RunOption[] {
  const prefix = termText ?? '';
  const options: RunOption[] = [{ text: prefix + digits, year: false }];
  if (digits.length === 2) {
    const yy = Number(digits);
    options.push({ text: prefix + YEAR, yy, year: true });
    if (termText) options.push({ text: TERM_YEAR, term: TERM_OF_ABBREVIATION[termText], yy, year: true });
  }
  // Order numbers (`Reason_[n]_ex[yy]`) stand alone between underscores.
  if (!termText && afterUnderscore && digits.length <= 2) options.push({ text: ORDER, order: Number(digits), year: false });
  return options;
}

/** Expands a two-digit year: NPD data starts in the 1990s, so 50–99 are 19xx and 00–49 are 20xx. */
export function expandTwoDigitYear(yy: number): number {
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

/**
 * Instantiates a template for a term (absent for PLASC) and a four-digit year, and `[n]` for an
 * order number when one is given; placeholders without a value are kept.
 */
export function instantiate(template: string, term: Term | undefined, year: number | undefined, order?: number): string {
  let name = order === undefined ? template : template.replace(/\[n\]/g, String(order));
  if (year === undefined) return name;
  const yy = String(year % 100).padStart(2, '0');
  const termYear = term === undefined ? yy : TERM_ABBREVIATION[term].toUpperCase() + yy;
  name = name.replace(/\[term\]\[yy\]/g, termYear).replace(/\[yy\]/g, yy);
  return name;
}
