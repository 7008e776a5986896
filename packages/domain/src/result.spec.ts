import { domainError, err, isErr, isOk, ok, type Result } from './result.js';

describe('Result', () => {
  it('builds and narrows both branches', () => {
    const good: Result<number> = ok(1);
    const bad: Result<number> = domainError('SOMETHING', 'Something is wrong.');
    expect(isOk(good) && good.value).toBe(1);
    expect(isErr(bad) && bad.error).toEqual({ code: 'SOMETHING', message: 'Something is wrong.' });
    expect(err('x')).toEqual({ ok: false, error: 'x' });
  });
});
