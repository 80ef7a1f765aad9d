/**
 * The frame model the disclosure rules read: derived columns know their statistic, frames know their
 * grain, filters expose their comparisons, outputs carry what reaches them. One case per snippet.
 */
import { strict as assert } from 'node:assert';
import type { Frame, FrameModel, Step } from '../../../server/src/languages/r/frames/model';
import { frameModelOf } from '../../../server/src/languages/r/index';
import { analyseR, rReady } from './support/analyse';

const PRELUDE = [
  'library(dplyr)',
  'library(data.table)',
  'earn <- DBI::dbGetQuery(con, "SELECT Edukey, TaxYear, Earnings FROM LEO_i2.dbo.leo_earnings")',
  '',
].join('\n');

function modelOf(code: string): FrameModel {
  const model = frameModelOf(analyseR(PRELUDE + code));
  assert.ok(model);
  return model;
}

/** The frame a variable holds at the end of the script. */
function frame(model: FrameModel, name: string): Frame {
  const binding = [...model.bindings].reverse().find((b) => b.name === name && b.frame !== undefined);
  assert.ok(binding, `${name} holds a frame`);
  return model.frames[binding.frame!]!;
}

/** `name: kind` for each derived column with a statistic, plus rounding. */
function statistics(f: Frame): string[] {
  return f.columns.flatMap((c) => {
    if (c.origin.kind !== 'derived') return [];
    const parts = [c.origin.statistic ? `${c.name}: ${c.origin.statistic.kind}` : `${c.name}: -`];
    if (c.origin.statistic?.distinct) parts.push('distinct');
    if (c.origin.statistic?.weighted) parts.push('weighted');
    if (c.origin.rounding) parts.push(`round ${c.origin.rounding.base}`);
    return [parts.join(' ')];
  });
}

function outputs(model: FrameModel): string[] {
  return model.steps
    .filter((s): s is Extract<Step, { kind: 'output' }> => s.kind === 'output')
    .map((s) => `${s.output} ${s.fn}${s.target ? ` ${s.target}` : ''}${s.layers?.length ? ` [${s.layers.map((l) => l.kind).join(', ')}]` : ''} <- ${s.inputs.map((i) => model.frames[i]?.name ?? `#${i}`).join(', ')}`);
}

describe('R: frame model for the disclosure rules', () => {
  before(rReady);

  it('knows the statistic of each summarised column', () => {
    const model = modelOf([
      's <- earn %>% group_by(TaxYear) %>% summarise(',
      '  n = n(), people = n_distinct(Edukey), total = sum(Earnings), mean_earn = mean(Earnings),',
      '  median_earn = median(Earnings), p90 = quantile(Earnings, 0.9), top = max(Earnings), bottom = min(Earnings),',
      '  spread = sd(Earnings), wmean = weighted.mean(Earnings, TaxYear), label = first(Edukey))',
    ].join('\n'));
    const s = frame(model, 's');
    assert.equal(s.grain, 'aggregate');
    assert.equal(s.certainty, 'exact');
    assert.deepEqual(statistics(s), [
      'n: count', 'people: count distinct', 'total: sum', 'mean_earn: mean', 'median_earn: median', 'p90: percentile',
      'top: max', 'bottom: min', 'spread: sd', 'wmean: mean weighted', 'label: -',
    ]);
  });

  it('follows counts through proportions and rounding', () => {
    const model = modelOf('s <- earn %>% count(TaxYear) %>% mutate(pct = n / sum(n), n5 = round(n / 5) * 5, k = round(n, -2))');
    assert.deepEqual(statistics(frame(model, 's')), ['n: count', 'pct: proportion', 'n5: count round 5', 'k: count round 100']);
  });

  it('reads data.table aggregation and grouped assignment', () => {
    const model = modelOf('dt <- as.data.table(earn)\nby_year <- dt[, .(n = .N, mean_earn = mean(Earnings)), by = TaxYear]\ndt[, rank := frank(-Earnings), by = TaxYear]');
    const byYear = frame(model, 'by_year');
    assert.equal(byYear.grain, 'aggregate');
    assert.deepEqual(byYear.columns.map((c) => c.name), ['TaxYear', 'n', 'mean_earn']);
    assert.deepEqual(statistics(byYear), ['n: count', 'mean_earn: mean']);
    assert.equal(frame(model, 'dt').grain, 'record');
  });

  it('reads aggregates in the SQL a frame came from', () => {
    const model = modelOf('s <- DBI::dbGetQuery(con, "SELECT TaxYear, COUNT(*) AS n, COUNT(DISTINCT Edukey) AS people, AVG(Earnings) AS mean_earn FROM LEO_i2.dbo.leo_earnings GROUP BY TaxYear")');
    const s = frame(model, 's');
    assert.equal(s.grain, 'aggregate');
    assert.deepEqual(statistics(s), ['n: count', 'people: count distinct', 'mean_earn: mean']);
  });

  it('keeps catalogue roles on pass-through columns', () => {
    const model = modelOf('r <- earn %>% select(pay = Earnings, Edukey)');
    const pay = frame(model, 'r').columns.find((c) => c.name === 'pay');
    assert.equal(pay?.origin.kind, 'catalogue');
    if (pay?.origin.kind === 'catalogue') assert.equal(pay.origin.match.column.roles.magnitude, 'earnings');
  });

  it('exposes the comparisons of filters (the minimum-count guards)', () => {
    const model = modelOf('s <- earn %>% count(TaxYear) %>% filter(n >= 10, 2019 <= TaxYear)\nt <- as.data.table(earn)[, .N, by = TaxYear][N > 9]');
    const filters = model.steps.filter((s): s is Extract<Step, { kind: 'filter' }> => s.kind === 'filter');
    assert.deepEqual(filters.map((f) => f.comparisons.map((c) => `${c.column} ${c.operator} ${c.value}`)), [['n >= 10', 'TaxYear >= 2019'], ['N > 9']]);
  });

  it('records outputs with the frame that reaches them', () => {
    const model = modelOf([
      's <- earn %>% count(TaxYear)',
      'write.csv(s, "out/counts.csv")',
      'earn',
      'print(s)',
      'p <- ggplot(earn, aes(TaxYear, Earnings)) + geom_point() + geom_boxplot()',
      'ggsave("out/scatter.svg", p)',
      'm <- lm(Earnings ~ factor(TaxYear), data = earn)',
      'readr::write_csv(earn, "out/microdata.csv")',
    ].join('\n'));
    assert.deepEqual(outputs(model), [
      'export write.csv out/counts.csv <- s',
      'print auto-print <- earn',
      'print print <- s',
      'graphic-file ggsave out/scatter.svg [point, boxplot] <- earn',
      'model lm <- earn',
      'export write_csv out/microdata.csv <- earn',
    ]);
    const fit = model.steps.find((s) => s.kind === 'output' && s.output === 'model');
    assert.ok(fit?.kind === 'output' && fit.model?.terms[0]?.categorical);
  });

  it('marks frames from files and non-constant selections as open', () => {
    const model = modelOf('f <- read.csv("x.csv")\ng <- earn %>% select(where(is.numeric))\nh <- earn[, cols]');
    assert.deepEqual(['f', 'g', 'h'].map((name) => frame(model, name).certainty), ['open', 'open', 'open']);
  });
});
