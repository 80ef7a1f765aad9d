/**
 * One line that says what went wrong, for notes shown to users and logs: the error's name and message and the
 * first frame of its stack, never the whole stack.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim();
  return frame !== undefined ? `${error.name}: ${error.message} (${frame})` : `${error.name}: ${error.message}`;
}
