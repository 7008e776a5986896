import { compareIsoDates, isIsoDate, parseIsoDate } from './date.value.js';

describe('parseIsoDate', () => {
  it('accepts real dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseIsoDate(' 2011-12-31 ')).toEqual({ ok: true, value: '2011-12-31' });
  });

  it.each([
    ['', 'DATE_EMPTY'],
    ['2023-2-1', 'DATE_FORMAT'],
    ['01/02/2023', 'DATE_FORMAT'],
    ['2023-02-01T00:00:00Z', 'DATE_FORMAT'],
    ['2023-02-29', 'DATE_INVALID'],
    ['2023-13-01', 'DATE_INVALID'],
    ['2023-04-31', 'DATE_INVALID'],
    ['2023-00-10', 'DATE_INVALID'],
    ['1066-10-14', 'DATE_INVALID'],
  ])('rejects %j (%s)', (raw, code) => {
    const result = parseIsoDate(raw);
    expect(result.ok ? 'accepted' : result.error.code).toBe(code);
  });

  it('isIsoDate and compareIsoDates agree with the calendar', () => {
    expect(isIsoDate('2020-01-01')).toBe(true);
    expect(isIsoDate('2020-1-1')).toBe(false);
    expect(compareIsoDates('2020-01-01', '2020-01-02')).toBeLessThan(0);
    expect(compareIsoDates('2020-12-01', '2020-02-01')).toBeGreaterThan(0);
    expect(compareIsoDates('2020-01-01', '2020-01-01')).toBe(0);
  });
});
