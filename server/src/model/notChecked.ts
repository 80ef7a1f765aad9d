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
  /**
   * `limit` when the part was left out on purpose because it went past a bound that keeps the analysis fast
   * (nesting depth, tokens per statement); `error` (the default) when something failed on it.
   */
  readonly cause?: 'error' | 'limit';
}

const LIMIT_WORDING = 'was left out to keep the analysis bounded';

/** True for the message of a note about a limit reached, false for one about a failure. */
export function isLimitNote(message: string): boolean {
  return message.includes(LIMIT_WORDING);
}

export function notCheckedFindings(parts: readonly UncheckedPart[]): Finding[] {
  const findings: Finding[] = parts.slice(0, MAX_NOTES).map((part) => ({
    code: NOT_CHECKED_CODE,
    severity: 'info',
    message: part.cause === 'limit'
      ? `Part of this file was not checked: ${part.what} ${LIMIT_WORDING} (${part.reason}).`
      : `Part of this file was not checked: ${part.what} did not run (${part.reason}).`,
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
