/**
 * A map of the script's variables that remembers every write in order, so that a checkpoint is only the length
 * of the log. Copying the whole map at every checkpoint made a long script's walk quadratic: a script of
 * 10,000 lines has thousands of variables and a checkpoint every 64 statements.
 *
 * Both walks of an R script (the frame evaluation and the dataflow pass) keep their globals in one of these.
 */
export class LoggedMap<V> extends Map<string, V> {
  /** Every write so far: a name with its new value, or with `undefined` when it was deleted. */
  readonly #log: [string, V | undefined][] = [];

  override set(name: string, value: V): this {
    super.set(name, value);
    // The constructor of Map calls `set` for its initial entries before the log exists; none are passed here.
    this.#log.push([name, value]);
    return this;
  }

  override delete(name: string): boolean {
    this.#log.push([name, undefined]);
    return super.delete(name);
  }

  override clear(): void {
    for (const name of this.keys()) this.#log.push([name, undefined]);
    super.clear();
  }

  /** How many writes have been made: what a checkpoint notes. */
  mark(): number {
    return this.#log.length;
  }

  /**
   * Makes this (empty) map what `previous` was after its first `mark` writes, with those writes as its own log,
   * so that checkpoints noted later in this map's life stay comparable with the previous map's.
   */
  restore(previous: LoggedMap<V>, mark: number): void {
    const log = previous.#log;
    for (let i = 0; i < mark; i++) {
      const [name, value] = log[i]!;
      if (value === undefined) this.delete(name);
      else this.set(name, value);
    }
  }
}
