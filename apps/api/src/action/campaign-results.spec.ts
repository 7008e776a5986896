import { countFollowThrough, type CountableResponse, type FollowThroughCounts } from '@muster/domain';
import { suppressRows } from './campaign-results.service';

const D = new Date('2026-01-01T00:00:00Z');
function counts(kept: number, noShow: number, pending = 0): FollowThroughCounts {
  const rows: CountableResponse[] = [
    ...Array.from({ length: kept }, () => ({ state: 'COMPLETED' as const, committedAt: D, remindedAt: null })),
    ...Array.from({ length: noShow }, () => ({ state: 'NO_SHOW' as const, committedAt: D, remindedAt: null })),
    ...Array.from({ length: pending }, () => ({ state: 'COMMITTED' as const, committedAt: D, remindedAt: null })),
  ];
  return countFollowThrough(rows);
}

describe('suppressRows (client roles: small numbers)', () => {
  it('hides a row whole when any of its counts is from 1 to threshold − 1; zero is never small; threshold 0 hides nothing', () => {
    const [big, small, empty] = suppressRows([counts(20, 10), counts(20, 2), counts(0, 0)], false, 5);
    expect(big).toMatchObject({ asked: 30, completedAfterCommit: 20, noShow: 10, rate: 20 / 30, suppressed: false });
    expect(small).toEqual({ asked: null, committed: null, reminded: null, completed: null, completedAfterCommit: null, noShow: null,
      cancelled: null, declined: null, pending: null, rate: null, suppressed: true });
    expect(empty).toMatchObject({ asked: 0, rate: null, suppressed: false });
    expect(suppressRows([counts(20, 2)], false, 0)[0]).toMatchObject({ noShow: 2, suppressed: false });
  });

  it('when the total is shown and only one row is hidden, also hides the smallest other non-empty row', () => {
    const out = suppressRows([counts(50, 10), counts(8, 6), counts(20, 2), counts(0, 0)], true, 5);
    expect(out.map((r) => r.suppressed)).toEqual([false, true, true, false]);
    // Without a shown total there is nothing to subtract from.
    expect(suppressRows([counts(50, 10), counts(8, 6), counts(20, 2)], false, 5).map((r) => r.suppressed)).toEqual([false, false, true]);
    // Two hidden already: nothing more.
    expect(suppressRows([counts(50, 10), counts(20, 2), counts(20, 3)], true, 5).map((r) => r.suppressed)).toEqual([false, true, true]);
  });
});
