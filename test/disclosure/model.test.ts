/**
 * Rules on hand-built models: what each rule concludes from grain, history, columns and outputs, independent
 * of any language extractor (Python and Stata extractors will build the same models).
 */
import { strict as assert } from 'node:assert';
import { checkModel } from '../../server/src/disclosure/analyse';
import { resolveDisclosureConfig, type DisclosureConfig } from '../../server/src/disclosure/config';
import type { ColumnFacts, DataflowModel, Frame, FrameColumn, FrameEvent, Output, StatisticKind } from '../../server/src/dataflow/model';

const TEXT = 'x'.repeat(400);
const at = (start: number, end = start + 5) => ({ start, end });

function column(name: string, facts: ColumnFacts = {}, statistic?: StatisticKind, of: ColumnFacts = {}): FrameColumn {
  return statistic === undefined
    ? { name, facts, span: at(10) }
    : { name, facts: {}, span: at(10), statistic: { kind: statistic, of, ofNames: ['x'], span: at(20) } };
}

function frame(id: number, init: Partial<Frame> & { history?: FrameEvent[] }): Frame {
  return { id, span: at(0), grain: 'record', columns: [], columnsComplete: true, groupKeys: [], history: [], inputs: [], sources: [], uses: [], ...init };
}

const aggregate = (keys: FrameColumn[], start = 30): FrameEvent => ({ kind: 'aggregate', span: at(start), keys, perUnit: false, statistics: ['count'] });

function model(frames: Frame[], outputs: Output[]): DataflowModel {
  return { language: 'sql', frames, outputs, texts: [], identifierLiterals: [], commentPrefix: '--' };
}

function codesOf(m: DataflowModel, config?: DisclosureConfig): string[] {
  return [...new Set(checkModel(m, TEXT, resolveDisclosureConfig(config)).findings.map((f) => f.code))].sort();
}

const eth = column('eth', { sensitive: 'special-category' });
const n = column('n', {}, 'count');

describe('disclosure rules on hand-built models', () => {
  it('SDC010 needs a guard after the aggregation; one before it does not count', () => {
    const before = frame(0, { grain: 'aggregate', groupKeys: [eth], columns: [eth, n], history: [{ kind: 'threshold', span: at(5), threshold: 10 }, aggregate([eth])] });
    const after = frame(1, { grain: 'aggregate', groupKeys: [eth], columns: [eth, n], history: [aggregate([eth]), { kind: 'threshold', span: at(40), threshold: 10 }] });
    assert.deepEqual(codesOf(model([before], [{ kind: 'result', span: at(100), via: 'SELECT', frame: 0 }])), ['SDC010']);
    assert.deepEqual(codesOf(model([after], [{ kind: 'result', span: at(100), via: 'SELECT', frame: 1 }])), []);
  });

  it('SDC010 trusts a guard on a table that is later re-aggregated', () => {
    const f = frame(0, { grain: 'aggregate', groupKeys: [eth], columns: [eth, n], history: [aggregate([eth, column('sen')]), { kind: 'threshold', span: at(40), threshold: 10 }, aggregate([eth], 50)] });
    assert.deepEqual(codesOf(model([f], [{ kind: 'print', span: at(100), via: 'print', frame: 0 }])), []);
  });

  it('per-person aggregation stays record-level: an export is SDC001, not SDC010', () => {
    const id = column('EduKey', { identifier: 'person' });
    const f = frame(0, { grain: 'record', groupKeys: [id], columns: [id, column('total', {}, 'sum', { magnitude: 'earnings' })], history: [{ kind: 'aggregate', span: at(30), keys: [id], perUnit: true, statistics: ['sum'] }] });
    assert.deepEqual(codesOf(model([f], [{ kind: 'export', span: at(100), via: 'write.csv', frame: 0, target: 'outputs/x.csv' }])), ['SDC001', 'SDC003']);
  });

  it('SDC015 orders totals and guards: totals then guard is flagged, guard then totals is not', () => {
    const totalsFirst = frame(0, { grain: 'aggregate', groupKeys: [eth], columns: [eth, n], history: [aggregate([eth]), { kind: 'totals', span: at(35) }, { kind: 'threshold', span: at(40), threshold: 10 }] });
    const guardFirst = frame(1, { grain: 'aggregate', groupKeys: [eth], columns: [eth, n], history: [aggregate([eth]), { kind: 'threshold', span: at(40), threshold: 10 }, { kind: 'totals', span: at(45) }] });
    assert.deepEqual(codesOf(model([totalsFirst], [{ kind: 'result', span: at(100), via: 'SELECT', frame: 0 }])), ['SDC015']);
    assert.deepEqual(codesOf(model([guardFirst], [{ kind: 'result', span: at(100), via: 'SELECT', frame: 1 }])), []);
  });

  it('SDC020 flags nested populations, not disjoint ones', () => {
    const table = (id: number, conditions: string[]) => frame(id, {
      grain: 'aggregate', groupKeys: [eth], columns: [eth, n],
      history: [...conditions.map((c): FrameEvent => ({ kind: 'filter', span: at(5), condition: c })), aggregate([eth]), { kind: 'threshold', span: at(40), threshold: 10 }],
    });
    const out = (id: number, start: number): Output => ({ kind: 'result', span: at(start), via: 'SELECT', frame: id });
    assert.deepEqual(codesOf(model([table(0, ['YEAR = 2019']), table(1, ['YEAR = 2019', 'FSM = 1'])], [out(0, 100), out(1, 200)])), ['SDC020']);
    assert.deepEqual(codesOf(model([table(0, ['YEAR = 2019']), table(1, ['YEAR = 2020'])], [out(0, 100), out(1, 200)])), []);
  });

  it('SDC021 needs both a fine place and a sensitive characteristic; fine geography is configurable', () => {
    const lsoa = column('lsoa', { geography: 'LSOA' });
    const la = column('la', { geography: 'LA' });
    const guarded = (keys: FrameColumn[]) => frame(0, { grain: 'aggregate', groupKeys: keys, columns: [...keys, n], history: [aggregate(keys), { kind: 'threshold', span: at(40), threshold: 10 }] });
    const out: Output[] = [{ kind: 'result', span: at(100), via: 'SELECT', frame: 0 }];
    assert.deepEqual(codesOf(model([guarded([lsoa, eth])], out)), ['SDC021']);
    assert.deepEqual(codesOf(model([guarded([lsoa])], out)), []);
    assert.deepEqual(codesOf(model([guarded([la, eth])], out)), []);
    assert.deepEqual(codesOf(model([guarded([la, eth])], out), { parameters: { fineGeography: ['LA'] } }), ['SDC021']);
  });

  it('SDC024 reports where safeguarding data first meets small-area geography, once', () => {
    const cin = frame(0, { sources: [{ name: 'cin', safeguarding: true, span: at(0) }] });
    const joined = frame(1, { inputs: [0], sources: cin.sources, uses: [{ name: 'lsoa', facts: { geography: 'LSOA' }, span: at(50) }] });
    const later = frame(2, { inputs: [1], sources: cin.sources, uses: [{ name: 'lsoa', facts: { geography: 'LSOA' }, span: at(80) }] });
    const findings = checkModel(model([cin, joined, later], []), TEXT, resolveDisclosureConfig()).findings;
    assert.deepEqual(findings.map((f) => [f.code, f.start]), [['SDC024', 50]]);
    assert.equal(findings[0]!.severity, 'error');
  });

  it('SDC016 reads unit-level terms, saturated interactions and fits on tables', () => {
    const fit = (terms: { text: string; facts: ColumnFacts; categorical: boolean }[], interactions: boolean, grain: Frame['grain'] = 'record') => {
      const data = frame(0, { grain });
      const output: Output = {
        kind: 'model', span: at(100), via: 'lm', frame: 0,
        model: { fn: 'lm', terms: terms.map((t) => ({ ...t, span: at(110), fixedEffect: false })), interactions, weighted: false },
      };
      return codesOf(model([data], [output]));
    };
    assert.deepEqual(fit([{ text: 'factor(urn)', facts: { identifier: 'institution' }, categorical: true }], false), ['SDC016']);
    assert.deepEqual(fit([{ text: 'factor(a)', facts: {}, categorical: true }, { text: 'factor(b)', facts: {}, categorical: true }], true), ['SDC016']);
    assert.deepEqual(fit([{ text: 'age', facts: {}, categorical: false }, { text: 'factor(b)', facts: {}, categorical: true }], true), []);
    assert.deepEqual(fit([{ text: 'age', facts: {}, categorical: false }], false, 'aggregate'), ['SDC016']);
  });

  it('SDC022 accepts a configured rounding helper and any multiple of the base', () => {
    const rounded = (r: FrameColumn['rounding']) => frame(0, { grain: 'aggregate', groupKeys: [eth], columns: [eth, { ...n, ...(r ? { rounding: r } : {}) }], history: [aggregate([eth]), { kind: 'threshold', span: at(40), threshold: 10 }] });
    const out: Output[] = [{ kind: 'export', span: at(100), via: 'write.csv', frame: 0, target: 'outputs/t.csv' }];
    assert.deepEqual(codesOf(model([rounded(undefined)], out)), ['SDC022']);
    assert.deepEqual(codesOf(model([rounded({ base: 10, span: at(50) })], out)), []);
    assert.deepEqual(codesOf(model([rounded({ base: 3, span: at(50) })], out)), ['SDC022']);
    assert.deepEqual(codesOf(model([rounded({ base: 0, trusted: true, span: at(50) })], out)), []);
    assert.deepEqual(codesOf(model([rounded(undefined)], out), { parameters: { requireRounding: false } }), []);
  });
});
