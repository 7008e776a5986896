import { useQuery } from '@apollo/client/react';
import { MEMBERS_QUERY, MEMBER_QUERY, REGION_OPTIONS_QUERY } from '../graphql/member.graphql';
import { toMembersVariables, type MemberListParams } from '../lib/member-list-params';

export function useMembers(organisationId: string, params: MemberListParams) {
  const result = useQuery(MEMBERS_QUERY, { variables: toMembersVariables(organisationId, params) });
  // While the next page loads, keep showing the last one (dimmed) instead of flashing a skeleton.
  const connection = result.data?.members ?? result.previousData?.members;
  return { connection, loading: result.loading, error: result.error, refetch: result.refetch, stale: result.loading && !!connection };
}

export function useMember(id: string) {
  return useQuery(MEMBER_QUERY, { variables: { id } });
}

export function useRegionOptions(organisationId: string) {
  const { data } = useQuery(REGION_OPTIONS_QUERY, { variables: { organisationId } });
  return (data?.insights.breakdown.rows ?? []).map((r) => r.key).filter((k) => k !== '').sort((a, b) => a.localeCompare(b, 'en-GB'));
}
