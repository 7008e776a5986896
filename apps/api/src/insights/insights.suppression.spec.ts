import { cell, isSmall, suppressPartition } from './insights.suppression';

describe('insight suppression', () => {
  it('hides 1…threshold−1, never 0 or the threshold itself; threshold 0 hides nothing', () => {
    expect([0, 1, 4, 5].map((n) => isSmall(n, 5))).toEqual([false, true, true, false]);
    expect(cell('a', 'A', 3, 5)).toEqual({ key: 'a', label: 'A', count: null, suppressed: true });
    expect(cell('a', 'A', 3, 0)).toEqual({ key: 'a', label: 'A', count: 3, suppressed: false });
    expect(cell('a', 'A', 0, 5)).toEqual({ key: 'a', label: 'A', count: 0, suppressed: false });
  });

  it('suppresses the smallest other cell when a lone small cell could be recomputed from the total', () => {
    const out = suppressPartition([{ key: 'a', label: 'A', count: 50 }, { key: 'b', label: 'B', count: 7 }, { key: 'c', label: 'C', count: 2 }, { key: 'd', label: 'D', count: 0 }], 5);
    expect(out.map((c) => c.count)).toEqual([50, null, null, 0]);
    expect(out.map((c) => c.suppressed)).toEqual([false, true, true, false]);
  });

  it('needs no second cell when two cells are already unshown', () => {
    const out = suppressPartition([{ key: 'a', label: 'A', count: 50 }, { key: 'b', label: 'B', count: 3 }, { key: 'c', label: 'C', count: 2 }], 5);
    expect(out.map((c) => c.count)).toEqual([50, null, null]);
  });

  it('treats a hidden complement as unshown: reachable is suppressed when only a few are not reachable', () => {
    expect(suppressPartition([{ key: 'r', label: 'R', count: 97 }, { key: 'n', label: 'N', count: 3, hidden: true }], 5))
      .toEqual([{ key: 'r', label: 'R', count: null, suppressed: true }]);
    expect(suppressPartition([{ key: 'r', label: 'R', count: 90 }, { key: 'n', label: 'N', count: 10, hidden: true }], 5))
      .toEqual([{ key: 'r', label: 'R', count: 90, suppressed: false }]);
  });
});
