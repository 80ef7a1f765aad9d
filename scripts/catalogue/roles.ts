/**
 * Assigns the roles the disclosure rules need (identifier, geography, magnitude, date, sensitive
 * category) from a column's name, type, ratings and table.
 *
 * DfE's sensitivity rating decides the sensitive category wherever the form gives one
 * (B safeguarding, C other sensitive, D special category). For unrated fields (LILR, UCAS, LEO
 * outcome tables) and for exclusion categories and reasons, LEO Lens applies its own judgement,
 * following leo-data.md §2.6, and says so in a note.
 */
import type { ColumnRoles } from '../../server/src/catalogue/api';
import type { ColumnDraft } from './normalise';

/** Note added when the sensitive category is LEO Lens's judgement rather than DfE's rating. */
export const JUDGEMENT_NOTE = 'Sensitive category assigned by LEO Lens (a judgement, not a DfE rating).';

const EXCLUSION_TABLES = new Set(['exclusions', 'exclusions-early']);
const ENTERPRISE_TABLES = new Set(['leo-idbr-lookup']);

/** Infers roles and, when the sensitive category is a judgement, adds a note saying so. */
export function assignRoles(column: ColumnDraft, tableId: string): void {
  const base = baseName(column.name);
  const tokens = base.split('_').filter((token) => token !== '');
  const roles: { -readonly [K in keyof ColumnRoles]: ColumnRoles[K] } = {};

  const identifier = identifierKind(base, tokens, column);
  if (identifier) roles.identifier = identifier;
  if (identifier !== 'institution') {
    const geography = geographyLevel(base, tokens);
    if (geography) roles.geography = geography;
  }
  const magnitude = magnitudeKind(base, column);
  if (magnitude) roles.magnitude = magnitude;
  const date = dateKind(base, column);
  if (date) roles.date = date;
  if (!ENTERPRISE_TABLES.has(tableId) && isBirthPart(base)) roles.dateOfBirth = true;

  const rated = ratedCategory(column.sensitivity);
  if (rated) {
    roles.sensitive = rated;
  } else {
    const judged = judgedCategory(base, tableId, column);
    if (judged) {
      roles.sensitive = judged;
      if (!column.notes.includes(JUDGEMENT_NOTE)) column.notes.push(JUDGEMENT_NOTE);
    }
  }
  if (Object.keys(roles).length > 0) column.roles = roles;
}

/** Lower case, placeholders removed, so `LAEstab_[term][yy]_anon` reads `laestab__anon`. */
function baseName(name: string): string {
  return name.toLowerCase().replace(/\[term\]\[yy\]|\[yy\]|\[n\]/g, '');
}

function identifierKind(base: string, tokens: readonly string[], column: ColumnDraft): ColumnRoles['identifier'] {
  if (/pupilmatchingref|(^|_)(edukey|ae_id|external_id|learner_id|applicant_id|unique_id_cycle)$|(^|_)(upn|formerupn|lachildid|child_id|surname|forenames?)(_|$)/.test(base)) {
    return 'person';
  }
  if (/laestab|(^|_)urn(_|$)|ukprn|upin|instid|employerid|awarding_organisation|(^|_)entkey$|^main_enterprise$|(^|_)estab(_|$)/.test(base)) {
    return 'institution';
  }
  if (/(^|_)recordid$|tableid$|(^|_)disabilitiesid$|(^|_)sequence_index$|unique_application_id_cycle|(^|_)examno$|(^|_)candno$/.test(base)) {
    return 'record';
  }
  // The form rates identifiers 1–3; anything so rated but not named above is a record key.
  if (column.identificationRisk !== undefined && column.identificationRisk <= 3 && !tokens.includes('acadyr')) return 'record';
  return undefined;
}

function geographyLevel(base: string, tokens: readonly string[]): ColumnRoles['geography'] {
  if (/pstcode|postcode|post_code/.test(base)) return 'postcode';
  if (/(^|_)(c?oa(01|11)?|oacode)(_|$)/.test(base)) return 'OA';
  if (/lsoa|(^|_)soa1?(_|$)/.test(base) || /idaci(score|rank|_s|_r)|idaciscore/.test(base) || /^ks4_idaci$/.test(base)) return 'LSOA';
  if (/msoa/.test(base)) return 'MSOA';
  if (tokens.some((token) => ['la', 'homela', 'latestla', 'laua', 'lgr', 'lanm', 'lauanm'].includes(token))) return 'LA';
  if (tokens.some((token) => token === 'pcon' || token === 'pconnm')) return 'constituency';
  if (/(^|_)(gor|gornm|xinstg01|xdomreg01)(_|$)|region/.test(base)) return 'region';
  if (/(^|_)(ctry|ctrynm|xinstc01|xdomuc01)(_|$)|domicile/.test(base)) return 'country';
  return undefined;
}

function magnitudeKind(base: string, column: ColumnDraft): ColumnRoles['magnitude'] {
  const textual = /char|text|categorical|dichotomous|bit/i.test(column.type ?? '');
  // Token match, so `pl_LearningStartDate` ("learningS...") is not taken for earnings.
  if (base.split(/[_.]/).includes('earnings') && !textual) return 'earnings';
  if (/(_amt|_amount|(^|_)alscost|_cost)$/.test(base) && !textual) return 'money';
  return undefined;
}

function dateKind(base: string, column: ColumnDraft): ColumnRoles['date'] {
  const type = (column.type ?? '').toLowerCase();
  const flag = /bit|dichotomous/.test(type) || /^uncertain/.test(base);
  if (flag) return undefined;
  if (/date/.test(type) || /date|(^|_)(comdate|enddate|dateleft|phdsub)$/.test(base)) return 'date';
  if (isBirthPart(base) || /_month$|(^|_)birth_month$|(^|_)death_month$/.test(base)) return 'date-part';
  return undefined;
}

function isBirthPart(base: string): boolean {
  return /yearofbirth|monthofbirth|ageatstart|monthpartofage|(^|_)(dob|mob|yob|acage|age|birthyr|birthmonth)(_|$)|childage|ageaimstart|ageprogstart/.test(base);
}

function ratedCategory(sensitivity: string | undefined): ColumnRoles['sensitive'] {
  if (sensitivity === 'B') return 'safeguarding';
  if (sensitivity === 'C') return 'other-sensitive';
  if (sensitivity === 'D') return 'special-category';
  return undefined;
}

/** LEO Lens's own judgement, used only where DfE gives no sensitive rating. */
function judgedCategory(base: string, tableId: string, column: ColumnDraft): ColumnRoles['sensitive'] {
  if (EXCLUSION_TABLES.has(tableId) && /(^|_)(category|reason)(_|$)/.test(base)) return 'other-sensitive';
  if (column.sensitivity !== undefined) return undefined;
  if (/ethnic|disab|lldd|learndiff|religion|sexort|sexual|(^|_)sexid/.test(base)) return 'special-category';
  if (/care_?leaver|looked_after|(^|_)cla(_|$)|(^|_)cin(_|$)/.test(base)) return 'safeguarding';
  if (/(^|_)(sex|gender)(_|$)|gender_code|fsm|benefit|onuc|onjsaesa|olass/.test(base)) return 'other-sensitive';
  return undefined;
}
