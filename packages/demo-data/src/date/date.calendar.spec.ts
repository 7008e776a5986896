import { daysFromCivil, daysFromIso, isoFromDays, londonToday } from './date.calendar.js';

describe('calendar', () => {
  it('round-trips every day across leap years and centuries', () => {
    const broken: number[] = [];
    for (let d = daysFromCivil(1999, 1, 1); d <= daysFromCivil(2101, 12, 31); d++) {
      if (daysFromIso(isoFromDays(d)) !== d) broken.push(d);
    }
    expect(broken).toEqual([]);
    // And agrees with the platform's calendar.
    expect(isoFromDays(daysFromCivil(2026, 11, 26))).toBe(new Date(Date.UTC(2026, 10, 26)).toISOString().slice(0, 10));
    expect(daysFromCivil(2026, 11, 26)).toBe(Date.UTC(2026, 10, 26) / 86_400_000);
    expect(isoFromDays(0)).toBe('1970-01-01');
    expect(isoFromDays(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    expect(isoFromDays(daysFromCivil(2000, 3, 1) - 1)).toBe('2000-02-29');
    expect(isoFromDays(daysFromCivil(2100, 3, 1) - 1)).toBe('2100-02-28');
  });

  it('rejects dates that do not exist', () => {
    expect(daysFromIso('2023-02-29')).toBeNull();
    expect(daysFromIso('2023-13-01')).toBeNull();
    expect(daysFromIso('26/11/2026')).toBeNull();
  });

  it('takes today in London, not UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});
