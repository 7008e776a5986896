import { normaliseMemberDraft } from './member.draft.js';

describe('normaliseMemberDraft', () => {
  it('returns the stored form of a valid draft', () => {
    const result = normaliseMemberDraft({
      firstName: '  Aisha ',
      lastName: 'Khan\u00a0 ',
      emails: [' Aisha.Khan@Example.org '],
      phones: ['07700 900123', '0161 496 0000'],
      postcode: 'm1   1ae',
      region: '  North West ',
      branch: '   ',
      status: 'ACTIVE',
      joinedOn: '2019-03-04',
      tags: ['Rep', 'rep '],
      issues: [' Pay', 'pay'],
      smsConsent: 'GRANTED',
      supportLevel: null,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        firstName: 'Aisha',
        lastName: 'Khan',
        emails: ['aisha.khan@example.org'],
        phones: [
          { e164: '+447700900123', type: 'MOBILE', national: '07700 900123' },
          { e164: '+441614960000', type: 'LANDLINE', national: '0161 496 0000' },
        ],
        postcode: 'M1 1AE',
        region: 'North West',
        branch: null,
        status: 'ACTIVE',
        joinedOn: '2019-03-04',
        tags: ['Rep'],
        issues: ['Pay'],
        smsConsent: 'GRANTED',
        supportLevel: null,
      },
    });
  });

  it('leaves absent fields absent in a partial draft', () => {
    expect(normaliseMemberDraft({ postcode: null, phones: [] }, { partial: true })).toEqual({ ok: true, value: { postcode: null, phones: [] } });
  });

  it('returns the validation errors for an invalid draft', () => {
    expect(normaliseMemberDraft({ firstName: 'Jo', lastName: 'Bloggs', emails: ['x'] })).toEqual({
      ok: false,
      error: [{ path: 'emails.0', message: expect.any(String) }],
    });
  });
});
