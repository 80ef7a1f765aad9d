/** Runs the built CLI (`dist/cli.js`) as a child process, as a user or a CI job would. */
import { spawnSync } from 'node:child_process';
import { DIST_CLI } from './paths';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBuiltCli(args: readonly string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [DIST_CLI, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
