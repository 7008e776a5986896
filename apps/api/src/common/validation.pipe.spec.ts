import { CreateMemberInput } from '../member/dtos/create-member.input';
import { MemberFilter } from '../member/dtos/member-filter.input';
import { ValidationFailedException } from './domain.exception';
import { InputValidationPipe } from './validation.pipe';

describe('InputValidationPipe', () => {
  const pipe = new InputValidationPipe();
  const meta = (metatype: unknown, data: string) => ({ type: 'body' as const, metatype: metatype as never, data });

  it('passes primitives and valid inputs through unchanged (no fields added)', async () => {
    expect(await pipe.transform(5, meta(Number, 'first'))).toBe(5);
    const filter = { region: { eq: 'Wales' } };
    expect(await pipe.transform(filter, meta(MemberFilter, 'filter'))).toBe(filter);
    expect(await pipe.transform(filter, meta(MemberFilter, 'filter'))).toBe(filter); // remembered
  });

  it('names every invalid field from the argument down, however deep', async () => {
    const filter = { or: [{ region: { eq: 'x'.repeat(201) } }], search: 'y'.repeat(201) };
    await expect(Promise.resolve(pipe.transform(filter, meta(MemberFilter, 'filter')))).rejects.toMatchObject({
      fields: expect.arrayContaining([
        { path: 'filter.search', message: expect.any(String) },
        { path: 'filter.or.0.region.eq', message: expect.any(String) },
      ]),
    });
  });

  it('rejects an out-of-range support level on create', async () => {
    const input = { organisationId: 'x', firstName: 'A', lastName: 'B', supportLevel: 7 };
    await expect(Promise.resolve(pipe.transform(input, meta(CreateMemberInput, 'input')))).rejects.toBeInstanceOf(ValidationFailedException);
  });
});
