/** The extension manifest agrees with the code: settings, languages, schemas and activation. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';

const ROOT = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function leafKeys(value: unknown, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  // A record setting (severity per code) is one setting, not a tree of settings.
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, child]) => leafKeys(child, `${prefix}.${key}`));
}

describe('manifest', () => {
  it('has the identity the product is known by', () => {
    assert.equal(manifest.name, 'leo-lens');
    assert.equal(manifest.displayName, 'LEO Lens');
    assert.equal(manifest.license, 'MIT');
    assert.equal(manifest.bin['leo-lens'], './dist/cli.js');
  });

  it('declares exactly the settings the server parses, with the same defaults', () => {
    const declared = manifest.contributes.configuration.properties as Record<string, { default: unknown; scope?: string }>;
    const clientOnly = new Set(['leoLens.trace.server']);
    const serverKeys = leafKeys(DEFAULT_SETTINGS, 'leoLens').sort();
    assert.deepEqual(Object.keys(declared).filter((key) => !clientOnly.has(key)).sort(), serverKeys);
    for (const key of serverKeys) {
      const value = key.split('.').slice(1).reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], DEFAULT_SETTINGS);
      assert.deepEqual(declared[key]!.default, value, `default of ${key}`);
    }
  });

  it('activates on the four languages and on a project config file', () => {
    for (const language of ['sql', 'r', 'python', 'stata']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`));
    assert.ok(manifest.activationEvents.includes('workspaceContains:.leo-lens.json'));
  });

  it('contributes the Stata language with a grammar and configuration that exist', () => {
    const stata = manifest.contributes.languages.find((language: { id: string }) => language.id === 'stata');
    assert.ok(stata, 'stata language');
    assert.deepEqual([...stata.extensions].sort(), ['.ado', '.do']);
    assert.ok(fs.existsSync(path.join(ROOT, stata.configuration)));
    const grammar = manifest.contributes.grammars.find((entry: { language: string }) => entry.language === 'stata');
    assert.equal(grammar.scopeName, 'source.stata');
    assert.ok(fs.existsSync(path.join(ROOT, grammar.path)));
  });

  it('points JSON validation at schema files that exist', () => {
    const matches = manifest.contributes.jsonValidation.map((entry: { fileMatch: string }) => entry.fileMatch).sort();
    assert.deepEqual(matches, ['*.leo-catalogue.json', '.leo-lens.json']);
    for (const entry of manifest.contributes.jsonValidation) assert.ok(fs.existsSync(path.join(ROOT, entry.url)), entry.url);
  });

  it('declares every command it registers', () => {
    const client = fs.readFileSync(path.join(ROOT, 'client/src/extension.ts'), 'utf8');
    const registered = [...client.matchAll(/registerCommand\('([^']+)'/g)].map((match) => match[1]).sort();
    const declared = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(declared, registered);
  });
});
