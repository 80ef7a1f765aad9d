/**
 * Reads the form's alias (field name) cells.
 *
 * Besides the name, a cell may list older names on further lines (`FreeSchoolMeals for 2001/02`,
 * `SENstatus_[term][yy] 2002/03-2004/05`), offer two names (`PRU_LSOA01 or PRU_LSOA11`),
 * add an abbreviation (`PupilMatchingRefAnonymous (PMR)`), or carry a remark
 * (`Based on Spring Census only up to 2011/12.`). Older names become synonyms; remarks become notes.
 */
import { isTemplate, normaliseTemplate } from '../../server/src/catalogue/names';

export interface ParsedAlias {
  readonly name: string;
  readonly synonyms: string[];
  readonly notes: string[];
}

/** Field names: letters, digits, `_`, `.`, `-`, placeholders, and at most one inner space (`cla_LEGAL STATUS`). */
const NAME = /^[A-Za-z_][A-Za-z0-9_.\-[\]]*(?: [A-Za-z0-9_[\]]+)?$/;
const PROSE_WORDS = new Set(['based', 'note', 'see', 'please', 'only', 'from', 'this', 'the', 'for', 'in', 'up']);

/** Parses an alias cell; undefined when the first line is not a usable name. */
export function parseAlias(raw: string): ParsedAlias | undefined {
  const lines = raw
    .split('\n')
    .map((line) => normaliseTemplate(line))
    .filter((line) => line !== '');
  const first = lines.shift();
  if (first === undefined) return undefined;
  const synonyms: string[] = [];
  const notes: string[] = [];
  let name = first;

  const either = /^(\S+)\s+or\s+(\S+)$/i.exec(first);
  if (either) {
    name = either[1]!;
    synonyms.push(either[2]!);
    notes.push(`The form lists this field as "${first}".`);
  }
  // Stray spaces: `LSOA11 _school_ab[yy]` is one name; `X update` is a name and a remark.
  name = name.replace(/\s+(?=_)/g, '');
  const remark = /^(\S*[_[]\S*)\s+([a-z]+)$/.exec(name);
  if (remark) {
    name = remark[1]!;
    notes.push(`The form adds "${remark[2]}" to this name.`);
  }
  // A table alias copied in from a query (`s.PupilMatchingRefAnonymous_ex[yy]`) is not part of the field's name.
  const qualified = /^[A-Za-z]{1,3}\.(?=[A-Za-z])/.exec(name);
  if (qualified) {
    notes.push(`The form writes this name as "${name}".`);
    name = name.slice(qualified[0].length);
  }
  const abbreviation = /^(\S+)\s*\(([^)]+)\)$/.exec(name);
  if (abbreviation) {
    name = abbreviation[1]!;
    notes.push(`Also called ${abbreviation[2]}.`);
  }
  if (!NAME.test(name)) return undefined;

  const suffix = templateSuffix(name);
  for (const line of lines) {
    const older = olderName(line);
    if (older) {
      const synonym = isTemplate(older.name) || !suffix ? older.name : older.name + suffix;
      if (synonym.toLowerCase() !== name.toLowerCase()) synonyms.push(synonym);
      notes.push(`Older name ${synonym}${older.rest ? ` ${older.rest}` : ''}.`.replace(/\.\.$/, '.'));
    } else {
      notes.push(line);
    }
  }
  return { name, synonyms: [...new Set(synonyms)], notes };
}

/** The part of a template from the underscore before its first placeholder: `_[term][yy]`, `_ab[yy]_anon`. */
function templateSuffix(name: string): string | undefined {
  const bracket = name.indexOf('[');
  if (bracket < 0) return undefined;
  const underscore = name.lastIndexOf('_', bracket);
  return underscore < 0 ? name.slice(bracket) : name.slice(underscore);
}

/** A line naming an older field: an identifier-like first word, then perhaps the years it applies to. */
function olderName(line: string): { name: string; rest: string } | undefined {
  const match = /^([A-Za-z][\w[\]]*)(?:\s+(.*))?$/.exec(line);
  if (!match) return undefined;
  const [, token, rest = ''] = match;
  if (PROSE_WORDS.has(token!.toLowerCase())) return undefined;
  const identifierLike = /[_[]/.test(token!) || /[a-z][A-Z]/.test(token!);
  const followedByYears = /^(in|for|up to)?\s*\d{4}/i.test(rest);
  return identifierLike || followedByYears ? { name: token!, rest: rest.trim() } : undefined;
}
