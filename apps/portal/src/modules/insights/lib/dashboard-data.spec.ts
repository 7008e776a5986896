import { countOf, rankedData, recentMovement, statusData } from './dashboard-data';

describe('dashboard data', () => {
  it('orders statuses active, lapsed, left whatever the API order', () => {
    expect(statusData([{ key: 'LEFT', count: 1 }, { key: 'ACTIVE', count: 5 }, { key: 'LAPSED', count: 2 }]).map((d) => d.label)).toEqual(['Active', 'Lapsed', 'Left']);
  });
  it('ranks largest first with a stable tie-break', () => {
    expect(rankedData([{ key: 'b', count: 2 }, { key: 'a', count: 2 }, { key: 'c', count: 9 }]).map((d) => d.key)).toEqual(['c', 'a', 'b']);
  });
  it('reads a count or zero', () => {
    expect(countOf([{ key: 'ACTIVE', count: 3 }], 'ACTIVE')).toBe(3);
    expect(countOf([], 'ACTIVE')).toBe(0);
  });
  it('sums the most recent months only', () => {
    const rows = Array.from({ length: 24 }, (_, i) => ({ month: `m${i}`, joiners: i < 12 ? 100 : 2, leavers: 1, net: 0 }));
    expect(recentMovement(rows)).toEqual({ joiners: 24, leavers: 12, net: 12, months: 12 });
  });
});
