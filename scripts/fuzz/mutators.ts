/**
 * The mutations the fuzzer applies to seed texts. Each one is a pure function of the text and the
 * generator, so an input is reproducible from its seed. They aim at what breaks parsers: broken
 * syntax characters, very long lines, deep nesting, huge token counts, odd characters and line ends.
 */
import type { LanguageId } from '../../server/src/languages/types';
import type { Random } from './prng';

export interface MutationContext {
  readonly language: LanguageId;
  /** Texts of the seed files of the same language, to grow an input from. */
  readonly sameLanguage: readonly string[];
  /** Texts of the seed files of every language, to splice chunks from. */
  readonly others: readonly string[];
}

export interface Mutator {
  readonly name: string;
  apply(text: string, random: Random, context: MutationContext): string;
}

const SYNTAX = ['(', ')', '[', ']', '{', '}', "'", '"', ',', ';', '%', '|', '`', '$', '#', '-', '/*', '*/', '--', '<-', '%>%', '\n', '.', '@', '\\'];

/** Characters that often trouble text handling: surrogate halves, joiners, bidi marks, a BOM, astral symbols. */
const ODD_CHARACTERS = ['\ud800', '\udfff', '\u200b', '\u200d', '\u202e', '\ufeff', '\u00a0', '\u2028', '😀', '𝔘', 'é', 'ß', '漢', '\u0301', '\t', '\v', '\f'];

function at(random: Random, text: string): number {
  return random.int(text.length + 1);
}

function insert(text: string, offset: number, piece: string): string {
  return text.slice(0, offset) + piece + text.slice(offset);
}

/** A chunk of up to `longest` characters of the text. */
function chunkOf(text: string, random: Random, longest: number): string {
  const start = at(random, text);
  return text.slice(start, start + random.between(1, longest));
}

/** Deeply nested text for each language: the shapes that recursive descent parsers overflow on. */
function nesting(language: LanguageId, depth: number, random: Random): string {
  const closed = random.chance(0.5);
  const shapes: readonly (readonly [string, string])[] =
    language === 'sql'
      ? [['(', ')'], ['SELECT * FROM (', ') t'], ['(SELECT ', ' AS x)'], ['CASE WHEN 1=1 THEN ', ' END'], ['BEGIN\n', '\nEND'], ['f(', ')'], ['[', ']']]
      : [['(', ')'], ['f(', ')'], ['{', '}'], ['if (x) {', '}'], ['c(', ')'], ['[', ']'], ['function(x) ', ''], ['x %>% ', ''], ['-', ''], ['df[', ']']];
  const [open, close] = random.pick(shapes);
  const middle = language === 'sql' ? 'SELECT 1' : 'x';
  return open.repeat(depth) + middle + (closed ? close.repeat(depth) : '');
}

/** Many copies of a short statement or token, for huge token counts. */
function manyTokens(language: LanguageId, random: Random): string {
  const units =
    language === 'sql'
      ? ['a, ', 'SELECT 1;\n', '1+', "'x' ", 'JOIN t ON 1=1 ', 'GO\n', 'x.y.z ', '#t ']
      : ['a, ', 'x <- 1\n', 'df$', '1 + ', '"s" ', '%>% f() ', 'x[1]', '\n'];
  const unit = random.pick(units);
  return unit.repeat(random.between(1_000, 60_000));
}

export const MUTATORS: readonly Mutator[] = [
  {
    name: 'flip-characters',
    apply(text, random) {
      const characters = [...text];
      const count = random.between(1, 40);
      for (let i = 0; i < count && characters.length > 0; i++) {
        const index = random.int(characters.length);
        const code = characters[index]!.codePointAt(0)!;
        characters[index] = String.fromCodePoint((code ^ (1 << random.int(7))) % 0x110000 || 1);
      }
      return characters.join('');
    },
  },
  {
    name: 'delete-range',
    apply(text, random) {
      const start = at(random, text);
      return text.slice(0, start) + text.slice(start + random.between(1, Math.max(1, Math.floor(text.length / 4))));
    },
  },
  {
    name: 'insert-syntax',
    apply(text, random) {
      let result = text;
      const count = random.between(1, 60);
      for (let i = 0; i < count; i++) result = insert(result, at(random, result), random.pick(SYNTAX));
      return result;
    },
  },
  {
    name: 'duplicate-chunk',
    apply(text, random) {
      const chunk = chunkOf(text, random, 4_000);
      return insert(text, at(random, text), chunk.repeat(random.between(1, 20)));
    },
  },
  {
    name: 'splice-other-file',
    apply(text, random, context) {
      if (context.others.length === 0) return text;
      const other = random.pick(context.others);
      return insert(text, at(random, text), chunkOf(other, random, 20_000));
    },
  },
  {
    name: 'long-line',
    apply(text, random, context) {
      const unit = random.pick(context.language === 'sql' ? ['a, ', 'x + ', "'", 'col_', ' '] : ['a, ', 'x + ', '"', 'col_', ' ', '$']);
      const line = unit.repeat(Math.ceil(random.between(100_000, 400_000) / unit.length));
      return insert(text, at(random, text), line);
    },
  },
  {
    name: 'deep-nesting',
    apply(text, random, context) {
      return insert(text, at(random, text), nesting(context.language, random.between(500, 20_000), random));
    },
  },
  {
    name: 'many-tokens',
    apply(text, random, context) {
      return insert(text, at(random, text), manyTokens(context.language, random));
    },
  },
  {
    name: 'odd-unicode',
    apply(text, random) {
      let result = text;
      const count = random.between(1, 30);
      for (let i = 0; i < count; i++) {
        const piece = random.chance(0.5) ? random.pick(ODD_CHARACTERS) : String.fromCharCode(random.int(0x10000));
        result = insert(result, at(random, result), piece);
      }
      return result;
    },
  },
  {
    name: 'nul-characters',
    apply(text, random) {
      // Past the first 8 KB the service does not treat NUL as a sign of a binary file, so place some there too.
      const offset = random.chance(0.5) && text.length > 8_192 ? random.between(8_192, text.length) : at(random, text);
      return insert(text, offset, '\u0000'.repeat(random.between(1, 4)));
    },
  },
  {
    name: 'mixed-line-ends',
    apply(text, random) {
      return text.replace(/\n/g, () => random.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n']));
    },
  },
  {
    name: 'truncate',
    apply(text, random) {
      return text.slice(0, at(random, text));
    },
  },
  {
    name: 'unterminated',
    apply(text, random) {
      return insert(text, at(random, text), random.pick(["'", '"', '/*', '[', '`', 'r"(', "N'", '0x', '1e']));
    },
  },
];

/** Grows a text to about `size` characters by splicing copies of it and of other seeds. */
export function growTo(text: string, size: number, random: Random, context: MutationContext): string {
  const pool = text.length > 0 ? [text, ...context.sameLanguage] : [...context.sameLanguage];
  if (pool.length === 0) return text;
  const parts = [text];
  let length = text.length;
  while (length < size) {
    const piece = random.chance(0.7) ? random.pick(pool) : chunkOf(random.pick(pool), random, 50_000);
    parts.push(piece);
    length += piece.length + 1;
  }
  return parts.join('\n');
}
