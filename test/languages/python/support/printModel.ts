/**
 * A readable, stable text form of a Python document's dataflow model for golden files: each frame with its grain,
 * columns (statistics, rounding, suppression marked), inputs and events, then each output; places as line numbers.
 */
import type { DataflowModel, FrameColumn, FrameEvent } from '../../../../server/src/dataflow/model';
import { LineIndex } from '../../../../server/src/util/lineIndex';

export function printModel(text: string, model: DataflowModel): string {
  const lines = new LineIndex(text);
  const line = (offset: number): number => lines.positionAt(offset).line + 1;
  const out: string[] = [];
  for (const frame of model.frames) {
    const head = `frame ${frame.id} @${line(frame.span.start)}${frame.name !== undefined ? ` ${frame.name}` : ''}: ${frame.grain}${frame.columnsComplete ? '' : ', columns open'}${frame.inputs.length > 0 ? ` <- ${frame.inputs.join(',')}` : ''}`;
    out.push(head);
    if (frame.columns.length > 0) out.push(`  columns: ${frame.columns.slice(0, 12).map(column).join(', ')}${frame.columns.length > 12 ? `, … (${frame.columns.length})` : ''}`);
    if (frame.groupKeys.length > 0) out.push(`  keys: ${frame.groupKeys.map((k) => k.name).join(', ')}`);
    if (frame.history.length > 0) out.push(`  history: ${frame.history.map((e) => event(e, line)).join(' > ')}`);
  }
  for (const output of model.outputs) {
    out.push(`output ${output.kind} ${output.via} @${line(output.span.start)}${output.frame !== undefined ? ` frame ${output.frame}` : ''}${output.target !== undefined ? ` -> ${output.target}` : ''}${output.layers !== undefined ? ` layers ${output.layers.map((l) => l.kind + (l.hidesIndividuals ? '(hidden)' : '')).join(',') || 'none'}` : ''}${output.model !== undefined ? ` terms ${output.model.terms.map((t) => `${t.text}${t.categorical ? '*' : ''}${t.fixedEffect ? '!' : ''}`).join(' + ')}${output.model.weighted ? ' weighted' : ''}` : ''}`);
  }
  if (model.identifierLiterals.length > 0) out.push(`identifier literals @${model.identifierLiterals.map((s) => line(s.start)).join(',')}`);
  for (const part of model.incomplete ?? []) out.push(`incomplete @${line(part.start)}: ${part.reason}`);
  return `${out.join('\n')}\n`;
}

function column(c: FrameColumn): string {
  const marks = [
    c.statistic !== undefined ? `${c.statistic.kind}${c.statistic.distinct ? ' distinct' : ''}${c.statistic.ofNames.length > 0 ? ` of ${c.statistic.ofNames.join('+')}` : ''}` : undefined,
    c.rounding !== undefined ? `round ${c.rounding.trusted ? 'helper' : c.rounding.base}` : undefined,
    c.suppression !== undefined ? `suppressed${c.suppression.threshold !== undefined ? ` <${c.suppression.threshold}` : ''}` : undefined,
    c.facts.identifier !== undefined ? `id:${c.facts.identifier}` : undefined,
  ].filter((m): m is string => m !== undefined);
  return marks.length > 0 ? `${c.name} [${marks.join('; ')}]` : c.name;
}

function event(e: FrameEvent, line: (offset: number) => number): string {
  switch (e.kind) {
    case 'aggregate': return `aggregate(${e.keys.map((k) => k.name).join(',')}${e.perUnit ? '; per unit' : ''})@${line(e.span.start)}`;
    case 'threshold': return `threshold${e.threshold !== undefined ? ` ${e.threshold}` : ''}${e.column !== undefined ? ` on ${e.column}` : ''}@${line(e.span.start)}`;
    case 'suppress': return `suppress${e.threshold !== undefined ? ` <${e.threshold}` : ''}${e.columns !== undefined ? ` ${e.columns.join(',')}` : ''}@${line(e.span.start)}`;
    case 'round': return `round ${e.trusted ? 'helper' : e.base}${e.columns !== undefined ? ` ${e.columns.join(',')}` : ''}@${line(e.span.start)}`;
    case 'helper': return `helper ${e.name}@${line(e.span.start)}`;
    case 'filter': return `filter ${e.condition}@${line(e.span.start)}`;
    default: return `${e.kind}@${line(e.span.start)}`;
  }
}
