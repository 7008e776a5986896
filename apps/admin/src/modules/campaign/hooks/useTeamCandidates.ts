import { useQuery } from '@apollo/client/react';
import { useAuth, useCapabilities } from '@muster/access-ui';
import { CAMPAIGN_TEAMS_QUERY, TEAM_CANDIDATES_QUERY, type CampaignTeamMemberData } from '../graphql/campaign.graphql';

export interface TeamCandidate { id: string; name: string; email: string; role: string | null }

/**
 * Who can be put on a campaign's team: the people holding a role in the organisation and in the viewer's home
 * organisation (the agency, whose staff and volunteers reach every client), as far as the viewer may list users
 * (user:manage). Without user:manage (an organiser), the people on the organisation's other campaign teams. The current
 * team and the viewer are always offered. Sorted by name.
 */
export function useTeamCandidates(organisationId: string, team: readonly CampaignTeamMemberData[]): { candidates: TeamCandidate[]; complete: boolean; loading: boolean } {
  const caps = useCapabilities(organisationId);
  const auth = useAuth();
  const home = caps.homeOrganisationId;
  const here = useQuery(TEAM_CANDIDATES_QUERY, { variables: { organisationId }, skip: !caps.can('user:manage') });
  const agency = useQuery(TEAM_CANDIDATES_QUERY, { variables: { organisationId: home ?? '' }, skip: !home || home === organisationId || !caps.canAtHome('user:manage') });
  const teams = useQuery(CAMPAIGN_TEAMS_QUERY, { variables: { organisationId }, skip: !caps.ready || caps.can('user:manage') });
  const byId = new Map<string, TeamCandidate>();
  for (const result of [here.data, agency.data]) {
    for (const e of result?.users.edges ?? []) byId.set(e.node.user.id, { id: e.node.user.id, name: e.node.user.name, email: e.node.user.email, role: e.node.role });
  }
  for (const c of teams.data?.campaigns.edges ?? []) {
    for (const m of c.node.team) if (!byId.has(m.userId) && m.name) byId.set(m.userId, { id: m.userId, name: m.name, email: m.email ?? '', role: null });
  }
  for (const m of team) if (!byId.has(m.userId)) byId.set(m.userId, { id: m.userId, name: m.name ?? m.email ?? m.userId, email: m.email ?? '', role: null });
  const me = auth.viewer?.user;
  if (me && !byId.has(me.id)) byId.set(me.id, { id: me.id, name: me.name, email: me.email, role: null });
  return {
    candidates: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    complete: caps.can('user:manage'),
    loading: here.loading || agency.loading || teams.loading,
  };
}
