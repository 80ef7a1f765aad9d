/**
 * Turns a worker's result into failures, and gives each failure a signature so that a thousand inputs
 * failing the same way count as one problem, saved a few times rather than a thousand.
 */
import type { FuzzInput } from './inputs';
import type { RunResult } from './workerHost';

export type FailureKind = 'crash' | 'hang' | 'mismatch' | 'swallowed';

export interface Failure {
  readonly kind: FailureKind;
  /** The call that failed: `analyse`, `findings`, `complete@120`, … */
  readonly step: string;
  readonly message: string;
  readonly stack?: string;
  readonly signature: string;
}

/** Numbers (offsets, counts, line and column numbers) vary between inputs failing the same way. */
function withoutNumbers(text: string): string {
  return text.replace(/\d+/g, 'N');
}

/** The innermost frame in the repository's own code, without its line and column: where it went wrong. */
export function ownFrame(stack: string): string | undefined {
  const frames = stack.split('\n').filter((line) => line.trimStart().startsWith('at '));
  const own = frames.find((line) => /server[\\/]src/.test(line)) ?? frames[0];
  if (own === undefined) return undefined;
  return own
    .trim()
    .replace(/^at /, '')
    .replace(/:\d+:\d+\)?$/, (match) => (match.endsWith(')') ? ')' : ''))
    .replace(/\(.*?(server[\\/]src[\\/])/, '($1');
}

export function stepKind(step: string): string {
  return withoutNumbers(step.replace(/@\d+$/, '').replace(/ at N$/, ''));
}

export function failuresOf(input: FuzzInput, result: RunResult): Failure[] {
  if (result.kind === 'crash') {
    const frame = ownFrame(result.stack);
    const signature = `crash ${input.language} ${withoutNumbers(result.message.split('\n')[0]!)}${frame ? ` at ${frame}` : ''}`;
    return [{ kind: 'crash', step: result.step, message: result.message, stack: result.stack, signature }];
  }
  if (result.kind === 'hang') {
    const message = `no answer within the time limit (${Math.round(result.milliseconds)} ms) in step ${result.step}`;
    return [{ kind: 'hang', step: result.step, message, signature: `hang ${input.language} ${stepKind(result.step)}` }];
  }
  const failures: Failure[] = result.outcome.swallowed.map((message) => ({
    kind: 'swallowed' as const,
    step: 'findings',
    message,
    signature: `swallowed ${input.language} ${withoutNumbers(message.replace(/\(\/.*?(server[\\/]src)/, '($1'))}`,
  }));
  if (result.outcome.mismatch !== undefined) {
    failures.push({ kind: 'mismatch', step: 'incremental', message: result.outcome.mismatch, signature: `mismatch ${input.language}` });
  }
  return failures;
}
