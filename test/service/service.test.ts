/** The composition root: caching per version, skipped files, and the merge of SDC findings. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/config/settings';
import { analyseUncached, createLanguageService } from '../../server/src/service';
import { nodeFileReader } from '../../server/src/workspace/fileSystem';
import { loadWorkspace } from '../../server/src/workspace/loadWorkspace';
import type { AnalysisEnvironment } from '../../server/src/analysisEnvironment';
import { REPO_ROOT } from '../support/paths';

function environment(overrides: Partial<AnalysisEnvironment> = {}): AnalysisEnvironment {
  const loaded = loadWorkspace({ bundledCatalogue: path.join(REPO_ROOT, 'catalogue/leo-i2se.leo-catalogue.json'), settings: DEFAULT_SETTINGS }, nodeFileReader);
  return { ...loaded.environment!, ...overrides };
}

const RISKY = 'SELECT sc.fsmeligble_spr19, COUNT(*) AS n\nFROM npd_i2."<project number>".spring_census_2019 AS sc\nGROUP BY sc.fsmeligble_spr19;\n';

describe('service', () => {
  const env = environment();

  it('analyses a version once and again after an edit', () => {
    const service = createLanguageService();
    const input = { uri: 'file:///q.sql', language: 'sql' as const, version: 1, text: RISKY };
    const first = service.analyse(input, env);
    assert.equal(service.analyse(input, env), first);
    const second = service.analyse({ ...input, version: 2, text: RISKY.replace('fsmeligble', 'fsmeligible').replace('fsmeligble', 'fsmeligible') }, env);
    assert.notEqual(second, first);
    assert.ok(!second.findings.some((finding) => finding.code === 'LEO102'));
  });

  it('merges reference and disclosure findings in document order', () => {
    const codes = analyseUncached({ uri: 'q.sql', language: 'sql', version: 0, text: RISKY }, env).findings.map((finding) => finding.code);
    assert.ok(codes.includes('LEO102'));
    assert.ok(codes.includes('SDC010'));
    const starts = analyseUncached({ uri: 'q.sql', language: 'sql', version: 0, text: RISKY }, env).findings.map((finding) => finding.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('applies severity overrides to disclosure findings too', () => {
    const quiet = environment({ severityOverrides: { SDC010: 'off', LEO102: 'info' } });
    const findings = analyseUncached({ uri: 'q.sql', language: 'sql', version: 0, text: RISKY }, quiet).findings;
    assert.ok(!findings.some((finding) => finding.code === 'SDC010'));
    assert.equal(findings.find((finding) => finding.code === 'LEO102')!.severity, 'info');
  });

  it('reports nothing when diagnostics are off, but still answers hovers', () => {
    const off = environment({ diagnosticsEnabled: false });
    const analysis = analyseUncached({ uri: 'q.sql', language: 'sql', version: 0, text: RISKY }, off);
    assert.deepEqual(analysis.findings, []);
    assert.ok(analysis.hover(RISKY.indexOf('spring_census_2019') + 2));
  });

  it('skips a file over the size limit or with NUL characters, with a note', () => {
    const small = environment({ maxFileSizeKb: 1 });
    const big = analyseUncached({ uri: 'big.sql', language: 'sql', version: 0, text: RISKY.repeat(20) }, small);
    assert.deepEqual(big.findings.map((finding) => finding.code), ['LEO001']);
    const binary = analyseUncached({ uri: 'bin.sql', language: 'sql', version: 0, text: 'SELECT\u0000' }, env);
    assert.deepEqual(binary.findings.map((finding) => finding.code), ['LEO002']);
  });

  it('accepts languages whose features have not arrived without failing', () => {
    for (const language of ['python', 'stata'] as const) {
      const analysis = analyseUncached({ uri: `a.${language}`, language, version: 0, text: 'print(1)\n' }, env);
      assert.deepEqual(analysis.findings, []);
      assert.equal(analysis.hover(0), undefined);
    }
  });
});
