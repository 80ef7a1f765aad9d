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

/** The notebook type of Jupyter notebooks in VS Code, whose cells the server takes. */
export const JUPYTER_NOTEBOOK_TYPE = 'jupyter-notebook';

/** The cell languages LEO Lens analyses in a notebook: Python, R (an R kernel's cells), and T-SQL in cells set to SQL. */
export const NOTEBOOK_CELL_LANGUAGES: readonly string[] = ['python', 'r', 'sql'];

/**
 * Cells the server is sent but does not analyse. They are synced only so that the server sees every cell, and a
 * message that names a cell ("cell 4, line 2") counts cells as the notebook does.
 */
export const NOTEBOOK_OTHER_CELL_LANGUAGES: readonly string[] = ['markdown', 'raw'];
