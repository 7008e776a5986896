import { describeOffset, fromLocalInput, normaliseOffsets, parsePoundsList, penceToPoundsText, toLocalInput } from './action-form';

describe('action form helpers', () => {
  it('round-trips a time through datetime-local', () => {
    const iso = '2026-12-01T18:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('nonsense')).toBeNull();
  });

  it('describes reminder offsets in words, longest first', () => {
    expect([10080, 2880, 1440, 120, 90, 1].map(describeOffset)).toEqual(['1 week', '2 days', '1 day', '2 hours', '90 minutes', '1 minute']);
    expect(normaliseOffsets([120, 1440, 120])).toEqual([1440, 120]);
  });

  it('reads pounds as integer pence, exactly', () => {
    expect(parsePoundsList('5, 10, 25.50 £0.07')).toEqual({ pence: [500, 1000, 2550, 7] });
    expect(parsePoundsList('19.99')).toEqual({ pence: [1999] }); // not 1998.9999…
    expect(parsePoundsList('')).toEqual({ pence: [] });
    expect(parsePoundsList('5.555')).toEqual({ problem: '“5.555” is not an amount in pounds, like 5 or 12.50.' });
    expect(parsePoundsList('0')).toEqual({ problem: 'Amounts must be more than £0.' });
    expect(parsePoundsList('-5')).toHaveProperty('problem');
    expect(penceToPoundsText([500, 1250, 7])).toBe('5, 12.50, 0.07');
  });
});
