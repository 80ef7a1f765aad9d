/**
 * How much of a T-SQL document is analysed. Each statement costs a parse, a scope and a dataflow frame, so on
 * a document far longer than any script a person writes (a generated load script, tens of thousands of
 * `INSERT … VALUES` lines) the front end and the dataflow pass both stop before the first statement past
 * either bound. The rest gets one info LEO000 note: the editor stays responsive and nothing is left out in
 * silence.
 */
import type { StatementSpan } from './statements';

/** About five times the largest real LEO script we have seen (FFT's census script has about 2,000 statements). */
export const MAX_ANALYSED_STATEMENTS = 10_000;
/** About 25,000 lines of ordinary T-SQL. */
export const MAX_ANALYSED_CHARACTERS = 1_000_000;

/** How many leading statements are analysed: those before the first that is past either bound. */
export function analysedStatementCount(statements: readonly StatementSpan[]): number {
  const count = Math.min(statements.length, MAX_ANALYSED_STATEMENTS);
  for (let i = 0; i < count; i++) if (statements[i]!.end > MAX_ANALYSED_CHARACTERS) return i;
  return count;
}

/** The words of the note, shared by the front end and anything that reports the same bound. */
export function budgetReason(): string {
  return `the file has more than ${MAX_ANALYSED_STATEMENTS.toLocaleString('en-GB')} statements or ${MAX_ANALYSED_CHARACTERS.toLocaleString('en-GB')} characters, the most analysed in one document`;
}
