/**
 * `npm run eval`: scores LEO Lens on two labelled corpora and prints recall and precision per code.
 * - The corpus the SDC rules were written against (test/fixtures/disclosure), SDC rules only. Its targets gate the
 *   exit code: 1 when a code falls below 0.9 on either measure, or a clean script gets a finding.
 * - The corpus written independently, by an author who had not read the rules (test/fixtures/independent), every
 *   finding a user would see (LEO1xx and SDC). Its figures are reported beside their goal (precision at least
 *   0.95, recall at least 0.90, no finding on clean scripts) and do not change the exit code: they measure
 *   code nobody here wrote, and the rules are never tuned to it case by case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allFindings } from '../test/disclosure/support/allFindings';
import { setUpDisclosure } from '../test/disclosure/support/check';
import { formatScore, INDEPENDENT_ROOT, meetsTargets, readManifest, scoreCorpus } from '../test/disclosure/support/corpus';

async function main(): Promise<void> {
  await setUpDisclosure();
  const authored = scoreCorpus();
  process.stdout.write(`${formatScore(authored, 'SDC rules on the corpus they were written against')}\n`);
  const ok = meetsTargets(authored);
  process.stdout.write(ok ? '\nTargets met: recall and precision at least 90% for every code, no finding on clean scripts.\n' : '\nTargets NOT met.\n');
  if (fs.existsSync(path.join(INDEPENDENT_ROOT, 'manifest.json'))) {
    const entries = readManifest(INDEPENDENT_ROOT);
    // Each language is reported on its own as well as together, so a language that is new (or still missing) does
    // not hide how the others do.
    const groups: [string, readonly string[]][] = [['T-SQL and R', ['sql', 'r']], ['Python', ['python']], ['Stata', ['stata']], ['all languages', ['sql', 'r', 'python', 'stata']]];
    // The second T-SQL and R set (files named j…) was written after the rules had been improved against the first,
    // by another hand, so it is reported on its own as well: it is the fresher measure.
    // The third set (files named k…, every language) was written by yet another hand after the rules had been
    // improved against the first two. It was held out until the fourth set came; from then on the rules may be
    // improved against it, so it is reported per language group as an ordinary set.
    // The fourth set (files named m…, every language) was written blind by a further hand once the third set was
    // opened to tuning; it was held out until the fifth set came, and may now be tuned to like the third.
    // The fifth set (files named n…, every language) was held out until the sixth came (its first, untuned figures
    // are in the changelog) and may now be tuned to.
    // The sixth set (files named o…, every language) was held out until the seventh came (its first, untuned figures
    // are in the changelog: precision 86.2%, recall 86.2%, 4 noisy clean scripts) and may now be tuned to.
    // The seventh set (files named q…, every language) is held out: written blind by yet another hand, and reported
    // per language group as the fresh measure that nobody tunes to. It is left out of the other groups, and its report
    // gives counts only (no script names), so that reading the report cannot tune anyone to it.
    const third = (file: string): boolean => /\/k\d+/.test(file);
    const fourth = (file: string): boolean => /\/m\d+/.test(file);
    const fifth = (file: string): boolean => /\/n\d+/.test(file);
    const sixth = (file: string): boolean => /\/o\d+/.test(file);
    const heldOut = (file: string): boolean => /\/q\d+/.test(file);
    type ScoredSet = [title: string, languages: readonly string[], wanted: (file: string) => boolean, blind: boolean];
    const sets: ScoredSet[] = [
      ...groups.map(([title, languages]): ScoredSet => [`${title}, every set but the held-out one`, languages, (file) => !heldOut(file), false]),
      ['T-SQL and R, second set', ['sql', 'r'], (file) => /\/j\d+/.test(file), false],
      ...groups.map(([title, languages]): ScoredSet => [`${title}, third set`, languages, third, false]),
      ...groups.map(([title, languages]): ScoredSet => [`${title}, fourth set`, languages, fourth, false]),
      ...groups.map(([title, languages]): ScoredSet => [`${title}, fifth set`, languages, fifth, false]),
      ...groups.map(([title, languages]): ScoredSet => [`${title}, sixth set`, languages, sixth, false]),
      ...groups.map(([title, languages]): ScoredSet => [`${title}, seventh set (held out)`, languages, heldOut, true]),
    ];
    for (const [title, languages, wanted, blind] of sets) {
      const subset = entries.filter((entry) => languages.includes(entry.language) && wanted(entry.file));
      if (subset.length === 0) continue;
      // LEO2xx hints describe who a query leaves out (representation), not a mistake or a disclosure risk; the
      // corpora's authors labelled neither, so they are counted on their own and not scored.
      let hints = 0;
      const scored: typeof allFindings = (language, text) => {
        const all = allFindings(language, text);
        const kept = all.filter((f) => !f.code.startsWith('LEO2'));
        hints += all.length - kept.length;
        return kept;
      };
      const independent = scoreCorpus(subset, { root: INDEPENDENT_ROOT, findings: scored });
      process.stdout.write(`\n\n${formatScore(independent, `Every finding on the independently written corpus: ${title} (${subset.length} scripts)`, blind)}\n`);
      const overall = independent.overall;
      const goal = overall.precision >= 0.95 && overall.recall >= 0.9 && independent.noisyCleanFiles.length === 0;
      process.stdout.write(
        `\nGoal on independent code, ${title} (precision >= 95%, recall >= 90%, clean scripts quiet): ${goal ? 'met' : 'not met yet'}` +
          ` (precision ${(overall.precision * 100).toFixed(1)}%, recall ${(overall.recall * 100).toFixed(1)}%, ${independent.noisyCleanFiles.length} noisy clean scripts).\n`,
      );
      process.stdout.write(`LEO2xx population hints given (info, not labelled, not scored): ${hints}.\n`);
    }
  }
  process.exitCode = ok ? 0 : 1;
}

void main();
