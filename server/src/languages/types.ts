/**
 * The contract between the language front ends (T-SQL, R, Python, Stata) and the rest of the core.
 * A front end turns a document's text into a DocumentAnalysis; features and the CLI ask that object questions.
 * Everything works in offsets of the analysed text.
 */
import type { CatalogueIndex } from '../catalogue/api';
import type { DataflowModel } from '../dataflow/model';
import type { Allowance } from '../disclosure/allow';
import type { ResolvedDisclosureConfig } from '../disclosure/config';
import type { Finding, Severity } from '../model/findings';

export type LanguageId = 'sql' | 'r' | 'python' | 'stata';

/** Everything an analysis may read besides the text. Passed explicitly, never kept in globals. */
export interface AnalysisContext {
  readonly catalogue: CatalogueIndex;
  /** Per-code severity overrides; `off` silences a code. */
  readonly severityOverrides: Readonly<Record<string, Severity | 'off'>>;
  /**
   * The disclosure options that shape the dataflow model (which names are identifiers, which helpers suppress
   * or round). When absent, the default profile's are used.
   */
  readonly disclosure?: ResolvedDisclosureConfig;
}

export type CompletionKind =
  | 'database' | 'schema' | 'table' | 'column' | 'alias' | 'keyword'
  | 'value' | 'snippet' | 'function';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  /** One short line shown beside the label (type, table). */
  readonly detail?: string;
  /** A short, less prominent text after the label (LSP `labelDetails.description`), such as why an item sorts last. */
  readonly labelDescription?: string;
  /** Markdown documentation; omit it and set `resolveKey` to have it computed lazily. */
  readonly documentation?: string;
  /** Opaque key that `resolveDocumentation` turns into markdown when the item is focused. */
  readonly resolveKey?: string;
  readonly insertText?: string;
  /** True when insertText is a snippet with `${1:…}` placeholders. */
  readonly isSnippet?: boolean;
  readonly sortText?: string;
  readonly filterText?: string;
  /** The range the item replaces, in offsets; defaults to the word at the cursor. */
  readonly replaceStart?: number;
  readonly replaceEnd?: number;
}

export interface CompletionResult {
  readonly items: readonly CompletionEntry[];
  readonly isIncomplete: boolean;
}

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

/** Where go-to-definition leads: a place in the same text, or an entry of the catalogue. */
export type DefinitionTarget =
  | { readonly kind: 'document'; readonly start: number; readonly end: number }
  | { readonly kind: 'catalogue'; readonly table: string; readonly column?: string };

export type SymbolKind = 'statement' | 'cte' | 'temp-table' | 'batch' | 'variable' | 'frame';

export interface DocumentSymbolInfo {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly detail?: string;
  readonly start: number;
  readonly end: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children?: readonly DocumentSymbolInfo[];
}

export interface FoldingInfo {
  readonly start: number;
  readonly end: number;
  readonly kind?: 'comment' | 'region';
}

/** The result of analysing one document version: computed once, then queried by every feature. */
export interface DocumentAnalysis {
  readonly language: LanguageId;
  /** Reference diagnostics (LEO1xx) and other findings of the front end, severities already applied. */
  readonly findings: readonly Finding[];
  /** The `leo-lens: allow` comments honoured in the document, with their reasons (added by the service). */
  readonly allowances?: readonly Allowance[];
  /**
   * The document's dataflow model: the relations it reads and makes, with column provenance, the steps, guards
   * and outputs, in offsets of the text. Built from the same parse as everything else, on first call (diagnostics
   * and lint ask for it; completion and hover never do), and kept. The disclosure rules read nothing else.
   * Never throws: a front end that cannot model part of the text leaves it out and says so in `incomplete`.
   */
  dataflow(): DataflowModel;
  complete(offset: number): CompletionResult;
  resolveDocumentation(resolveKey: string): string | undefined;
  hover(offset: number): HoverResult | undefined;
  definition(offset: number): readonly DefinitionTarget[];
  symbols(): readonly DocumentSymbolInfo[];
  folding(): readonly FoldingInfo[];
}

export interface LanguageSupport {
  readonly id: LanguageId;
  /**
   * One-time asynchronous set-up (loading a WebAssembly grammar, say). The server and the CLI await
   * it before the first analysis; `analyse` may assume it has finished.
   */
  initialise?(): Promise<void>;
  /**
   * Analyse a document. `previous` is the analysis of an earlier version of the same document,
   * which a front end may use to reuse work on unchanged parts (statements, batches).
   * Never throws.
   */
  analyse(text: string, context: AnalysisContext, previous?: DocumentAnalysis): DocumentAnalysis;
}
