import { parseImportDate } from './import.date.js';

describe('parseImportDate', () => {
  it.each([
    ['14/03/2021', '2021-03-14'],
    ['4/3/2021', '2021-03-04'],
    ['04-03-2021', '2021-03-04'],
    ['04.03.2021', '2021-03-04'],
    ['2021-03-14', '2021-03-14'],
    ['2021/3/4', '2021-03-04'],
    ['2021-03-14T10:00:00-08:00', '2021-03-14'],
    ['2021-03-14 10:00:00', '2021-03-14'],
    ['2021-03-14T09:30:00.000Z', '2021-03-14'],
    ['14/03/2021 09:30', '2021-03-14'],
    ['5 Jan 2019', '2019-01-05'],
    ['05-Jan-2019', '2019-01-05'],
    ['5th January 2019', '2019-01-05'],
    ['Sat 5 January 2019', '2019-01-05'],
    ['January 5, 2019', '2019-01-05'],
    ['Sept 30 2020', '2020-09-30'],
    ['29/02/2020', '2020-02-29'],
    ['  14/03/2021  ', '2021-03-14'],
  ])('%j → %s', (raw, expected) => {
    const result = parseImportDate(raw);
    expect(result).toEqual({ ok: true, value: expected });
  });

  it('reads month/day/year only when day/month/year is impossible, and says so', () => {
    expect(parseImportDate('03/14/2021')).toEqual({ ok: true, value: '2021-03-14', note: expect.stringContaining('month/day/year') });
    expect(parseImportDate('03/04/2021')).toEqual({ ok: true, value: '2021-04-03' });
  });

  it('reads two-digit years with the spreadsheet window, and says so', () => {
    expect(parseImportDate('14/03/21')).toEqual({ ok: true, value: '2021-03-14', note: 'has a two-digit year, read as 2021.' });
    expect(parseImportDate('1/2/29')).toMatchObject({ ok: true, value: '2029-02-01' });
    expect(parseImportDate('1/2/30')).toMatchObject({ ok: true, value: '1930-02-01' });
    expect(parseImportDate('12/31/99')).toEqual({
      ok: true,
      value: '1999-12-31',
      note: 'was read as month/day/year, because the second number is above 12; has a two-digit year, read as 1999.',
    });
    expect(parseImportDate('29/02/21')).toEqual({ ok: false, message: 'is not a real date.' });
  });

  it('reads spreadsheet day numbers, and says so', () => {
    expect(parseImportDate('44270')).toEqual({ ok: true, value: '2021-03-15', note: expect.stringContaining('day number') });
    expect(parseImportDate('25569')).toMatchObject({ ok: true, value: '1970-01-01' });
  });

  it.each(['31/02/2020', '29/02/2021', '2021-13-01', '2021-02-30', '13/13/2021', '32 Jan 2020'])('%j is not a real date', (raw) => {
    expect(parseImportDate(raw)).toEqual({ ok: false, message: 'is not a real date.' });
  });

  it.each(['', 'yesterday', '14/03/2', '2021', 'Jan 2021', '14 Foo 2021', '1234', '123456', '01/01/1850'])('%j cannot be read', (raw) => {
    expect(parseImportDate(raw).ok).toBe(false);
  });
});
