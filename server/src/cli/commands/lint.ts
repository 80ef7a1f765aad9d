/** `leo-lens lint [paths...]`. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../model/findings';
import { NOT_CHECKED_CODE } from '../../model/notChecked';
import { collectTargets, loadCliWorkspace } from '../cliWorkspace';
import { formatJson } from '../formats/json';
import { formatSarif } from '../formats/sarif';
import { formatText } from '../formats/text';
import { oneOf, parseOptions, type CliIo } from '../io';
import { failsAt, lintFiles } from '../lint';

export function runLint(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string' },
    config: { type: 'string' },
    catalogue: { type: 'string', multiple: true },
    'fail-on': { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
  const failOn = oneOf<Severity | 'none'>('fail-on', values['fail-on'], ['error', 'warning', 'info', 'none'], 'warning');
  const workspace = loadCliWorkspace(io, { config: values.config, catalogues: values.catalogue });
  if (!workspace) return 2;

  const files = collectTargets(io, workspace, positionals);
  if (!files) return 2;
  const result = lintFiles(files, workspace.environment);
  const relative = (file: string) => path.relative(io.cwd, file).split(path.sep).join('/') || path.basename(file);
  if (values.verbose === true) reportUnchecked(io, result, relative);
  if (format === 'json') io.stdout(formatJson(result, workspace.catalogue, relative));
  else if (format === 'sarif') io.stdout(formatSarif(result, (file) => relativeUri(io.cwd, file)));
  else io.stdout(formatText(result, relative));
  return failsAt(result, failOn) ? 1 : 0;
}

/** With `--verbose`, every part of a file that was not checked (LEO000) is also written to stderr. */
function reportUnchecked(io: CliIo, result: ReturnType<typeof lintFiles>, relative: (file: string) => string): void {
  for (const file of result.files) {
    for (const d of file.diagnostics) if (d.code === NOT_CHECKED_CODE) io.stderr(`leo-lens: ${relative(file.path)}:${d.line}:${d.column}: ${d.message}\n`);
  }
}

/** SARIF prefers relative URIs for files under the run's folder, so results survive a checkout move. */
function relativeUri(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).map(encodeURIComponent).join('/');
  return pathToFileURL(file).href;
}
