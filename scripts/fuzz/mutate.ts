/**
 * Mutations of seed scripts like those an editor sees while a user types, pastes and splices: flipped and deleted
 * characters, inserted syntax characters, spliced chunks of other files, very long lines, deep nesting, long runs
 * of tokens, odd unicode, NUL bytes and mixed line ends. Each mutation is a pure function of the random source.
 */
import type { Random } from './random';

const SYNTAX = ['(', ')', '[', ']', '{', '}', "'", '"', ',', ';', '%', '|', '`', '$', '\\', '#', '--', '/*', '*/', '<-', '%>%', '|>', ':=', '\n'];
const ODD = ['\u0000', '\u00a0', '\u200b', '\ufeff', 'é', '𝔘', '\r', '\r\n', '\t', '\u2028'];

type Mutation = (text: string, random: Random, others: readonly string[]) => string;

const at = (text: string, random: Random): number => random.int(text.length + 1);

const MUTATIONS: readonly Mutation[] = [
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << r.int(7))) + t.slice(i + 1);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + r.int(40));
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(SYNTAX) + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + r.pick(ODD) + t.slice(i);
  },
  (t, r, others) => {
    const other = r.pick(others);
    const from = r.int(other.length);
    const i = at(t, r);
    return t.slice(0, i) + other.slice(from, from + 1 + r.int(2000)) + t.slice(i);
  },
  (t, r) => {
    const from = r.int(t.length);
    const chunk = t.slice(from, from + 1 + r.int(500));
    return t + chunk.repeat(1 + r.int(50));
  },
  (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + 'x'.repeat(20_000 + r.int(100_000)) + t.slice(i);
  },
  (t, r) => {
    const depth = 500 + r.int(5000);
    const [open, close] = r.pick([['(', ')'], ['f(', ')'], ['{', '}'], ['[', ']'], ['(SELECT * FROM ', ') x'], ['c(', ')'], ['if (a) {', '}']]);
    const balanced = r.next() < 0.5;
    const i = at(t, r);
    return t.slice(0, i) + open!.repeat(depth) + 'x' + (balanced ? close!.repeat(depth) : '') + t.slice(i);
  },
  (t, r) => {
    const i = at(t, r);
    const token = r.pick(['a, ', 'x + ', 'UNION ALL SELECT 1 ', '%>% f() ', 'JOIN t ON 1 = 1 ', '"s" ', 'CASE WHEN 1 THEN ']);
    return t.slice(0, i) + token.repeat(1000 + r.int(20_000)) + t.slice(i);
  },
  (t, r) => (r.next() < 0.5 ? t.replace(/\n/g, '\r\n') : t.replace(/\r?\n/g, '\r')),
];

/** Applies one to five mutations. */
export function mutate(text: string, random: Random, others: readonly string[]): string {
  let out = text;
  const count = 1 + random.int(5);
  for (let i = 0; i < count; i++) out = random.pick(MUTATIONS)(out, random, others);
  return out;
}
