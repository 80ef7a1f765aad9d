/** The small random edits of the incremental check: what a user types between two analyses. */
import type { Random } from './prng';

export interface Edit {
  readonly text: string;
  /** Where and what, for the failure report. */
  readonly description: string;
}

const TYPED = ['a', 'x', ' ', '\n', '(', ')', "'", '"', ',', ';', '.', '$', '[', ']', '{', '}', '%', '|', '#', '-', '1'];

export function smallEdit(text: string, random: Random): Edit {
  const offset = random.int(text.length + 1);
  const roll = random.next();
  if (roll < 0.5 || text.length === 0) {
    const typed = random.pick(TYPED);
    return { text: text.slice(0, offset) + typed + text.slice(offset), description: `inserting ${JSON.stringify(typed)} at ${offset}` };
  }
  const count = random.between(1, 5);
  if (roll < 0.8) return { text: text.slice(0, offset) + text.slice(offset + count), description: `deleting ${count} characters at ${offset}` };
  const typed = random.pick(TYPED);
  return { text: text.slice(0, offset) + typed + text.slice(offset + count), description: `replacing ${count} characters at ${offset} with ${JSON.stringify(typed)}` };
}
