/**
 * Reads the form's "Allowed Values" cells into code → label pairs.
 *
 * The cells are free text written by many hands: `1 = True`, `Q1=Foster placement…`,
 * `E13 – Left care…`, `A* - Grade A*`, `110 Registered at a school…`, `-1 Missing (…)`,
 * `0 (Not disadvantaged) ; 1 (Disadvantaged)`, and once even `Inside Local Authority boundary - IN`.
 * A cell counts as a code list only when most of its lines read as codes; otherwise its text is
 * kept as a note (`to 2dp`, `£`, `1 to 12`, `See Codesets_(Characteristics) tab…`).
 */
import type { CodeEntry } from '../../server/src/catalogue/api';

export interface ParsedValues {
  readonly codes?: CodeEntry[];
  /** Text that is not part of the code list (a range, a unit, a pointer to another tab). */
  readonly note?: string;
}

/** Share of non-empty lines that must read as codes for the cell to count as a code list. */
const CODE_LINE_SHARE = 0.6;

const CODE = String.raw`[-+]?[A-Za-z0-9*_/.]{1,12}`;
const PATTERNS: readonly RegExp[] = [
  // `1 = True`, `Q1=Foster`, `E13 – Left care`, `N1 : Abuse`
  new RegExp(String.raw`^(${CODE})\s*(?:=|–|—|:)\s*(.+)$`),
  // `A* - Grade A*`, `1 - Learner achieved …`
  new RegExp(String.raw`^(${CODE})\s+-\s+(.+)$`),
  // `0 (Not disadvantaged)`
  new RegExp(String.raw`^(${CODE})\s*\((.+)\)$`),
  // `110 Registered at a school …`, `-1 Missing (…)`, `21 16-18 Learner Responsive`
  /^([-+]?\d+(?:\.\d+)?)\s+([^\s=%-].*[A-Za-z].*|[A-Za-z(].*)$/,
];

/** Parses a values cell into codes and/or a note. Never throws. */
export function parseValues(raw: string): ParsedValues {
  const text = raw.trim();
  if (text === '' || /^na$/i.test(text) || /^n\/a$/i.test(text)) return {};
  const lines = splitLines(text);
  const codes: CodeEntry[] = [];
  const leftovers: string[] = [];
  for (const line of lines) {
    const pair = readPair(line);
    if (pair) codes.push(pair);
    else leftovers.push(line);
  }
  if (codes.length === 0 || codes.length / lines.length < CODE_LINE_SHARE) return { note: text.replace(/\n+/g, '; ') };
  const unique = dedupe(codes);
  return { codes: unique, note: leftovers.length > 0 ? leftovers.join('; ') : undefined };
}

/** Lines of a cell; a one-line cell with `;` separators is split on those too. */
function splitLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^["'`]+|["'`]+$/g, '').trim())
    .filter((line) => line !== '');
  if (lines.length === 1 && lines[0]!.includes(';')) {
    return lines[0]!.split(';').map((part) => part.trim()).filter((part) => part !== '');
  }
  return lines;
}

function readPair(line: string): CodeEntry | undefined {
  // A range such as `0 - 10% most deprived` or `1 to 12` is a description of values, not a code.
  if (/^\d+\s*(-|to)\s*\d+\s*%?/i.test(line) && !/^\d+\s*-\s*[A-Za-z]/.test(line)) return undefined;
  for (const pattern of PATTERNS) {
    const match = pattern.exec(line);
    if (match) {
      const code = match[1]!.trim();
      const label = match[2]!.trim();
      if (label !== '' && code !== '') return { code, label };
    }
  }
  // `Inside Local Authority boundary - IN`: a label followed by a short upper-case code.
  const reversed = /^(.{4,}?)\s+-\s+([A-Z0-9]{1,4})$/.exec(line);
  if (reversed) return { code: reversed[2]!, label: reversed[1]!.trim() };
  return undefined;
}

/** Keeps the first label of a repeated code; the form sometimes lists a code twice across years. */
function dedupe(codes: readonly CodeEntry[]): CodeEntry[] {
  const seen = new Map<string, CodeEntry>();
  for (const entry of codes) {
    const existing = seen.get(entry.code);
    if (!existing) seen.set(entry.code, entry);
    else if (existing.label !== entry.label && !existing.label.includes(entry.label)) {
      seen.set(entry.code, { code: entry.code, label: `${existing.label} / ${entry.label}` });
    }
  }
  return [...seen.values()];
}
