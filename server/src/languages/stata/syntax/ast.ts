/**
 * The shape of a parsed Stata command. Every part is a range of token indexes into the command's tokens
 * (`from` inclusive, `to` exclusive), so that each stage reads the same tokens in offsets of the text.
 */
import type { Token } from './lexer';

export interface Range {
  readonly from: number;
  readonly to: number;
}

export type Prefix =
  | { readonly kind: 'by'; readonly vars: Range; readonly sortVars?: Range; readonly sort: boolean; readonly start: number; readonly end: number }
  | {
    readonly kind: 'quietly' | 'noisily' | 'capture' | 'xi' | 'svy' | 'frame' | 'eststo' | 'estpost' | 'other';
    readonly name?: string;
    readonly start: number;
    readonly end: number;
    /** For a prefix that ends at a colon, what comes before it: `statsby mean = r(mean), by(la) clear:`. */
    readonly args?: Range;
    readonly options?: readonly OptionNode[];
  };

export interface OptionNode {
  /** The option's name token. */
  readonly name: Token;
  /** The tokens inside its parentheses, when it has them. */
  readonly args?: Range;
  readonly start: number;
  readonly end: number;
}

export type WeightKind = 'fweight' | 'aweight' | 'pweight' | 'iweight' | 'weight';

export interface WeightNode {
  readonly kind: WeightKind;
  readonly exp: Range;
  readonly start: number;
  readonly end: number;
}

export interface Command {
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly Token[];
  readonly prefixes: readonly Prefix[];
  /** Index of the command's name token, when it has one. */
  readonly nameIndex?: number;
  /** The command's full name (`generate` for `gen`), lower case; empty when there is none. */
  readonly name: string;
  /** The second word of two-word commands (`odbc load`, `graph export`, `label define`), lower case. */
  readonly sub?: string;
  /** Arguments between the name (and sub-command) and the first of if, in, using, a weight or the comma. */
  readonly args: Range;
  /** The `= exp` of generate, replace, egen, local and the like: the index of `=`, when there is one in the arguments. */
  readonly equals?: number;
  readonly ifExp?: Range;
  readonly inRange?: Range;
  readonly using?: Range;
  readonly weight?: WeightNode;
  readonly options: readonly OptionNode[];
  /** Index of the comma that opens the options. */
  readonly comma?: number;
  /** True when the command opens a block with `{` at its end. */
  readonly opensBlock: boolean;
  /** True for a lone `}` (that may be followed by `else {`). */
  readonly closesBlock: boolean;
}

/** A command and, for one that opens a block, the statements of the block. */
export interface Statement {
  readonly command: Command;
  readonly body?: readonly Statement[];
  /** For `program define name … end`: the program's statements. */
  readonly program?: string;
}
