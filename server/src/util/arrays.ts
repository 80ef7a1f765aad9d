/**
 * Appends the first `count` items of `source` (all of them by default) one by one. Spreading a long list into
 * `push` passes each item as an argument, and a list of some hundred thousand items overflows the stack.
 */
export function pushAll<T>(target: T[], source: readonly T[], count = source.length): void {
  const end = Math.min(count, source.length);
  for (let i = 0; i < end; i++) target.push(source[i]!);
}
