/**
 * Small helpers shared by several rules: iterating outputs with their frames, naming columns in messages,
 * and building the mechanical quick fixes that the model describes.
 */
import type { Fix } from '../../model/findings';
import type { Frame, GuardInsertion, Output, OutputKind, Span } from '../../dataflow/model';
import type { RuleContext } from './types';

export interface OutputWithFrame {
  readonly output: Output;
  readonly frame: Frame | undefined;
}

/** Outputs of the given kinds with their frames. */
export function outputsOf(context: RuleContext, kinds: readonly OutputKind[]): OutputWithFrame[] {
  return context.model.outputs
    .filter((output) => kinds.includes(output.kind))
    .map((output) => ({ output, frame: context.frame(output.frame) }));
}

/**
 * True for a query result that is not aggregated and not a peek at a few rows: in SRS work such a SELECT
 * extracts data into R, Stata or a temp table inside the SRS, and nothing leaves with it. Flagging
 * every extraction would bury the real listings and identifiers, so these are not treated as outputs.
 * A table the catalogue does not describe (a project's own `dbo` table) has no known grain, but a SELECT from
 * it without any aggregation is the same extraction.
 */
export function isRecordExtraction(output: Output, frame: { readonly grain?: string } | undefined): boolean {
  return output.kind === 'result' && frame !== undefined && frame.grain !== 'aggregate' && output.listing !== true;
}

/** A print or query result of record-level rows: the listing SDC002 reports. */
export function isRecordListing(output: Output, frame: { readonly grain?: string } | undefined): boolean {
  return (output.kind === 'print' || output.kind === 'result') && frame?.grain === 'record' && !isRecordExtraction(output, frame);
}

/** Outputs that show a table of values: files, printed results, query results and plots. */
export const TABLE_OUTPUTS: readonly OutputKind[] = ['export', 'print', 'result', 'plot'];

/** Describes an output for a message: "the file written by write.csv", "the result of this query". */
export function describeOutput(output: Output): string {
  switch (output.kind) {
    case 'export':
      return output.target ? `the file ${output.target} (${output.via})` : `the file written by ${output.via}`;
    case 'print':
      return `what ${output.via} prints`;
    case 'result':
      return 'the result of this query';
    case 'plot':
      return `the plot (${output.via})`;
    case 'graphic-file':
      return output.target ? `the graphic ${output.target}` : `the graphic saved by ${output.via}`;
    case 'model':
      return `the model fitted by ${output.via}`;
  }
}

/** Fills `{threshold}`, `{base}` and `{columns}` in an insertion template and makes it a fix. */
export function insertionFix(insertion: GuardInsertion | undefined, values: Record<string, string | number>): Fix | undefined {
  if (insertion === undefined) return undefined;
  const fill = (template: string): string => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
  return { title: fill(insertion.title), edits: [{ start: insertion.at, end: insertion.at, newText: fill(insertion.template) }], preferred: true };
}

/** Keeps one hit per location: the same statistic can reach several outputs. */
export function uniqueBySpan<T extends Span>(hits: readonly T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.start}:${hit.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Quotes names for a message: `a`, `b` and `c`. */
export function listNames(names: readonly string[]): string {
  const quoted = [...new Set(names)].map((n) => `\`${n}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
