/**
 * Every rule fires on its failing example and the fixed example is clean (no finding of any code).
 */
import { strict as assert } from 'node:assert';
import { RULE_CASES } from './ruleCases';
import { analyse, located, setUpDisclosure } from './support/check';

describe('disclosure rules: failing and fixed examples', () => {
  before(setUpDisclosure);

  for (const example of RULE_CASES) {
    describe(`${example.code} (${example.language}): ${example.title}`, () => {
      it('fires on the failing script', () => {
        const result = analyse(example.language, example.failing, example.config);
        const found = located(example.failing, result);
        assert.ok(found.some((f) => f.code === example.code), `expected ${example.code}, got ${JSON.stringify(found)}`);
      });
      it('is quiet once the fix is applied', () => {
        const result = analyse(example.language, example.passing, example.config);
        assert.deepEqual(located(example.passing, result), []);
      });
    });
  }
});
