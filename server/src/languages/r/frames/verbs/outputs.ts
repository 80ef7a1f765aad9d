/**
 * Outputs that leave the script: files written (`write.csv`, `fwrite`, `saveRDS` …), results printed
 * or shown (`print`, `View`, `glimpse`, auto-printing at the top level), and plots. Each becomes an
 * `output` step holding the frame that reaches it.
 */
import { constantValue } from '../../syntax/pieces';
import type { Handler, Invocation } from '../invocation';
import type { OutputKind, Span } from '../model';
import { UNKNOWN, type Value } from '../values';
import { plotOutput } from './plots';

/** The frame behind a value: a frame, the frame a column came from, or the data of a plot or model. */
function framesOf(value: Value): number[] {
  switch (value.kind) {
    case 'frame':
      return [value.frame.id];
    case 'column':
      return [value.frame.id];
    case 'model':
      return value.frame ? [value.frame.id] : [];
    case 'list':
      return value.items.flatMap(framesOf);
    default:
      return [];
  }
}

function record(inv: Invocation, kind: OutputKind, value: Value, file?: { target?: string; targetSpan?: Span }): void {
  if (value.kind === 'plot') {
    plotOutput(inv, value.plot, inv.fn, file);
    return;
  }
  const inputs = framesOf(value);
  if (inputs.length === 0 && value.kind !== 'model') return;
  inv.evaluator.builder.addStep({
    kind: 'output',
    fn: inv.fn,
    span: inv.span,
    inputs,
    output: kind,
    ...(value.kind === 'model' ? { model: value.model } : {}),
    ...(file?.target !== undefined ? { target: file.target } : {}),
    ...(file?.targetSpan ? { targetSpan: file.targetSpan } : {}),
  });
}

function filePath(inv: Invocation, formal: string): { target?: string; targetSpan?: Span } {
  const arg = inv.arg(formal);
  if (!arg?.value) return {};
  const value = inv.valueOf(arg);
  const target = value.kind === 'strings' && value.items.length === 1 ? constantValue(value.items[0]!) : undefined;
  return { ...(target !== undefined ? { target } : {}), targetSpan: { start: arg.value.start, end: arg.value.end } };
}

/** `write.csv(x, file)` and its relatives: the first argument goes to the file named by `fileFormal`. */
function writer(fileFormal: string, dataFormal = 'x'): Handler {
  return {
    formals: [dataFormal, fileFormal, '...'],
    run(inv) {
      inv.evaluator.markInvisible();
      const value = inv.input();
      const file = filePath(inv, fileFormal);
      record(inv, 'export', value, file);
      return UNKNOWN;
    },
  };
}

/** `save(a, b, file = "x.RData")`. */
const save: Handler = {
  formals: ['...', 'list', 'file'],
  run(inv) {
    inv.evaluator.markInvisible();
    const file = filePath(inv, 'file');
    for (const value of inv.dotValues()) record(inv, 'export', value, file);
    return UNKNOWN;
  },
};

/** `print(x)`, `View(x)` and other ways of showing data. */
function shower(kind: OutputKind): Handler {
  return {
    formals: ['x', '...'],
    run(inv) {
      inv.evaluator.markInvisible();
      const value = inv.input();
      record(inv, value.kind === 'plot' ? 'plot' : kind, value);
      return value;
    },
  };
}

/** A top-level expression whose value R prints. */
const autoPrint: Handler = {
  formals: ['x'],
  run(inv) {
    const value = inv.input();
    record(inv, value.kind === 'plot' ? 'plot' : 'print', value);
    return UNKNOWN;
  },
};

/** `invisible(x)`: the value, not printed. */
const invisible: Handler = {
  formals: ['x'],
  run(inv) {
    inv.evaluator.markInvisible();
    return inv.input();
  },
};

/** `assign("name", value)`: binds a variable whose name is written as a constant. */
const assignVariable: Handler = {
  formals: ['x', 'value', 'pos', 'envir', 'inherits', 'immediate'],
  run(inv) {
    const nameArg = inv.arg('x');
    const value = inv.value('value');
    const name = nameArg ? inv.valueOf(nameArg) : UNKNOWN;
    const text = name.kind === 'strings' && name.items.length === 1 ? constantValue(name.items[0]!) : undefined;
    if (text !== undefined && nameArg?.value) inv.evaluator.bind(text, value, inv.span, nameArg.value);
    inv.evaluator.markInvisible();
    return value;
  },
};

export const OUTPUT_HANDLERS: readonly (readonly [string, Handler])[] = [
  ['write.csv', writer('file')],
  ['write.csv2', writer('file')],
  ['write.table', writer('file')],
  ['write_csv', writer('file')],
  ['write_csv2', writer('file')],
  ['write_tsv', writer('file')],
  ['write_delim', writer('file')],
  ['write_excel_csv', writer('file')],
  ['write_rds', writer('file')],
  ['saveRDS', writer('file', 'object')],
  ['fwrite', writer('file')],
  ['write_dta', writer('path', 'data')],
  ['write_sav', writer('path', 'data')],
  ['write_sas', writer('path', 'data')],
  ['write_xlsx', writer('path')],
  ['write.xlsx', writer('file')],
  ['write_parquet', writer('sink')],
  ['write_feather', writer('sink')],
  ['write_json', writer('path')],
  ['write_fst', writer('path')],
  ['save', save],
  ['print', shower('print')],
  ['View', shower('print')],
  ['glimpse', shower('print')],
  ['str', shower('print')],
  ['summary', shower('print')],
  ['kable', shower('print')],
  ['gt', shower('print')],
  ['datatable', shower('print')],
  ['flextable', shower('print')],
  ['skim', shower('print')],
  ['describe', shower('print')],
  ['invisible', invisible],
  ['assign', assignVariable],
  ['[auto-print]', autoPrint],
];
