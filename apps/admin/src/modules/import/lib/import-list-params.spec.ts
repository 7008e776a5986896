import { parseImportListParams, toImportSearchParams, toImportsVariables } from './import-list-params';

describe('import history URL', () => {
  it('reads a status filter and cursor, ignoring anything unknown', () => {
    expect(parseImportListParams(new URLSearchParams('status=completed&after=c1&page=3'))).toEqual({ status: 'completed', after: 'c1', page: 3 });
    expect(parseImportListParams(new URLSearchParams('status=bogus&page=3'))).toEqual({ status: '', after: '', page: 1 });
  });

  it('writes it back without defaults', () => {
    expect(toImportSearchParams({ status: '', after: '', page: 1 }).toString()).toBe('');
    expect(toImportSearchParams({ status: 'active', after: 'c2', page: 2 }).toString()).toBe('status=active&after=c2&page=2');
  });

  it('turns a filter into the statuses the API filters on', () => {
    expect(toImportsVariables('org-1', { status: 'active', after: '', page: 1 })).toEqual({
      organisationId: 'org-1',
      first: 20,
      status: ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING'],
    });
    expect(toImportsVariables('org-1', { status: '', after: 'c9', page: 2 })).toEqual({ organisationId: 'org-1', first: 20, after: 'c9' });
  });
});
