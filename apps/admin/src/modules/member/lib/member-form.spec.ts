import { EMPTY_MEMBER_FORM, compactForm, mapServerFieldErrors, toCreateInput, toUpdateInput, validateForm, type MemberFormValues } from './member-form';

const valid: MemberFormValues = { ...EMPTY_MEMBER_FORM, firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@example.org'], phones: ['07700 900123'] };

describe('member form', () => {
  it('accepts a valid member', () => expect(validateForm(valid)).toEqual({}));

  it('names the bad phone by its row, with the domain message', () => {
    const errors = validateForm({ ...valid, phones: ['07700 900123', '12'] });
    expect(Object.keys(errors)).toEqual(['phones.1']);
    expect(errors['phones.1']).toMatch(/phone/i);
  });

  it('requires names', () => {
    const errors = validateForm({ ...valid, firstName: '  ' });
    expect(errors.firstName).toBeTruthy();
  });

  it('rejects a support level that is not a whole number', () => {
    expect(validateForm({ ...valid, supportLevel: '2.5' }).supportLevel).toBeTruthy();
    expect(validateForm({ ...valid, supportLevel: '9' }).supportLevel).toBeTruthy();
  });

  it('drops blank extra rows so error indexes match', () => {
    expect(compactForm({ ...valid, phones: ['', '07700 900123', ''] }).phones).toEqual(['07700 900123']);
    expect(compactForm({ ...valid, emails: ['', ''] }).emails).toEqual(['']);
  });

  it('sends empty text as null and lists as arrays when creating', () => {
    const input = toCreateInput('org', { ...valid, tags: 'rep, steward ,', region: '' });
    expect(input).toMatchObject({ organisationId: 'org', region: null, tags: ['rep', 'steward'], phones: ['07700 900123'], supportLevel: null });
  });

  it('updates only what changed and says what', () => {
    const { input, changed } = toUpdateInput(valid, { ...valid, phones: ['07700 900999'], region: 'Wales' });
    expect(input).toEqual({ phones: ['07700 900999'], region: 'Wales' });
    expect(changed).toEqual(['phone', 'region']);
    expect(toUpdateInput(valid, valid).changed).toEqual([]);
  });

  it('maps server field paths onto the form and keeps the rest', () => {
    const { errors, unplaced } = mapServerFieldErrors(
      [{ path: 'input.phones.0', message: 'Bad phone' }, { path: 'input.membershipNumber', message: 'Already used' }, { path: 'input', message: 'Odd' }],
      valid,
    );
    expect(errors).toEqual({ 'phones.0': 'Bad phone', membershipNumber: 'Already used' });
    expect(unplaced).toEqual(['Odd']);
  });
});
