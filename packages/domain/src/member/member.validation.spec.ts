import { validateMemberDraft } from './member.validation.js';
import type { MemberDraft } from './member.types.js';

const valid: MemberDraft = {
  firstName: 'Aisha',
  lastName: 'Khan',
  emails: ['Aisha.Khan@example.org', 'aisha@gmail.com'],
  phones: ['07700 900123', '0161 496 0000'],
  postcode: 'm1 1ae',
  region: 'North West',
  branch: 'Manchester Health Branch',
  status: 'ACTIVE',
  joinedOn: '2019-03-04',
  leftOn: null,
  tags: ['Rep'],
  issues: ['Pay', 'Workload'],
  smsConsent: 'GRANTED',
  emailConsent: 'UNKNOWN',
  supportLevel: 4,
  engagementScore: 72,
};

function paths(draft: MemberDraft, partial = false): string[] {
  return validateMemberDraft(draft, { partial }).map((e) => e.path);
}

describe('validateMemberDraft', () => {
  it('accepts a complete valid member', () => {
    expect(validateMemberDraft(valid)).toEqual([]);
  });

  it('accepts the minimum: a first and a last name', () => {
    expect(validateMemberDraft({ firstName: 'Jo', lastName: 'Bloggs' })).toEqual([]);
  });

  it('requires first and last names on create', () => {
    expect(validateMemberDraft({})).toEqual([
      { path: 'firstName', message: 'First name is required.' },
      { path: 'lastName', message: 'Last name is required.' },
    ]);
    expect(paths({ firstName: '   ', lastName: null })).toEqual(['firstName', 'lastName']);
  });

  it('limits names to 100 characters after collapsing spaces', () => {
    expect(paths({ firstName: 'a'.repeat(100), lastName: 'b' })).toEqual([]);
    expect(paths({ firstName: ` ${'a'.repeat(50)}     ${'a'.repeat(49)} `, lastName: 'b' })).toEqual([]);
    expect(validateMemberDraft({ firstName: 'a'.repeat(101), lastName: 'b' })).toEqual([
      { path: 'firstName', message: 'First name must be at most 100 characters.' },
    ]);
  });

  it('names each bad email and phone by its index with the value object message', () => {
    const errors = validateMemberDraft({
      ...valid,
      emails: ['ok@example.org', 'not-an-email'],
      phones: ['07700 900123', '7.7009E+09', '12'],
    });
    expect(errors).toEqual([
      { path: 'emails.1', message: 'An email address needs an @, as in name@example.org.' },
      { path: 'phones.1', message: expect.stringMatching(/spreadsheet/) },
      { path: 'phones.2', message: 'This phone number is too short.' },
    ]);
  });

  it('reports the same email or phone listed twice in different spellings', () => {
    expect(paths({ ...valid, emails: ['jo@example.org', ' JO@example.org'] })).toEqual(['emails.1']);
    expect(paths({ ...valid, phones: ['07700 900123', '+44 (0)7700 900123'] })).toEqual(['phones.1']);
  });

  it('checks the postcode but lets it be empty', () => {
    expect(validateMemberDraft({ ...valid, postcode: 'not a postcode' })).toEqual([
      { path: 'postcode', message: 'This is not a valid UK postcode (for example SW1A 1AA).' },
    ]);
    expect(paths({ ...valid, postcode: '' })).toEqual([]);
    expect(paths({ ...valid, postcode: null })).toEqual([]);
  });

  it('checks dates and that leaving is not before joining', () => {
    expect(paths({ ...valid, joinedOn: '2020-02-30' })).toEqual(['joinedOn']);
    expect(validateMemberDraft({ ...valid, joinedOn: '04/03/2019' })).toEqual([
      { path: 'joinedOn', message: 'Joining date must be a date as YYYY-MM-DD.' },
    ]);
    expect(validateMemberDraft({ ...valid, status: 'LEFT', joinedOn: '2020-01-02', leftOn: '2020-01-01' })).toEqual([
      { path: 'leftOn', message: 'Leaving date cannot be before the joining date.' },
    ]);
    expect(paths({ ...valid, status: 'LEFT', joinedOn: '2020-01-02', leftOn: '2020-01-02' })).toEqual([]);
    expect(paths({ ...valid, joinedOn: null, leftOn: '2020-01-02' })).toEqual([]);
  });

  it.each([0, 6, 2.5, Number.NaN, '3' as unknown as number])('rejects support level %p', (supportLevel) => {
    expect(validateMemberDraft({ ...valid, supportLevel })).toEqual([
      { path: 'supportLevel', message: 'Support level must be a whole number from 1 to 5.' },
    ]);
  });

  it.each([1, 5, null])('accepts support level %p', (supportLevel) => {
    expect(paths({ ...valid, supportLevel })).toEqual([]);
  });

  it('checks the enumerations and the engagement score', () => {
    expect(paths({ ...valid, status: 'DECEASED', smsConsent: 'YES', emailConsent: null, engagementScore: 101 })).toEqual([
      'status',
      'smsConsent',
      'emailConsent',
      'engagementScore',
    ]);
  });

  it('limits labels, tags and issues', () => {
    const long = 'x'.repeat(201);
    expect(paths({ ...valid, branch: long, employer: long, tags: ['ok', long], issues: [long] })).toEqual([
      'branch',
      'employer',
      'tags.1',
      'issues.0',
    ]);
  });

  describe('partial (update) drafts', () => {
    it('skip absent fields, including the required names', () => {
      expect(validateMemberDraft({ supportLevel: 3 }, { partial: true })).toEqual([]);
    });

    it('still refuse to clear a required name', () => {
      expect(paths({ firstName: null }, true)).toEqual(['firstName']);
      expect(paths({ lastName: '  ' }, true)).toEqual(['lastName']);
    });

    it('still check the fields that are given', () => {
      expect(paths({ phones: ['nonsense'] }, true)).toEqual(['phones.0']);
    });
  });
});
