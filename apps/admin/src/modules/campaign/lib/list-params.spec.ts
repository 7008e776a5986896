import { nextParams, pageOf, readList } from './list-params';

describe('list params', () => {
  it('reads a list, dropping values it does not know', () => {
    expect(readList(new URLSearchParams('status=ACTIVE,NOPE,PAUSED'), 'status', ['ACTIVE', 'PAUSED', 'DRAFT'] as const)).toEqual(['ACTIVE', 'PAUSED']);
    expect(readList(new URLSearchParams(''), 'status', ['ACTIVE'] as const)).toEqual([]);
  });

  it('a filter change goes back to the first page; paging keeps the filters', () => {
    const p = new URLSearchParams('q=pay&status=ACTIVE&after=abc&page=3');
    expect(nextParams(p, { status: ['PAUSED', 'DRAFT'] }).toString()).toBe('q=pay&status=PAUSED%2CDRAFT');
    expect(nextParams(p, { q: '' }).toString()).toBe('status=ACTIVE');
    expect(nextParams(p, { after: 'def', page: '4' }).toString()).toBe('q=pay&status=ACTIVE&after=def&page=4');
  });

  it('reads the page number defensively', () => {
    expect(pageOf(new URLSearchParams('page=3'))).toBe(3);
    expect(pageOf(new URLSearchParams('page=-2'))).toBe(1);
    expect(pageOf(new URLSearchParams('page=x'))).toBe(1);
  });
});
