/**
 * Markdown for R hovers and completion items: catalogue columns (through the shared catalogue docs),
 * derived columns (how they were computed), and frames (where they came from and what they hold).
 */
import type { CatalogueIndex } from '../../../catalogue/api';
import { columnDetail, columnMarkdown, tableMarkdown } from '../../../features/catalogueDocs';
import type { Frame, FrameColumn, FrameModel, Statistic, Step } from '../frames/model';

const STATISTIC_WORDS: Readonly<Record<Statistic['kind'], string>> = {
  count: 'a count',
  sum: 'a sum',
  mean: 'a mean',
  median: 'a median',
  percentile: 'a percentile',
  mode: 'a mode',
  min: 'a minimum',
  max: 'a maximum',
  range: 'a range',
  sd: 'a standard deviation',
  variance: 'a variance',
  proportion: 'a proportion',
  correlation: 'a correlation',
  list: 'a list of the values',
  other: 'a statistic',
};

export function statisticWords(statistic: Statistic): string {
  const of = statistic.ofNames.length > 0 ? ` of ${statistic.ofNames.map((n) => `\`${n}\``).join(', ')}` : ' of rows';
  const flags = [statistic.distinct ? 'distinct values' : '', statistic.weighted ? 'weighted' : ''].filter(Boolean);
  return `${STATISTIC_WORDS[statistic.kind]}${statistic.kind === 'count' && statistic.ofNames.length === 0 ? ' of rows' : of}${flags.length ? ` (${flags.join(', ')})` : ''}`;
}

/** One line for a completion item's detail. */
export function columnDetailLine(column: FrameColumn): string {
  const origin = column.origin;
  if (origin.kind === 'catalogue') return columnDetail(origin.match) || origin.match.table.title;
  if (origin.kind === 'derived') return origin.statistic ? `derived: ${statisticWords(origin.statistic)}` : 'derived column';
  return 'column';
}

/** Markdown for a column of a frame. */
export function columnHoverMarkdown(column: FrameColumn, frame: Frame | undefined): string {
  const origin = column.origin;
  if (origin.kind === 'catalogue') {
    const renamed = origin.match.name.toLowerCase() !== column.name.toLowerCase();
    const body = columnMarkdown(origin.match, origin.table ? { viewName: origin.table.viewName } : {});
    return renamed ? `**${column.name}** — renamed from \`${origin.match.name}\`\n\n---\n\n${body}` : body;
  }
  if (origin.kind === 'derived') {
    const lines = [`**${column.name}** — derived column${frame?.name ? ` of \`${frame.name}\`` : ''}`];
    if (origin.statistic) lines.push(`\n${capitalise(statisticWords(origin.statistic))}.`);
    lines.push('\n```' + (origin.via === 'SQL' ? 'sql' : 'r') + `\n${column.name} = ${origin.expression.trim()}\n` + '```');
    if (origin.rounding) lines.push(`\nRounded to a multiple of ${origin.rounding.base} (\`${origin.rounding.fn}\`).`);
    const others = origin.statistics.filter((s) => s !== origin.statistic);
    if (others.length > 0) lines.push(`\nComputes ${others.map(statisticWords).join('; ')}.`);
    if (origin.inputs.length > 0) lines.push(`\nFrom: ${origin.inputs.map((c) => `\`${c.name}\`${c.origin.kind === 'catalogue' ? ` (${c.origin.match.table.title})` : ''}`).join(', ')}`);
    return lines.join('\n');
  }
  return `**${column.name}** — ${origin.reason}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a frame's data comes from, following its steps back to their sources. */
export function frameSources(model: FrameModel, frame: Frame): string[] {
  const sources: string[] = [];
  const seen = new Set<number>();
  const visit = (step: Step | undefined): void => {
    if (!step || seen.has(step.id)) return;
    seen.add(step.id);
    if (step.kind === 'source') {
      const origin = step.origin;
      if (origin.kind === 'sql') sources.push(origin.tables.length > 0 ? origin.tables.map((t) => `\`${t.database}.${t.viewName}\``).join(', ') + ` (${step.fn})` : `a SQL query (${step.fn})`);
      else if (origin.kind === 'table') sources.push(`\`${origin.name}\` (${step.fn})`);
      else if (origin.kind === 'file') sources.push(origin.path ? `the file \`${origin.path}\`` : `a file (${step.fn})`);
      else sources.push(`${step.fn}()`);
      return;
    }
    for (const input of step.inputs) visit(model.steps[model.frames[input]?.step ?? -1]);
  };
  visit(model.steps[frame.step]);
  return sources;
}

/** A short description of a frame for messages: its variable and its sources. */
export function frameLabel(model: FrameModel, frame: Frame): string {
  const sources = frameSources(model, frame);
  const from = sources.length > 0 ? ` from ${sources.join(' and ')}` : '';
  return frame.name ? `'${frame.name}'${from}` : `the data${from}`;
}

/** Markdown for a variable that holds a frame. */
export function frameHoverMarkdown(model: FrameModel, frame: Frame, name: string): string {
  const kind = frame.frameClass === 'lazy' ? 'lazy table (dbplyr)' : frame.frameClass === 'unknown' ? 'data' : frame.frameClass;
  const lines = [`**${name}** — ${kind}, ${frame.grain === 'aggregate' ? 'aggregated' : frame.grain === 'record' ? 'record level' : 'grain not known'}`];
  const sources = frameSources(model, frame);
  if (sources.length > 0) lines.push(`\nFrom ${sources.join(' and ')}.`);
  if (frame.groups.length > 0) lines.push(`\nGrouped by ${frame.groups.map((g) => `\`${g}\``).join(', ')}.`);
  if (frame.certainty === 'open') lines.push(frame.columns.length > 0 ? '\nSome columns are not known here.' : '\nIts columns are not known here.');
  if (frame.columns.length > 0) {
    const shown = frame.columns.slice(0, 25);
    const rows = shown.map((c) => `| \`${c.name.replace(/\|/g, '\\|')}\` | ${columnDetailLine(c).replace(/\|/g, '\\|').slice(0, 80)} |`);
    const more = frame.columns.length > shown.length ? `\n\n_…and ${frame.columns.length - shown.length} more columns._` : '';
    lines.push(`\n**Columns** (${frame.columns.length})\n\n| Column | |\n|---|---|\n${rows.join('\n')}${more}`);
  }
  return lines.join('\n');
}

/** Markdown for a table named from R. */
export function tableHoverMarkdown(catalogue: CatalogueIndex, match: Parameters<CatalogueIndex['columnsOf']>[0], writtenAs: string): string {
  return tableMarkdown(match, { columns: catalogue.columnsOf(match), writtenAs });
}
