/**
 * Golden-file tests for the tokenizer, the parser and the scope builder.
 * Each `*.sql` under golden/<stage>/ has its expected output beside it; see support/golden.ts for how to update them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../../server/src/languages/sql/document';
import { sqlLanguage, sqlModelOf } from '../../../server/src/languages/sql/index';
import { bundledCatalogue, contextWith } from './support/catalogues';
import { assertGolden } from './support/golden';
import { printScopes } from './support/printScopes';
import { printDocument, printTokens } from './support/printTree';

const GOLDEN = path.join(__dirname, 'golden');

function fixtures(stage: string): string[] {
  return fs.readdirSync(path.join(GOLDEN, stage)).filter((f) => f.endsWith('.sql')).sort();
}

function read(stage: string, file: string): string {
  return fs.readFileSync(path.join(GOLDEN, stage, file), 'utf8').replace(/\r\n/g, '\n');
}

describe('sql golden files', () => {
  describe('tokenizer', () => {
    for (const file of fixtures('tokenizer')) {
      it(file, () => assertGolden(printTokens(read('tokenizer', file)), path.join(GOLDEN, 'tokenizer', file.replace(/\.sql$/, '.tokens.txt'))));
    }
  });

  describe('parser', () => {
    for (const file of fixtures('parser')) {
      it(file, () => assertGolden(printDocument(parseDocument(read('parser', file))), path.join(GOLDEN, 'parser', file.replace(/\.sql$/, '.tree.txt'))));
    }
  });

  describe('scopes', () => {
    for (const file of fixtures('scopes')) {
      it(file, () => {
        const analysis = sqlLanguage.analyse(read('scopes', file), contextWith(bundledCatalogue()));
        assertGolden(printScopes(sqlModelOf(analysis)!), path.join(GOLDEN, 'scopes', file.replace(/\.sql$/, '.scopes.txt')));
      });
    }
  });
});
