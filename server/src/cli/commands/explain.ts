/** `leo-lens explain <name>`: the catalogue entry for a table or column name. */
import { explain, formatExplainText } from '../../catalogue';
import { loadCliWorkspace } from '../cliWorkspace';
import { oneOf, parseOptions, UsageError, type CliIo } from '../io';

export function runExplain(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseOptions(args, {
    format: { type: 'string' },
    catalogue: { type: 'string', multiple: true },
    config: { type: 'string' },
  });
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one name (quote names that contain spaces or quotes)');
  const workspace = loadCliWorkspace(io, { config: values.config, catalogues: values.catalogue });
  if (!workspace) return 2;
  const result = explain(workspace.catalogue, positionals[0]!);
  io.stdout(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatExplainText(result));
  return result.found ? 0 : 1;
}
