import { addFollowThrough, countFollowThrough, EMPTY_FOLLOW_THROUGH, followThrough, followThroughRate } from './follow-through.js';
import type { CountableResponse } from './follow-through.js';

const D = new Date('2026-03-01T00:00:00Z');

function r(state: CountableResponse['state'], committed: boolean, reminded = false): CountableResponse {
  return { state, committedAt: committed ? D : null, remindedAt: reminded ? D : null };
}

describe('follow-through', () => {
  it('counts a hand-made set exactly', () => {
    const responses = [
      r('ASKED', false), r('ASKED', false),
      r('DECLINED', false),
      r('COMMITTED', true), r('REMINDED', true, true),
      r('COMPLETED', true, true), r('COMPLETED', true), r('COMPLETED', true),
      r('COMPLETED', false), // a petition signed when asked: completed, not in the rate
      r('NO_SHOW', true, true),
      r('CANCELLED', true),
      r('DECLINED', false),
    ];
    const counts = countFollowThrough(responses);
    expect(counts).toEqual({
      asked: 12, committed: 7, reminded: 3, completed: 4, completedAfterCommit: 3, noShow: 1, cancelled: 1, declined: 2, pending: 2,
    });
    // 3 kept ÷ (3 kept + 1 no-show + 1 cancelled) = 0.6
    expect(followThrough(counts).rate).toBe(0.6);
  });

  it('the rate is null with no known outcome, 1 when every commitment was kept, 0 when none', () => {
    expect(followThroughRate(EMPTY_FOLLOW_THROUGH)).toBeNull();
    expect(followThroughRate(countFollowThrough([r('COMMITTED', true), r('COMPLETED', false)]))).toBeNull();
    expect(followThroughRate(countFollowThrough([r('COMPLETED', true), r('COMPLETED', true)]))).toBe(1);
    expect(followThroughRate(countFollowThrough([r('NO_SHOW', true), r('CANCELLED', true)]))).toBe(0);
  });

  it("the agency's 89%: 4,300 commitments, 3,827 kept, 473 not", () => {
    expect(followThroughRate({ completedAfterCommit: 3827, noShow: 300, cancelled: 173 })).toBeCloseTo(0.89, 2);
  });

  it('adds counts field by field', () => {
    const a = countFollowThrough([r('COMPLETED', true), r('ASKED', false)]);
    const b = countFollowThrough([r('NO_SHOW', true, true)]);
    expect(addFollowThrough(a, b)).toEqual(countFollowThrough([r('COMPLETED', true), r('ASKED', false), r('NO_SHOW', true, true)]));
    expect(addFollowThrough(EMPTY_FOLLOW_THROUGH, a)).toEqual(a);
  });
});
