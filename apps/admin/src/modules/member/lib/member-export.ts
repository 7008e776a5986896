// "Export CSV" of the members list: a plain link to GET /exports/members.csv with the list's current filter and sort,
// so the browser streams the file to disk itself (a million rows never pass through the app's memory).
import { toMemberFilter, type MemberListParams } from './member-list-params';

export function memberExportUrl(organisationId: string, params: MemberListParams): string {
  const query = new URLSearchParams({ organisationId });
  const { segmentId, ...filter } = toMemberFilter(params) ?? {};
  if (segmentId) query.set('segmentId', segmentId);
  if (Object.keys(filter).length) query.set('filter', JSON.stringify(filter));
  query.set('orderBy', JSON.stringify({ field: params.sort, direction: params.dir }));
  return `/exports/members.csv?${query.toString()}`;
}
