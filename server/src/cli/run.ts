/**
 * Command dispatch for the CLI. Exit codes: 0 success, 1 findings at or above `--fail-on`,
 * 2 usage, configuration or catalogue errors (with a message on stderr).
 */
import { initialiseLanguages } from '../languages/registry';
import { VERSION } from '../version';
import { runCatalogueCommand } from './commands/catalogue';
import { runExplain } from './commands/explain';
import { runLint } from './commands/lint';
import { runReport } from './commands/report';
import { UsageError, type CliIo } from './io';

export const USAGE = `leo-lens ${VERSION}: catalogue-aware checks for LEO analysis code (T-SQL, R, Python, Stata).

Usage:
  leo-lens lint [paths...] [--format text|json|sarif] [--config FILE] [--catalogue FILE]...
                [--fail-on error|warning|info|none] [--verbose]
  leo-lens report [paths...] --out report.md|report.html [--config FILE] [--catalogue FILE]...
                [--fail-on error|warning|info|none]
  leo-lens explain <name> [--format text|json] [--catalogue FILE]...
  leo-lens catalogue stats [--format text|json] [--catalogue FILE]...
  leo-lens catalogue validate <file>
  leo-lens catalogue from-request-form <form.xlsx> [--out project.leo-catalogue.json] [--format text|json]
  leo-lens --help | --version

Commands:
  lint       Check .sql, .R, .py and .do files (folders are searched recursively).
             Exit 0 when nothing is at or above --fail-on (default: warning), 1 when something is,
             2 for usage, configuration or catalogue errors.
  report     Write the document for an output request: every file checked with its SHA-256, the
             catalogue and disclosure profile used, each finding with its fix, each allowance with
             its reason, and the checklist of rules. Exit 0 unless --fail-on (default: none) is met.
  explain    Show the catalogue entry for a table or column name, in any form seen in real code
             (fsmeligible_spr19, 'LEO_i2."<project number>".leo_earnings', [NPD].[2002237].[Spring_Census_2011]).
  catalogue  Counts of the catalogue in use, validate a catalogue file, or read a project's filled-in
             variable request form into its extract (name it in .leo-lens.json as "extract").

Options:
  --format      Output format (lint: text, json or sarif; explain and stats: text or json).
  --config      The project configuration file (default: .leo-lens.json in the current folder or above).
  --catalogue   An extra catalogue file merged over the bundled one; may be repeated.
  --fail-on     The lowest severity that makes lint exit 1.
`;

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    await initialiseLanguages((language, error) => io.stderr(`leo-lens: the ${language} analysis is unavailable: ${String(error)}\n`));
    switch (command) {
      case 'lint':
        return runLint(rest, io);
      case 'explain':
        return runExplain(rest, io);
      case 'catalogue':
        return await runCatalogueCommand(rest, io);
      case 'report':
        return runReport(rest, io);
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`leo-lens: ${error.message}\nRun 'leo-lens --help' for usage.\n`);
      return 2;
    }
    io.stderr(`leo-lens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
