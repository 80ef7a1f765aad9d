/**
 * `npm run eval`: scores the SDC rules on the labelled corpus in test/fixtures/disclosure and prints recall and
 * precision per rule code. Exits with 1 when a code falls below 0.9 on either, or a clean script gets a finding.
 */
import { formatScore, meetsTargets, scoreCorpus } from '../test/disclosure/support/corpus';
import { setUpDisclosure } from '../test/disclosure/support/check';

async function main(): Promise<void> {
  await setUpDisclosure();
  const score = scoreCorpus();
  process.stdout.write(`${formatScore(score)}\n`);
  const ok = meetsTargets(score);
  process.stdout.write(ok ? '\nTargets met: recall and precision at least 90% for every code, no finding on clean scripts.\n' : '\nTargets NOT met.\n');
  process.exitCode = ok ? 0 : 1;
}

void main();
