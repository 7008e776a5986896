import { memberExportUrl } from './member-export';
import { parseMemberListParams } from './member-list-params';

describe('the members export link', () => {
  it('carries the list’s filter and sort as the export endpoint’s JSON parameters', () => {
    const params = parseMemberListParams(new URLSearchParams('q=ada&status=ACTIVE&region=London&tags=nurse,steward&sort=JOINED_ON&dir=DESC&after=abc&size=100'));
    const url = new URL(memberExportUrl('org-1', params), 'http://x');
    expect(url.pathname).toBe('/exports/members.csv');
    expect(url.searchParams.get('organisationId')).toBe('org-1');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({
      search: 'ada',
      status: { eq: 'ACTIVE' },
      region: { eq: 'London' },
      tags: { containsAny: ['nurse', 'steward'] },
    });
    expect(JSON.parse(url.searchParams.get('orderBy')!)).toEqual({ field: 'JOINED_ON', direction: 'DESC' });
    // Paging is the list's, not the export's: every matching member is exported.
    expect([...url.searchParams.keys()].sort()).toEqual(['filter', 'orderBy', 'organisationId']);
  });

  it('exports everyone when nothing is filtered', () => {
    const url = new URL(memberExportUrl('org-1', parseMemberListParams(new URLSearchParams())), 'http://x');
    expect(url.searchParams.has('filter')).toBe(false);
    expect(JSON.parse(url.searchParams.get('orderBy')!)).toEqual({ field: 'LAST_NAME', direction: 'ASC' });
  });

  it('exports a segment through segmentId, with the other filters still in filter', () => {
    const segment = '0190a5c1-0000-7000-8000-00000000000a';
    const url = new URL(memberExportUrl('org-1', parseMemberListParams(new URLSearchParams(`segment=${segment}&region=Wales`))), 'http://x');
    expect(url.searchParams.get('segmentId')).toBe(segment);
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ region: { eq: 'Wales' } });
    const only = new URL(memberExportUrl('org-1', parseMemberListParams(new URLSearchParams(`segment=${segment}`))), 'http://x');
    expect(only.searchParams.has('filter')).toBe(false);
  });
});
