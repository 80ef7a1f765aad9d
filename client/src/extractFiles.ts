/**
 * The file work behind "LEO Lens: Import variable request form", kept apart from the editor API so that it can be
 * tested in plain Node: running the CLI's conversion, and naming the extract in `.leo-lens.json`.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';

export const CONFIG_FILE = '.leo-lens.json';

/** Sets `extract` in the config file, keeping every other key; a file that is not valid JSON is left alone. */
export function setExtract(configPath: string, relative: string): true | string {
  let config: Record<string, unknown> = {};
  if (fs.existsSync(configPath)) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(configPath, 'utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return `${CONFIG_FILE} is not a JSON object; add "extract": "${relative}" by hand.`;
      config = parsed as Record<string, unknown>;
    } catch {
      return `${CONFIG_FILE} is not valid JSON; fix it, then add "extract": "${relative}".`;
    }
  }
  config['extract'] = relative;
  fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return true;
}

export function runCli(cli: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // In the extension host the executable is VS Code's own; ELECTRON_RUN_AS_NODE makes it run the script as
    // plain Node, as vscode-languageclient does when it forks the server.
    const child = fork(cli, [...args], { silent: true, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ code: 2, stdout, stderr: stderr + String(error) }));
    child.on('exit', (code) => resolve({ code: code ?? 2, stdout, stderr }));
  });
}

export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'no message';
}
