/**
 * Shrinks a failing input while it still fails the same way: first by deleting ever smaller runs of
 * lines (as delta debugging does), then runs of characters. Bounded by time, since each attempt at a
 * hang costs the whole time limit.
 */

export type StillFails = (text: string) => Promise<boolean>;

async function shrinkUnits(units: string[], join: string, stillFails: StillFails, deadline: number): Promise<string[]> {
  let current = units;
  let chunks = 2;
  while (current.length > 1 && performance.now() < deadline) {
    const size = Math.ceil(current.length / chunks);
    let removedAny = false;
    for (let start = 0; start < current.length && performance.now() < deadline; start += size) {
      const candidate = [...current.slice(0, start), ...current.slice(start + size)];
      if (candidate.length > 0 && (await stillFails(candidate.join(join)))) {
        current = candidate;
        removedAny = true;
        // Try the same place again: the next run of units has moved into it.
        start -= size;
      }
    }
    if (!removedAny) {
      if (size === 1) break;
      chunks = Math.min(current.length, chunks * 2);
    } else {
      chunks = Math.max(2, Math.min(chunks, current.length));
    }
  }
  return current;
}

export async function shrink(text: string, stillFails: StillFails, budgetMs: number): Promise<string> {
  const deadline = performance.now() + budgetMs;
  const lines = text.split(/(?<=\n)/);
  const fewerLines = (await shrinkUnits(lines, '', stillFails, deadline)).join('');
  const characters = [...fewerLines];
  return (await shrinkUnits(characters, '', stillFails, deadline)).join('');
}
