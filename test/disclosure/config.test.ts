/**
 * The `disclosure` section of .leo-lens.json: profiles, overrides, per-rule severity, validation errors with paths.
 */
import { strict as assert } from 'node:assert';
import { HESA_PARAMETERS, minimumUnits, ONS_SRS_PARAMETERS, parseDisclosureConfig, resolveDisclosureConfig } from '../../server/src/disclosure/config';
import { analyse, codes, setUpDisclosure } from './support/check';

const CENSUS = 'npd_i2."<project number>".spring_census_2019';

describe('disclosure configuration', () => {
  before(setUpDisclosure);

  it('defaults to the ons-srs profile with the guidance parameters', () => {
    const config = resolveDisclosureConfig();
    assert.equal(config.profile, 'ons-srs');
    assert.equal(config.parameters.threshold, 10);
    assert.equal(config.parameters.dof, 10);
    assert.equal(config.parameters.dominanceN, 2);
    assert.equal(config.parameters.dominanceK, 0.9);
    assert.equal(config.parameters.pRatio, 0.1);
    assert.equal(config.parameters.roundingBase, 5);
    assert.equal(config.parameters.earningsRounding, 100);
    assert.equal(config.parameters.zeros, 'non-structural');
  });

  it('has a hesa profile: percentages need 22.5 units, averages more than 7, rounding protects counts', () => {
    assert.equal(minimumUnits(HESA_PARAMETERS, 'proportion'), 23);
    assert.equal(minimumUnits(HESA_PARAMETERS, 'mean'), 8);
    assert.equal(minimumUnits(ONS_SRS_PARAMETERS, 'proportion'), 10);
    assert.equal(HESA_PARAMETERS.roundingSatisfiesThreshold, true);
  });

  it('applies parameter overrides over the profile', () => {
    const { config, problems } = parseDisclosureConfig({ profile: 'hesa', parameters: { threshold: 20 } });
    assert.deepEqual(problems, []);
    assert.equal(config.parameters.threshold, 20);
    assert.equal(config.parameters.percentageMinN, 22.5);
  });

  it('reports invalid values with their JSON path', () => {
    const { problems } = parseDisclosureConfig({ parameters: { threshold: -1 }, rules: { SDC010: 'loud' }, unknownKey: true });
    const paths = problems.map((p) => p.path);
    assert.ok(paths.includes('disclosure.parameters.threshold'), paths.join(' '));
    assert.ok(paths.includes('disclosure.rules.SDC010'), paths.join(' '));
    assert.ok(problems.some((p) => p.path === 'disclosure' && /unknownKey|unrecognized/i.test(p.message)), JSON.stringify(problems));
  });

  it('turns a rule off and changes a severity', () => {
    const text = `SELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS n FROM ${CENSUS} AS sc GROUP BY sc.EthnicGroupMajor_SPR19;`;
    assert.deepEqual(codes(analyse('sql', text, { rules: { SDC010: 'off' } })), []);
    const result = analyse('sql', text, { rules: { SDC010: 'error' } });
    assert.equal(result.findings[0]?.severity, 'error');
  });

  it('uses a raised threshold: a guard at 10 is weak when 20 is required', () => {
    const text = `SELECT sc.EthnicGroupMajor_SPR19, COUNT(*) AS n FROM ${CENSUS} AS sc GROUP BY sc.EthnicGroupMajor_SPR19 HAVING COUNT(*) >= 10;`;
    assert.deepEqual(codes(analyse('sql', text)), []);
    const result = analyse('sql', text, { parameters: { threshold: 20 } });
    assert.deepEqual(codes(result), ['SDC010']);
    assert.match(result.findings[0]!.message, /from 10 units, below the threshold of 20/);
  });

  it('treats configured identifier columns like catalogue identifiers', () => {
    const text = `SELECT c.study_id, c.fsm FROM dbo.cohort AS c;`;
    assert.deepEqual(codes(analyse('sql', text)), []);
    const r = `cohort <- read_csv("data/cohort.csv")\nwrite_csv(select(cohort, study_id, fsm), "outputs/list.csv")\n`;
    assert.ok(codes(analyse('r', r, { identifierColumns: ['study_*'] })).includes('SDC003'));
  });

  it('trusts a configured suppression helper as a guard, and keeps following the table', () => {
    const text = `cohort <- read_csv("data/cohort.csv")\ncohort |> count(fsm, sen) |> suppress_small() |> arrange(fsm)\n`;
    // An unknown function makes the table's content unknown, so nothing is said about it.
    const unknown = analyse('r', text);
    assert.deepEqual(codes(unknown), []);
    assert.equal(unknown.model!.outputs.length, 0);
    const known = analyse('r', text, { suppressionHelpers: ['suppress_small'] });
    assert.deepEqual(codes(known), []);
    const frame = known.model!.frames[known.model!.outputs[0]!.frame!]!;
    assert.ok(frame.history.some((e) => e.kind === 'helper'));
  });

  it('under hesa, counts rounded to 5 need no threshold filter', () => {
    const text = `cohort <- read_csv("data/cohort.csv")\ncohort |> count(fsm) |> mutate(n = round(n / 5) * 5)\n`;
    assert.deepEqual(codes(analyse('r', text)), ['SDC010']);
    assert.deepEqual(codes(analyse('r', text, { profile: 'hesa' })), []);
  });
});
