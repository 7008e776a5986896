import { nextPage, parseAuditParams, previousPage, toAuditFilter, toAuditSearch, withFilter } from './audit-params';

describe('audit log URL state', () => {
  it('round-trips through the query string and ignores junk', () => {
    const p = parseAuditParams(new URLSearchParams('action=auth.&user=u1&from=2026-11-01&to=nonsense&size=7'));
    expect(p).toEqual({ action: 'auth.', user: 'u1', from: '2026-11-01', to: '', size: 50, after: null, trail: [] });
    expect(toAuditSearch(p).toString()).toBe('action=auth.&user=u1&from=2026-11-01');
  });

  it('walks forward and back through cursors, and a filter change starts at page one', () => {
    const first = parseAuditParams(new URLSearchParams(''));
    const second = nextPage(first, 'c1');
    const third = nextPage(second, 'c2');
    expect(third).toMatchObject({ after: 'c2', trail: ['c1'] });
    expect(previousPage(third)).toMatchObject({ after: 'c1', trail: [] });
    expect(previousPage(second)).toMatchObject({ after: null, trail: [] });
    expect(withFilter(third, { action: 'member.' })).toMatchObject({ action: 'member.', after: null, trail: [] });
  });

  it('builds the GraphQL filter', () => {
    expect(toAuditFilter(parseAuditParams(new URLSearchParams('')))).toBeNull();
    expect(toAuditFilter(parseAuditParams(new URLSearchParams('action=auth.login&from=2026-11-01&to=2026-11-02')))).toEqual({
      action: { startsWith: 'auth.login' },
      createdAt: { gte: '2026-11-01T00:00:00.000Z', lte: '2026-11-02T23:59:59.999Z' },
    });
  });
});
