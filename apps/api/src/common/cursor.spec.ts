import { decodeCursor, encodeCursor } from './cursor';

const ID = '01900000-0000-7000-8000-0000000000a1';

describe('cursor', () => {
  it('round-trips sort values and id', () => {
    const cursor = encodeCursor('LAST_NAME:ASC', ['jones', 'mary'], ID);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'LAST_NAME:ASC', 2)).toEqual({ sort: 'LAST_NAME:ASC', values: ['jones', 'mary'], id: ID });
  });

  it('keeps nulls and numbers', () => {
    const cursor = encodeCursor('X', [null, 3], ID);
    expect(decodeCursor(cursor, 'X', 2)?.values).toEqual([null, 3]);
  });

  it('rejects a cursor made for another ordering', () => {
    const cursor = encodeCursor('LAST_NAME:ASC', ['jones', 'mary'], ID);
    expect(decodeCursor(cursor, 'LAST_NAME:DESC', 2)).toBeNull();
    expect(decodeCursor(cursor, 'LAST_NAME:ASC', 1)).toBeNull();
  });

  it.each(['', 'not a cursor!', 'e30', Buffer.from('["X","a","not-a-uuid"]').toString('base64url'), 'x'.repeat(3000)])(
    'rejects garbage %#',
    (garbage) => {
      expect(decodeCursor(garbage, 'X', 1)).toBeNull();
    },
  );
});
