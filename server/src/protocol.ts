/**
 * Custom messages between the LEO Lens client and server, defined once for both sides.
 * Only plain types here: the client imports this file too.
 */

/** Sent by the server whenever the catalogue or the count of findings changes. */
export const STATUS_NOTIFICATION = 'leoLens/status';

export interface StatusParams {
  readonly catalogue?: { readonly id: string; readonly name: string; readonly version: string };
  /** Findings over all open documents, by severity. */
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Problems with the catalogue or config files, one line each. */
  readonly problems: readonly string[];
}

/** Asks the server to check every file of the workspace and write the output-request report. */
export const CHECK_WORKSPACE_REQUEST = 'leoLens/checkWorkspace';

export interface CheckWorkspaceResult {
  /** The report files written (markdown first, then HTML), absolute paths. */
  readonly reportFiles: readonly string[];
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly allowances: number;
  /** Set when the check could not run (no workspace folder, no catalogue). */
  readonly error?: string;
}
