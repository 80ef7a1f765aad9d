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
