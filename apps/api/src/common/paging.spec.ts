import { ValidationFailedException } from './domain.exception';
import { newestFirstAfter, resolvePaging } from './paging';

describe('resolvePaging', () => {
  it('defaults to the first 50', () => {
    expect(resolvePaging({})).toEqual({ direction: 'forward', limit: 50, cursor: null });
  });

  it('pages backward with last/before', () => {
    expect(resolvePaging({ last: 10, before: 'c' })).toEqual({ direction: 'backward', limit: 10, cursor: 'c' });
  });

  it.each([{ first: 201 }, { last: 500 }, { first: -1 }, { first: 1.5 }])('refuses %p', (args) => {
    expect(() => resolvePaging(args)).toThrow(ValidationFailedException);
  });

  it('names the field that is too large', () => {
    try {
      resolvePaging({ first: 1000 });
      throw new Error('expected a ValidationFailedException');
    } catch (error) {
      expect((error as ValidationFailedException).fields).toEqual([{ path: 'first', message: expect.any(String) }]);
    }
  });

  it('refuses mixing directions', () => {
    expect(() => resolvePaging({ first: 1, last: 1 })).toThrow(ValidationFailedException);
  });
});

describe('newestFirstAfter', () => {
  it('is empty without a cursor and leaves the parameters alone', () => {
    const params: unknown[] = ['org'];
    expect(newestFirstAfter(null, params)).toBe('');
    expect(params).toEqual(['org']);
  });

  it('continues after the cursor row, numbering its values after the caller’s', () => {
    const params: unknown[] = ['org', 50];
    expect(newestFirstAfter({ createdAt: '2026-11-26T10:00:00.000Z', id: 'i' }, params)).toBe(' AND (created_at, id) < ($3::timestamptz, $4::uuid)');
    expect(params).toEqual(['org', 50, '2026-11-26T10:00:00.000Z', 'i']);
  });
});
