/**
 * What the editor says about a frame column in Python: its catalogue entry when it comes from a catalogued view,
 * otherwise how the step that made it describes it; and a one-paragraph summary of a frame.
 */
import type { CatalogueIndex, ColumnMatch } from '../../../catalogue/api';
import type { Frame, FrameColumn } from '../../../dataflow/model';
import { columnDetail, columnMarkdown } from '../../../features/catalogueDocs';

/** The catalogue entry of a column read from one of the frame's catalogued sources. */
export function catalogueColumn(catalogue: CatalogueIndex, frame: Frame, column: FrameColumn): ColumnMatch | undefined {
  if (column.facts.basis !== 'catalogue' || column.statistic !== undefined) return undefined;
  const ids = new Set(frame.sources.map((s) => s.tableId).filter((id): id is string => id !== undefined));
  if (ids.size === 0) return undefined;
  let matches: readonly ColumnMatch[];
  try {
    matches = catalogue.findColumns(column.facts.knownAs ?? column.name);
  } catch {
    return undefined;
  }
  return matches.find((m) => ids.has(m.table.id));
}

export function columnHover(catalogue: CatalogueIndex, frame: Frame, column: FrameColumn): string {
  const match = catalogueColumn(catalogue, frame, column);
  if (match !== undefined) {
    const body = columnMarkdown(match);
    return match.name.toLowerCase() !== column.name.toLowerCase() ? `**${column.name}** — renamed from \`${match.name}\`\n\n---\n\n${body}` : body;
  }
  const lines = [`**${column.name}** — column${frame.name !== undefined ? ` of \`${frame.name}\`` : ''}`];
  if (column.statistic !== undefined) {
    const over = column.statistic.ofNames.length > 0 ? ` of ${column.statistic.ofNames.map((n) => `\`${n}\``).join(', ')}` : '';
    lines.push(`\nA ${column.statistic.kind}${over}${column.statistic.weighted ? ' (weighted)' : ''}.`);
  }
  if (column.rounding !== undefined) lines.push(column.rounding.trusted ? '\nRounded by a configured helper.' : `\nRounded to a multiple of ${column.rounding.base}.`);
  if (column.suppression !== undefined) lines.push(`\nSmall cells suppressed${column.suppression.threshold !== undefined ? ` below ${column.suppression.threshold}` : ''}.`);
  return lines.join('\n');
}

export function columnDetailLine(catalogue: CatalogueIndex, frame: Frame, column: FrameColumn): string {
  const match = catalogueColumn(catalogue, frame, column);
  if (match !== undefined) return columnDetail(match) || match.table.title;
  return column.statistic !== undefined ? `${column.statistic.kind}${column.statistic.ofNames.length > 0 ? ` of ${column.statistic.ofNames.join(', ')}` : ''}` : 'column';
}

export function frameHover(frame: Frame, name: string): string {
  const count = frame.columnsComplete ? `${frame.columns.length} columns` : frame.columns.length > 0 ? `${frame.columns.length}+ columns` : 'columns not known';
  const lines = [`**${name}** — data frame · ${count}${frame.grain === 'aggregate' ? ' · aggregated' : ''}`];
  const sources = [...new Set(frame.sources.map((s) => s.name))];
  if (sources.length > 0) lines.push(`\nFrom ${sources.map((s) => `\`${s}\``).join(', ')}.`);
  if (frame.columns.length > 0) {
    const shown = frame.columns.slice(0, 30).map((c) => `\`${c.name}\``).join(', ');
    lines.push(`\nColumns: ${shown}${frame.columns.length > 30 ? ', …' : ''}`);
  }
  return lines.join('\n');
}
