import { strict as assert } from 'node:assert';
import { allowedEdits, nearestByEditDistance, rankByEditDistance, swappedNeighbours } from '../../server/src/util/closestNames';

const identity = (s: string): string => s;

describe('closest names by edit distance', () => {
  it('allows a third of the typed length, between one and three edits', () => {
    assert.deepEqual(['ab', 'abcdef', 'abcdefghi', 'abcdefghijklmnop'].map(allowedEdits), [1, 2, 3, 3]);
  });

  it('keeps only the best distance, in the given order, up to the limit', () => {
    const candidates = ['fsmeligible_spr19', 'fsmeligible_spr18', 'fsmeligible_sum19', 'senprovision_spr19'];
    assert.deepEqual(nearestByEditDistance(candidates, 'fsmeligble_spr19', identity), ['fsmeligible_spr19']);
    assert.deepEqual(nearestByEditDistance(candidates, 'fsmeligible_spr1', identity, undefined, 1), ['fsmeligible_spr19']);
  });

  it('ranks every candidate within reach, closest first, and leaves out the same spelling', () => {
    const candidates = ['EduKey', 'edukey', 'EduKeys', 'PupilMatchingRefAnonymous'];
    assert.deepEqual(rankByEditDistance(candidates, 'Edukey', identity).map((r) => [r.item, r.distance]), [['EduKeys', 1]]);
  });

  it('never suggests a name as far away as the typed name is long', () => {
    assert.deepEqual(nearestByEditDistance(['y'], 'x', identity), []);
  });

  it('lets a language count its own slips', () => {
    const measure = (typed: string, candidate: string): number | undefined => (swappedNeighbours(typed, candidate) ? 1 : undefined);
    assert.deepEqual(nearestByEditDistance(['fsm_ever', 'fms_ever'], 'fsm_ever', identity, measure), ['fms_ever']);
    assert.equal(swappedNeighbours('abcd', 'abdc'), true);
    assert.equal(swappedNeighbours('abcd', 'badc'), false);
  });
});
