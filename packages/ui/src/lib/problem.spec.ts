import { toApiProblem } from './problem.js';

describe('toApiProblem', () => {
  it('reads code, request id and field paths from Apollo 4 CombinedGraphQLErrors', () => {
    const error = Object.assign(new Error('x'), {
      errors: [{ message: 'Check the highlighted fields.', extensions: { code: 'VALIDATION_FAILED', requestId: 'req-1',
        fields: [{ path: 'input.phones.0', message: 'Not a UK phone number' }] } }],
    });
    expect(toApiProblem(error)).toEqual({
      message: 'Check the highlighted fields.', code: 'VALIDATION_FAILED', requestId: 'req-1',
      fields: [{ path: 'input.phones.0', message: 'Not a UK phone number' }],
    });
  });

  it('reads the GraphQL body carried by a non-2xx ServerError', () => {
    const error = { name: 'ServerError', statusCode: 400, result: { errors: [{ message: 'Bad', extensions: { code: 'BAD_REQUEST' } }] } };
    expect(toApiProblem(error)).toMatchObject({ code: 'BAD_REQUEST', message: 'Bad', fields: [] });
  });

  it('reads RATE_LIMITED and its retry time from the raw body of a 429 ServerError', () => {
    const error = { name: 'ServerError', statusCode: 429, bodyText: JSON.stringify({ errors: [{ message: 'Slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } }] }) };
    expect(toApiProblem(error)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 42 });
    expect(toApiProblem({ name: 'ServerError', statusCode: 429, bodyText: 'Too many' }).code).toBe('HTTP_429');
  });

  it('names HTTP failures without a GraphQL body by status', () => {
    expect(toApiProblem({ name: 'ServerError', statusCode: 502 }).code).toBe('HTTP_502');
  });

  it('calls a failed fetch a network error', () => {
    expect(toApiProblem(new TypeError('Failed to fetch')).code).toBe('NETWORK_ERROR');
  });

  it('never throws on junk', () => {
    expect(toApiProblem(undefined).code).toBe('UNKNOWN');
    expect(toApiProblem('boom').code).toBe('UNKNOWN');
  });
});
