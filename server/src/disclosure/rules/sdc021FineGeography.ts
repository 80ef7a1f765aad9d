/**
 * SDC021: fine geography or an institution crossed with a sensitive characteristic. Small areas and single
 * schools or providers have few pupils in any sensitive group, so cells are small, 100% cells are likely,
 * and DfE's conditions on institution-level outputs apply (P10; R1, R3, R18).
 */
import { isSensitive } from '../../dataflow/facts';
import { shownColumns } from '../../dataflow/lineage';
import type { FrameColumn } from '../../dataflow/model';
import { describeOutput, outputsOf, TABLE_OUTPUTS, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC021';

export const sdc021: Rule = {
  info: {
    code: CODE,
    name: 'fine-geography-sensitive',
    summary: 'A table breaks a sensitive characteristic down by fine geography (postcode, OA, LSOA, MSOA) or by institution.',
    help: 'Use a coarser geography (local authority, region) or groups of institutions, or drop the sensitive breakdown.',
    defaultSeverity: 'warning',
    statbarn: 'Frequencies',
    rationale: 'Small areas and single institutions crossed with FSM, SEN, ethnicity, benefits or earnings give small and 100% cells, and DfE data carries conditions on institution-level outputs (P10; R1, R3, R18).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const fine = new Set<string>(context.config.parameters.fineGeography);
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, TABLE_OUTPUTS)) {
      if (frame === undefined || frame.grain !== 'aggregate') continue;
      const place = frame.groupKeys.find((k) => (k.facts.geography !== undefined && fine.has(k.facts.geography)) || k.facts.identifier === 'institution');
      if (place === undefined) continue;
      const sensitive = frame.groupKeys.find((k) => k !== place && isSensitive(k.facts))
        ?? shownColumns(output, frame).find((c) => c.statistic !== undefined && isSensitive(c.statistic.of));
      if (sensitive === undefined) continue;
      const span = place.span ?? output.span;
      hits.push({
        start: span.start,
        end: span.end,
        message: `This breaks ${sensitiveName(sensitive)} down by ${placeName(place)} and reaches ${describeOutput(output)}: cells for single areas or institutions are small and can be 100%. Use a coarser geography or groups of institutions. ${justifyHint(CODE)}`,
      });
    }
    return uniqueBySpan(hits);
  },
};

function placeName(column: FrameColumn): string {
  if (column.facts.identifier === 'institution') return `institution (\`${column.name}\`)`;
  return `${column.facts.geography} (\`${column.name}\`)`;
}

function sensitiveName(column: FrameColumn): string {
  const names = column.statistic?.ofNames ?? [];
  return `\`${names.length > 0 ? names.join('`, `') : column.name}\``;
}
