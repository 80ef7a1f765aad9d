/**
 * Every function and construct the frame extractor understands, by name. Subsetting and top-level
 * printing have bracketed pseudo-names (`[subset]`, `[auto-print]`) because they are not calls.
 */
import type { Handler } from '../invocation';
import { BASE_FRAME_HANDLERS } from './baseFrames';
import { DATA_TABLE_HANDLERS } from './dataTable';
import { DPLYR_HANDLERS } from './dplyr';
import { EXTRACT_HANDLERS } from './extract';
import { JOIN_HANDLERS } from './joins';
import { MODEL_HANDLERS } from './models';
import { OUTPUT_HANDLERS } from './outputs';
import { PLOT_HANDLERS } from './plots';
import { SOURCE_HANDLERS } from './sources';
import { STRING_HANDLERS } from './strings';
import { TIDYR_HANDLERS } from './tidyr';

export const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ...STRING_HANDLERS,
  ...SOURCE_HANDLERS,
  ...DPLYR_HANDLERS,
  ...TIDYR_HANDLERS,
  ...JOIN_HANDLERS,
  ...DATA_TABLE_HANDLERS,
  ...BASE_FRAME_HANDLERS,
  ...EXTRACT_HANDLERS,
  ...PLOT_HANDLERS,
  ...MODEL_HANDLERS,
  ...OUTPUT_HANDLERS,
]);
