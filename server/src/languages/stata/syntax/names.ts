/**
 * Stata command names and their shortest abbreviations (`g` for `generate`, `ta` for `tabulate`), so that a
 * command is recognised however it is written. Names not listed are taken as written, in lower case.
 */

/** Canonical name and the shortest prefix Stata accepts for it. */
const ABBREVIATIONS: readonly (readonly [string, number])[] = [
  ['generate', 1], ['replace', 7], ['tabulate', 2], ['summarize', 2], ['regress', 3], ['list', 1], ['rename', 3],
  ['merge', 3], ['append', 3], ['use', 1], ['save', 2], ['display', 2], ['describe', 1], ['count', 3], ['keep', 4],
  ['drop', 4], ['label', 2], ['format', 3], ['browse', 2], ['edit', 2], ['graph', 2], ['twoway', 2], ['scatter', 2],
  ['histogram', 4], ['local', 3], ['global', 2], ['forvalues', 4], ['program', 2], ['quietly', 3], ['capture', 3],
  ['noisily', 3], ['encode', 2], ['decode', 3], ['tabstat', 7], ['codebook', 4], ['collapse', 8], ['egen', 4],
  ['sort', 3], ['order', 5], ['preserve', 8], ['restore', 7], ['logit', 5], ['probit', 6], ['xtreg', 5], ['areg', 4],
  ['duplicates', 3], ['contract', 8], ['reshape', 7], ['outsheet', 5], ['insheet', 5], ['correlate', 3], ['inspect', 4],
  ['ttest', 5], ['test', 4], ['predict', 4], ['foreach', 7], ['while', 5], ['estimates', 3], ['tsset', 5], ['xtset', 5],
  ['recode', 6], ['destring', 8], ['tostring', 8], ['odbc', 4], ['import', 3], ['export', 6], ['gsort', 5], ['set', 3],
];

const BY_PREFIX = new Map<string, string>();
for (const [name, shortest] of ABBREVIATIONS) {
  for (let length = shortest; length <= name.length; length++) {
    const prefix = name.slice(0, length);
    if (!BY_PREFIX.has(prefix)) BY_PREFIX.set(prefix, name);
  }
}
// Common short forms that the table's rule would give to another command.
for (const [short, name] of [['tab', 'tabulate'], ['sum', 'summarize'], ['su', 'summarize'], ['g', 'generate'], ['gen', 'generate'], ['l', 'list'], ['d', 'describe'], ['cor', 'correlate'], ['est', 'estimates'], ['pr', 'program']] as const) {
  BY_PREFIX.set(short, name);
}

/** The full name of a command word (`gen` gives `generate`); other words in lower case. */
export function canonicalCommand(word: string): string {
  const lower = word.toLowerCase();
  return BY_PREFIX.get(lower) ?? lower;
}

/** True when `word` is `name` or one of its abbreviations of at least `shortest` characters (for option names). */
export function abbreviates(word: string, name: string, shortest: number): boolean {
  const lower = word.toLowerCase();
  return lower.length >= shortest && lower.length <= name.length && name.startsWith(lower);
}
