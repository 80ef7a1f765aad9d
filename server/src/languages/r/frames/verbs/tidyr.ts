/**
 * Reshaping and tidying: `pivot_longer()`, `pivot_wider()`, `complete()`, `replace_na()`, `drop_na()`,
 * and the totals helpers `janitor::adorn_totals()` and `addmargins()`.
 */
import { nodeText } from '../../syntax/calls';
import { constantValue } from '../../syntax/pieces';
import { column, like } from '../frameOps';
import type { Handler, Invocation } from '../invocation';
import { maskedExpression } from '../masking';
import type { Frame, FrameColumn } from '../model';
import { selectColumns } from '../tidyselect';
import { UNKNOWN, type Value } from '../values';
import { inputFrame, namesSite } from './common';

function constantString(inv: Invocation, formal: string, fallback: string): string | undefined {
  const arg = inv.arg(formal);
  if (!arg?.value) return fallback;
  const value = inv.valueOf(arg);
  return value.kind === 'strings' && value.items.length === 1 ? constantValue(value.items[0]!) : undefined;
}

const pivotLonger: Handler = {
  formals: ['data', 'cols', '...', 'cols_vary', 'names_to', 'names_prefix', 'names_sep', 'names_pattern', 'names_ptypes', 'names_transform', 'names_repair', 'values_to'],
  packages: ['tidyr'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const cols = inv.arg('cols');
    inv.consume(cols);
    const selection = cols ? selectColumns(inv.evaluator, frame, [cols], false) : { columns: [], certain: false };
    const namesTo = constantString(inv, 'names_to', 'name');
    const valuesTo = constantString(inv, 'values_to', 'value');
    const kept = frame.columns.filter((c) => !selection.columns.some((s) => s.column === c));
    const made: FrameColumn[] = [];
    if (namesTo !== undefined) made.push(column(namesTo, { kind: 'derived', expression: `names of ${selection.columns.map((s) => s.column.name).join(', ')}`, inputs: [], statistics: [], via: inv.fn }, inv.arg('names_to')?.value ?? inv.span));
    if (valuesTo !== undefined) made.push(column(valuesTo, { kind: 'derived', expression: `values of ${selection.columns.map((s) => s.column.name).join(', ')}`, inputs: selection.columns.map((s) => s.column), statistics: [], via: inv.fn }, inv.arg('values_to')?.value ?? inv.span));
    const certain = frame.certainty === 'exact' && selection.certain && namesTo !== undefined && valuesTo !== undefined && !inv.arg('names_sep') && !inv.arg('names_pattern');
    return reshaped(inv, frame, [...kept, ...made], certain, 'longer');
  },
};

const pivotWider: Handler = {
  formals: ['data', '...', 'id_cols', 'id_expand', 'names_from', 'names_prefix', 'names_sep', 'names_glue', 'names_sort', 'names_vary', 'names_expand', 'names_repair', 'values_from', 'values_fill', 'values_fn', 'unused_fn'],
  packages: ['tidyr'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    const ev = inv.evaluator;
    const pick = (formal: string, fallback: string): FrameColumn[] => {
      const arg = inv.arg(formal);
      inv.consume(arg);
      if (arg) return selectColumns(ev, frame, [arg], false).columns.map((s) => s.column);
      const found = frame.columns.find((c) => c.name === fallback);
      return found ? [found] : [];
    };
    const from = pick('names_from', 'name');
    const values = pick('values_from', 'value');
    const idArg = inv.arg('id_cols');
    inv.consume(idArg);
    const ids = idArg ? selectColumns(ev, frame, [idArg], false).columns.map((s) => s.column) : frame.columns.filter((c) => !from.includes(c) && !values.includes(c));
    const result = reshaped(inv, frame, ids, false, 'wider');
    const fill = inv.arg('values_fill')?.value;
    if (fill && /(^|\D)0(\D|$)/.test(nodeText(ev.text, fill)) && result.kind === 'frame') return zeroFilled(inv, result.frame);
    return result;
  },
};

function reshaped(inv: Invocation, frame: Frame, columns: readonly FrameColumn[], certain: boolean, direction: 'longer' | 'wider'): Value {
  return {
    kind: 'frame',
    frame: inv.evaluator.builder.addFrameStep(
      { kind: 'reshape', fn: inv.fn, span: inv.span, inputs: [frame.id], direction },
      like(frame, inv.span, { columns, certainty: certain ? 'exact' : 'open' }),
    ),
  };
}

function zeroFilled(inv: Invocation, frame: Frame): Value {
  return { kind: 'frame', frame: inv.evaluator.builder.addFrameStep({ kind: 'zero-fill', fn: inv.fn, span: inv.span, inputs: [frame.id] }, like(frame, inv.span)) };
}

/** `complete()` fills in missing combinations; with `fill = list(n = 0)` they are zeros. */
const complete: Handler = {
  formals: ['data', '...', 'fill', 'explicit'],
  packages: ['tidyr'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    for (const arg of inv.dots) {
      inv.consume(arg);
      if (arg.value) maskedExpression(inv.evaluator, arg.value, frame);
    }
    return zeroFilled(inv, frame);
  },
};

const replaceNa: Handler = {
  formals: ['data', 'replace', '...'],
  packages: ['tidyr'],
  run(inv) {
    const frame = inputFrame(inv);
    const replace = inv.arg('replace')?.value;
    if (!frame) return UNKNOWN;
    const zero = replace !== undefined && /(^|\D)0(\D|$)/.test(nodeText(inv.evaluator.text, replace));
    return zero ? zeroFilled(inv, frame) : { kind: 'frame', frame };
  },
};

const dropNa: Handler = {
  formals: ['data', '...'],
  packages: ['tidyr'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    namesSite(inv, frame);
    inv.dots.forEach((arg) => inv.consume(arg));
    selectColumns(inv.evaluator, frame, inv.dots, false);
    return {
      kind: 'frame',
      frame: inv.evaluator.builder.addFrameStep(
        { kind: 'filter', fn: inv.fn, span: inv.span, inputs: [frame.id], condition: 'no missing values', comparisons: [] },
        like(frame, inv.span),
      ),
    };
  },
};

const totals: Handler = {
  formals: ['dat', '...'],
  run(inv) {
    const frame = inputFrame(inv);
    if (!frame) return UNKNOWN;
    return { kind: 'frame', frame: inv.evaluator.builder.addFrameStep({ kind: 'totals', fn: inv.fn, span: inv.span, inputs: [frame.id] }, like(frame, inv.span)) };
  },
};

export const TIDYR_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['pivot_longer', pivotLonger],
  ['pivot_wider', pivotWider],
  ['complete', complete],
  ['replace_na', replaceNa],
  ['drop_na', dropNa],
  ['adorn_totals', totals],
  ['addmargins', totals],
];
