import {
  activeFilters, clearFilters, parseMemberListParams, toMemberFilter, toMembersVariables, toSearchParams, withChanges,
} from './member-list-params';

const parse = (qs: string) => parseMemberListParams(new URLSearchParams(qs));

describe('member list URL state', () => {
  it('round-trips every filter, sort, size and cursor through the query string', () => {
    const qs = 'q=jo&status=ACTIVE,LAPSED&region=London&branch=North&workplace=St+T&tags=rep&issues=pay,pensions&smsConsent=GRANTED&emailConsent=WITHDRAWN&joinedFrom=2020-01-01&joinedTo=2021-12-31&sort=JOINED_ON&dir=DESC&size=100&after=abc&page=3';
    const p = parse(qs);
    expect(parse(toSearchParams(p).toString())).toEqual(p);
    expect(p).toMatchObject({ status: ['ACTIVE', 'LAPSED'], issues: ['pay', 'pensions'], size: 100, page: 3, after: 'abc' });
  });

  it('leaves defaults out of the URL', () => {
    expect(toSearchParams(parse('sort=LAST_NAME&dir=ASC&size=50')).toString()).toBe('');
  });

  it('drops values the API would reject', () => {
    const p = parse('status=ACTIVE,BOGUS&smsConsent=MAYBE&joinedFrom=01/02/2020&size=7&sort=DROP_TABLE&page=-2');
    expect(p).toMatchObject({ status: ['ACTIVE'], smsConsent: '', joinedFrom: '', size: 50, sort: 'LAST_NAME', page: 1 });
  });

  it('maps to GraphQL variables in the contract vocabulary', () => {
    const vars = toMembersVariables('org-1', parse('q=smith&status=LEFT&region=Wales&branch=Car&tags=a,b&joinedFrom=2020-01-01'));
    expect(vars).toEqual({
      organisationId: 'org-1',
      first: 50,
      orderBy: { field: 'LAST_NAME', direction: 'ASC' },
      filter: {
        search: 'smith', status: { eq: 'LEFT' }, region: { eq: 'Wales' }, branch: { startsWith: 'Car' },
        tags: { containsAny: ['a', 'b'] }, joinedOn: { gte: '2020-01-01' },
      },
    });
  });

  it('pages backwards with last/before', () => {
    expect(toMembersVariables('o', parse('before=xyz&size=25'))).toMatchObject({ last: 25, before: 'xyz' });
    expect(toMembersVariables('o', parse('before=xyz')).first).toBeUndefined();
  });

  it('starts again at the first page when the view changes, but not when paging', () => {
    const p = parse('after=abc&page=2&region=London');
    expect(withChanges(p, { status: ['ACTIVE'] })).toMatchObject({ after: '', page: 1 });
    expect(withChanges(p, { after: 'def', page: 3 })).toMatchObject({ after: 'def', page: 3, region: 'London' });
    expect(toSearchParams(clearFilters(parse('region=London&sort=JOINED_ON&dir=DESC'))).toString()).toBe('sort=JOINED_ON&dir=DESC');
  });

  it('describes active filters as removable chips', () => {
    const chips = activeFilters(parse('status=ACTIVE&region=London&joinedFrom=2020-01-01&joinedTo=2020-12-31'));
    expect(chips.map((c) => c.label)).toEqual(['Status: Active', 'Region: London', 'Joined 2020-01-01 to 2020-12-31']);
    expect(chips[2].clear).toEqual({ joinedFrom: '', joinedTo: '' });
  });

  it('keeps a segment in the URL, sends it as filter.segmentId, and shows it as a removable chip', () => {
    const segment = '0190a5c1-0000-7000-8000-00000000000a';
    const params = parseMemberListParams(new URLSearchParams(`segment=${segment}`));
    expect(toSearchParams(params).get('segment')).toBe(segment);
    expect(toMemberFilter(params)).toEqual({ segmentId: segment });
    expect(activeFilters(params, { [segment]: 'Stewards' })).toEqual([{ key: 'segment', label: 'In segment “Stewards”', clear: { segment: '' } }]);
    expect(clearFilters(params).segment).toBe('');
    expect(parseMemberListParams(new URLSearchParams('segment=not-an-id')).segment).toBe('');
  });
});
