/**
 * SDC003: an identifier kept in an output. Person and record keys, identification risk 1–3 fields and
 * postcodes make an output linkable back to individuals; they never belong in an output.
 */
import type { Fix } from '../../model/findings';
import { isDirectIdentifier } from '../../dataflow/facts';
import type { FrameColumn } from '../../dataflow/model';
import { describeOutput, isRecordExtraction, outputsOf, uniqueBySpan } from './helpers';
import { shownColumns } from '../../dataflow/lineage';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC003';

export const sdc003: Rule = {
  info: {
    code: CODE,
    name: 'identifier-in-output',
    summary: 'An identifier (a person or record key, an identification-risk 1–3 field, a postcode) is kept in an output.',
    help: 'Drop the identifier from what is written, printed or returned; count distinct units instead of listing them.',
    defaultSeverity: 'warning',
    statbarn: 'none',
    rationale: 'Outputs and code must carry no identifiers (R16, R17; ABS: "no counts or IDs in the files"). DfE rates pseudonymised keys such as PupilMatchingRefAnonymous as identification risk 3.',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, ['export', 'print', 'result'])) {
      if (isRecordExtraction(output, frame)) continue;
      for (const column of shownColumns(output, frame)) {
        // A statistic of keys is no key, except a listing of them (`STRING_AGG(edukey, ',')`), which shows every one.
        const listed = column.statistic?.kind === 'list' && isDirectIdentifier(column.statistic.of);
        if (!listed && (column.statistic !== undefined || !isDirectIdentifier(column.facts))) continue;
        // Point at the column where the output selects it; a column chosen in another statement points at the output.
        const inside = column.span !== undefined && column.span.start >= output.span.start && column.span.end <= output.span.end;
        const span = inside ? column.span! : output.span;
        const fixes = dropFixes(column, output.dropColumn);
        hits.push({
          start: span.start,
          end: span.end,
          message: `\`${column.name}\` is ${describeIdentifier(column)} and reaches ${describeOutput(output)}. Drop it from the output; to count people, use a distinct count instead of listing keys. ${justifyHint(CODE)}`,
          ...(fixes.length > 0 ? { fixes } : {}),
        });
      }
    }
    return uniqueBySpan(hits);
  },
};

function describeIdentifier(column: FrameColumn): string {
  if (column.statistic?.kind === 'list') return `a list of ${describeFacts(column.statistic.of).replace(/^an? /, '')} values`;
  return describeFacts(column.facts);
}

function describeFacts(facts: FrameColumn['facts']): string {
  if (facts.geography === 'postcode') return 'a postcode';
  if (facts.identifier === 'record') return 'a record identifier';
  if (facts.identifier === 'person') return 'a person identifier';
  return `an identifying field (identification risk ${facts.identificationRisk ?? '1–3'})`;
}

function dropFixes(column: FrameColumn, drop: { start: number; end: number; template: string } | undefined): Fix[] {
  if (column.removal !== undefined && column.removal.length > 0) {
    return [{ title: `Drop ${column.name} from the output`, edits: column.removal, preferred: true }];
  }
  if (drop !== undefined) {
    return [{ title: `Drop ${column.name} from the output`, edits: [{ start: drop.start, end: drop.end, newText: drop.template.replace('{column}', column.name) }], preferred: true }];
  }
  return [];
}
