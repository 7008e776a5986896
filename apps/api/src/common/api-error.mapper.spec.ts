import { GraphQLError } from 'graphql';
import { MemberException } from '../member/member.exception';
import { OrganisationException } from '../organisation/organisation.exception';
import { INTERNAL_MESSAGE, mapDomainException, mapError } from './api-error.mapper';
import { ValidationFailedException } from './domain.exception';

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ['member'] });
}

describe('mapError', () => {
  it('maps module not-found codes to NOT_FOUND', () => {
    expect(mapError(resolverError(MemberException.notFound())).error).toEqual({ code: 'NOT_FOUND', message: 'Member not found' });
    expect(mapError(resolverError(OrganisationException.notFound())).error.code).toBe('NOT_FOUND');
  });

  it('carries validation fields', () => {
    const error = new ValidationFailedException([{ path: 'input.phones.0', message: 'Enter a phone number.' }]);
    expect(mapError(resolverError(error))).toEqual({
      unexpected: false,
      error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields: [{ path: 'input.phones.0', message: 'Enter a phone number.' }] },
    });
  });

  it('turns errors in the query itself into BAD_REQUEST', () => {
    expect(mapError(new GraphQLError('Cannot query field "nope" on type "Query".')).error.code).toBe('BAD_REQUEST');
  });

  it('turns a variable of the wrong type into BAD_REQUEST', () => {
    const scalar = new GraphQLError('ID cannot represent value: {}');
    expect(mapError(new GraphQLError('Variable "$id" got invalid value {}', { originalError: scalar })).error.code).toBe('BAD_REQUEST');
  });

  it('keeps a null in a non-null field (a bug of ours) INTERNAL', () => {
    expect(mapError(new GraphQLError('Cannot return null for non-nullable field Member.id.', { path: ['member', 'id'] })).error.code).toBe('INTERNAL');
  });

  it('turns the depth limit into QUERY_TOO_COMPLEX', () => {
    const depth = Object.assign(new Error('query depth exceeds'), { code: 'MER_ERR_GQL_QUERY_DEPTH' });
    expect(mapError(depth).error.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('hides anything unexpected behind INTERNAL', () => {
    const mapped = mapError(resolverError(new Error('connection refused at 10.0.0.1:5432')));
    expect(mapped).toEqual({ unexpected: true, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } });
  });

  it('refuses an unmapped module code (exhaustive switch)', () => {
    const rogue = Object.assign(MemberException.notFound(), { code: 'MEMBER_ROGUE' });
    expect(() => mapDomainException(rogue)).toThrow(/Unmapped error code MEMBER_ROGUE/);
  });
});
