import { useQuery } from '@apollo/client/react';
import { useAuth, useCapabilities } from '@muster/access-ui';
import { TEAM_CANDIDATES_QUERY, type CampaignTeamMemberData } from '../graphql/campaign.graphql';

export interface TeamCandidate { id: string; name: string; email: string }

/**
 * Who can be put on a campaign's team: the users with a role in the organisation or in its parent (the agency's staff
 * and volunteers), from `campaignTeamCandidates` (campaign:write, the capability that edits teams). The current team
 * and the viewer are always offered, so a form never loses a member it shows. Sorted by name.
 */
export function useTeamCandidates(organisationId: string, team: readonly CampaignTeamMemberData[]): { candidates: TeamCandidate[]; complete: boolean; loading: boolean } {
  const caps = useCapabilities(organisationId);
  const auth = useAuth();
  const result = useQuery(TEAM_CANDIDATES_QUERY, { variables: { organisationId }, skip: !caps.can('campaign:write') });
  const byId = new Map<string, TeamCandidate>();
  for (const u of result.data?.campaignTeamCandidates ?? []) byId.set(u.id, { id: u.id, name: u.name ?? u.email ?? u.id, email: u.email ?? '' });
  for (const m of team) if (!byId.has(m.userId)) byId.set(m.userId, { id: m.userId, name: m.name ?? m.email ?? m.userId, email: m.email ?? '' });
  const me = auth.viewer?.user;
  if (me && !byId.has(me.id)) byId.set(me.id, { id: me.id, name: me.name, email: me.email });
  return {
    candidates: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    // Fewer than the page of 200 came back: every candidate is offered.
    complete: !result.error && (result.data?.campaignTeamCandidates.length ?? 0) < 200,
    loading: result.loading,
  };
}
