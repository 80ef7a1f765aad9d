/**
 * LEO000: the note that part of a file was not checked. A failing rule or front end must never look like a
 * clean result, so every such failure becomes one of these instead of silence.
 */
import type { Finding } from './findings';

export const NOT_CHECKED_CODE = 'LEO000';

/** At most this many notes per file; past it one note says how many more parts were left out. */
const MAX_NOTES = 20;

export interface UncheckedPart {
  readonly start: number;
  readonly end: number;
  /** What was not done: "the disclosure checks of this statement", "rule SDC010". */
  readonly what: string;
  /** Why, in one line (the error or the limit reached). */
  readonly reason: string;
}

export function notCheckedFindings(parts: readonly UncheckedPart[]): Finding[] {
  const findings: Finding[] = parts.slice(0, MAX_NOTES).map((part) => ({
    code: NOT_CHECKED_CODE,
    severity: 'info',
    message: `Part of this file was not checked: ${part.what} did not run (${part.reason}).`,
    start: part.start,
    end: part.end,
  }));
  if (parts.length > MAX_NOTES) {
    const rest = parts.slice(MAX_NOTES);
    findings.push({
      code: NOT_CHECKED_CODE,
      severity: 'info',
      message: `Part of this file was not checked: ${rest.length} more parts were left out, the first at this place.`,
      start: rest[0]!.start,
      end: rest[0]!.end,
    });
  }
  return findings;
}
