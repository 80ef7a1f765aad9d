/**
 * The `leo-lens` command-line entry point: a thin adapter that parses arguments, reads files and
 * prints; all analysis is the same core the language server uses.
 */
import { runCli } from './run';

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  scriptDirectory: __dirname,
}).then((code) => {
  process.exitCode = code;
});
