/**
 * Hover on a variable: where it was made or loaded, what the catalogue says about it, and the dataset it
 * belongs to; inside embedded SQL, the SQL front end's hover.
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import { columnMarkdown } from '../../../features/catalogueDocs';
import type { DefinitionTarget, HoverResult } from '../../types';
import type { Dataset, Variable } from '../dataset/dataset';
import { type StataAnalysisData, siteAt } from './data';

export function variableMarkdown(variable: Variable, dataset: Dataset, catalogue?: CatalogueIndex): string {
  const lines = [`**${variable.name}** · Stata variable`, `Made by ${variable.origin}; in ${dataset.label}.`];
  const column = variable.column;
  if (column.statistic !== undefined) lines.push(`Holds a ${column.statistic.kind}${column.statistic.ofNames.length > 0 ? ` of ${column.statistic.ofNames.join(', ')}` : ''}.`);
  if (column.rounding !== undefined) lines.push(`Rounded to the nearest ${column.rounding.base}.`);
  if (column.suppression !== undefined) lines.push(`Small cells blanked${column.suppression.threshold !== undefined ? ` below ${column.suppression.threshold}` : ''}.`);
  const known = column.facts.basis === 'catalogue' ? column.facts.knownAs : undefined;
  if (catalogue !== undefined && known !== undefined) {
    let match;
    try {
      match = catalogue.findColumns(known)[0];
    } catch {
      match = undefined;
    }
    if (match !== undefined) lines.push('', '---', '', columnMarkdown(match));
  }
  return lines.join('\n\n');
}

export function hover(data: StataAnalysisData, offset: number): HoverResult | undefined {
  for (const query of data.embedded) {
    if (offset >= query.start && offset <= query.end) return query.analysis.hover(offset);
  }
  const site = siteAt(data.sites, offset);
  if (site?.variable === undefined) return undefined;
  return { markdown: variableMarkdown(site.variable, site.dataset, data.catalogue), start: site.start, end: site.end };
}

export function definition(data: StataAnalysisData, offset: number): readonly DefinitionTarget[] {
  for (const query of data.embedded) {
    if (offset >= query.start && offset <= query.end) return query.analysis.definition(offset);
  }
  const site = siteAt(data.sites, offset);
  const defined = site?.variable?.defined;
  if (defined === undefined) return [];
  return [{ kind: 'document', start: defined.start, end: defined.end }];
}
