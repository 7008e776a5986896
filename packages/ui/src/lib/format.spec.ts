import { formatDate, formatMonth, formatNumber, humanise, pluralise } from './format.js';

describe('format', () => {
  it('uses UK digit grouping', () => expect(formatNumber(1234567)).toBe('1,234,567'));
  it('shows a dash for missing numbers', () => expect(formatNumber(null)).toBe('–'));
  it('names months', () => {
    expect(formatMonth('2025-01')).toBe('Jan 2025');
    expect(formatMonth('2025-12')).toBe('Dec 2025');
    expect(formatMonth('2025-13')).toBe('2025-13');
  });
  it('formats calendar dates without shifting the day', () => expect(formatDate('2024-03-01')).toBe('1 Mar 2024'));
  it('humanises enum values', () => expect(humanise('LAPSED')).toBe('Lapsed'));
  it('pluralises', () => {
    expect(pluralise(1, 'member')).toBe('1 member');
    expect(pluralise(2000, 'member')).toBe('2,000 members');
  });
});
