import { checkPence, formatPence, MAX_DONATION_PENCE, normaliseCurrency, parsePounds } from './donation.money.js';

describe('checkPence', () => {
  it('accepts whole positive pence', () => {
    expect(checkPence(1)).toEqual({ ok: true, value: 1 });
    expect(checkPence(1250)).toEqual({ ok: true, value: 1250 });
    expect(checkPence(MAX_DONATION_PENCE)).toEqual({ ok: true, value: MAX_DONATION_PENCE });
  });
  it.each([
    [12.5, 'AMOUNT_NOT_INTEGER'], [0.01, 'AMOUNT_NOT_INTEGER'], [0, 'AMOUNT_NOT_POSITIVE'], [-100, 'AMOUNT_NOT_POSITIVE'],
    [MAX_DONATION_PENCE + 1, 'AMOUNT_TOO_LARGE'], [Number.NaN, 'AMOUNT_INVALID'], [Infinity, 'AMOUNT_INVALID'],
    ['1250', 'AMOUNT_INVALID'], [null, 'AMOUNT_INVALID'], [undefined, 'AMOUNT_INVALID'],
  ])('refuses %p (%s)', (value, code) => {
    const result = checkPence(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('normaliseCurrency', () => {
  it('defaults to GBP and upper-cases', () => {
    expect(normaliseCurrency(undefined)).toEqual({ ok: true, value: 'GBP' });
    expect(normaliseCurrency('')).toEqual({ ok: true, value: 'GBP' });
    expect(normaliseCurrency(' eur ')).toEqual({ ok: true, value: 'EUR' });
  });
  it('refuses unknown currencies', () => {
    expect(normaliseCurrency('JPY').ok).toBe(false);
    expect(normaliseCurrency('pounds').ok).toBe(false);
  });
});

describe('parsePounds', () => {
  it.each([['12', 1200], ['12.5', 1250], ['£12.50', 1250], ['1,250.00', 125000], [' 0.01 ', 1]])('%p → %p', (raw, pence) => {
    expect(parsePounds(raw)).toEqual({ ok: true, value: pence });
  });
  it.each(['12.505', '-5', 'abc', '', '0', '0.00', '1e3'])('refuses %p', (raw) => {
    expect(parsePounds(raw).ok).toBe(false);
  });
});

describe('formatPence', () => {
  it('formats pounds and pence', () => {
    expect(formatPence(1250)).toBe('£12.50');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123456789)).toBe('£1,234,567.89');
    expect(formatPence(-250)).toBe('−£2.50');
    expect(formatPence(100, 'EUR')).toBe('€1.00');
  });
});
