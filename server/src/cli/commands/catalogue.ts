/** `leo-lens catalogue stats`, `leo-lens catalogue validate <file>` and `leo-lens catalogue from-request-form <form>`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { catalogueStats, validateCatalogueText } from '../../catalogue';
import { loadCliWorkspace } from '../cliWorkspace';
import { oneOf, parseOptions, UsageError, type CliIo } from '../io';
import { runFromRequestForm } from './fromRequestForm';

export function runCatalogueCommand(args: readonly string[], io: CliIo): number | Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'stats') return runStats(rest, io);
  if (subcommand === 'validate') return runValidate(rest, io);
  if (subcommand === 'from-request-form') return runFromRequestForm(rest, io);
  throw new UsageError(
    subcommand
      ? `unknown catalogue command '${subcommand}' (use stats, validate or from-request-form)`
      : 'catalogue needs a command: stats, validate or from-request-form',
  );
}

function runStats(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string' },
    catalogue: { type: 'string', multiple: true },
    config: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`catalogue stats takes no arguments (got '${positionals[0]}')`);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const workspace = loadCliWorkspace(io, { config: values.config, catalogues: values.catalogue });
  if (!workspace) return 2;
  const stats = catalogueStats(workspace.catalogue);
  if (format === 'json') {
    io.stdout(JSON.stringify(stats, null, 2) + '\n');
  } else {
    io.stdout(
      [
        `${stats.name} (${stats.id}) version ${stats.version}`,
        `source: ${stats.source}`,
        `${stats.tables} tables, ${stats.views} views, ${stats.databases} databases`,
        `${stats.columns} columns (${stats.columnsWithDescription} described, ${stats.columnsWithRatings} with DfE ratings)`,
        `${stats.codeLists} code lists holding ${stats.codes} codes`,
      ].join('\n') + '\n',
    );
  }
  return 0;
}

function runValidate(args: readonly string[], io: CliIo): number {
  const { positionals } = parseOptions(args, {});
  if (positionals.length !== 1) throw new UsageError('catalogue validate takes exactly one file');
  const file = path.resolve(io.cwd, positionals[0]!);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr(`leo-lens: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const problems = validateCatalogueText(file, text);
  for (const problem of problems) {
    const where = problem.line !== undefined ? `${file}:${problem.line}:${problem.column}` : file;
    io.stderr(`${where}: ${problem.severity}: ${problem.path}: ${problem.message}\n`);
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  if (errors > 0) return 2;
  io.stdout(`${path.relative(io.cwd, file) || file}: valid catalogue${problems.length > 0 ? ` (${problems.length} warnings)` : ''}\n`);
  return 0;
}
