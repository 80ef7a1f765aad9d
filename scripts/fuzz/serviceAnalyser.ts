/**
 * The real analysis under test: the whole service path as the language server and the CLI use it. For
 * each input it reads the findings (LEO1xx and, through dataflow(), the SDC rules), asks for
 * completion, hover and definition at random offsets, symbols and folding, then checks that analysing
 * a small random edit through the service's cache gives the same findings as a fresh analysis.
 */
import * as path from 'node:path';
import type { AnalysisEnvironment } from '../../server/src/analysisEnvironment';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { initialiseLanguages } from '../../server/src/languages/registry';
import type { Finding } from '../../server/src/model/findings';
import { isLimitNote, NOT_CHECKED_CODE } from '../../server/src/model/notChecked';
import { analyseUncached, createLanguageService } from '../../server/src/service';
import { nodeFileReader } from '../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../server/src/workspace/loadWorkspace';
import { EXTENSION_OF } from './corpus';
import { smallEdit } from './edits';
import { createRandom } from './prng';
import type { ExerciseInput, ExerciseOutcome, FuzzAnalyser } from './protocol';

const BUNDLED_CATALOGUE = path.resolve(__dirname, '../../catalogue/leo-i2se.leo-catalogue.json');
const OFFSETS = 20;

export async function createServiceAnalyser(): Promise<FuzzAnalyser> {
  const failures: string[] = [];
  await initialiseLanguages((language, error) => failures.push(`${language}: ${String(error)}`));
  // A language that failed to set up would quietly give empty analyses, and the fuzzer would test nothing.
  if (failures.length > 0) throw new Error(`language set-up failed: ${failures.join('; ')}`);
  const loaded = loadWorkspace({ bundledCatalogue: BUNDLED_CATALOGUE, settings: DEFAULT_SETTINGS }, nodeFileReader);
  if (!loaded.environment) throw new Error(`the bundled catalogue did not load: ${loaded.problems.map((problem) => problem.message).join('; ')}`);
  const environment = loaded.environment;
  return { exercise: (input, step) => exercise(input, step, environment) };
}

function exercise(input: ExerciseInput, step: (name: string) => void, environment: AnalysisEnvironment): ExerciseOutcome {
  const random = createRandom(input.inputSeed);
  const { text, language } = input;
  const uri = `file:///fuzz/input.${EXTENSION_OF[language]}`;
  const service = createLanguageService();

  step('analyse');
  const analysis = service.analyse({ uri, language, version: 1, text }, environment);
  step('findings');
  const findings = analysis.findings;

  for (let i = 0; i < OFFSETS; i++) {
    const offset = random.int(text.length + 1);
    step(`complete@${offset}`);
    const completion = analysis.complete(offset);
    const keyed = completion.items.find((item) => item.resolveKey !== undefined);
    if (keyed) {
      step(`resolveDocumentation@${offset}`);
      analysis.resolveDocumentation(keyed.resolveKey!);
    }
    step(`hover@${offset}`);
    analysis.hover(offset);
    step(`definition@${offset}`);
    analysis.definition(offset);
  }
  step('symbols');
  analysis.symbols();
  step('folding');
  analysis.folding();

  const edit = smallEdit(text, random);
  step(`incremental analyse after ${edit.description}`);
  const incremental = service.analyse({ uri, language, version: 2, text: edit.text }, environment).findings;
  step('fresh analyse of the edited text');
  const fresh = analyseUncached({ uri, language, version: 2, text: edit.text }, environment).findings;

  const notes = [...new Set([...findings, ...fresh].filter((finding) => finding.code === NOT_CHECKED_CODE).map((finding) => finding.message))];
  const swallowed = notes.filter((message) => !isLimitNote(message));
  // A parse that ran out of its time limit depends on how busy the machine was, not on the text, so the two
  // analyses may differ there without either being wrong; any other difference is a mismatch.
  const timedOut = [...incremental, ...fresh].some((finding) => finding.code === NOT_CHECKED_CODE && TIME_LIMIT_NOTE.test(finding.message));
  const difference = timedOut ? undefined : firstDifference(incremental, fresh);
  const outcome: ExerciseOutcome = { swallowed, limitNotes: notes.length - swallowed.length };
  return difference === undefined ? outcome : { ...outcome, mismatch: `after ${edit.description}: ${difference}` };
}

/** The wording of the R parser's time-limit note (see `parser/treeSitter.ts`). */
const TIME_LIMIT_NOTE = /parser gave up after \d+ ms/;

function describe(finding: Finding | undefined): string {
  return finding === undefined ? 'nothing' : `${finding.code} ${finding.severity} [${finding.start}, ${finding.end}) ${JSON.stringify(finding.message)}`;
}

/** The first finding that differs between the two lists, or undefined when they agree. */
function firstDifference(incremental: readonly Finding[], fresh: readonly Finding[]): string | undefined {
  const key = (finding: Finding | undefined): string => describe(finding);
  const length = Math.max(incremental.length, fresh.length);
  for (let i = 0; i < length; i++) {
    if (key(incremental[i]) !== key(fresh[i])) {
      return `finding ${i} is ${describe(incremental[i])} incrementally but ${describe(fresh[i])} fresh (${incremental.length} vs ${fresh.length} findings)`;
    }
  }
  return undefined;
}
