/**
 * Every request handler runs through `runSafe`: an exception is logged and answered with the
 * request's empty result, and a cancelled request returns at once. A bug in one feature must never
 * take the server down or leave the editor waiting.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { ResponseError, LSPErrorCodes } from 'vscode-languageserver';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export function runSafe<T>(
  logger: Logger,
  name: string,
  token: CancellationToken | undefined,
  emptyResult: T,
  work: () => T,
): T | ResponseError<void> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = work();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (error) {
    logger.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return emptyResult;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}
