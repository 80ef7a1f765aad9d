/**
 * A corpus written for LEO Lens that reproduces each construct production LEO code uses (FFT Education Datalab's
 * Iteration 2 scripts and Sickotra's Iteration 1 scripts: stacked multi-year views, `_geog` local-authority
 * fields, PLASC and 2022 census years, IDACI editions, exclusions tables, Iteration 1 bracketed names). Valid code
 * must get no LEO1xx warning; the same scripts with one name misspelt must still get LEO102 there.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import type { Finding } from '../../server/src/model/findings';
import { languageFromPath } from '../../server/src/languages/registry';
import { analyseUncached } from '../../server/src/service';
import { nodeFileReader } from '../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../server/src/workspace/loadWorkspace';
import { REPO_ROOT } from '../support/paths';

const CORPUS = path.join(REPO_ROOT, 'test/fixtures/real-idioms');

function findings(file: string, text: string): readonly Finding[] {
  const loaded = loadWorkspace({ bundledCatalogue: path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
  return analyseUncached({ uri: file, language: languageFromPath(file)!, version: 1, text }, loaded.environment!).findings;
}

const referenceWarnings = (list: readonly Finding[]): string[] =>
  list.filter((f) => /^LEO1\d\d$/.test(f.code) && f.severity !== 'info' && f.severity !== 'hint').map((f) => `${f.code}: ${f.message}`);

describe('the corpus of production idioms', () => {
  const files = fs.readdirSync(CORPUS).filter((name) => languageFromPath(name) !== undefined);

  it('has a script for each group of constructs', () => {
    assert.ok(files.length >= 3, files.join(', '));
  });

  for (const name of files) {
    it(`${name}: no LEO1xx warning on valid code`, () => {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      assert.deepEqual(referenceWarnings(findings(name, text)), []);
    });
  }

  const misspellings: readonly [string, string, string][] = [
    ['census-stack.sql', 'pru_onroll = 1', 'pru_onrol = 1'],
    ['census-stack.sql', 'ap_lanumber_geog,', 'ap_lanumbr_geog,'],
    ['social-care.sql', 'cin_la_geog as la', 'cin_la_goeg as la'],
    ['social-care.sql', 'where laestab_anon_ex06', 'where laestab_anon_ex6'],
    ['iteration-one.sql', 'e.[TAXYEAR]', 'e.[TAXYAER]'],
  ];
  for (const [name, valid, misspelt] of misspellings) {
    it(`${name}: still flags ${misspelt.replace(/^where /, '').split(/[ ,]/)[0]}`, () => {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      assert.ok(text.includes(valid), `${name} holds ${valid}`);
      const codes = findings(name, text.replace(valid, misspelt)).map((f) => f.code);
      assert.ok(codes.includes('LEO102'), codes.join(', '));
    });
  }
});
