/**
 * Splits a name as people type it on the command line into its dotted parts, honouring
 * T-SQL brackets and double quotes: `LEO_i2."<project number>".leo_earnings`,
 * `[NPD].[2002237].[Spring_Census_2011]`, `spring_census_2019.fsmeligible_spr19`.
 */

/** The parts of a dotted name, with brackets and quotes removed. Empty parts are kept (`db..view`). */
export function splitQualifiedName(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let closer: string | undefined;
  const source = text.trim();
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (closer) {
      if (char === closer) closer = undefined;
      else current += char;
    } else if (char === '[') {
      // A template placeholder (`FSMeligible_[term][yy]`) is part of the name, not T-SQL quoting.
      const placeholder = /^\[(?:term|yy|n|yyyy)\]/i.exec(source.slice(index));
      if (placeholder) {
        current += placeholder[0];
        index += placeholder[0].length - 1;
      } else {
        closer = ']';
      }
    } else if (char === '"' || char === '`') {
      closer = char;
    } else if (char === '.') {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  return parts;
}
