/**
 * What the rules know about a column: taken from the catalogue when the column is catalogued, from the project's
 * configuration when it names the column, and otherwise from a short list of unmistakable LEO names
 * (`EduKey`, `PupilMatchingRefAnonymous_*`, `LSOA11_*`, `Earnings`). Names that match nothing get no facts,
 * so the rules say nothing about them.
 */
import type { CatalogueIndex, ColumnEntry, IdentificationRisk, Sensitivity, TableMatch, TableReference } from '../catalogue/api';
import type { ResolvedDisclosureConfig } from '../disclosure/config';
import type { ColumnFacts } from './model';

export interface TableFacts {
  readonly match?: TableMatch;
  readonly safeguarding: boolean;
}

export interface FactsResolver {
  /** Resolves a table reference against the catalogue. */
  table(ref: TableReference): TableFacts;
  /** Facts of a column of a catalogued table (or of any source, when `table` is undefined). */
  column(table: TableFacts | undefined, name: string): ColumnFacts;
}

export const NO_FACTS: ColumnFacts = Object.freeze({});

export function createFactsResolver(catalogue: CatalogueIndex | undefined, config: ResolvedDisclosureConfig): FactsResolver {
  const extraIdentifiers = config.identifierColumns.map(globToRegExp);
  const extraSensitive = config.sensitiveColumns.map(globToRegExp);
  const byName = new Map<string, ColumnFacts>();

  function configured(name: string): ColumnFacts | undefined {
    if (extraIdentifiers.some((re) => re.test(name))) return { identifier: 'person', basis: 'config', knownAs: name };
    if (extraSensitive.some((re) => re.test(name))) return { sensitive: 'other-sensitive', basis: 'config', knownAs: name };
    return undefined;
  }

  function fromCatalogueAnywhere(name: string): ColumnFacts | undefined {
    if (catalogue === undefined) return undefined;
    let matches;
    try {
      matches = catalogue.findColumns(name);
    } catch {
      return undefined;
    }
    if (matches.length === 0) return undefined;
    // A name found in several tables is trusted only for what all of them agree on.
    const all = matches.map((m) => entryFacts(m.column, safeguardingTable(m.table.id, m.table.name, m.table.logicalName)));
    return all.reduce(intersectFacts);
  }

  return {
    table(ref) {
      let match: TableMatch | undefined;
      try {
        match = catalogue?.resolveTable(ref);
      } catch {
        match = undefined;
      }
      if (match !== undefined) {
        return { match, safeguarding: safeguardingTable(match.table.id, match.table.name, match.table.logicalName, match.viewName) };
      }
      return { safeguarding: safeguardingTable(undefined, ref.name) };
    },
    column(table, name) {
      const key = `${table?.match?.table.id ?? ''}\u0000${name.toLowerCase()}`;
      const cached = byName.get(key);
      if (cached !== undefined) return cached;
      let facts = configured(name);
      if (facts === undefined && table?.match !== undefined) {
        let column;
        try {
          column = catalogue?.resolveColumn(table.match, name);
        } catch {
          column = undefined;
        }
        if (column !== undefined) facts = entryFacts(column.column, table.safeguarding);
      }
      if (facts === undefined && table?.match === undefined) facts = fromCatalogueAnywhere(name);
      facts ??= factsFromName(name);
      if (table?.safeguarding && !facts.safeguardingSource) facts = { ...facts, safeguardingSource: true };
      byName.set(key, facts);
      return facts;
    },
  };
}

/** Facts of a catalogue column entry. */
export function entryFacts(column: ColumnEntry, safeguarding: boolean): ColumnFacts {
  const roles = column.roles;
  const facts: Record<string, unknown> = { basis: 'catalogue', knownAs: column.name };
  if (roles.identifier) facts['identifier'] = roles.identifier;
  if (roles.geography) facts['geography'] = roles.geography;
  if (roles.magnitude) facts['magnitude'] = roles.magnitude;
  if (roles.date) facts['date'] = roles.date;
  if (roles.dateOfBirth) facts['dateOfBirth'] = true;
  if (roles.sensitive) facts['sensitive'] = roles.sensitive;
  if (column.identificationRisk !== undefined) facts['identificationRisk'] = column.identificationRisk;
  if (column.sensitivity !== undefined) facts['sensitivity'] = column.sensitivity;
  if (safeguarding) facts['safeguardingSource'] = true;
  return facts as ColumnFacts;
}

/** Children-in-need and looked-after tables, by catalogue id or any of their names. */
export function safeguardingTable(...names: (string | undefined)[]): boolean {
  return names.some((name) => name !== undefined && /^(?:npd[._-])?(?:cin|cla|children_?in_?need|looked_?after)(?:[._\-\s]|\d|$)/i.test(name));
}

interface NamePattern {
  readonly pattern: RegExp;
  readonly facts: ColumnFacts;
}

/**
 * Unmistakable LEO and NPD names (leo-data.md §1.4, §2.6, §2.7). They apply only to columns the catalogue
 * does not describe, so a catalogued rating always wins.
 */
const NAME_PATTERNS: readonly NamePattern[] = [
  { pattern: /pupilmatchingref|^(?:a?pmr|edukey|ae_id|upn|uln|cin_upn|cla_upn|learner_id|applicant_id|candidate_?number|ks2_examno|ni_?number|nino)$/i, facts: { identifier: 'person', identificationRisk: 3 } },
  { pattern: /^(?:recordid|record_id|external_id|unique_id_cycle|unique_application_id_cycle)$/i, facts: { identifier: 'record', identificationRisk: 3 } },
  { pattern: /(?:^|_)(?:urn|ukprn|laestab|upin|entkey|instid|employerid)(?:_|$)|he_x?instid/i, facts: { identifier: 'institution', identificationRisk: 4 } },
  { pattern: /post_?code|pstcode|^pcd[s]?$/i, facts: { geography: 'postcode', identificationRisk: 2 } },
  { pattern: /^(?:coa|oa|oa11|oa01|he_oa\d*)(?:_|$)|^coa_|_oacode$|^pru_oacode/i, facts: { geography: 'OA', identificationRisk: 4 } },
  { pattern: /lsoa/i, facts: { geography: 'LSOA', identificationRisk: 4 } },
  { pattern: /msoa/i, facts: { geography: 'MSOA', identificationRisk: 4 } },
  { pattern: /^(?:la|laua|lad|homela|la_code|la_anon|laua_anon|homela_.*)(?:_|$)/i, facts: { geography: 'LA' } },
  { pattern: /^(?:yearofbirth|monthofbirth|dob|date_?of_?birth|birth_?(?:year|month|date))(?:_|$)/i, facts: { dateOfBirth: true, date: 'date-part' } },
  { pattern: /^(?:cin|cla)_/i, facts: { sensitive: 'safeguarding', sensitivity: 'B', safeguardingSource: true } },
  { pattern: /ethnic|firstlanguage|languagegroup|^language|senprovision|sentype|^sen_|_sen$|disab|lldd|^he_sexid$|religion/i, facts: { sensitive: 'special-category', sensitivity: 'D' } },
  { pattern: /fsm|^gender|_gender$|^sex$|refugee|servicechild|ppentitlement|disadvantage|careleaver|he_pared/i, facts: { sensitive: 'other-sensitive', sensitivity: 'C' } },
  { pattern: /(?:^|_)earn|salary|wage|^pay$|_pay$|income|_amt$|^amount/i, facts: { magnitude: 'earnings' } },
];

/** Facts from the built-in name patterns alone. */
export function factsFromName(name: string): ColumnFacts {
  const bare = name.replace(/^[[\]"`]+|[[\]"`]+$/g, '');
  const merged: Record<string, unknown> = {};
  for (const { pattern, facts } of NAME_PATTERNS) {
    if (!pattern.test(bare)) continue;
    // The first pattern to say something about a fact wins; later ones only add facts.
    for (const [key, value] of Object.entries(facts)) if (!(key in merged)) merged[key] = value;
  }
  if (Object.keys(merged).length === 0) return NO_FACTS;
  return { ...merged, basis: 'name', knownAs: bare } as ColumnFacts;
}

const SENSITIVITY_ORDER: readonly Sensitivity[] = ['A', 'B', 'C', 'D', 'E'];

/** Combines the facts of several columns feeding one value: the most identifying and most sensitive win. */
export function mergeFacts(a: ColumnFacts, b: ColumnFacts): ColumnFacts {
  if (a === b || isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  const out: Record<string, unknown> = { ...b, ...a };
  const risk = minDefined(a.identificationRisk, b.identificationRisk);
  if (risk !== undefined) out['identificationRisk'] = risk;
  const sens = [a.sensitivity, b.sensitivity].filter((s): s is Sensitivity => s !== undefined)
    .sort((x, y) => SENSITIVITY_ORDER.indexOf(x) - SENSITIVITY_ORDER.indexOf(y))[0];
  if (sens !== undefined) out['sensitivity'] = sens;
  if (a.safeguardingSource || b.safeguardingSource) out['safeguardingSource'] = true;
  return out as ColumnFacts;
}

/** Facts that hold for both inputs (used when a name is found in several tables). */
function intersectFacts(a: ColumnFacts, b: ColumnFacts): ColumnFacts {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a) as (keyof ColumnFacts)[]) {
    if (a[key] === b[key]) out[key] = a[key];
  }
  const risk = maxDefined(a.identificationRisk, b.identificationRisk);
  if (risk !== undefined && a.identificationRisk !== undefined && b.identificationRisk !== undefined) out['identificationRisk'] = risk;
  return out as ColumnFacts;
}

/** Facts that survive a transformation other than a plain reference: identifiers do not, the rest do. */
export function derivedFacts(facts: ColumnFacts): ColumnFacts {
  if (facts.identifier === undefined && (facts.identificationRisk === undefined || facts.identificationRisk > 3)) return facts;
  const { identifier: _identifier, identificationRisk: _risk, ...rest } = facts;
  return rest;
}

export function isEmpty(facts: ColumnFacts): boolean {
  for (const key in facts) {
    if (key !== 'basis' && key !== 'knownAs') return false;
  }
  return true;
}

/** True for person and record identifiers, identification risk 1 to 3, and postcodes: never in an output. */
export function isDirectIdentifier(facts: ColumnFacts): boolean {
  return facts.identifier === 'person' || facts.identifier === 'record'
    || (facts.identificationRisk !== undefined && facts.identificationRisk <= 3 && facts.identifier !== 'institution')
    || facts.geography === 'postcode';
}

/** True for columns whose values identify a person or a record, so grouping by them keeps one row per unit. */
export function identifiesUnit(facts: ColumnFacts): boolean {
  return facts.identifier === 'person' || facts.identifier === 'record';
}

/** True for sensitive characteristics: a sensitive role, or DfE sensitivity B, C or D. */
export function isSensitive(facts: ColumnFacts): boolean {
  return facts.sensitive !== undefined || facts.sensitivity === 'B' || facts.sensitivity === 'C' || facts.sensitivity === 'D';
}

function minDefined(a: IdentificationRisk | undefined, b: IdentificationRisk | undefined): IdentificationRisk | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (a < b ? a : b);
}

function maxDefined(a: IdentificationRisk | undefined, b: IdentificationRisk | undefined): IdentificationRisk | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (a > b ? a : b);
}

/** Turns `KS4_*` into a case-insensitive whole-name pattern; other characters match themselves. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}
