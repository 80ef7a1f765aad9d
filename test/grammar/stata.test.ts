/**
 * Tests for the Stata TextMate grammar (syntaxes/stata.tmLanguage.json).
 *
 * - The grammar file itself is checked: it parses as JSON, every regex
 *   compiles with the same Oniguruma build VS Code uses, and every include
 *   resolves.
 * - Each fixture in fixtures/*.do carries inline scope assertions (see
 *   scopeAssertions.ts), checked one source line per test.
 * - Each fixture's full token stream is compared with a golden file,
 *   fixtures/<name>.do.snap. A missing golden file is written; set
 *   UPDATE_GOLDEN=1 to rewrite them all after an intended change.
 * - Finally every rule in the grammar is switched off in turn, and at least
 *   one assertion must then fail. That proves each rule is covered by an
 *   assertion that would catch it breaking, rather than only by the snapshot.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OnigScanner } from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { loadGrammar, loadOnigLib, renderTokens, repoRoot, tokenizeLines, type TokenizedLine } from '../support/tmGrammar';
import { checkAssertion, parseFixture, type ParsedFixture } from './scopeAssertions';

const scopeName = 'source.stata';
const grammarPath = path.join(repoRoot, 'syntaxes', 'stata.tmLanguage.json');
const fixtureDir = path.join(__dirname, 'fixtures');
const updateGolden = process.env['UPDATE_GOLDEN'] === '1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const grammarText = readFileSync(grammarPath, 'utf8');

// Parsed here rather than inside a test so the rule-coverage tests can be
// generated from it; a parse error is reported by the well-formedness test
// instead of aborting the whole file.
let grammarJson: Json = null;
let grammarParseError: Error | undefined;
try {
  grammarJson = JSON.parse(grammarText) as Json;
} catch (error) {
  grammarParseError = error as Error;
}

/**
 * Keys that occur twice in one JSON object. JSON.parse silently keeps the
 * last one, which in a hand-written grammar would quietly drop a rule.
 */
function duplicateKeys(text: string): string[] {
  const objects: (Set<string> | null)[] = [];
  const duplicates: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      let end = index + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const value = JSON.parse(text.slice(index, end + 1)) as string;
      let next = end + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      const current = objects[objects.length - 1];
      if (text[next] === ':' && current) {
        if (current.has(value)) duplicates.push(value);
        current.add(value);
      }
      index = end + 1;
      continue;
    }
    if (char === '{') objects.push(new Set());
    else if (char === '[') objects.push(null);
    else if (char === '}' || char === ']') objects.pop();
    index++;
  }
  return duplicates;
}

interface Fixture {
  readonly name: string;
  readonly parsed: ParsedFixture;
}

const fixtures: Fixture[] = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.do'))
  .sort()
  .map((name) => ({ name, parsed: parseFixture(readFileSync(path.join(fixtureDir, name), 'utf8'), '//') }));

/** A rule in the grammar: its location as a JSON path and the object itself. */
interface RuleSite {
  readonly path: readonly (string | number)[];
  readonly rule: JsonObject;
}

/**
 * Every rule reachable in the grammar: repository entries, members of
 * patterns arrays (including those nested under captures) and so on.
 */
function collectRules(grammar: JsonObject): RuleSite[] {
  const sites: RuleSite[] = [];
  const visitPatterns = (patterns: Json | undefined, at: (string | number)[]): void => {
    if (!Array.isArray(patterns)) return;
    patterns.forEach((rule, index) => {
      if (isObject(rule)) visitRule(rule, [...at, index]);
    });
  };
  const visitCaptures = (captures: Json | undefined, at: (string | number)[]): void => {
    if (!isObject(captures)) return;
    for (const [key, capture] of Object.entries(captures)) {
      if (isObject(capture)) visitPatterns(capture['patterns'], [...at, key, 'patterns']);
    }
  };
  const visitRule = (rule: JsonObject, at: (string | number)[]): void => {
    sites.push({ path: at, rule });
    visitPatterns(rule['patterns'], [...at, 'patterns']);
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      visitCaptures(rule[key], [...at, key]);
    }
  };
  visitPatterns(grammar['patterns'], ['patterns']);
  const repository = grammar['repository'];
  if (isObject(repository)) {
    for (const [key, rule] of Object.entries(repository)) {
      if (isObject(rule)) visitRule(rule, ['repository', key]);
    }
  }
  return sites;
}

/** A deep copy of the grammar with the rule at `at` replaced by one that matches nothing. */
function withoutRule(grammar: JsonObject, at: readonly (string | number)[]): JsonObject {
  const copy = structuredClone(grammar);
  let parent: Json = copy;
  for (const key of at.slice(0, -1)) {
    parent = (parent as Record<string | number, Json>)[key]!;
  }
  (parent as Record<string | number, Json>)[at[at.length - 1]!] = { patterns: [] };
  return copy;
}

/** Tokenises every fixture with `grammar` and returns the assertion failures, fixture by fixture. */
function failingAssertions(grammar: IGrammar): string[] {
  const failures: string[] = [];
  for (const fixture of fixtures) {
    const lines = tokenizeLines(grammar, fixture.parsed.sourceLines);
    for (const assertion of fixture.parsed.assertions) {
      const problems = checkAssertion(assertion, lines[assertion.sourceIndex]!);
      if (problems.length > 0) {
        failures.push(`${fixture.name}:${assertion.assertionLineNumber}`);
      }
    }
  }
  return failures;
}

/** A short human-readable description of a rule, for test titles. */
function describeRule(rule: JsonObject): string {
  for (const key of ['include', 'name', 'contentName', 'match', 'begin']) {
    const value = rule[key];
    if (typeof value === 'string') {
      return value.length > 40 ? `${value.slice(0, 40)}...` : value;
    }
  }
  return 'patterns only';
}

/** A regex as Oniguruma would see it once vscode-textmate has filled in back-references to begin captures. */
function withBackReferencesFilled(source: string): string {
  return source.replace(/(\\*)\\(\d+)/g, (whole, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}x` : whole));
}

describe('Stata grammar', () => {
  // The grammar is loaded on first use rather than in a before() hook, so a
  // grammar that fails to load still lets the file-level checks run and say why.
  let grammar: Promise<IGrammar> | undefined;
  const getGrammar = (): Promise<IGrammar> => (grammar ??= loadGrammar(scopeName, { [scopeName]: grammarPath }));
  const tokenized = new Map<string, TokenizedLine[]>();

  /**
   * A fixture's tokens, computed once. The whole fixture is always tokenised
   * because each line's tokens depend on the state left by the lines before it.
   */
  async function tokenize(fixture: Fixture): Promise<TokenizedLine[]> {
    let lines = tokenized.get(fixture.name);
    if (!lines) {
      lines = tokenizeLines(await getGrammar(), fixture.parsed.sourceLines);
      tokenized.set(fixture.name, lines);
    }
    return lines;
  }

  describe('grammar file', () => {
    it('is a well-formed JSON grammar for source.stata', () => {
      assert.equal(grammarParseError, undefined, `the grammar is not valid JSON: ${grammarParseError?.message}`);
      assert.deepEqual(duplicateKeys(grammarText), [], 'an object in the grammar repeats a key');
      assert.ok(isObject(grammarJson), 'the grammar must be a JSON object');
      assert.equal(grammarJson['scopeName'], scopeName);
      assert.equal(typeof grammarJson['name'], 'string');
      assert.ok(Array.isArray(grammarJson['patterns']) && grammarJson['patterns'].length > 0, 'top-level patterns are required');
      assert.ok(isObject(grammarJson['repository']), 'a repository is required');
    });

    it('compiles every regex with Oniguruma', async () => {
      await loadOnigLib();
      const problems: string[] = [];
      let count = 0;
      for (const { path: at, rule } of collectRules(grammarJson as JsonObject)) {
        for (const key of ['match', 'begin', 'end', 'while']) {
          const source = rule[key];
          if (source === undefined) continue;
          count++;
          if (typeof source !== 'string') {
            problems.push(`${at.join('.')}.${key} is not a string`);
            continue;
          }
          const compiled = key === 'end' || key === 'while' ? withBackReferencesFilled(source) : source;
          try {
            new OnigScanner([compiled]).dispose();
          } catch (error) {
            problems.push(`${at.join('.')}.${key}: ${(error as Error).message}`);
          }
        }
      }
      assert.ok(count > 50, `expected to find the grammar's regexes, found ${count}`);
      assert.deepEqual(problems, []);
    });

    it('resolves every include and uses every repository entry', () => {
      const repository = (grammarJson as JsonObject)['repository'] as JsonObject;
      const used = new Set<string>();
      const problems: string[] = [];
      for (const { path: at, rule } of collectRules(grammarJson as JsonObject)) {
        const include = rule['include'];
        if (typeof include !== 'string') continue;
        if (include === '$self' || include === '$base') continue;
        if (!include.startsWith('#')) {
          problems.push(`${at.join('.')} includes the external grammar ${include}`);
        } else if (!(include.slice(1) in repository)) {
          problems.push(`${at.join('.')} includes missing ${include}`);
        } else {
          used.add(include.slice(1));
        }
      }
      for (const key of Object.keys(repository)) {
        if (!used.has(key)) problems.push(`repository.${key} is never included`);
      }
      assert.deepEqual(problems, []);
    });

    it('gives every scope name the .stata suffix', () => {
      const problems: string[] = [];
      const check = (name: Json | undefined, where: string): void => {
        if (typeof name !== 'string') return;
        for (const scope of name.split(' ')) {
          if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.stata$/.test(scope)) problems.push(`${where}: ${scope}`);
        }
      };
      const walk = (value: Json, where: string): void => {
        if (Array.isArray(value)) {
          value.forEach((item, index) => walk(item, `${where}.${index}`));
        } else if (isObject(value)) {
          check(value['name'], `${where}.name`);
          check(value['contentName'], `${where}.contentName`);
          for (const [key, item] of Object.entries(value)) {
            if (key !== 'name' && key !== 'contentName') walk(item, `${where}.${key}`);
          }
        }
      };
      walk((grammarJson as JsonObject)['repository']!, 'repository');
      walk((grammarJson as JsonObject)['patterns']!, 'patterns');
      assert.deepEqual(problems, []);
    });
  });

  describe('package.json contribution', () => {
    // The manifest is maintained separately; until it declares the Stata
    // language these checks are skipped rather than failed.
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      contributes?: {
        languages?: { id?: string; extensions?: string[]; configuration?: string }[];
        grammars?: { language?: string; scopeName?: string; path?: string }[];
      };
    };
    const language = manifest.contributes?.languages?.find((entry) => entry.id === 'stata');
    const grammarEntry = manifest.contributes?.grammars?.find((entry) => entry.language === 'stata');

    it('declares the stata language with .do files and this configuration', function () {
      if (!language) this.skip();
      assert.ok(language.extensions?.includes('.do'), 'the stata language should claim .do files');
      assert.equal(path.resolve(repoRoot, language.configuration ?? ''), path.join(repoRoot, 'language-configuration', 'stata.json'));
    });

    it('points the stata grammar at this file and scope', function () {
      if (!grammarEntry) this.skip();
      assert.equal(grammarEntry.scopeName, scopeName);
      assert.equal(path.resolve(repoRoot, grammarEntry.path ?? ''), grammarPath);
    });
  });

  for (const fixture of fixtures) {
    describe(`fixture ${fixture.name}`, () => {
      const { sourceLines, sourceLineNumbers, assertions } = fixture.parsed;

      it('has scope assertions', () => {
        assert.ok(assertions.length > 0, `${fixture.name} asserts nothing`);
      });

      const bySourceLine = new Map<number, typeof assertions[number][]>();
      for (const assertion of assertions) {
        const list = bySourceLine.get(assertion.sourceIndex) ?? [];
        list.push(assertion);
        bySourceLine.set(assertion.sourceIndex, list);
      }

      for (const [sourceIndex, lineAssertions] of bySourceLine) {
        const lineNumber = sourceLineNumbers[sourceIndex]!;
        const text = sourceLines[sourceIndex]!;
        it(`line ${lineNumber}: ${text.trim().slice(0, 60)}`, async () => {
          const line = (await tokenize(fixture))[sourceIndex]!;
          const failures = lineAssertions.flatMap((assertion) =>
            checkAssertion(assertion, line).map((problem) => `${fixture.name}:${assertion.assertionLineNumber} ${assertion.raw}\n    ${problem}`),
          );
          assert.ok(failures.length === 0, `${text}\n${failures.join('\n')}`);
        });
      }

      it('matches its golden token snapshot', async () => {
        const snapPath = path.join(fixtureDir, `${fixture.name}.snap`);
        const actual = renderTokens(await tokenize(fixture), scopeName);
        if (updateGolden || !existsSync(snapPath)) {
          writeFileSync(snapPath, actual);
          return;
        }
        // Git may check the golden file out with CRLF line endings on Windows.
        const expected = readFileSync(snapPath, 'utf8').replace(/\r\n/g, '\n');
        if (actual !== expected) {
          const actualLines = actual.split('\n');
          const expectedLines = expected.split('\n');
          let index = 0;
          while (index < actualLines.length && actualLines[index] === expectedLines[index]) index++;
          assert.fail(
            `${fixture.name} tokenises differently from ${path.basename(snapPath)} at line ${index + 1}:\n` +
              `  expected: ${expectedLines[index] ?? '(end of file)'}\n` +
              `  actual:   ${actualLines[index] ?? '(end of file)'}\n` +
              'If the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff of the .snap file.',
          );
        }
      });
    });
  }

  describe('rule coverage', () => {
    it('passes every assertion with the grammar intact', async () => {
      assert.deepEqual(failingAssertions(await getGrammar()), []);
    });

    const sites = isObject(grammarJson) ? collectRules(grammarJson) : [];
    for (const { path: at, rule } of sites) {
      const label = `${at.join('.')} (${describeRule(rule)})`;
      it(`fails an assertion without ${label}`, async () => {
        const mutated = withoutRule(grammarJson as JsonObject, at);
        const broken = await loadGrammar(scopeName, { [scopeName]: mutated });
        assert.ok(failingAssertions(broken).length > 0, `no fixture assertion notices ${label} being removed`);
      });
    }
  });
});
