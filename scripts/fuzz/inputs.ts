/**
 * Makes the fuzz inputs. Input number `index` of a run depends only on the run's seed, the language,
 * the index and the corpus, never on earlier inputs, so any one input can be regenerated on its own.
 */
import type { LanguageId } from '../../server/src/languages/types';
import { allSeeds, type Corpus } from './corpus';
import { growTo, MUTATORS, type MutationContext } from './mutators';
import { createRandom, mixSeed } from './prng';

export interface FuzzInput {
  /** Unique within a run: language, seed and index. */
  readonly id: string;
  readonly seed: number;
  readonly index: number;
  readonly language: LanguageId;
  readonly text: string;
  /** Seeds the analyser's own choices (offsets to complete at, the incremental edit), so a replay repeats them. */
  readonly inputSeed: number;
  /** What was done to make it: the seed file and the mutators, in order. */
  readonly recipe: readonly string[];
}

export const DEFAULT_MAX_SIZE = 2 * 1024 * 1024;

/** Target sizes: mostly small inputs (they are fast and find most bugs), some large, a few up to the limit. */
function targetSize(random: ReturnType<typeof createRandom>, maxSize: number): number {
  const roll = random.next();
  const ceiling = roll < 0.5 ? 4_096 : roll < 0.8 ? 65_536 : roll < 0.95 ? 524_288 : maxSize;
  return random.between(1, Math.max(1, Math.min(ceiling, maxSize)));
}

export function makeInput(seed: number, language: LanguageId, index: number, corpus: Corpus, maxSize = DEFAULT_MAX_SIZE): FuzzInput {
  const random = createRandom(mixSeed(seed, language, index));
  const seeds = corpus.get(language) ?? [];
  const everything = allSeeds(corpus);
  const base = seeds.length > 0 ? random.pick(seeds) : random.pick(everything);
  const context: MutationContext = { language, sameLanguage: seeds.map((file) => file.text), others: everything.map((file) => file.text) };
  const recipe = [base.name];
  const size = targetSize(random, maxSize);
  let text = base.text.length > size ? base.text.slice(0, size) : growTo(base.text, size, random, context);
  const mutations = random.between(1, 6);
  for (let i = 0; i < mutations; i++) {
    const mutator = random.pick(MUTATORS);
    text = mutator.apply(text, random, context);
    recipe.push(mutator.name);
    // Bound the size as we go, so that a chain of growing mutations stays cheap to build.
    if (text.length > maxSize) text = text.slice(0, maxSize);
  }
  return { id: `${language}-s${seed}-i${index}`, seed, index, language, text, inputSeed: random.fork(), recipe };
}
