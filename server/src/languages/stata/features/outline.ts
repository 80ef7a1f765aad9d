/**
 * The outline of a do-file (programs, data loads, tables made, files saved) and its folding ranges (blocks,
 * programs and comments that span lines).
 */
import type { DocumentSymbolInfo, FoldingInfo } from '../../types';
import type { Statement } from '../syntax/ast';
import type { Comment } from '../syntax/lexer';

const OUTLINED = new Set(['odbc', 'use', 'collapse', 'contract', 'merge', 'append', 'save', 'export', 'import', 'reshape']);

export function symbols(text: string, statements: readonly Statement[]): DocumentSymbolInfo[] {
  const out: DocumentSymbolInfo[] = [];
  // Only the top level and program bodies are listed, so the walk is as deep as one nesting.
  for (const statement of statements) {
    const command = statement.command;
    const end = lastEnd(statement);
    if (statement.program !== undefined) {
      const nameToken = command.tokens.find((t) => t.value === statement.program);
      out.push({
        name: statement.program,
        kind: 'statement',
        detail: 'program',
        start: command.start,
        end,
        selectionStart: nameToken?.start ?? command.start,
        selectionEnd: nameToken?.end ?? command.end,
      });
      continue;
    }
    if (!OUTLINED.has(command.name)) continue;
    const first = text.slice(command.start, command.end).split(/\r?\n/)[0]!.trim();
    out.push({
      name: first.length > 60 ? `${first.slice(0, 57)}…` : first,
      kind: 'statement',
      detail: command.sub !== undefined ? `${command.name} ${command.sub}` : command.name,
      start: command.start,
      end: command.end,
      selectionStart: command.start,
      selectionEnd: command.end,
    });
  }
  return out;
}

function lastEnd(statement: Statement): number {
  let current: Statement = statement;
  // Follow the last statement of each body down; bounded by the parser's block depth.
  for (let i = 0; i < 100; i++) {
    const body = current.body;
    if (body === undefined || body.length === 0) break;
    current = body[body.length - 1]!;
  }
  return Math.max(statement.command.end, current.command.end);
}

export function folding(text: string, statements: readonly Statement[], comments: readonly Comment[]): FoldingInfo[] {
  const out: FoldingInfo[] = [];
  const stack: Statement[] = [...statements];
  while (stack.length > 0) {
    const statement = stack.pop()!;
    if (statement.body === undefined) continue;
    const end = lastEnd(statement);
    if (text.slice(statement.command.start, end).includes('\n')) out.push({ start: statement.command.start, end, kind: 'region' });
    stack.push(...statement.body);
  }
  for (const comment of comments) if (text.slice(comment.start, comment.end).includes('\n')) out.push({ start: comment.start, end: comment.end, kind: 'comment' });
  out.sort((a, b) => a.start - b.start);
  return out;
}
