/**
 * Golden files for the Stata parser: each command of a fixture printed with its prefixes, name, arguments,
 * if/in/using, weight, options and block structure. Rewrite them with UPDATE_GOLDEN=1.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range, Statement } from '../../../server/src/languages/stata/syntax/ast';
import { lex } from '../../../server/src/languages/stata/syntax/lexer';
import { parseStatements } from '../../../server/src/languages/stata/syntax/parser';
import { STATA_FIXTURES } from './support';

const GOLDEN = path.join(STATA_FIXTURES, 'golden');

export function printStatements(text: string): string {
  const lexed = lex(text);
  const lines: string[] = [];
  const slice = (tokens: readonly { start: number; end: number }[], range: Range | undefined): string =>
    range === undefined || range.to <= range.from ? '' : text.slice(tokens[range.from]!.start, tokens[range.to - 1]!.end).replace(/\s+/g, ' ');
  const print = (statements: readonly Statement[], indent: string): void => {
    for (const { command: c, body, program } of statements) {
      const parts = [`${c.name || '(none)'}${c.sub ? ` ${c.sub}` : ''}`];
      for (const p of c.prefixes) parts.push(p.kind === 'by' ? `by[${slice(c.tokens, p.vars)}${p.sortVars ? ` (${slice(c.tokens, p.sortVars)})` : ''}${p.sort ? ' sort' : ''}]` : `${p.kind}${p.name && p.kind === 'frame' ? `[${p.name}]` : ''}`);
      const args = slice(c.tokens, c.args);
      if (args) parts.push(`args[${args}]`);
      if (c.equals !== undefined) parts.push('=');
      if (c.ifExp) parts.push(`if[${slice(c.tokens, c.ifExp)}]`);
      if (c.inRange) parts.push(`in[${slice(c.tokens, c.inRange)}]`);
      if (c.using) parts.push(`using[${slice(c.tokens, c.using)}]`);
      if (c.weight) parts.push(`weight[${c.weight.kind} ${slice(c.tokens, c.weight.exp)}]`);
      for (const o of c.options) parts.push(`opt[${o.name.value}${o.args ? `(${slice(c.tokens, o.args)})` : ''}]`);
      if (program !== undefined) parts.push(`program[${program}]`);
      lines.push(`${indent}${parts.join(' ')}`);
      if (body) print(body, `${indent}  `);
    }
  };
  print(parseStatements(lexed.commands).statements, '');
  lines.push(`comments: ${lexed.comments.map((c) => JSON.stringify(text.slice(c.start, c.end).slice(0, 24))).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

describe('Stata: parser golden files', () => {
  for (const file of fs.readdirSync(GOLDEN).filter((f) => f.endsWith('.do'))) {
    it(file, () => {
      const text = fs.readFileSync(path.join(GOLDEN, file), 'utf8').replace(/\r\n/g, '\n');
      const actual = printStatements(text);
      const goldenPath = path.join(GOLDEN, file.replace(/\.do$/, '.golden.txt'));
      if (process.env['UPDATE_GOLDEN'] === '1' || !fs.existsSync(goldenPath)) fs.writeFileSync(goldenPath, actual);
      assert.equal(actual, fs.readFileSync(goldenPath, 'utf8'));
    });
  }
});
