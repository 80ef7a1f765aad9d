/**
 * One call of a function the extractor understands: its arguments matched to the function's formals,
 * the value piped into it, and lazy, cached evaluation of each argument so that no argument is ever
 * evaluated twice (which would record its steps and references twice).
 */
import type { RNode } from '../parser/syntaxTree';
import { type ArgInfo, type CallInfo, dotsArguments, matchArguments } from '../syntax/calls';
import type { Evaluator } from './evaluator';
import type { Span } from './model';
import { UNKNOWN, type Value } from './values';


/** A value handed to `...`, with the node that wrote it. */
export interface DotEntry {
  readonly node: RNode | undefined;
  readonly name?: string;
  readonly value: Value;
}

/** The left side of a pipe, already evaluated. */
export interface Piped {
  readonly value: Value;
  readonly node: RNode;
}

export interface Handler {
  /** The formals in order; the piped value, when there is one, fills the first. */
  readonly formals: readonly string[];
  /** When set, a call qualified with another package (`stats::filter`) is not this function. */
  readonly packages?: readonly string[];
  run(call: Invocation): Value;
}

export class Invocation {
  readonly matched: Map<string, ArgInfo>;
  /** Arguments no formal claimed, in order. */
  readonly dots: readonly ArgInfo[];
  /** Each argument read so far: its value, or null when a handler read it its own way. */
  readonly #read = new Map<ArgInfo, Value | null>();

  constructor(
    readonly evaluator: Evaluator,
    readonly call: CallInfo,
    readonly formals: readonly string[],
    readonly piped: Piped | undefined,
  ) {
    const free = piped && formals[0] !== '...' ? formals.slice(1) : formals;
    this.matched = matchArguments(call.args, free);
    this.dots = dotsArguments(call.args, this.matched);
  }

  get node(): RNode {
    return this.call.node;
  }

  get span(): Span {
    return { start: this.call.node.start, end: this.call.node.end };
  }

  get fn(): string {
    return this.call.name;
  }

  /** The value of the first formal: the piped value, or the first argument. */
  input(): Value {
    if (this.piped) return this.piped.value;
    return this.value(this.formals[0]!);
  }

  /** The node that supplied the first formal. */
  inputNode(): RNode | undefined {
    return this.piped?.node ?? this.arg(this.formals[0]!)?.value;
  }

  arg(name: string): ArgInfo | undefined {
    return this.matched.get(name);
  }

  /** The evaluated value of a formal; UNKNOWN when it was not given. */
  value(name: string): Value {
    const arg = this.matched.get(name);
    return arg ? this.valueOf(arg) : UNKNOWN;
  }

  valueOf(arg: ArgInfo): Value {
    const cached = this.#read.get(arg);
    if (cached) return cached;
    const value = arg.value ? this.evaluator.evaluate(arg.value) : UNKNOWN;
    this.#read.set(arg, value);
    return value;
  }

  /** The piped value (for `...` functions such as `bind_rows`) followed by each dots argument's value. */
  dotValues(): Value[] {
    const values = this.dots.map((arg) => this.valueOf(arg));
    return this.piped && this.formals[0] === '...' ? [this.piped.value, ...values] : values;
  }

  /** Like dotValues, with the node and name of each. */
  dotEntries(): DotEntry[] {
    const entries: DotEntry[] = this.dots.map((arg) => ({ node: arg.value, ...(arg.name !== undefined ? { name: arg.name } : {}), value: this.valueOf(arg) }));
    return this.piped && this.formals[0] === '...' ? [{ node: this.piped.node, value: this.piped.value }, ...entries] : entries;
  }

  /** Marks an argument as read by the handler in its own way (data masking, tidyselect). */
  consume(arg: ArgInfo | undefined): void {
    if (arg && !this.#read.has(arg)) this.#read.set(arg, null);
  }

  /** Evaluates what the handler left alone, so references and SQL inside it are still seen. */
  finish(): void {
    for (const arg of this.call.args) {
      if (arg.value && !this.#read.has(arg)) {
        this.#read.set(arg, null);
        this.evaluator.evaluate(arg.value);
      }
    }
  }
}
