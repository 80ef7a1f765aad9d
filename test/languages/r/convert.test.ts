/**
 * The fast tree copy (positions from the text, fields from child order) must give exactly the tree the
 * exact copy (everything asked of tree-sitter) gives, on every error-free script we have.
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

  it('copies trees with errors exactly and notes the broken statements', async () => {
    const parser = await initialiseRParser();
    const { root, broken } = parser.parseSyntax('ok <- 1\nbad <- f(\nalso_ok <- 2');
    assert.ok(broken.size > 0);
    assert.deepEqual(flat(root), flat(parser.parseExact('ok <- 1\nbad <- f(\nalso_ok <- 2').root));
  });
});
