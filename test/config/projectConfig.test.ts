import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { parseSettings, DEFAULT_SETTINGS } from '../../server/src/config/settings';

describe('project config (.leo-lens.json)', () => {
  it('accepts a complete, valid file', () => {
    const result = parseProjectConfig('.leo-lens.json', JSON.stringify({ catalogues: ['derived.leo-catalogue.json'], severity: { LEO103: 'info' }, ignore: ['old/**'], maxFileSizeKb: 512 }));
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.config?.severity, { LEO103: 'info' });
  });

  it('reports a syntax error with its line and column', () => {
    const result = parseProjectConfig('/p/.leo-lens.json', '{\n  "severity": {\n    "LEO103": "info",,\n  }\n}');
    assert.equal(result.config, undefined);
    assert.equal(result.problems[0]!.line, 3);
    assert.match(result.problems[0]!.message, /invalid JSON/);
  });

  it('reports a bad value with its JSON path and place', () => {
    const text = '{\n  "severity": {\n    "LEO102": "loud"\n  }\n}';
    const [problem] = parseProjectConfig('/p/.leo-lens.json', text).problems;
    assert.equal(problem!.path, '$.severity.LEO102');
    assert.equal(problem!.line, 3);
    assert.equal(problem!.column, 5);
  });

  it('reports an unknown key, because a typo would otherwise be ignored silently', () => {
    const [problem] = parseProjectConfig('c.json', '{ "severty": {} }').problems;
    assert.match(problem!.message, /severty/);
  });

  it('reports an empty file', () => {
    assert.equal(parseProjectConfig('c.json', '').problems.length, 1);
  });
});

describe('editor settings', () => {
  it('fills defaults', () => {
    assert.deepEqual(parseSettings(undefined).settings, DEFAULT_SETTINGS);
  });

  it('keeps good values and replaces a bad one by its default, reporting it', () => {
    const result = parseSettings({ maxFileSizeKb: 'big', diagnostics: { enable: false } });
    assert.equal(result.settings.maxFileSizeKb, DEFAULT_SETTINGS.maxFileSizeKb);
    assert.equal(result.settings.diagnostics.enable, false);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!, /leoLens\.maxFileSizeKb/);
  });
});

describe('the README example of .leo-lens.json', () => {
  it('is a valid project configuration', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Project configuration'));
    const example = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    assert.deepEqual(parseProjectConfig('README.md', example).problems, []);
  });
});
