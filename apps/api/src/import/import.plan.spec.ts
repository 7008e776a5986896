import type { ImportRowValues } from '@muster/domain';
import { applyRow, emptyState, groupRows, nameKey, type MemberState } from './import.plan';
import { KeyHashSet } from './key-hash-set';

function values(v: Partial<ImportRowValues>): ImportRowValues {
  return {
    membershipNumber: null, firstName: null, lastName: null, emails: [], phones: [], postcode: null, region: null, branch: null,
    workplace: null, employer: null, status: null, joinedOn: null, leftOn: null, tags: [], issues: [], smsConsent: null,
    emailConsent: null, supportLevel: null, ...v,
  };
}

function stored(v: Partial<MemberState>): MemberState {
  return { ...emptyState('m1'), isNew: false, changed: false, ...v };
}

describe('applyRow', () => {
  it('overwrites with file values, never clears, merges lists', () => {
    const s = stored({ firstName: 'Jo', lastName: 'Bloggs', branch: 'North', tags: ['a'], emails: ['jo@x.org'], storedEmails: 1 });
    expect(applyRow(s, values({ firstName: 'Joanne', branch: null, tags: ['a', 'b'], emails: ['jo@x.org', 'jo@work.org'] }), new Set())).toBe(true);
    expect(s).toMatchObject({ firstName: 'Joanne', lastName: 'Bloggs', branch: 'North', tags: ['a', 'b'], emails: ['jo@x.org', 'jo@work.org'], changed: true });
  });

  it('reports no change when the row repeats what is stored', () => {
    const s = stored({ firstName: 'Jo', tags: ['a'], smsConsent: 'GRANTED', phones: [{ e164: '+447700900001', type: 'MOBILE' }], storedPhones: 1 });
    expect(applyRow(s, values({ firstName: 'Jo', tags: ['a'], smsConsent: 'GRANTED', phones: [{ e164: '+447700900001', type: 'MOBILE' }] }), new Set())).toBe(false);
    expect(s.changed).toBe(false);
    expect(s.consents).toEqual([]);
  });

  it('keepExisting keeps a stored non-empty value, fills an empty one', () => {
    const s = stored({ firstName: 'Jo', branch: null });
    applyRow(s, values({ firstName: 'Joanne', branch: 'South' }), new Set(['FIRST_NAME', 'BRANCH'] as const));
    expect(s).toMatchObject({ firstName: 'Jo', branch: 'South' });
  });

  it('records a consent change once', () => {
    const s = stored({ smsConsent: 'GRANTED' });
    applyRow(s, values({ smsConsent: 'WITHDRAWN', emailConsent: 'GRANTED' }), new Set());
    expect(s.consents).toEqual([{ channel: 'SMS', status: 'WITHDRAWN' }, { channel: 'EMAIL', status: 'GRANTED' }]);
  });
});

describe('groupRows', () => {
  it('rows sharing a key are one person, by the first key that was seen', () => {
    const row = (n: number, keys: string[]) => ({ rowNumber: n, values: values({}), warnings: [], keys });
    const groups = groupRows([row(1, ['EMAIL:a']), row(2, ['EMAIL:b']), row(3, ['EMAIL:a', 'MOBILE:1']), row(4, ['MOBILE:1'])]);
    expect(groups.map((g) => g.rows.map((r) => r.rowNumber))).toEqual([[1, 3, 4], [2]]);
    expect(groups[0].keys).toEqual(['EMAIL:a', 'MOBILE:1']);
  });

  it('the NAME fallback key is lower-cased name and postcode', () => {
    expect(nameKey(values({ firstName: 'Jo ', lastName: 'BLOGGS', postcode: 'LS1 4AP' }))).toBe('NAME:jo\u0001bloggs\u0001LS1 4AP');
    expect(nameKey(values({}))).toBeNull();
  });
});

describe('KeyHashSet', () => {
  it('remembers many keys and grows', () => {
    const set = new KeyHashSet();
    for (let i = 0; i < 20_000; i++) set.add(`EMAIL:person${i}@example.org`);
    expect(set.has('EMAIL:person0@example.org')).toBe(true);
    expect(set.has('EMAIL:person19999@example.org')).toBe(true);
    let false_positives = 0;
    for (let i = 20_000; i < 40_000; i++) if (set.has(`EMAIL:person${i}@example.org`)) false_positives++;
    expect(false_positives).toBe(0);
  });
});
