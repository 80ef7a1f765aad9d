/**
 * SDC017: graphics that draw individual records: scatter and jitter plots, strip plots, box plots that show
 * outliers, histograms of microdata and survival curves. Each point, outlier or edge bin is one record (R14, R15).
 */
import { outputsOf, uniqueBySpan } from './helpers';
import { docPathOf, justifyHint, type Rule, type RuleHit } from './types';

const CODE = 'SDC017';

const LABELS: Readonly<Record<string, string>> = {
  point: 'A scatter plot draws one point per record',
  jitter: 'A jittered plot draws one point per record',
  strip: 'A strip plot draws one point per record',
  rug: 'A rug draws one tick per record',
  boxplot: 'A box plot draws outliers and whisker ends, which are single records',
  histogram: 'A histogram of record-level data can have bins (and edge bins) with fewer than the threshold',
  density: 'A density or violin plot of record-level data can trace single values at its tails where a group is small; LEO Lens cannot tell the group sizes, so check that each group drawn holds at least the minimum count',
  survival: 'A survival curve steps at each event, and its risk table lists small counts',
  dotplot: 'A dot plot draws one dot per record',
  ecdf: 'An empirical cumulative distribution steps at each record\'s value, so it draws every value and both extremes',
  pairs: 'A scatter-plot matrix draws one point per record',
  trajectory: 'A line drawn for each person (no estimator, one line per unit) draws every record\'s own values',
};

export const sdc017: Rule = {
  info: {
    code: CODE,
    name: 'individual-point-graphics',
    summary: 'A graphic draws individual records (scatter, jitter, strip, box plot outliers, histogram of microdata, survival curve).',
    help: 'Plot aggregated, guarded data instead: binned counts with a minimum count, hexagonal bins, box plots without outliers, survival curves rounded until 10 events accumulate.',
    defaultSeverity: 'warning',
    statbarn: 'Frequencies',
    rationale: 'The table rules apply to the data behind every graph, and "too small to read" is no defence (OpenSAFELY, UKDS, ABS; R14). Survival steps need 10 events (ACRO survival_safe_threshold; R15).',
    docPath: docPathOf(CODE),
  },
  check(context) {
    const hits: RuleHit[] = [];
    for (const { output, frame } of outputsOf(context, ['plot'])) {
      // Two layers of one kind in one graphic (a density per group) are one risk, said at the first of them.
      const kinds = new Set<string>();
      for (const layer of output.layers ?? []) {
        const label = LABELS[layer.kind];
        if (label === undefined || layer.hidesIndividuals) continue;
        // Survival curves are always built from records; other layers only matter on record-level data.
        const data = layer.frame !== undefined ? context.frame(layer.frame) : frame;
        if (layer.kind !== 'survival' && data?.grain !== 'record') continue;
        if (kinds.has(layer.kind)) continue;
        kinds.add(layer.kind);
        hits.push({
          start: layer.span.start,
          end: layer.span.end,
          // A smoothed density draws no record of its own; it is a risk only for a small group, which the model
          // cannot see, so it is said at info with what would settle it.
          ...(layer.kind === 'density' ? { severity: 'info' as const } : {}),
          message: `${label}. Plot aggregated, guarded data instead (binned counts with a minimum count, hexagonal bins, box plots without outliers). ${justifyHint(CODE)}`,
          ...(layer.fix !== undefined ? { fixes: [{ ...layer.fix, preferred: true }] } : {}),
        });
      }
    }
    return uniqueBySpan(hits);
  },
};
