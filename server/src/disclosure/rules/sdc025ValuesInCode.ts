/**
 * SDC025: data values, counts or identifiers written in comments or strings. Code leaving the SRS is an output
 * too (code file clearance, R17): it must hold no counts, no identifiers and no server names.
 */
import { ALLOW_MARKER } from '../allow';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC025';

const POPULATION = 'pupils?|students?|learners?|people|persons?|individuals?|children|young people|cases|records|rows|graduates|claimants|employees|respondents|observations|obs|schools|providers|employers|members|families|women|men|girls|boys|leavers|apprentices|earners|filers|workers|taxpayers|recipients|entrants|candidates|households|parents|adults|starters|completers|achievers|enrolments';
/**
 * Up to two words that describe the people counted (`6 Gypsy/Roma leavers`, `8 part-time care leavers`): words of
 * letters, hyphens and slashes, except those that make the number an age, a duration or a rule (`19 year old
 * learners`, `2 or more pupils`, `5 of the pupils`, `8 within schools`), or SQL between a number and an alias (`* 5 AS pupils`).
 */
const DESCRIBER = "(?!(?:years?|yrs?|old|months?|weeks?|days?|hours?|or|and|to|of|more|fewer|less|than|per|plus|times|percent|in|at|by|from|with|for|as|the|a|an|all|any|each|every|within|across|among|between|over|under|into|on|out|not|no|is|are|was|were|then|else|end|when|where|group|order|select)\\b)[A-Za-z][A-Za-z/-]*";
/**
 * A count of people: `n = 7`, `N: 1,234`, `12 pupils`, `only 3 learners`. A comma inside a number separates
 * thousands; one after it ends a clause (`participation by 19, pupils in Year 11`), so a number never ends in one.
 */
const COUNT_PATTERN = new RegExp(`\\b(?:n\\s*[=:]\\s*\\d(?:[\\d,]*\\d)?|\\d(?:[\\d,]*\\d)?\\s+(?:${DESCRIBER}\\s+){0,2}(?:${POPULATION})\\b)`, 'gi');
/** Words before a number that make it a rule or a parameter, not a data value. */
const PARAMETER_WORDS = /(?:fewer than|less than|under|below|at least|minimum(?: of)?|min(?:imum)? cell|threshold(?: of)?|more than|over|above|round(?:ed)?(?: to)?|nearest|multiple of|top|first|last|every|per|each|>=|<=|<|>|≥|≤|base|cells? of|up to|exceeds?|than|needs?|requires?|required)\s*$/i;
/**
 * Words before a number that make it a label, not a count: a year group, a key stage, an age, a version or a step
 * (`Year 11 pupils`, `KS4 pupils`, `aged 16 learners`, `wave 2 respondents`).
 */
const LABEL_WORDS = /(?:\byears?|\byr|\bks|key stage|\bstage|\baged?|\bversion|\bv|\bwave|\bstep|\bphase|\btable|\bgroup|\blevel|\btier|\bgrade|\bsweep|\bcohort|\bround|\bpart|\bsection|\bdecile|\bquintile|\bband)\s*$/i;
/** Words before a number that make the sentence describe the logic of the code, not its results (`where 2 records match`). */
/** The first half of a year span, right before the number: `2017/`, `2019-`. */
const YEAR_SPAN_START = /(?:19|20)\d{2}\s*[/-]$/;
const LOGIC_WORDS = /(?:\bwhere|\bwhen|\bif|\bwhether|\bunless|e\.g\.?|such as|for example|i\.e\.?|\bsay)\s*$/i;
const DIGIT = /\d/;
/** A run of 12 capitals or digits, without which no key can match. */
const KEY_RUN = /[A-Z0-9]{12}/;
/** A pseudonymised key: 12 to 18 capitals and digits with several of each. */
const KEY_PATTERN = /\b(?=[A-Z0-9]{12,18}\b)(?=(?:[A-Z]*\d){3})(?=(?:\d*[A-Z]){3})[A-Z0-9]{12,18}\b/g;
/** The server of an ODBC or ADO connection string: `Server=host\instance;`, `Data Source=host`. */
const CONNECTION_SERVER = /\b(?:server|data source|address|addr)\s*=\s*(?!\(local\)|localhost|\.\s*[;'"]|\{)[^;'"\s][^;'"]*/gi;

/** Another key of a connection string, so a string is only read as one when it is one. */
const CONNECTION_STRING = /\b(?:driver|database|initial catalog|trusted_connection|integrated security|uid)\s*=/i;

/** A UNC path naming a server. */
const SERVER_PATTERN = /\\\\[A-Za-z0-9][A-Za-z0-9._-]*\\/g;

export const sdc025: Rule = {
  info: {
    code: CODE,
    name: 'values-in-code',
    summary: 'A comment or string holds data values, counts, identifiers or a server path.',
    help: 'Remove counts, identifiers and server names from comments and strings; describe the logic instead of the numbers it produced.',
    defaultSeverity: 'warning',
    statbarn: 'none',
    rationale: 'Code files leaving the SRS go through code file clearance: "no counts or IDs in the files" (ABS), "no data and no reference to the server name" (UKDS; R17).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    const literals = new Set(context.model.identifierLiterals.map((s) => s.start));
    const servers = new Set((context.model.serverNames ?? []).map((s) => s.start));
    let previous: (typeof context.model.texts)[number] | undefined;
    for (const span of context.model.texts) {
      const earlier = previous;
      previous = span;
      // A literal compared with an identifier column is reported once, below, with the better message.
      if (literals.has(span.start)) continue;
      const text = context.text.slice(span.start, span.end);
      if (span.kind === 'comment' && text.includes(ALLOW_MARKER)) continue;
      // Most comments and strings hold no digit at all, and each pattern below needs one (a server path aside), so
      // the text is scanned once for a digit before any pattern runs over it.
      const hasDigit = DIGIT.test(text);
      for (const match of hasDigit ? text.matchAll(COUNT_PATTERN) : []) {
        const before = wrappedBefore(context.text, earlier, span, text.slice(Math.max(0, match.index - 30), match.index));
        if (PARAMETER_WORDS.test(before) || LABEL_WORDS.test(before) || LOGIC_WORDS.test(before)) continue;
        // The second half of an academic or tax year (`2017/18 leavers`, `2019-20 pupils`) names a cohort.
        if (YEAR_SPAN_START.test(before)) continue;
        if (isYear(match[0]) || isShape(match[0], text.slice(match.index + match[0].length))) continue;
        hits.push(hit(span.start + match.index, match[0].length, `This ${span.kind} holds a count ("${match[0].trim()}").`));
      }
      for (const match of hasDigit && KEY_RUN.test(text) ? text.matchAll(KEY_PATTERN) : []) {
        hits.push(hit(span.start + match.index, match[0].length, `This ${span.kind} holds what looks like an identifier value.`));
      }
      for (const match of span.kind === 'string' && CONNECTION_STRING.test(text) ? text.matchAll(CONNECTION_SERVER) : []) {
        if (servers.has(span.start)) continue;
        hits.push(hit(span.start + match.index, match[0].length, `This ${span.kind} names a database server in a connection string (${match[0]}).`));
      }
      for (const match of text.includes('\\\\') ? text.matchAll(SERVER_PATTERN) : []) {
        hits.push(hit(span.start + match.index, match[0].length, `This ${span.kind} names a server path (${match[0]}).`));
      }
    }
    for (const span of context.model.serverNames ?? []) {
      const name = context.text.slice(span.start, span.end);
      hits.push(hit(span.start, span.end - span.start, `This string names a database server (${name}).`));
    }
    for (const span of context.model.identifierLiterals) {
      hits.push(hit(span.start, span.end - span.start, 'An identifier column is compared with a literal value: the value identifies a person.'));
    }
    return hits;
  },
};

/**
 * The words before a number, read across a line break when the number opens a comment that goes on from the
 * comment on the line above (`* Cells with fewer than` / `* 10 pupils are dropped`): a sentence wrapped onto
 * the next line keeps its meaning.
 */
function wrappedBefore(text: string, earlier: { start: number; end: number; kind: string } | undefined, span: { start: number; kind: string }, before: string): string {
  if (span.kind !== 'comment' || earlier?.kind !== 'comment' || !/^[\s*#/!-]*$/.test(before)) return before;
  const between = text.slice(earlier.end, span.start);
  if (!/^[ \t]*\r?\n[ \t]*$/.test(between)) return before;
  return `${text.slice(Math.max(earlier.start, earlier.end - 30), earlier.end)} `;
}

function hit(start: number, length: number, what: string): RuleHit {
  return {
    start,
    end: start + length,
    message: `${what} Code leaving the SRS must hold no counts, identifiers or server names: remove it. ${justifyHint(CODE)}`,
  };
}

/**
 * `1 person` and `2 rows per pupil` describe the shape of the data, not a result: one of something is never a
 * published count, and a number of rows per unit is a property of a table.
 */
function isShape(match: string, after: string): boolean {
  if (/^n\s*[=:]/i.test(match)) return false;
  const number = /\d[\d,]*/.exec(match)?.[0] ?? '';
  return number === '1' || /^\s*(?:per|each|a|an)\b/i.test(after);
}

/** `2019 pupils` names a cohort year, not a count. */
function isYear(match: string): boolean {
  const number = /\d[\d,]*/.exec(match)?.[0] ?? '';
  return /^(?:19|20)\d\d$/.test(number) && !/^n\s*[=:]/i.test(match);
}
