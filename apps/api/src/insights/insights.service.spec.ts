import { addMonths, londonToday, unitOf } from './insights.service';

describe('insights service helpers', () => {
  it('adds months across year ends, both ways', () => {
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
    expect(addMonths('2026-11', 0)).toBe('2026-11');
  });

  it('takes the day in Europe/London, not UTC', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01'); // BST: already 00:30 on 1 July
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31'); // GMT
  });

  it('reads the level of the unit the scope names ("" is a unit: members with no region)', () => {
    const scope = { from: null, to: null };
    expect(unitOf({ ...scope, region: null, branch: null })).toEqual({ level: 0, region: null, branch: null });
    expect(unitOf({ ...scope, region: 'Wales', branch: null })).toEqual({ level: 1, region: 'Wales', branch: null });
    expect(unitOf({ ...scope, region: null, branch: 'Leeds 1' })).toEqual({ level: 2, region: null, branch: 'Leeds 1' });
    expect(unitOf({ ...scope, region: 'Wales', branch: 'Cardiff' })).toEqual({ level: 3, region: 'Wales', branch: 'Cardiff' });
    expect(unitOf({ ...scope, region: '', branch: null })).toEqual({ level: 1, region: '', branch: null });
  });
});
