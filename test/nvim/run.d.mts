// Types for run.mjs, so the mocha test in TypeScript can import it under the strict compiler settings.
export interface NeovimCheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

/** The first line of `nvim --version`, or undefined when Neovim is not on the PATH. */
export function neovimVersion(): string | undefined;

/** Runs the Neovim LSP check against dist/server.js and returns one result per assertion. */
export function runNeovimChecks(options?: { timeoutMs?: number }): Promise<NeovimCheckResult[]>;
