/**
 * The fast tree copy (positions from the text, fields from child order) must give exactly the tree the
 * exact copy (everything asked of tree-sitter) gives, on every error-free script we have, and so must the
 * mixed copy of a tree with errors (its broken statements the exact way, the rest the fast way).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initialiseRParser } from '../../../server/src/languages/r/parser/treeSitter';
import type { RNode } from '../../../server/src/languages/r/parser/syntaxTree';
import { R_FIXTURES, readFixture } from './support/analyse';

function flat(node: RNode, out: string[] = [], depth = 0): string[] {
  out.push(`${depth} ${node.type} ${node.start}-${node.end} ${node.field ?? '-'} ${node.named ? 'n' : 'a'}${node.missing ? ' missing' : ''}`);
  for (const child of node.children) flat(child, out, depth + 1);
  return out;
}

const EXTRA = [
  'x <- `odd name` + 0x1F + 1e-3 + 2L + 3i + .5 + NA_integer_ + ..1\nf <- function(a = 1, ...) { a %in% c(1, 2) }\n',
  'y <- r"(raw "quoted")" ; z <- R"--[x]--" # comment\nif (TRUE) x else y\nfor (i in 1:3) next\nwhile (FALSE) break\nrepeat { break }\n',
  'df$`a b` <- df[["c"]][1]; g <- \\(x) -x; h <- ~ a + b; pkg:::fn(x = , y)\nz <- "esc \\" \\\\ \\n"\n',
  'ü <- "ünïcødé"; naïve_name <- ü\n',
];

describe('R: tree copy', function () {
  this.timeout(60000);

  it('copies error-free trees the fast way exactly as the exact way does', async () => {
    const parser = await initialiseRParser();
    const texts = [...EXTRA];
    for (const directory of ['valid', 'seeded', 'golden']) {
      for (const file of fs.readdirSync(path.join(R_FIXTURES, directory)).filter((f) => f.endsWith('.R'))) texts.push(readFixture(directory, file));
    }
    for (const text of texts) {
      const fast = parser.parseSyntax(text);
      const exact = parser.parseExact(text);
      assert.equal(exact.broken.size, 0, `the sample parses without errors:\n${text.slice(0, 200)}`);
      assert.equal(fast.walk, 'fast', `the fast walk was used:\n${text.slice(0, 200)}`);
      assert.deepEqual(flat(fast.root), flat(exact.root));
    }
  });

  it('copies the statements of a tree with errors as the exact way does, the broken ones noted alike', async () => {
    const parser = await initialiseRParser();
    const breakers = ['(', '"', '{', ')', '<- ', '%>%', '}', ','];
    let withErrors = 0;
    let fastWithErrors = 0;
    for (const directory of ['valid', 'golden']) {
      for (const file of fs.readdirSync(path.join(R_FIXTURES, directory)).filter((f) => f.endsWith('.R'))) {
        const original = readFixture(directory, file);
        for (let k = 1; k <= 3; k++) {
          // A deterministic place and breaker for each file, so a failure can be reproduced.
          const at = Math.floor((original.length * k) / 4);
          const text = original.slice(0, at) + breakers[(file.length + k) % breakers.length] + original.slice(at);
          const mixed = parser.parseSyntax(text);
          const exact = parser.parseExact(text);
          if (exact.broken.size > 0) withErrors++;
          if (exact.broken.size > 0 && mixed.walk === 'fast') fastWithErrors++;
          assert.deepEqual(flat(mixed.root), flat(exact.root), `${file}, break ${k}`);
          const brokenAt = (syntax: typeof mixed): number[] => syntax.root.children.flatMap((c, i) => (syntax.broken.has(c) ? [i] : []));
          assert.deepEqual(brokenAt(mixed), brokenAt(exact), `${file}, break ${k}: the same statements are broken`);
        }
      }
    }
    assert.ok(withErrors > 10, 'most of the samples hold errors');
    assert.ok(fastWithErrors > withErrors / 2, `the statements without errors were copied the fast way (${fastWithErrors} of ${withErrors})`);
  });

  it('copies trees with errors exactly and notes the broken statements', async () => {
    const parser = await initialiseRParser();
    const { root, broken } = parser.parseSyntax('ok <- 1\nbad <- f(\nalso_ok <- 2');
    assert.ok(broken.size > 0);
    assert.deepEqual(flat(root), flat(parser.parseExact('ok <- 1\nbad <- f(\nalso_ok <- 2').root));
  });
});
