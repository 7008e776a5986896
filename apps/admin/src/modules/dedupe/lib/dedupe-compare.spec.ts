import { comparisonRows, defaultSurvivor } from './dedupe-compare';
import { comparedMember } from './dedupe-compare.fixtures';

describe('comparing possible duplicates', () => {
  const a = comparedMember({ id: 'a', emails: [{ id: 'e1', address: 'ada@example.org', primary: true }], postcode: 'SW1A 1AA', createdAt: '2023-05-01T00:00:00.000Z' });
  const b = comparedMember({
    id: 'b', fullName: 'ADA LOVELACE', emails: [{ id: 'e2', address: 'ada@example.org', primary: true }], phones: [{ id: 'p', e164: '+447700900123', type: 'MOBILE', primary: true }],
    postcode: 'N1 9GU', tags: ['steward'], createdAt: '2024-02-01T00:00:00.000Z',
  });

  it('lines the fields up and marks the ones that differ (ignoring case)', () => {
    const rows = Object.fromEntries(comparisonRows([a, b]).map((r) => [r.key, r]));
    expect(rows.name).toMatchObject({ values: ['Ada Lovelace', 'ADA LOVELACE'], differs: false });
    expect(rows.emails.differs).toBe(false);
    expect(rows.phones).toMatchObject({ values: ['', '+447700900123'], differs: true });
    expect(rows.postcode.differs).toBe(true);
    expect(rows.tags.values).toEqual(['', 'steward']);
  });

  it('suggests keeping the fullest record, and the oldest when they hold as much', () => {
    expect(defaultSurvivor([a, b])).toBe('b');
    expect(defaultSurvivor([comparedMember({ id: 'x', createdAt: '2024-01-02T00:00:00.000Z' }), comparedMember({ id: 'y', createdAt: '2024-01-01T00:00:00.000Z' })])).toBe('y');
    expect(defaultSurvivor([])).toBeNull();
  });
});
