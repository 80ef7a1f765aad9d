/**
 * Every SDC rule has its documentation page (the target of the diagnostics' codeDescription links), showing
 * the risk, a flagged and a fixed example from the tests, and the fix.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SDC_RULE_DESCRIPTIONS, SDC_RULE_INFOS } from '../../server/src/disclosure/registry';
import { RULE_CASES } from './ruleCases';

const ROOT = path.resolve(__dirname, '../..');

describe('disclosure rule pages', () => {
  for (const info of SDC_RULE_DESCRIPTIONS) {
    it(`${info.code} has ${info.docPath} with the risk, the examples and the fix`, () => {
      const file = path.join(ROOT, info.docPath);
      assert.ok(fs.existsSync(file), `${info.docPath} is missing`);
      const page = fs.readFileSync(file, 'utf8');
      assert.ok(page.startsWith(`# ${info.code}: ${info.name}`));
      for (const heading of ['## What the risk is', '## The fix', 'Flagged:', 'Fixed:']) assert.ok(page.includes(heading), `${info.code} lacks ${heading}`);
      for (const example of RULE_CASES.filter((c) => c.code === info.code)) {
        assert.ok(page.includes(example.failing.trimEnd()), `${info.code}: the page's flagged example is out of date`);
        assert.ok(page.includes(example.passing.trimEnd()), `${info.code}: the page's fixed example is out of date`);
      }
    });
  }

  it('describes every rule for the diagnostic-code registry, with unique codes and names', () => {
    const codes = SDC_RULE_INFOS.map((i) => i.code);
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(SDC_RULE_INFOS.map((i) => i.name)).size, codes.length);
    assert.deepEqual(codes, ['SDC000', 'SDC001', 'SDC002', 'SDC003', 'SDC010', 'SDC011', 'SDC012', 'SDC013', 'SDC014', 'SDC015', 'SDC016', 'SDC017', 'SDC018',
      'SDC020', 'SDC021', 'SDC022', 'SDC023', 'SDC024', 'SDC025']);
  });
});
