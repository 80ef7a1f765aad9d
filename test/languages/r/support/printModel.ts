/**
 * Prints the frame model of an R script as readable text, for golden files: frames with their columns
 * and where each came from, steps, column references and bindings. Positions are line:column (1-based).
 */
import type { ColumnOrigin, Frame, FrameColumn, FrameModel, Span, Statistic, Step } from '../../../../server/src/languages/r/frames/model';
import { LineIndex } from '../../../../server/src/util/lineIndex';

export function printModel(text: string, model: FrameModel): string {
  const lines = new LineIndex(text);
  const at = (offset: number): string => {
    const p = lines.positionAt(offset);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const span = (s: Span): string => `${at(s.start)}-${at(s.end)}`;
  const out: string[] = [];
  out.push('frames');
  for (const frame of model.frames) {
    out.push(`  #${frame.id}${frame.name ? ` ${frame.name}` : ''} ${frame.frameClass} ${frame.certainty} ${frame.grain}${frame.groups.length ? ` groups(${frame.groups.join(', ')})` : ''} from step ${frame.step}`);
    // Whole catalogue views have a hundred columns; a few show where they came from.
    const shown = frame.columns.length > 12 ? frame.columns.slice(0, 4) : frame.columns;
    for (const column of shown) out.push(`    ${column.name}${column.exactCase ? '' : ' (any case)'}: ${origin(column.origin)} @${span(column.definedAt)}`);
    if (shown.length < frame.columns.length) out.push(`    … and ${frame.columns.length - shown.length} more`);
  }
  out.push('steps');
  for (const step of model.steps) out.push(`  ${stepLine(step, span)}`);
  out.push('references');
  for (const r of model.references) out.push(`  ${span(r)} ${r.name} on #${r.frame} ${r.role} ${r.status}`);
  out.push('bindings');
  for (const b of model.bindings) out.push(`  ${b.name} = ${b.frame !== undefined ? `#${b.frame}` : 'value'} from ${at(b.from)}`);
  return out.join('\n') + '\n';
}

function origin(o: ColumnOrigin): string {
  switch (o.kind) {
    case 'catalogue':
      return `catalogue ${o.match.table.id}.${o.match.column.name}${o.table ? ` in ${o.table.viewName}` : ''}`;
    case 'derived': {
      const parts = [`derived by ${o.via}: ${oneLine(o.expression)}`];
      if (o.statistic) parts.push(`statistic ${statistic(o.statistic)}`);
      const others = o.statistics.filter((s) => s !== o.statistic && !(o.statistic && s.span.start === o.statistic.span.start && s.kind === o.statistic.kind));
      if (others.length) parts.push(`contains ${others.map(statistic).join(', ')}`);
      if (o.rounding) parts.push(`rounded to ${o.rounding.base}`);
      if (o.inputs.length) parts.push(`from ${o.inputs.map((c) => c.name).join(', ')}`);
      return parts.join('; ');
    }
    case 'unknown':
      return `unknown (${o.reason})`;
  }
}

function statistic(s: Statistic): string {
  const flags = [s.distinct ? 'distinct' : '', s.weighted ? 'weighted' : ''].filter(Boolean).join(' ');
  return `${s.kind}(${s.fn}${s.ofNames.length ? ` of ${s.ofNames.join(', ')}` : ''})${flags ? ` ${flags}` : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? flat.slice(0, 77) + '...' : flat;
}

function stepLine(step: Step, span: (s: Span) => string): string {
  const head = `#${step.id} ${step.kind} ${step.fn} @${span(step.span)} in(${step.inputs.map((i) => `#${i}`).join(', ')})${step.result !== undefined ? ` -> #${step.result}` : ''}`;
  switch (step.kind) {
    case 'source': {
      const o = step.origin;
      if (o.kind === 'sql') return `${head} sql "${oneLine(o.sql)}" tables(${o.tables.map((t) => t.viewName).join(', ')})`;
      if (o.kind === 'table') return `${head} table ${o.name}${o.table ? ` = ${o.table.table.id}` : ' (not catalogued)'}`;
      if (o.kind === 'file') return `${head} file ${o.path ?? '?'}`;
      return `${head} unknown: ${o.reason}`;
    }
    case 'select':
      return `${head} columns(${step.columns.join(', ')})${step.renamed.length ? ` renamed(${step.renamed.map((r) => `${r.from}->${r.to}`).join(', ')})` : ''}`;
    case 'derive':
      return `${head} columns(${step.columns.map(name).join(', ')})${step.removed.length ? ` removed(${step.removed.join(', ')})` : ''}${step.groups.length ? ` by(${step.groups.join(', ')})` : ''}`;
    case 'filter':
      return `${head} where ${oneLine(step.condition)}${step.comparisons.length ? ` [${step.comparisons.map((c) => `${c.column} ${c.operator} ${c.value}`).join('; ')}]` : ''}`;
    case 'group':
      return `${head} keys(${step.keys.join(', ')})`;
    case 'aggregate':
      return `${head} keys(${step.keys.join(', ')}) columns(${step.columns.map(name).join(', ')})`;
    case 'join':
      return `${head} ${step.how} by(${step.by.map((b) => (b.left === b.right ? b.left : `${b.left}=${b.right}`)).join(', ')})`;
    case 'bind':
    case 'reshape':
      return `${head} ${step.direction}`;
    case 'sort':
    case 'distinct':
      return `${head} keys(${step.keys.join(', ')})`;
    case 'slice':
      return `${head}${step.by ? ` by ${step.by}` : ''}${step.n !== undefined ? ` n ${step.n}` : ''}`;
    case 'convert':
      return `${head} to ${step.to}`;
    case 'output': {
      const extra = [step.output, step.target !== undefined ? `file ${step.target}` : '', step.layers?.length ? `layers(${step.layers.map((l) => l.kind + (l.hidesIndividuals ? ' hidden' : '')).join(', ')})` : '', step.model ? `model ${oneLine(step.model.formula)} terms(${step.model.terms.map((t) => t.text + (t.categorical ? ' categorical' : '') + (t.fixedEffect ? ' fixed-effect' : '')).join(', ')})` : ''];
      return `${head} ${extra.filter(Boolean).join(' ')}`;
    }
    default:
      return head;
  }
}

function name(column: FrameColumn): string {
  return column.name;
}

export type { Frame };
