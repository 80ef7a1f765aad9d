/**
 * `leo-lens report [paths] --out report.md|report.html`: the document for an output request, with
 * every file checked and its SHA-256, the catalogue and profile, each finding and each allowance.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderReportHtml, renderReportMarkdown } from '../../disclosure/report';
import type { Severity } from '../../model/findings';
import { checkFiles } from '../../workspace/checkFiles';
import { buildReportInput } from '../../workspace/reportInput';
import { collectTargets, loadCliWorkspace } from '../cliWorkspace';
import { oneOf, parseOptions, UsageError, type CliIo } from '../io';
import { failsAt, toLintResult } from '../lint';

export function runReport(args: readonly string[], io: CliIo, now: () => Date = () => new Date()): number {
  const { values, positionals } = parseOptions(args, {
    out: { type: 'string' },
    config: { type: 'string' },
    catalogue: { type: 'string', multiple: true },
    'fail-on': { type: 'string' },
  });
  if (!values.out) throw new UsageError('report needs --out FILE (ending in .md or .html)');
  const extension = path.extname(values.out).toLowerCase();
  if (extension !== '.md' && extension !== '.html' && extension !== '.htm') {
    throw new UsageError(`--out must end in .md or .html (got '${values.out}')`);
  }
  const failOn = oneOf<Severity | 'none'>('fail-on', values['fail-on'], ['error', 'warning', 'info', 'none'], 'none');
  const workspace = loadCliWorkspace(io, { config: values.config, catalogues: values.catalogue });
  if (!workspace) return 2;

  const files = collectTargets(io, workspace, positionals);
  if (!files) return 2;
  const checked = checkFiles(files, workspace.environment);
  const input = buildReportInput(checked, io.cwd, workspace.catalogue, workspace.environment.disclosure, now());
  const output = path.resolve(io.cwd, values.out);
  try {
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, extension === '.md' ? renderReportMarkdown(input) : renderReportHtml(input));
  } catch (error) {
    io.stderr(`leo-lens: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const result = toLintResult(checked);
  const { errors, warnings, infos } = result.summary;
  const allowances = checked.reduce((sum, file) => sum + file.allowances.length, 0);
  io.stdout(
    `Wrote ${path.relative(io.cwd, output) || output}: ${checked.length} files, ${errors + warnings + infos} findings (${errors} errors, ${warnings} warnings, ${infos} info), ${allowances} allowances.\n`,
  );
  return failsAt(result, failOn) ? 1 : 0;
}
