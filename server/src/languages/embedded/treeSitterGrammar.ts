/**
 * What every tree-sitter front end does the same way: load its grammar once on the shared runtime, set up one
 * parser with a time limit, and read the grammar's node type and field names into plain arrays.
 * The front ends differ only in how they copy a tree out of WebAssembly, so that stays with each of them.
 */
import * as fs from 'node:fs';
import Parser from 'web-tree-sitter';
import { initialiseTreeSitterRuntime } from './treeSitterRuntime';
import { locateWasm } from './wasmFiles';

/** Node type and field names by id, read once so that a tree copy never asks WebAssembly for strings. */
export interface NodeTables {
  readonly types: readonly string[];
  readonly named: readonly boolean[];
  readonly fields: readonly (string | undefined)[];
}

/** A grammar loaded on the shared runtime, with one parser set to it. */
export interface LoadedGrammar {
  readonly language: Parser.Language;
  readonly parser: Parser;
  readonly tables: NodeTables;
  /** Changes how long one parse may take; returns the old limit in milliseconds. */
  setTimeLimit(milliseconds: number): number;
}

/** Loads the runtime and the grammar in `wasmFile`, and returns a parser that gives up after `timeLimitMs`. */
export async function loadGrammar(wasmFile: string, timeLimitMs: number, directory?: string): Promise<LoadedGrammar> {
  await initialiseTreeSitterRuntime(directory);
  const language = await Parser.Language.load(fs.readFileSync(locateWasm(wasmFile, directory)));
  const parser = new Parser();
  parser.setLanguage(language);
  parser.setTimeoutMicros(timeLimitMs * 1000);
  return {
    language,
    parser,
    tables: nodeTables(language),
    setTimeLimit: (milliseconds: number): number => {
      const old = parser.getTimeoutMicros() / 1000;
      parser.setTimeoutMicros(Math.max(1, Math.round(milliseconds * 1000)));
      return old;
    },
  };
}

function nodeTables(language: Parser.Language): NodeTables {
  const types: string[] = [];
  const named: boolean[] = [];
  for (let id = 0; id < language.nodeTypeCount; id++) {
    types.push(language.nodeTypeForId(id) ?? '');
    named.push(language.nodeTypeIsNamed(id));
  }
  const fields: (string | undefined)[] = [undefined];
  for (let id = 1; id <= language.fieldCount; id++) fields.push(language.fieldNameForId(id) ?? undefined);
  return { types, named, fields };
}

/** A load shared by every caller: repeated calls wait on the same promise, and a failed load may be retried. */
export interface SharedLoad<T> {
  initialise(directory?: string): Promise<T>;
  /** The loaded value once `initialise` has finished, else undefined. */
  loaded(): T | undefined;
}

export function sharedLoad<T>(load: (directory?: string) => Promise<T>): SharedLoad<T> {
  let loading: Promise<T> | undefined;
  let value: T | undefined;
  return {
    initialise(directory?: string): Promise<T> {
      if (!loading) {
        loading = load(directory).then(
          (result) => (value = result),
          (error: unknown) => {
            loading = undefined;
            throw error;
          },
        );
      }
      return loading;
    },
    loaded: () => value,
  };
}
